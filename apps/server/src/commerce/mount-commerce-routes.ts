import type { LimiterRegistry } from '@csphub/partner-center';
import type { Notifier } from '@csphub/notifications';
import type { Router } from '../http/openapi-app';
import type { ChannelDeps } from '../channel/channel-deps';
import { reposOf } from '../channel/channel-deps';
import { catalogRoutes } from '../routes/catalog.routes';
import { ordersRoutes } from '../routes/orders.routes';
import { subscriptionsRoutes } from '../routes/subscriptions.routes';
import { subscriptionsMoveRoutes } from '../routes/subscriptions-move.routes';
import { licensesRoutes } from '../routes/licenses.routes';
import { createCatalogService, type CatalogService } from './catalog-service';
import type { CommerceDeps, OrderRuns } from './commerce-deps';
import { createPartnerCenterClients, type PartnerCenterClients } from '../partner-center/partner-center-clients';
import { startSubscriptionNotices } from './subscription-notices';
import { resellerRevalidationRoutes } from '../channel/reseller-revalidation.routes';
import { startResellerRevalidation } from '../channel/reseller-revalidation';

/** What createApp may pass for orders and subscriptions; defaults work. */
export interface CommerceOptions {
  publicUrl: string;
  /** Starts the place-order run; set where the workflow runtime is launched. */
  startPlaceOrder?: OrderRuns['startPlaceOrder'];
  /** The Partner Center client of a connection; by default built from the stored connection. */
  partnerCenterFor?: CommerceDeps['partnerCenterFor'];
  limiters?: LimiterRegistry;
  logger?: CommerceDeps['logger'];
  /** Sends the window-closing and expiry-near notices every this many ms (with `notifier`). */
  checkSubscriptionsEveryMs?: number;
  /** Revalidates every reseller's Partner Location ID with Microsoft every this many ms (and at start when due). */
  revalidateResellersEveryMs?: number;
  notifier?: Pick<Notifier, 'send'>;
}

/**
 * Mounts catalog, orders, subscriptions, subscription moves and licenses on the /api/v1
 * router, with one catalog cache service for the process. Returns the deps and the service, so the
 * process can stop the catalog schedule.
 */
export function mountCommerceRoutes(api: Router, channel: ChannelDeps, options: CommerceOptions): { deps: CommerceDeps; catalog: CatalogService } {
  const deps: CommerceDeps = {
    ...channel,
    publicUrl: options.publicUrl,
    orderRuns: options.startPlaceOrder ? { startPlaceOrder: options.startPlaceOrder } : {},
    partnerCenterFor:
      options.partnerCenterFor ??
      forClientOnly(
        createPartnerCenterClients({ repos: () => reposOf(channel), emulatorUrl: channel.emulatorUrl, now: () => channel.clock.now(), ...(options.limiters ? { limiters: options.limiters } : {}) }),
      ),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const catalog = createCatalogService(deps);
  for (const routes of [catalogRoutes(deps, catalog), ordersRoutes(deps, catalog), subscriptionsRoutes(deps), subscriptionsMoveRoutes(deps), licensesRoutes(deps), resellerRevalidationRoutes(deps)]) {
    api.route('/', routes);
  }
  if (options.notifier && options.checkSubscriptionsEveryMs) startSubscriptionNotices(deps, options.notifier, options.checkSubscriptionsEveryMs);
  if (options.revalidateResellersEveryMs) startResellerRevalidation(deps, options.revalidateResellersEveryMs);
  return { deps, catalog };
}

/** Commerce only needs the client of a connection, not the connection's summary. */
function forClientOnly(clients: PartnerCenterClients): CommerceDeps['partnerCenterFor'] {
  return async (connectionId) => (await clients.forConnection(connectionId)).client;
}
