/**
 * Ports of the catalog cache. `CatalogPartnerCenter` is the typed client's catalog family as it is
 * (its `PagedResult` lists satisfy `{ toArray() }`); `CatalogStore` is the catalog repository of
 * @csphub/db.
 */

interface Listed<T> {
  toArray(): Promise<T[]>;
}

export interface CatalogScopeArg {
  country: string;
}

export interface SourceProduct {
  id: string;
  title: string;
  description: string;
  productTypeId: string;
  isNewCommerce: boolean;
}

export interface SourceSku {
  id: string;
  productId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  isAddOn: boolean;
}

export interface SourceAvailability {
  id: string;
  productId: string;
  skuId: string;
  catalogItemId: string;
  currency: string;
  segment: string;
  isPurchasable: boolean;
  terms: { duration: string; billingCycle: string; description: string }[];
  /** Microsoft's list price, when the availability carries one (not every source does). */
  listPrice?: number | null;
}

/** What the cache reads from Partner Center (docs/PARTNER-CENTER-REFERENCE.md §8). */
export interface CatalogPartnerCenter {
  listProducts(scope: CatalogScopeArg & { targetView: 'OnlineServices' }): Listed<SourceProduct>;
  listSkus(productId: string, scope: CatalogScopeArg): Listed<SourceSku>;
  listAvailabilities(productId: string, skuId: string, scope: CatalogScopeArg): Listed<SourceAvailability>;
}

/** One purchasable row of the cached catalog: an availability with its SKU and product. */
export interface CatalogEntry {
  catalogItemId: string;
  productId: string;
  skuId: string;
  availabilityId: string;
  category: string;
  productGroup: string;
  productTitle: string;
  productDescription: string;
  skuTitle: string;
  skuDescription: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  isAddOn: boolean;
  isPurchasable: boolean;
  segment: string;
  currency: string;
  listPrice: number | null;
  terms: { duration: string; billingCycle: string; description: string }[];
}

/** Where the cache lives (one catalog per connection and country). */
export interface CatalogStore {
  replaceCatalog(connectionId: string, country: string, entries: CatalogEntry[], refreshedAt: Date, stats: { partnerCenterCalls: number; durationMs: number }): Promise<void>;
  markRefreshFailed(connectionId: string, country: string, message: string, at: Date): Promise<void>;
}
