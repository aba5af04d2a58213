import { IconShoppingCart } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/store', component: lazyPage(() => import('./storefront-page'), (m) => m.StorefrontPage) }];
// Resellers and customer admins order in the storefront; distributor staff use company pages.
const navigation: readonly NavItem[] = [{ to: '/store', label: 'nav.store', icon: IconShoppingCart, permission: 'company.update', companyKinds: ['reseller', 'customer'] }];

/** Commerce: the storefront. */
export const storefrontFeature = { name: 'storefront', routes, navigation };
