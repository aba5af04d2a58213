import type { Router } from '../http/openapi-app';
import { catalogRoutes } from './catalog.routes';
import { ordersRoutes } from './orders.routes';
import { subscriptionsRoutes } from './subscriptions.routes';
import { subscriptionsMoveRoutes } from './subscriptions-move.routes';
import { subscriptionTransfersRoutes } from './subscription-transfers.routes';
import { subscriptionRenewalRoutes } from './subscription-renewal.routes';
import { licensesRoutes } from './licenses.routes';
import { createCatalogService } from './catalog-service';
import { pricingRoutes } from './pricing.routes';
import { checkoutOptionsRoutes } from './checkout-options.routes';
import { createPricingService } from './pricing-service';
import type { CommerceDeps } from './commerce-deps';
import { resellerRevalidationRoutes } from '../channel/reseller-revalidation.routes';

/**
 * Mounts catalog, orders, subscriptions, subscription moves and transfers, licenses and the resellers'
 * partner-of-record revalidation on the /api/v1 router (createApp builds `deps`), with one catalog cache service for the process.
 */
export function mountCommerceRoutes(api: Router, deps: CommerceDeps): void {
  const catalog = createCatalogService(deps);
  const pricing = createPricingService(deps);
  for (const routes of [pricingRoutes(deps, pricing), catalogRoutes(deps, catalog), ordersRoutes(deps, catalog, pricing), checkoutOptionsRoutes(deps), subscriptionsRoutes(deps, pricing), subscriptionRenewalRoutes(deps), subscriptionsMoveRoutes(deps), subscriptionTransfersRoutes(deps), licensesRoutes(deps), resellerRevalidationRoutes(deps)]) {
    api.route('/', routes);
  }
}
