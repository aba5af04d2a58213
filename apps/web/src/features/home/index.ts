import { IconHome } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/', component: lazyPage(() => import('./home-page'), (m) => m.HomePage) }];
const navigation: readonly NavItem[] = [{ to: '/', label: 'nav.home', icon: IconHome }];

/** The home page: the system's state and the caller's channel at a glance. */
export const homeFeature = { name: 'home', routes, navigation };
