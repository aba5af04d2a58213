/** The API shapes of catalog, orders, subscriptions, moves and licenses (see /api/openapi.json). */
export interface CatalogSku {
  catalogItemId: string;
  skuId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  isPurchasable: boolean;
  currency: string;
  listPrice: number | null;
  terms: { duration: string; billingCycle: string; description: string }[];
}
export interface CatalogProduct {
  id: string;
  title: string;
  description: string;
  hidden: boolean;
  skus: CatalogSku[];
}
export interface Catalog {
  connection: { id: string; name: string; type: 'direct-bill' | 'indirect-provider' } | null;
  country: string | null;
  snapshot: { refreshedAt: string | null; entryCount: number; partnerCenterCalls: number; durationMs: number; lastError: string | null; refreshing: boolean };
  categories: { name: string; groups: { name: string; products: CatalogProduct[] }[] }[];
}

export type OrderStatus = 'submitted' | 'in_progress' | 'fulfilled' | 'failed' | 'needs_attention';
export interface Order {
  id: string;
  reference: string;
  connectionId: string;
  status: OrderStatus;
  lines: { catalogItemId: string; productTitle: string; skuTitle: string; quantity: number; termDuration: string; billingCycle: string; resellerPartnerId?: string }[];
  subscriptionIds: string[];
  errorCode: string | null;
  errorMessage: string | null;
  createdBy: string;
  createdAt: string;
}

export type SubscriptionAction = 'add_seats' | 'reduce_seats' | 'cancel' | 'enable_auto_renew' | 'disable_auto_renew' | 'suspend' | 'reactivate';
export interface Subscription {
  id: string;
  connectionId: string;
  catalogItemId: string;
  productName: string;
  quantity: number;
  assigned: number | null;
  status: string;
  termDuration: string;
  billingCycle: string;
  termEndsAt: string;
  autoRenew: boolean;
  partnerOfRecord: string | null;
  window: { endsAt: string; isOpen: boolean; hoursLeft: number; closingSoon: boolean };
  expiry: { daysLeft: number; isNear: boolean; isExpired: boolean };
  bounds: { minimum: number; maximum: number };
  actions: Record<SubscriptionAction, { allowed: boolean; reason: string | null }>;
}
export interface TenantSubscriptions {
  connection: { id: string; name: string; type: 'direct-bill' | 'indirect-provider'; region: string };
  tenantId: string;
  defaultDomain: string | null;
  subscriptions: Subscription[];
  heldElsewhere: { skuId: string; name: string; purchased: number; assigned: number }[] | null;
  error: string | null;
  licensesError: string | null;
}

export interface SyncOption {
  connection: { id: string; name: string; type: 'direct-bill' | 'indirect-provider'; region: string };
  resellerPartnerId: string | null;
  tenantId: string | null;
  defaultDomain: string | null;
}

/** A stable idempotency key for one submission attempt of the order form. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}
