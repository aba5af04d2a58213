import { IconSettings } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/settings', component: lazyPage(() => import('./settings-page'), (m) => m.SettingsPage) }];
const navigation: readonly NavItem[] = [{ to: '/settings', label: 'nav.settings', icon: IconSettings, permission: 'settings.manage' }];

/** The distributor's settings: who receives credentials, billing address rule, default GDAP, notifications. */
export const settingsFeature = { name: 'settings', routes, navigation };
