import { TargetSegmentSchema, TargetViewSchema } from '@csphub/partner-center/wire';
import type { ApiRouter, RouteContext } from '../protocol/api-router';
import { json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import { countryRule } from '../engine/country-rules';
import { toAvailability, toProduct, toSku } from '../views/catalog.view';
import { collection } from '../views/collection.view';

/** Country is required on every catalog read (docs/PARTNER-CENTER-REFERENCE.md §8). */
function countryOf(ctx: RouteContext): string {
  const raw = ctx.query('country');
  if (!raw) throw pcErrors.countryRequired();
  const rule = countryRule(raw);
  if (!rule) throw pcErrors.notEmulated(`the catalog for country '${raw.toUpperCase()}'`);
  return rule.iso2;
}

/** Only the commercial segment is seeded; education/government/nonprofit answer empty lists. */
function segmentOf(ctx: RouteContext): string {
  const raw = ctx.query('targetSegment');
  if (raw === undefined || raw === '') return 'commercial';
  const parsed = TargetSegmentSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) throw pcErrors.targetSegmentNotAllowed(raw);
  return parsed.data;
}

function productOf(ctx: RouteContext) {
  const id = ctx.param('productId').toUpperCase();
  const product = ctx.runtime.engine.state.scenario.catalog.find((p) => p.id.toUpperCase() === id);
  if (!product) throw pcErrors.productNotFound(ctx.param('productId'));
  return product;
}

function skuOf(ctx: RouteContext) {
  const product = productOf(ctx);
  const id = ctx.param('skuId').toUpperCase();
  const sku = product.skus.find((s) => s.id.toUpperCase() === id);
  if (!sku) throw pcErrors.skuNotFound(ctx.param('skuId'));
  return { product, sku };
}

export function registerCatalogRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §8: products by view.
  r.op('catalog.products.list', (ctx) => {
    const country = countryOf(ctx);
    const rawView = ctx.query('targetView');
    if (!rawView) throw pcErrors.invalidProperty('The targetView query parameter is required.', ['targetView']);
    const view = TargetViewSchema.safeParse(rawView);
    if (!view.success) throw pcErrors.targetViewNotAllowed(rawView);
    const segment = segmentOf(ctx);
    const catalog = ctx.runtime.engine.state.scenario.catalog;
    const wanted = view.data === 'OnlineServices' ? 'OnlineServicesNCE' : view.data === 'Azure' || view.data === 'MicrosoftAzure' ? 'Azure' : undefined;
    const items = segment === 'commercial' && wanted ? catalog.filter((p) => p.productType === wanted).map((p) => toProduct(p, country)) : [];
    return json(200, collection(items, `/v1/products?country=${country}&targetView=${view.data}`));
  });

  r.op('catalog.products.get', (ctx) => {
    const country = countryOf(ctx);
    return json(200, toProduct(productOf(ctx), country));
  });

  r.op('catalog.skus.list', (ctx) => {
    const country = countryOf(ctx);
    const product = productOf(ctx);
    const items = segmentOf(ctx) === 'commercial' ? product.skus.map((s) => toSku(product, s, country)) : [];
    return json(200, collection(items, `/v1/products/${product.id}/skus?country=${country}`));
  });

  r.op('catalog.skus.get', (ctx) => {
    const country = countryOf(ctx);
    const { product, sku } = skuOf(ctx);
    return json(200, toSku(product, sku, country));
  });

  r.op('catalog.availabilities.list', (ctx) => {
    const country = countryOf(ctx);
    const segment = segmentOf(ctx);
    const { product, sku } = skuOf(ctx);
    const currency = countryRule(country)!.currency;
    const items = segment === 'commercial' ? [toAvailability(product, sku, country, currency, segment)] : [];
    return json(200, collection(items, `/v1/products/${product.id}/skus/${sku.id}/availabilities?country=${country}`));
  });

  r.op(
    'catalog.availabilities.get',
    (ctx) => {
      const country = countryOf(ctx);
      const { product, sku } = skuOf(ctx);
      if (sku.availabilityId.toUpperCase() !== ctx.param('availabilityId').toUpperCase()) throw pcErrors.availabilityNotFound(ctx.param('availabilityId'));
      return json(200, toAvailability(product, sku, country, countryRule(country)!.currency, 'commercial'));
    },
  );
}
