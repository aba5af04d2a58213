import { IconMailCog } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [
  { path: '/settings/notifications', component: lazyPage(() => import('./notification-templates-page'), (m) => m.NotificationTemplatesPage) },
];
const navigation: readonly NavItem[] = [
  { to: '/settings/notifications', label: 'nav.notificationTemplates', icon: IconMailCog, permission: 'notifications.manage', companyKinds: ['distributor', 'reseller'] },
];

/** The wording of the e-mails CSP Hub sends, per template and language (distributor, and resellers where allowed). */
export const notificationTemplatesFeature = { name: 'notification-templates', routes, navigation };
