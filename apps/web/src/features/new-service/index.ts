import { IconMailForward, IconUserCheck } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [
  { path: '/companies/:companyId/new-service', component: lazyPage(() => import('./new-service-page'), (m) => m.NewServicePage) },
  { path: '/outbox', component: lazyPage(() => import('./outbox-page'), (m) => m.OutboxPage) },
  { path: '/authorizations', component: lazyPage(() => import('./pending-authorizations-page'), (m) => m.PendingAuthorizationsPage) },
];
const navigation: readonly NavItem[] = [
  { to: '/authorizations', label: 'nav.authorizations', icon: IconUserCheck, permission: 'sync.read' },
  { to: '/outbox', label: 'nav.outbox', icon: IconMailForward, permission: 'sync.read' },
];

/** Onboarding: the new-service wizard (new or existing tenant), pending authorizations and the mail outbox. */
export const newServiceFeature = { name: 'new-service', routes, navigation };
