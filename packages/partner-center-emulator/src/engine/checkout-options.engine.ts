import type { PromotionEligibilityRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import * as pcErrors from '../errors/pc-errors';
import { addTerm } from './emulator-clock';
import { findCatalogItem } from './catalog.engine';
import { getVisibleCustomer } from './customers.engine';
import { subscriptionsOfTenant } from './subscriptions.engine';

const TERMS = ['P1M', 'P1Y', 'P3Y'];
const DAY_MS = 86_400_000;

export interface AllowedEndDate {
  type: 'calendarMonthAligned' | 'subscriptionAligned';
  at: number;
  subscriptionIds: string[];
}

/**
 * Learn "Get custom term end dates" (docs/PARTNER-CENTER-REFERENCE.md §9.4): for a new subscription
 * of `termDuration` bought on `termStartDate` (today by default, never in the past), the last day of
 * the calendar month before its term's end, and the end dates of the customer's active
 * license-based new-commerce subscriptions from this partner that fall inside that first term
 * (each date once, with the subscriptions ending then); `targetSubscriptionId` keeps that one's.
 */
export function allowedCustomTermEndDates(
  engine: Engine,
  partnerTenantId: string,
  customerTenantId: string,
  query: { termDuration?: string | undefined; termStartDate?: string | undefined; targetSubscriptionId?: string | undefined },
): AllowedEndDate[] {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  if (!query.termDuration || !TERMS.includes(query.termDuration)) throw pcErrors.invalidProperty('term_duration must be P1M, P1Y or P3Y.', ['term_duration']);
  const now = engine.now();
  let start = now;
  if (query.termStartDate) {
    const asked = Date.parse(query.termStartDate);
    if (Number.isNaN(asked)) throw pcErrors.invalidProperty(`term_start_date ${query.termStartDate} is not a date.`, ['term_start_date']);
    if (asked < Math.floor(now / DAY_MS) * DAY_MS) throw pcErrors.invalidProperty('term_start_date cannot be in the past.', ['term_start_date']);
    start = Math.max(now, asked);
  }
  const end = addTerm(start, query.termDuration);
  const out: AllowedEndDate[] = [];
  const endDay = new Date(end);
  const calendar = Date.UTC(endDay.getUTCFullYear(), endDay.getUTCMonth(), 0);
  if (calendar > start && !query.targetSubscriptionId) out.push({ type: 'calendarMonthAligned', at: calendar, subscriptionIds: [] });
  const subs = subscriptionsOfTenant(engine, tenant.tenantId).filter((s) => s.partnerTenantId === partnerTenantId);
  if (query.targetSubscriptionId && !subs.some((s) => s.id.toLowerCase() === query.targetSubscriptionId!.toLowerCase())) throw pcErrors.subscriptionNotFound(query.targetSubscriptionId);
  const byDate = new Map<number, string[]>();
  for (const s of subs) {
    if (s.status !== 'active' || s.productType !== 'OnlineServicesNCE' || s.commitmentEndAt <= start || s.commitmentEndAt > end) continue;
    if (query.targetSubscriptionId && s.id.toLowerCase() !== query.targetSubscriptionId.toLowerCase()) continue;
    byDate.set(s.commitmentEndAt, [...(byDate.get(s.commitmentEndAt) ?? []), s.id]);
  }
  for (const [at, ids] of [...byDate].sort((a, b) => a[0] - b[0])) out.push({ type: 'subscriptionAligned', at, subscriptionIds: ids });
  return out;
}

/** Whether `date` (a cart line's `customTermEndDate`) is one of the dates allowed for a purchase today. */
export function isAllowedCustomTermEnd(engine: Engine, partnerTenantId: string, customerTenantId: string, termDuration: string | undefined, date: string): number | undefined {
  const at = Date.parse(date);
  if (Number.isNaN(at) || !termDuration || !TERMS.includes(termDuration)) return undefined;
  return allowedCustomTermEndDates(engine, partnerTenantId, customerTenantId, { termDuration }).some((d) => d.at === at) ? at : undefined;
}

/**
 * The emulator's promotions (docs/EMULATOR-DIFFERENCES.md, "Promotions"): a product, SKU, term,
 * billing cycles and a seat range; valid whatever the clock says.
 */
export const EMULATOR_PROMOTIONS: readonly { id: string; productId: string; skuId: string; termDuration: string; billingCycles: readonly string[]; minimumQuantity: number; maximumQuantity: number }[] = [
  { id: '39NFJQT1Q5KL:0002', productId: 'CFQ7TTC0LCHC', skuId: '0002', termDuration: 'P1Y', billingCycles: ['annual', 'monthly'], minimumQuantity: 1, maximumQuantity: 300 },
  { id: '39NFJQT1Q5KM:0001', productId: 'CFQ7TTC0LH18', skuId: '0001', termDuration: 'P1Y', billingCycles: ['annual'], minimumQuantity: 5, maximumQuantity: 300 },
];

/**
 * Learn "Verify promotion eligibility" (§9.4): per item, each promotion asked for (or, without one,
 * each promotion of the item's product and SKU) with `isEligible` and what stands in the way: the
 * term, the billing cycle, the seat range, or a promotion that is not of this product.
 */
export function promotionEligibilities(engine: Engine, partnerTenantId: string, customerTenantId: string, input: PromotionEligibilityRequest) {
  getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  return input.items.map((item) => {
    const found = findCatalogItem(engine.state.scenario.catalog, item.catalogItemId);
    if (!found) throw pcErrors.invalidProperty(`Catalog item id ${item.catalogItemId} is not valid.`, ['items.catalogItemId']);
    const productId = found.product.id.toUpperCase();
    const ofItem = EMULATOR_PROMOTIONS.filter((p) => p.productId === productId && p.skuId === found.sku.id);
    const asked = item.promotionId ? [EMULATOR_PROMOTIONS.find((p) => p.id.toUpperCase() === item.promotionId!.toUpperCase()) ?? item.promotionId] : ofItem;
    const billing = item.billingCycle.toLowerCase();
    return {
      id: item.id,
      catalogItemId: found.catalogItemId,
      eligibilities: asked.map((p) => {
        if (typeof p === 'string') return { promotionId: p, isEligible: false, errors: [{ type: 'PromotionNotFound', description: `Promotion ${p} does not exist or has ended.` }] };
        const errors: { type: string; description: string; minimumQuantity?: number; maximumQuantity?: number }[] = [];
        if (p.productId !== productId || p.skuId !== found.sku.id) errors.push({ type: 'ProductNotEligible', description: `Promotion ${p.id} is not for ${found.catalogItemId}.` });
        if (item.termDuration !== p.termDuration) errors.push({ type: 'TermDuration', description: `Promotion ${p.id} applies to the ${p.termDuration} term only.` });
        if (!p.billingCycles.includes(billing)) errors.push({ type: 'BillingCycle', description: `Promotion ${p.id} applies to ${p.billingCycles.join(' or ')} billing only.` });
        if (item.quantity < p.minimumQuantity || item.quantity > p.maximumQuantity)
          errors.push({ type: 'QuantityRange', description: `Promotion ${p.id} applies to ${p.minimumQuantity} to ${p.maximumQuantity} seats.`, minimumQuantity: p.minimumQuantity, maximumQuantity: p.maximumQuantity });
        return { promotionId: p.id, isEligible: errors.length === 0, errors };
      }),
    };
  });
}
