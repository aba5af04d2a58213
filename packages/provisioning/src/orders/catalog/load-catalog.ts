import { catalogCategoryOf, productGroupOf } from '@csphub/domain';
import type { CatalogEntry, CatalogPartnerCenter, SourceSku } from './catalog-ports';

/** How many product/SKU reads run at once: fast, yet well inside Microsoft's limits (docs/PARTNER-CENTER-REFERENCE.md §14). */
const PARALLEL_READS = 4;

async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Reads the new-commerce licence-based catalog of one country from Partner Center (docs/PARTNER-CENTER-REFERENCE.md §8): products of
 * the `OnlineServices` view that are NCE, their SKUs, and each SKU's availabilities, which carry the
 * `catalogItemId` and terms a cart line needs. Returns one entry per availability, with CSP Hub's
 * category and product group, and how many Partner Center calls it took.
 */
export async function loadCatalog(pc: CatalogPartnerCenter, country: string): Promise<{ entries: CatalogEntry[]; calls: number }> {
  const scope = { country: country.toUpperCase() };
  let calls = 1;
  const products = (await pc.listProducts({ ...scope, targetView: 'OnlineServices' }).toArray()).filter((p) => p.isNewCommerce);
  const perProduct = await inParallel(products, PARALLEL_READS, async (product) => {
    calls++;
    const skus: SourceSku[] = await pc.listSkus(product.id, scope).toArray();
    const perSku = await inParallel(skus, PARALLEL_READS, async (sku) => {
      calls++;
      const availabilities = await pc.listAvailabilities(product.id, sku.id, scope).toArray();
      return availabilities.map(
        (a): CatalogEntry => ({
          catalogItemId: a.catalogItemId,
          productId: product.id,
          skuId: sku.id,
          availabilityId: a.id,
          category: catalogCategoryOf(product.productTypeId),
          productGroup: productGroupOf(product.title),
          productTitle: product.title,
          productDescription: product.description,
          skuTitle: sku.title,
          skuDescription: sku.description,
          minimumQuantity: sku.minimumQuantity,
          maximumQuantity: sku.maximumQuantity,
          isTrial: sku.isTrial,
          isAddOn: sku.isAddOn,
          isPurchasable: a.isPurchasable,
          segment: a.segment,
          currency: a.currency,
          listPrice: typeof a.listPrice === 'number' ? a.listPrice : null,
          terms: a.terms.map((t) => ({ duration: t.duration, billingCycle: t.billingCycle, description: t.description })),
        }),
      );
    });
    return perSku.flat();
  });
  return { entries: perProduct.flat(), calls };
}
