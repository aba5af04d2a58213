import { parseMoney, type Money } from '@csphub/domain';
import { fromCatalogue, type CallOptions } from './api-request';
import type { RequestPipeline } from './request-pipeline';
import { parsePriceSheetCsv, type PriceSheetRow, type PriceSheetTimeline, type PriceSheetView } from './wire/price-sheet.schema';

/** One price of the license-based sheet (docs/PARTNER-CENTER-REFERENCE.md §8.1). */
export interface PriceSheetEntry {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  /** ISO duration: `P1M`, `P1Y`, `P3Y`. */
  termDuration: string;
  /** `monthly` or `annual`, lower case as the cart spells it. */
  billingPlan: string;
  market: string;
  currency: string;
  /** The partner's price per unit and billing period. */
  unitPrice: Money;
  /** Microsoft's estimated retail price per unit and billing period. */
  erpPrice: Money;
  tierMin?: number;
  tierMax?: number;
  /** `YYYY-MM-DD`, inclusive both. */
  effectiveStart: string;
  effectiveEnd: string;
  segment: string;
}

export interface PriceSheetQuery {
  /** Two-letter market (country) code. */
  market: string;
  view?: PriceSheetView;
  timeline?: PriceSheetTimeline;
  /** `YYYYMM`, only with `timeline: 'history'`. */
  month?: string;
}

const tier = (value: string): number | undefined => (/^\d+$/.test(value) ? Number(value) : undefined);

function toEntry(row: PriceSheetRow): PriceSheetEntry {
  const tierMin = tier(row.PricingTierRangeMin);
  const tierMax = tier(row.PricingTierRangeMax);
  return {
    productId: row.ProductId,
    skuId: row.SkuId,
    productTitle: row.ProductTitle,
    skuTitle: row.SkuTitle,
    termDuration: row.TermDuration,
    billingPlan: row.BillingPlan.toLowerCase(),
    market: row.Market.toUpperCase(),
    currency: row.Currency.toUpperCase(),
    unitPrice: parseMoney(row.Currency.toUpperCase(), row.UnitPrice),
    erpPrice: parseMoney(row.Currency.toUpperCase(), row['ERP Price']),
    ...(tierMin !== undefined ? { tierMin } : {}),
    ...(tierMax !== undefined ? { tierMax } : {}),
    effectiveStart: row.EffectiveStartDate.slice(0, 10),
    effectiveEnd: row.EffectiveEndDate.slice(0, 10),
    segment: row.Segment,
  };
}

export function createPriceSheetOps(pipeline: RequestPipeline) {
  return {
    /**
     * The price sheet of a market (Learn: "Get a price sheet"; App+User, Admin Agent or Sales
     * Agent). Default: the license-based new commerce view for the current month.
     */
    getPriceSheet(query: PriceSheetQuery, options?: CallOptions): Promise<PriceSheetEntry[]> {
      if (query.timeline === 'history' && !/^\d{6}$/.test(query.month ?? '')) {
        throw new TypeError('getPriceSheet: a history sheet needs its month as YYYYMM');
      }
      return pipeline.send(
        {
          ...fromCatalogue('pricing.priceSheets.get'),
          params: { market: query.market.toUpperCase(), view: query.view ?? 'updatedlicensebased' },
          query: { timeline: query.timeline, month: query.timeline === 'history' ? query.month : undefined },
          headers: { Accept: 'text/csv' },
          parse: ({ body }) => parsePriceSheetCsv(typeof body === 'string' ? body : '').map(toEntry),
        },
        { priority: 'low', ...options },
      );
    },
  };
}
