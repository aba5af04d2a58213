import { createCatalogRepo, createOrdersRepo, type CatalogRepo, type OrdersRepo } from '@csphub/db';
import type { PartnerCenterClient } from '@csphub/partner-center';
import type { PlaceOrderInput } from '@csphub/provisioning';
import type { ServerDeps } from '../app/server-deps';

/**
 * Starts the durable place-order workflow. Implemented over the workflow runtime where the server
 * launches it; absent in API-only tests, where submitting an order answers that ordering is
 * unavailable rather than pretending.
 */
export interface OrderRuns {
  startPlaceOrder?: (input: PlaceOrderInput) => Promise<void>;
}

/**
 * What the catalog, orders, subscriptions and licenses routes are built from: the
 * channel's deps (database, secrets, clock, auth) plus the Partner Center client of a connection
 * and the order runs. One object, passed from createApp.
 */
export interface CommerceDeps extends ServerDeps {
  partnerCenterFor(connectionId: string): Promise<PartnerCenterClient>;
  orderRuns: OrderRuns;
  /** The public origin, for links in notifications. */
  publicUrl: string;
  /** Background failures (catalog schedule) land here. */
  logger?: { warn(obj: object, msg: string): void };
}

/** The repositories of this feature, on the database handle. */
export function commerceRepos(deps: Pick<CommerceDeps, 'db'>): { catalog: CatalogRepo; orders: OrdersRepo } {
  return { catalog: createCatalogRepo(deps.db), orders: createOrdersRepo(deps.db) };
}
