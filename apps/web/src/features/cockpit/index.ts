import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [
  { path: '/cockpit/lists/:list', component: lazyPage(() => import('./cockpit-list-page'), (m) => m.CockpitListPage) },
  { path: '/cockpit/jobs/:jobId', component: lazyPage(() => import('./cockpit-job-page'), (m) => m.CockpitJobPage) },
];
const navigation: readonly NavItem[] = [];

/** The portfolio cockpit: its panel is the staff's home page; its lists and bulk jobs are pages of their own. */
export const cockpitFeature = { name: 'cockpit', routes, navigation };
