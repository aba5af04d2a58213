import { IconSettings } from '@tabler/icons-react';
import { featureMessages, lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';
import { settingsEn } from './settings.messages.en';
import { settingsEs } from './settings.messages.es';

const routes: readonly FeatureRoute[] = [{ path: '/settings', component: lazyPage(() => import('./settings-page'), (m) => m.SettingsPage) }];
const navigation: readonly NavItem[] = [{ to: '/settings', label: 'nav.settings', icon: IconSettings, permission: 'settings.manage' }];

/** The distributor's settings: who receives credentials, billing address rule, default GDAP, notifications. */
export const settingsFeature = { name: 'settings', routes, navigation, messages: featureMessages(settingsEn, settingsEs) };
