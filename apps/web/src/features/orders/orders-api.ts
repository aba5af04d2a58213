/** The API shapes of catalog, orders and subscriptions: inferred from the server's route schemas (`@csphub/server/contract`). */
import type { Catalog, Order, Subscription, SyncOptions } from '@csphub/server/contract';

export type { Catalog, CatalogSku, Order, Subscription, TenantSubscriptions } from '@csphub/server/contract';
export type CatalogProduct = Catalog['categories'][number]['groups'][number]['products'][number];
export type OrderStatus = Order['status'];
export type SubscriptionAction = keyof Subscription['actions'];
/** What the order pages read of a company's sync options (`GET /companies/{id}/sync-options`). */
export type SyncOption = Pick<SyncOptions, 'connection' | 'resellerPartnerId' | 'tenantId' | 'defaultDomain'>;

/** A stable idempotency key for one submission attempt of the order form. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}
