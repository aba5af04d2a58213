import { IconWebhook } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/settings/webhooks', component: lazyPage(() => import('./webhooks-page'), (m) => m.WebhooksPage) }];
const navigation: readonly NavItem[] = [{ to: '/settings/webhooks', label: 'nav.webhooks', icon: IconWebhook, permission: 'webhooks.manage', companyKinds: ['distributor', 'reseller'] }];

/** The distributor's or reseller's webhook subscriptions, their delivery log and redelivery. */
export const webhooksFeature = { name: 'webhooks', routes, navigation };
