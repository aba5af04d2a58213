import { lazyPage, type FeatureRoute } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/connections/:connectionId/import', component: lazyPage(() => import('./customer-import-page'), (m) => m.CustomerImportPage) }];

/** The import of a connection's existing customers: reading, review with a decision per conflict, import with progress, report (reached from the connections page). */
export const customerImportFeature = { name: 'customer-import', routes, navigation: [] };
