import { IconBooks } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/catalog', component: lazyPage(() => import('./catalog-page'), (m) => m.CatalogPage) }];
const navigation: readonly NavItem[] = [{ to: '/catalog', label: 'nav.catalog', icon: IconBooks, permission: 'connections.read' }];

/** Commerce: the catalog the distributor curates; its text is in the orders catalogue. */
export const catalogFeature = { name: 'catalog', routes, navigation };
