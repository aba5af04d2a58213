import { pagePartnerCenterCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AvailabilitySchema,
  ProductSchema,
  SkuSchema,
  type Availability as WireAvailability,
  type Product as WireProduct,
  type Sku as WireSku,
  type TargetSegment,
  type TargetView,
} from './wire/catalog.schema';

/** A catalog product (docs/PARTNER-CENTER-REFERENCE.md §8). */
export interface CatalogProduct {
  id: string;
  title: string;
  description: string;
  productTypeId: string;
  productTypeName: string;
  /** True for new-commerce license-based offers (`OnlineServicesNCE`). */
  isNewCommerce: boolean;
  isMicrosoftProduct: boolean;
  publisherName: string;
}

/** A SKU of a product (docs/PARTNER-CENTER-REFERENCE.md §8). */
export interface CatalogSku {
  id: string;
  productId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  billingCycles: string[];
  /** Keys the cart line's provisioning context must carry. */
  provisioningVariables: string[];
  isAddOn: boolean;
}

/** A purchasable term of an availability (docs/PARTNER-CENTER-REFERENCE.md §8). */
export interface CatalogTerm {
  /** ISO duration: `P1M`, `P1Y`, `P3Y`. */
  duration: string;
  /** Billing cycle in the cart's spelling (`monthly`, `annual`, ...). */
  billingCycle: string;
  description: string;
}

/** An availability: what goes in a cart line (docs/PARTNER-CENTER-REFERENCE.md §8). */
export interface CatalogAvailability {
  id: string;
  productId: string;
  skuId: string;
  /** `PID:SKU:AVAIL`; may change, fetch fresh before a purchase. */
  catalogItemId: string;
  currency: string;
  segment: string;
  country: string;
  isPurchasable: boolean;
  isRenewable: boolean;
  terms: CatalogTerm[];
}

/** Where to look in the catalog (docs/PARTNER-CENTER-REFERENCE.md §8): country is required. */
export interface CatalogScope {
  country: string;
  targetSegment?: TargetSegment;
}

const toProduct = (p: WireProduct): CatalogProduct => ({
  id: p.id,
  title: p.title,
  description: p.description,
  productTypeId: p.productType.id,
  productTypeName: p.productType.displayName,
  isNewCommerce: p.productType.id === 'OnlineServicesNCE',
  isMicrosoftProduct: p.isMicrosoftProduct,
  publisherName: p.publisherName,
});

const toSku = (s: WireSku): CatalogSku => ({
  id: s.id,
  productId: s.productId,
  title: s.title,
  description: s.description,
  minimumQuantity: s.minimumQuantity,
  maximumQuantity: s.maximumQuantity,
  isTrial: s.isTrial,
  billingCycles: s.supportedBillingCycles.map((c) => c.toLowerCase()),
  provisioningVariables: s.provisioningVariables ?? [],
  isAddOn: s.dynamicAttributes?.isAddon === true,
});

// §8: catalog terms say `Annual`, carts say `annual`; `OneTime` is `one_time` in carts.
const cartCycle = (c: string) => (c.toLowerCase() === 'onetime' ? 'one_time' : c.toLowerCase());

const toAvailability = (a: WireAvailability): CatalogAvailability => ({
  id: a.id,
  productId: a.productId,
  skuId: a.skuId,
  catalogItemId: a.catalogItemId,
  currency: a.defaultCurrency.code,
  segment: a.segment,
  country: a.country,
  isPurchasable: a.isPurchasable,
  isRenewable: a.isRenewable,
  terms: a.terms.map((t) => ({
    duration: t.duration,
    billingCycle: cartCycle(t.billingCycle),
    description: t.description,
  })),
});

/** The new-commerce catalog (docs/PARTNER-CENTER-REFERENCE.md §8); all reads accept app-only tokens. */
export function createCatalogOps(pipeline: RequestPipeline) {
  const scopeQuery = (scope: CatalogScope) => ({
    country: scope.country.toUpperCase(),
    targetSegment: scope.targetSegment,
  });
  return {
    /** Products of a view (`OnlineServices` for licence-based, NCE included) in a country. */
    listProducts(
      scope: CatalogScope & { targetView: TargetView },
      options?: CallOptions,
    ): PagedResult<CatalogProduct> {
      return pagePartnerCenterCollection(
        pipeline,
        {
          ...fromCatalogue('catalog.products.list'),
          query: { ...scopeQuery(scope), targetView: scope.targetView },
        },
        ProductSchema,
        toProduct,
        options,
      );
    },

    async getProduct(productId: string, scope: CatalogScope, options?: CallOptions): Promise<CatalogProduct> {
      return pipeline.send(
        {
          ...fromCatalogue('catalog.products.get'),
          params: { productId },
          query: scopeQuery(scope),
          parse: ({ body }) => toProduct(ProductSchema.parse(body)),
        },
        options,
      );
    },

    listSkus(productId: string, scope: CatalogScope, options?: CallOptions): PagedResult<CatalogSku> {
      return pagePartnerCenterCollection(
        pipeline,
        {
          ...fromCatalogue('catalog.skus.list'),
          params: { productId },
          query: scopeQuery(scope),
        },
        SkuSchema,
        toSku,
        options,
      );
    },

    async getSku(
      productId: string,
      skuId: string,
      scope: CatalogScope,
      options?: CallOptions,
    ): Promise<CatalogSku> {
      return pipeline.send(
        {
          ...fromCatalogue('catalog.skus.get'),
          params: { productId, skuId },
          query: scopeQuery(scope),
          parse: ({ body }) => toSku(SkuSchema.parse(body)),
        },
        options,
      );
    },

    /** Availabilities of a SKU: each carries the `catalogItemId` and terms a cart line needs. */
    listAvailabilities(
      productId: string,
      skuId: string,
      scope: CatalogScope,
      options?: CallOptions,
    ): PagedResult<CatalogAvailability> {
      return pagePartnerCenterCollection(
        pipeline,
        {
          ...fromCatalogue('catalog.availabilities.list'),
          params: { productId, skuId },
          query: scopeQuery(scope),
        },
        AvailabilitySchema,
        toAvailability,
        options,
      );
    },

    /** One availability by id: a fresh `catalogItemId` and terms just before a purchase (docs/PARTNER-CENTER-REFERENCE.md §8). */
    async getAvailability(
      productId: string,
      skuId: string,
      availabilityId: string,
      scope: CatalogScope,
      options?: CallOptions,
    ): Promise<CatalogAvailability> {
      return pipeline.send(
        {
          ...fromCatalogue('catalog.availabilities.get'),
          params: { productId, skuId, availabilityId },
          query: scopeQuery(scope),
          parse: ({ body }) => toAvailability(AvailabilitySchema.parse(body)),
        },
        options,
      );
    },
  };
}
