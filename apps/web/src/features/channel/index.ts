import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/companies/:id', component: lazyPage(() => import('./company-page'), (m) => m.CompanyPage) }];
// The company tree (company-tree.tsx, tree-data.tsx) is the channel's navigation; the shell shows it.
const navigation: readonly NavItem[] = [];

/** The channel: the company tree, company pages and their tabs, people and access. */
export const channelFeature = { name: 'channel', routes, navigation };
