import type { ScenarioProduct } from '../scenario/scenario.schema';

export type CatalogSku = ScenarioProduct['skus'][number];

export interface CatalogItem {
  product: ScenarioProduct;
  sku: CatalogSku;
  availabilityId: string;
  catalogItemId: string;
}

/** `PID:SKU:AVAIL` (docs/PARTNER-CENTER-REFERENCE.md §8). */
export function catalogItemIdOf(productId: string, skuId: string, availabilityId: string): string {
  return `${productId}:${skuId}:${availabilityId}`;
}

/** Finds a purchasable item by `catalogItemId`, case-insensitively as the service does. */
export function findCatalogItem(catalog: readonly ScenarioProduct[], catalogItemId: string): CatalogItem | undefined {
  const [pid, sid, aid] = catalogItemId.toUpperCase().split(':');
  if (!pid || !sid || !aid) return undefined;
  const product = catalog.find((p) => p.id.toUpperCase() === pid);
  const sku = product?.skus.find((s) => s.id.toUpperCase() === sid);
  if (!product || !sku || sku.availabilityId.toUpperCase() !== aid) return undefined;
  return { product, sku, availabilityId: sku.availabilityId, catalogItemId: catalogItemIdOf(product.id, sku.id, sku.availabilityId) };
}

/** Whether a cart line's term and billing cycle is one the availability offers. */
export function isOfferedTerm(item: CatalogItem, termDuration: string | undefined, billingCycle: string): boolean {
  if (item.product.productType === 'Azure') return termDuration === undefined || termDuration === '';
  return item.sku.terms.some((t) => t.duration === termDuration && t.billingCycle === billingCycle.toLowerCase());
}
