import { IconPlugConnected } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [
  { path: '/connections', component: lazyPage(() => import('./connections-page'), (m) => m.ConnectionsPage) },
  { path: '/connections/consent', component: lazyPage(() => import('./connections-page'), (m) => m.ConnectionConsentPage) },
];
const navigation: readonly NavItem[] = [{ to: '/connections', label: 'nav.connections', icon: IconPlugConnected, permission: 'connections.read' }];

/** The distributor's Partner Center connections and their re-consent; its text is in the channel's catalogue. */
export const connectionsFeature = { name: 'connections', routes, navigation };
