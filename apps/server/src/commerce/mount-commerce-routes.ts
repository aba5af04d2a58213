import type { Router } from '../http/openapi-app';
import { catalogRoutes } from './catalog.routes';
import { ordersRoutes } from './orders.routes';
import { subscriptionsRoutes } from './subscriptions.routes';
import { subscriptionsMoveRoutes } from './subscriptions-move.routes';
import { licensesRoutes } from './licenses.routes';
import { createCatalogService } from './catalog-service';
import type { CommerceDeps } from './commerce-deps';

/**
 * Mounts catalog, orders, subscriptions, subscription moves and licenses on the /api/v1
 * router (createApp builds `deps`), with one catalog cache service for the process.
 */
export function mountCommerceRoutes(api: Router, deps: CommerceDeps): void {
  const catalog = createCatalogService(deps);
  for (const routes of [catalogRoutes(deps, catalog), ordersRoutes(deps, catalog), subscriptionsRoutes(deps), subscriptionsMoveRoutes(deps), licensesRoutes(deps)]) {
    api.route('/', routes);
  }
}
