import type { Availability, Product, Sku } from '@csphub/partner-center/wire';
import type { ScenarioProduct } from '../scenario/scenario.schema';
import type { CatalogSku } from '../engine/catalog.engine';
import { catalogItemIdOf } from '../engine/catalog.engine';

const TERM_DESCRIPTIONS: Record<string, string> = {
  'P1M:monthly': 'One-Month commitment for monthly billing',
  'P1Y:monthly': 'One-Year commitment for monthly/yearly billing',
  'P1Y:annual': 'One-Year commitment for monthly/yearly billing',
  'P3Y:monthly': 'Three-Year commitment for monthly/triennial billing',
  'P3Y:annual': 'Three-Year commitment for yearly billing',
};

function productTypeOf(p: ScenarioProduct) {
  return p.productType === 'Azure'
    ? { id: 'Azure', displayName: 'Azure', subType: { id: 'AzurePlan', displayName: 'Azure plan' } }
    : { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE', subType: null };
}

/** Product (docs/PARTNER-CENTER-REFERENCE.md §8). */
export function toProduct(p: ScenarioProduct, country: string): Product {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    productType: productTypeOf(p),
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    links: {
      skus: { uri: `/products/${p.id}/skus?country=${country}`, method: 'GET', headers: [] },
      self: { uri: `/products/${p.id}?country=${country}`, method: 'GET', headers: [] },
    },
    attributes: { objectType: 'Product' },
  };
}

/** Sku (docs/PARTNER-CENTER-REFERENCE.md §8). */
export function toSku(p: ScenarioProduct, s: CatalogSku, country: string): Sku {
  const cycles = p.productType === 'Azure' ? ['one_time'] : [...new Set(s.terms.map((t) => t.billingCycle))];
  return {
    id: s.id,
    productId: p.id,
    title: s.title,
    description: `${s.title} (${p.category}).`,
    minimumQuantity: s.minimumQuantity,
    maximumQuantity: s.maximumQuantity,
    isTrial: s.isTrial,
    supportedBillingCycles: cycles,
    purchasePrerequisites: [],
    inventoryVariables: [],
    provisioningVariables: [],
    actions: p.productType === 'Azure' ? [] : ['Refund'],
    dynamicAttributes: { isAddon: false, prerequisiteSkus: [], skuPartNumber: s.skuPartNumber, category: p.category, listPriceUsd: s.unitPriceUsd },
    consumptionType: p.productType === 'Azure' ? 'Consumption' : 'None',
    links: {
      availabilities: { uri: `/products/${p.id}/skus/${s.id}/availabilities?country=${country}`, method: 'GET', headers: [] },
      self: { uri: `/products/${p.id}/skus/${s.id}?country=${country}`, method: 'GET', headers: [] },
    },
    attributes: { objectType: 'Sku' },
  };
}

/** Availability with its terms and the `PID:SKU:AVAIL` catalogItemId (docs/PARTNER-CENTER-REFERENCE.md §8). */
export function toAvailability(p: ScenarioProduct, s: CatalogSku, country: string, currency: { code: string; symbol: string }, segment: string): Availability {
  return {
    id: s.availabilityId,
    productId: p.id,
    skuId: s.id,
    catalogItemId: catalogItemIdOf(p.id, s.id, s.availabilityId),
    defaultCurrency: currency,
    segment,
    country,
    isPurchasable: true,
    isRenewable: p.productType !== 'Azure',
    terms: s.terms.map((t, index) => ({
      id: `${s.availabilityId}-T${index}`,
      duration: t.duration,
      description: TERM_DESCRIPTIONS[`${t.duration}:${t.billingCycle}`] ?? `${t.duration} ${t.billingCycle}`,
      billingCycle: t.billingCycle === 'monthly' ? 'Monthly' : 'Annual',
      cancellationPolicies: [{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P7D' }] }],
    })),
    renewalInstructions: s.terms.map((t, index) => ({ applicableTermIds: [`${s.availabilityId}-T${index}`], renewalOptions: [{ renewToId: `${p.id}:${s.id}:${s.availabilityId}:${t.duration}`, isAutoRenewable: true }] })),
    links: { self: { uri: `/products/${p.id}/skus/${s.id}/availabilities/${s.availabilityId}?country=${country}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'Availability' },
  };
}
