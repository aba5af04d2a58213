import { IconCurrencyEuro } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/prices', component: lazyPage(() => import('./prices-page'), (m) => m.PricesPage) }];
const navigation: readonly NavItem[] = [{ to: '/prices', label: 'nav.prices', icon: IconCurrencyEuro, permission: 'company.update' }];

/** Commerce: a seller's price list and the prices of a company at the levels the caller may see. */
export const pricesFeature = { name: 'prices', routes, navigation };
