import { extendedServiceTermPrice, multiplyMoney, toDecimalString, type Money, type PriceViewer } from '@csphub/domain';
import type { CompanyRow, Repos } from '@csphub/db';
import { isPartnerCenterError } from '@csphub/partner-center';
import type { PricingService, PriceLine } from './pricing-service';
import type { SubscriptionView } from './subscription-view';

const LEVELS = ['distributorCost', 'resellerCost', 'customerPrice'] as const;
const wire = (m: Money) => ({ currency: m.currency, amount: toDecimalString(m) });

/** The Extended Service Term's monthly price of `quantity` licences at each level of `lines` the viewer may see. */
export function extendedTermPriceOf(lines: readonly PriceLine[], productId: string, skuId: string, quantity: number): NonNullable<SubscriptionView['extendedServiceTerm']>['monthly'] {
  const of = (duration: string) => lines.find((l) => l.productId.toUpperCase() === productId.toUpperCase() && l.skuId === skuId && l.term.duration === duration && l.term.billing === 'monthly');
  const monthly = of('P1M');
  const longer = of('P1Y');
  const base = monthly ?? longer;
  if (!base) return null;
  const out: NonNullable<NonNullable<SubscriptionView['extendedServiceTerm']>['monthly']> = { currency: base.prices.currency, billingPlan: 'monthly' };
  for (const level of LEVELS) {
    const price = extendedServiceTermPrice({ monthlyTerm: monthly?.prices[level], longerTermMonthlyBilled: longer?.prices[level] });
    if (price) out[level] = wire(multiplyMoney(price, quantity));
  }
  return out;
}

/**
 * Puts the Extended Service Term's price on each subscription that rolls into it (or runs in it):
 * from the month's price sheet at the levels the viewer may see, for the subscription's licences.
 * Without a sheet (Partner Center gives none) the subscriptions keep the rule without a price.
 */
export async function withExtendedTermPrices(
  pricing: PricingService,
  ctx: { repos: Repos; company: CompanyRow; viewer: PriceViewer; market: string | null },
  subs: SubscriptionView[],
): Promise<SubscriptionView[]> {
  const est = subs.filter((s) => s.extendedServiceTerm);
  if (est.length === 0 || !ctx.market) return subs;
  const byConnection = new Map<string, PriceLine[] | null>();
  for (const s of est) {
    if (!byConnection.has(s.connectionId)) {
      try {
        byConnection.set(s.connectionId, await pricing.pricesFor(ctx.repos, ctx.company, ctx.viewer, s.connectionId, ctx.market, {}));
      } catch (e) {
        if (!isPartnerCenterError(e)) throw e;
        byConnection.set(s.connectionId, null);
      }
    }
    const lines = byConnection.get(s.connectionId);
    const [productId, skuId] = s.catalogItemId.split(':');
    if (lines && productId && skuId) s.extendedServiceTerm = { from: s.extendedServiceTerm!.from, monthly: extendedTermPriceOf(lines, productId, skuId, s.quantity) };
  }
  return subs;
}
