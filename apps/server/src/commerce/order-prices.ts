import { money, multiplyMoney, sumMoney, toDecimalString, visiblePrice, type Money, type PriceViewer } from '@csphub/domain';
import type { CompanyRow, FrozenLinePrice, OrderLineJson, Repos } from '@csphub/db';
import { isPartnerCenterError } from '@csphub/partner-center';
import type { PricingService } from './pricing-service';

/** A line to price: its SKU, term and billing as the order carries them. */
export interface LineToPrice {
  productId: string;
  skuId: string;
  termDuration: string;
  billingCycle: string;
}

/**
 * The unit prices of the order's lines at every level, as they are today (the month's price sheet
 * and the price lists in force), to be stored with the order so its prices never move afterwards.
 * A line the sheet has no price for is null. When Partner Center does not give the sheet (an
 * outage, or a connection without access to prices) the order still goes ahead, its lines unpriced
 * (the page says so); any other failure is the caller's.
 */
export async function freezeLinePrices(
  pricing: PricingService,
  ctx: { repos: Repos; company: CompanyRow; connectionId: string; market: string },
  lines: readonly LineToPrice[],
): Promise<(FrozenLinePrice | null)[]> {
  let all;
  try {
    all = await pricing.pricesFor(ctx.repos, ctx.company, 'distributor', ctx.connectionId, ctx.market, {});
  } catch (e) {
    if (isPartnerCenterError(e)) return lines.map(() => null);
    throw e;
  }
  return lines.map((line) => {
    const billing = line.billingCycle.toLowerCase();
    const found = all.find((p) => p.productId.toUpperCase() === line.productId.toUpperCase() && p.skuId === line.skuId && p.term.duration === line.termDuration && p.term.billing === billing);
    const { distributorCost, resellerCost, customerPrice } = found?.prices ?? {};
    if (!found || !distributorCost || !resellerCost || !customerPrice) return null;
    return { currency: found.prices.currency, billingPlan: found.term.billing, distributorCostMinor: distributorCost.minor, resellerCostMinor: resellerCost.minor, customerPriceMinor: customerPrice.minor };
  });
}

const wire = (m: Money) => ({ currency: m.currency, amount: toDecimalString(m) });

/** The levels of a frozen price `viewer` may see, on the wire. */
function visibleOf(price: FrozenLinePrice, viewer: PriceViewer, quantity = 1) {
  const at = (minor: number) => multiplyMoney(money(price.currency, minor), quantity);
  const v = visiblePrice(
    {
      key: { productId: '', skuId: '', term: { duration: 'P1M', billing: price.billingPlan }, currency: price.currency },
      distributorCost: at(price.distributorCostMinor),
      resellerCost: at(price.resellerCostMinor),
      customerPrice: at(price.customerPriceMinor),
      belowCost: { reseller: false, customer: false },
    },
    viewer,
  );
  return {
    currency: price.currency,
    billingPlan: price.billingPlan,
    ...(v.distributorCost ? { distributorCost: wire(v.distributorCost) } : {}),
    ...(v.resellerCost ? { resellerCost: wire(v.resellerCost) } : {}),
    ...(v.customerPrice ? { customerPrice: wire(v.customerPrice) } : {}),
  };
}

/**
 * What `viewer` sees of an order's frozen prices: each line's unit price and the order's totals
 * (unit price × seats, summed per currency and billing plan: what one billing period costs), only
 * at the viewer's level and below.
 */
export function orderPricesFor(lines: readonly OrderLineJson[], viewer: PriceViewer) {
  const groups = new Map<string, { currency: string; billingPlan: 'monthly' | 'annual'; lines: { price: FrozenLinePrice; quantity: number }[] }>();
  for (const l of lines) {
    if (!l.price) continue;
    const key = `${l.price.currency}|${l.price.billingPlan}`;
    const g = groups.get(key) ?? { currency: l.price.currency, billingPlan: l.price.billingPlan, lines: [] };
    g.lines.push({ price: l.price, quantity: l.quantity });
    groups.set(key, g);
  }
  const totals = [...groups.values()].map((g) => {
    const sum = (pick: (p: FrozenLinePrice) => number) => sumMoney(g.currency, g.lines.map((x) => multiplyMoney(money(g.currency, pick(x.price)), x.quantity))).minor;
    return visibleOf({ currency: g.currency, billingPlan: g.billingPlan, distributorCostMinor: sum((p) => p.distributorCostMinor), resellerCostMinor: sum((p) => p.resellerCostMinor), customerPriceMinor: sum((p) => p.customerPriceMinor) }, viewer);
  });
  return {
    linePrices: lines.map((l) => (l.price ? visibleOf(l.price, viewer) : null)),
    totals,
    unpricedLines: lines.filter((l) => !l.price).length,
  };
}
