import { AppError, money, resolvePrice, visiblePrice, type PriceChain, type PriceRule, type PriceTerm, type PriceViewer, type VisiblePrice } from '@csphub/domain';
import { createPricingRepo, type CompanyRow, type PriceRuleRow, type PriceSheetEntryRow, type Repos } from '@csphub/db';
import type { CommerceDeps } from './commerce-deps';

/** A stored rule as the domain's `PriceRule`. */
export function toPriceRule(row: PriceRuleRow): PriceRule {
  return {
    id: row.id,
    level: row.level,
    sellerId: String(row.sellerCompanyId),
    ...(row.buyerCompanyId !== null ? { buyerId: String(row.buyerCompanyId) } : {}),
    ...(row.productId !== null ? { productId: row.productId } : {}),
    ...(row.skuId !== null ? { skuId: row.skuId } : {}),
    ...(row.termDuration !== null && row.billingPlan !== null ? { term: { duration: row.termDuration, billing: row.billingPlan } } : {}),
    currency: row.currency,
    validFrom: row.validFrom,
    ...(row.validTo !== null ? { validTo: row.validTo } : {}),
    price: row.kind === 'fixed' ? { kind: 'fixed', amount: money(row.currency, row.amountMinor ?? 0) } : { kind: 'margin', basisPoints: row.basisPoints ?? 0 },
  };
}

/** Where the caller sits in the channel, for what it may see. */
export function viewerOf(company: Pick<CompanyRow, 'kind'>): PriceViewer {
  return company.kind;
}

/**
 * The chain of a price for `company`: the distributor (root), the reseller above a customer (or the
 * reseller itself), the customer. A customer of the distributor itself has no reseller: its
 * "reseller" is the distributor, which sells at its cost to itself.
 */
export async function chainOf(repos: Repos, company: CompanyRow): Promise<PriceChain & { direct: boolean }> {
  const root = await repos.companies.root();
  if (!root) throw new AppError('NOT_FOUND', 'There is no distributor.');
  if (company.kind === 'distributor') return { distributorId: String(root.id), resellerId: String(root.id), direct: true };
  if (company.kind === 'reseller') return { distributorId: String(root.id), resellerId: String(company.id), direct: false };
  const parentId = company.parentId ?? root.id;
  return { distributorId: String(root.id), resellerId: String(parentId), customerId: String(company.id), direct: parentId === root.id };
}

export interface PriceLine {
  productId: string;
  skuId: string;
  term: PriceTerm;
  prices: VisiblePrice;
  /** Microsoft's retail estimate, which every level may see (it is public). */
  retail: VisiblePrice['customerPrice'];
  effectiveStart: string;
  effectiveEnd: string;
}

/** The current month's price sheet of a connection and market, fetched from Partner Center once a month and kept. */
export function createPricingService(deps: CommerceDeps) {
  const repo = () => createPricingRepo(deps.db);
  const inFlight = new Map<string, Promise<PriceSheetEntryRow[]>>();

  async function sheet(connectionId: string, market: string): Promise<PriceSheetEntryRow[]> {
    const month = deps.clock.now().toISOString().slice(0, 7);
    const cached = await repo().sheet(connectionId, market, month);
    if (cached.length > 0) return cached;
    const key = `${connectionId}|${market}|${month}`;
    const running = inFlight.get(key);
    if (running) return running;
    const job = (async () => {
      const client = await deps.partnerCenterFor(connectionId);
      const entries = await client.getPriceSheet({ market });
      const fetchedAt = deps.clock.now();
      await repo().replaceSheet(
        connectionId,
        market,
        month,
        entries.map((e) => ({
          productId: e.productId,
          skuId: e.skuId,
          termDuration: e.termDuration,
          billingPlan: e.billingPlan,
          currency: e.currency,
          unitPriceMinor: e.unitPrice.minor,
          erpPriceMinor: e.erpPrice.minor,
          effectiveStart: e.effectiveStart,
          effectiveEnd: e.effectiveEnd,
          fetchedAt,
        })),
      );
      return repo().sheet(connectionId, market, month);
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return job;
  }

  return {
    sheet,
    /** The prices `viewer` may see for `company`, one line per SKU and term of the sheet (filtered by product/SKU). */
    async pricesFor(repos: Repos, company: CompanyRow, viewer: PriceViewer, connectionId: string, market: string, filter: { productId?: string; skuId?: string }): Promise<PriceLine[]> {
      const chain = await chainOf(repos, company);
      const rows = (await sheet(connectionId, market)).filter(
        (r) => (!filter.productId || r.productId === filter.productId) && (!filter.skuId || r.skuId === filter.skuId) && (r.termDuration === 'P1M' || r.termDuration === 'P1Y' || r.termDuration === 'P3Y'),
      );
      const sellers = [...new Set([chain.distributorId, chain.resellerId])].map(Number);
      const rules = (await repo().rulesOf(sellers)).map(toPriceRule).filter((r) => !(chain.direct && r.level === 'reseller'));
      const day = deps.clock.now().toISOString().slice(0, 10);
      return rows.map((r) => {
        const term = { duration: r.termDuration as PriceTerm['duration'], billing: (r.billingPlan === 'annual' ? 'annual' : 'monthly') as PriceTerm['billing'] };
        const resolved = resolvePrice(rules, chain, { productId: r.productId, skuId: r.skuId, term, currency: r.currency }, money(r.currency, r.unitPriceMinor), day);
        return { productId: r.productId, skuId: r.skuId, term, prices: visiblePrice(resolved, viewer), retail: money(r.currency, r.erpPriceMinor), effectiveStart: r.effectiveStart, effectiveEnd: r.effectiveEnd };
      });
    },
  };
}

export type PricingService = ReturnType<typeof createPricingService>;
