import { quantityProblem, type QuantityProblem, type SeatBounds } from './seat-quantity';

/** One line a person wants to order. */
export interface OrderLineDraft {
  catalogItemId: string;
  quantity: number;
  /** `P1M`, `P1Y`, `P3Y`. */
  termDuration: string;
  /** `monthly`, `annual`, ... */
  billingCycle: string;
  /** Co-terming: an end date Partner Center offered for the first term. */
  customTermEndDate?: string | undefined;
}

/** What the catalog says about the SKU behind a line. */
export interface OrderableSku {
  bounds: SeatBounds;
  terms: readonly { duration: string; billingCycle: string }[];
  isPurchasable: boolean;
}

export type OrderLineProblem = QuantityProblem | 'unknown_item' | 'not_purchasable' | 'term_not_offered' | 'duplicate_line';

export interface OrderLinesCheck {
  ok: boolean;
  /** One entry per line with a problem (index into the draft). */
  problems: { index: number; problem: OrderLineProblem }[];
}

/**
 * Checks an order before a cart is created: at least one line, each a known purchasable item, a
 * term and billing cycle its availability offers, a quantity within the SKU's bounds, and no item
 * twice with the same term (Microsoft would group them unpredictably; add the seats to one line).
 */
export function checkOrderLines(lines: readonly OrderLineDraft[], skuOf: (catalogItemId: string) => OrderableSku | undefined): OrderLinesCheck {
  const problems: OrderLinesCheck['problems'] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const key = `${line.catalogItemId.toUpperCase()}|${line.termDuration}|${line.billingCycle.toLowerCase()}`;
    if (seen.has(key)) return problems.push({ index, problem: 'duplicate_line' });
    seen.add(key);
    const sku = skuOf(line.catalogItemId);
    if (!sku) return problems.push({ index, problem: 'unknown_item' });
    if (!sku.isPurchasable) return problems.push({ index, problem: 'not_purchasable' });
    if (!sku.terms.some((t) => t.duration === line.termDuration && t.billingCycle.toLowerCase() === line.billingCycle.toLowerCase())) {
      return problems.push({ index, problem: 'term_not_offered' });
    }
    const q = quantityProblem(line.quantity, sku.bounds);
    if (q) problems.push({ index, problem: q });
    return undefined;
  });
  return { ok: lines.length > 0 && problems.length === 0, problems };
}
