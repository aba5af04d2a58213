import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, isCurrencyCode, parseMoney, priceRuleProblems, toDecimalString, money, type Money } from '@csphub/domain';
import { createPricingRepo, createRepos, type Database, type PriceRuleRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { json } from '../http/json-content';
import type { CommerceDeps } from './commerce-deps';
import { requireCommerce } from './commerce-access';
import { CompanyIdParam } from './commerce.schema';
import { buyingCountryOf, linkedTenantsOf } from './linked-tenants';
import { PriceRuleBodySchema, PriceRulesResponseSchema, PricesResponseSchema, type PriceRuleView } from './pricing.schema';
import { viewerOf, type PricingService } from './pricing-service';

const asWire = (m: Money) => ({ currency: m.currency, amount: toDecimalString(m) });

const PricesQuery = z.object({
  connectionId: z.string().uuid().optional(),
  country: z.string().length(2).optional().openapi({ description: "ISO market; default: the company's billing country" }),
  productId: z.string().min(1).max(40).optional(),
  skuId: z.string().min(1).max(40).optional(),
});

const RuleParams = CompanyIdParam.extend({ ruleId: z.string().uuid().openapi({ param: { name: 'ruleId', in: 'path' } }) });

function ruleView(row: PriceRuleRow, buyerName: string | null): PriceRuleView {
  return {
    id: row.id,
    level: row.level,
    sellerCompanyId: row.sellerCompanyId,
    buyerCompanyId: row.buyerCompanyId,
    buyerName,
    productId: row.productId,
    skuId: row.skuId,
    termDuration: row.termDuration,
    billingPlan: row.billingPlan,
    currency: row.currency,
    validFrom: row.validFrom,
    validTo: row.validTo,
    kind: row.kind,
    basisPoints: row.basisPoints,
    amount: row.kind === 'fixed' && row.amountMinor !== null ? asWire(money(row.currency, row.amountMinor)) : null,
  };
}

/**
 * Prices along the channel and the price lists that set them. Everyone sees prices only at and
 * below their own level (`visiblePrice` in packages/domain); a price list belongs to its seller (the
 * distributor for resellers, a reseller for its customers): only the seller's own people change it,
 * and only the seller and those above it see it (a sibling is outside the subtree: 404).
 */
export function pricingRoutes(deps: CommerceDeps, pricing: PricingService) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/prices',
        tags: ['Prices'],
        summary: 'The prices of the SKUs of the month for a company, at the levels the caller may see',
        request: { params: CompanyIdParam, query: PricesQuery },
        responses: { 200: { description: 'Prices per SKU and term', content: json(PricesResponseSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requireCommerce(p, 'prices.read');
        const q = c.req.valid('query');
        const root = await repos.companies.root();
        const connections = root ? await repos.connections.list(root.id) : [];
        const linked = await linkedTenantsOf(repos, company);
        const connection = q.connectionId ? connections.find((x) => x.id === q.connectionId) : (connections.find((x) => x.id === linked[0]?.connection.id) ?? connections[0]);
        if (q.connectionId && !connection) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${q.connectionId}.`);
        const market = (q.country ?? buyingCountryOf(company) ?? connection?.region ?? '').toUpperCase();
        const viewer = viewerOf(p.company);
        if (!connection || !/^[A-Z]{2}$/.test(market)) return c.json({ connectionId: connection?.id ?? null, market: market || null, viewer, lines: [] }, 200);
        const lines = await pricing.pricesFor(repos, company, viewer, connection.id, market, { productId: q.productId, skuId: q.skuId });
        return c.json(
          {
            connectionId: connection.id,
            market,
            viewer,
            lines: lines.map((l) => ({
              productId: l.productId,
              skuId: l.skuId,
              termDuration: l.term.duration,
              billingPlan: l.term.billing,
              currency: l.prices.currency,
              ...(l.prices.distributorCost ? { distributorCost: asWire(l.prices.distributorCost) } : {}),
              ...(l.prices.resellerCost ? { resellerCost: asWire(l.prices.resellerCost) } : {}),
              ...(l.prices.customerPrice ? { customerPrice: asWire(l.prices.customerPrice) } : {}),
              retail: asWire(l.retail!),
              effectiveStart: l.effectiveStart,
              effectiveEnd: l.effectiveEnd,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/price-rules',
        tags: ['Prices'],
        summary: "A seller's price list: the distributor's prices to resellers, or a reseller's prices to customers",
        request: { params: CompanyIdParam },
        responses: { 200: { description: 'The rules', content: json(PriceRulesResponseSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const seller = await companyInScope(repos, p, c.req.valid('param').id);
        requireCommerce(p, 'prices.read');
        if (seller.kind === 'customer') return c.json({ rules: [] }, 200);
        const rows = await createPricingRepo(deps.db).rulesOf([seller.id]);
        const buyers = new Map((await repos.companies.getMany([...new Set(rows.flatMap((r) => (r.buyerCompanyId ? [r.buyerCompanyId] : [])))])).map((b) => [b.id, b.name]));
        rows.sort((a, b) => (a.buyerCompanyId ?? 0) - (b.buyerCompanyId ?? 0) || (a.productId ?? '').localeCompare(b.productId ?? '') || a.validFrom.localeCompare(b.validFrom));
        return c.json({ rules: rows.map((r) => ruleView(r, r.buyerCompanyId ? (buyers.get(r.buyerCompanyId) ?? null) : null)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/price-rules',
        tags: ['Prices'],
        summary: "Add a line to the seller's price list (the caller's own company)",
        request: { params: CompanyIdParam, body: { required: true, content: json(PriceRuleBodySchema) } },
        responses: { 201: { description: 'Added', content: json(PriceRuleBodySchema.extend({ id: z.string() })) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const seller = await companyInScope(repos, p, c.req.valid('param').id);
        requireCommerce(p, 'prices.manage');
        if (seller.id !== p.company.id || seller.kind === 'customer') throw new AppError('FORBIDDEN', 'Only a seller’s own people change its price list.');
        const body = c.req.valid('json');
        const level = seller.kind === 'distributor' ? 'reseller' : 'customer';
        if (!isCurrencyCode(body.currency)) throw new AppError('VALIDATION_FAILED', `${body.currency} is not a currency.`, [{ field: 'currency', message: 'not an ISO 4217 currency' }]);
        if (body.buyerCompanyId !== undefined) {
          const buyer = await repos.companies.get(body.buyerCompanyId);
          const wanted = level === 'reseller' ? 'reseller' : 'customer';
          if (!buyer || buyer.parentId !== seller.id || buyer.kind !== wanted) {
            throw new AppError('VALIDATION_FAILED', `Company ${body.buyerCompanyId} is not one of your ${wanted}s.`, [{ field: 'buyerCompanyId', message: `not one of your ${wanted}s` }]);
          }
        }
        if ((body.termDuration === undefined) !== (body.billingPlan === undefined)) {
          throw new AppError('VALIDATION_FAILED', 'A term names both its duration and its billing plan.', [{ field: body.termDuration ? 'billingPlan' : 'termDuration', message: 'give both or neither' }]);
        }
        if (body.kind === 'margin' && body.basisPoints === undefined) throw new AppError('VALIDATION_FAILED', 'A margin needs basisPoints.', [{ field: 'basisPoints', message: 'required for a margin' }]);
        if (body.kind === 'fixed' && body.amount === undefined) throw new AppError('VALIDATION_FAILED', 'A fixed price needs its amount.', [{ field: 'amount', message: 'required for a fixed price' }]);
        const amount = body.kind === 'fixed' ? parseMoney(body.currency, body.amount!) : undefined;
        const problems = priceRuleProblems({
          level,
          sellerId: String(seller.id),
          ...(body.productId ? { productId: body.productId } : {}),
          ...(body.skuId ? { skuId: body.skuId } : {}),
          currency: body.currency,
          validFrom: body.validFrom,
          ...(body.validTo ? { validTo: body.validTo } : {}),
          price: amount ? { kind: 'fixed', amount } : { kind: 'margin', basisPoints: body.basisPoints! },
        });
        if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems.map((x) => `${x.field}: ${x.reason}`).join('; '), problems.map((x) => ({ field: x.field, message: x.reason })));
        const id = randomUUID();
        const now = deps.clock.now();
        await deps.db.transaction(async (tx) => {
          const txRepos = createRepos(tx as unknown as Database, deps.box);
          await createPricingRepo(tx as unknown as Database).insertRule({
            id,
            level,
            sellerCompanyId: seller.id,
            buyerCompanyId: body.buyerCompanyId ?? null,
            productId: body.productId ?? null,
            skuId: body.skuId ?? null,
            termDuration: body.termDuration ?? null,
            billingPlan: body.billingPlan ?? null,
            currency: body.currency,
            validFrom: body.validFrom,
            validTo: body.validTo ?? null,
            kind: body.kind,
            basisPoints: body.kind === 'margin' ? body.basisPoints! : null,
            amountMinor: amount?.minor ?? null,
            createdAt: now,
            createdBy: p.label,
          });
          await writeAudit(c, txRepos, {
            at: now,
            companyId: seller.id,
            action: 'pricing.rule_added',
            targetType: 'price_rule',
            targetId: id,
            summary: `Added a ${level === 'reseller' ? 'reseller' : 'customer'} price ${body.kind === 'margin' ? `margin of ${body.basisPoints} basis points` : `of ${body.amount} ${body.currency}`} for ${body.productId ?? 'every product'}${body.skuId ? `:${body.skuId}` : ''}${body.buyerCompanyId ? ` for company ${body.buyerCompanyId}` : ''} from ${body.validFrom}`,
          });
        });
        return c.json({ ...body, id }, 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'delete',
        path: '/companies/{id}/price-rules/{ruleId}',
        tags: ['Prices'],
        summary: "Remove a line of the seller's price list",
        request: { params: RuleParams },
        responses: { 204: { description: 'Removed' }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const { id, ruleId } = c.req.valid('param');
        const seller = await companyInScope(repos, p, id);
        requireCommerce(p, 'prices.manage');
        if (seller.id !== p.company.id || seller.kind === 'customer') throw new AppError('FORBIDDEN', 'Only a seller’s own people change its price list.');
        const now = deps.clock.now();
        await deps.db.transaction(async (tx) => {
          const pricingRepo = createPricingRepo(tx as unknown as Database);
          const rule = await pricingRepo.getRule(ruleId);
          if (!rule || rule.sellerCompanyId !== seller.id) throw new AppError('NOT_FOUND', `There is no price rule ${ruleId} in this price list.`);
          await pricingRepo.deleteRule(ruleId);
          await writeAudit(c, createRepos(tx as unknown as Database, deps.box), {
            at: now,
            companyId: seller.id,
            action: 'pricing.rule_removed',
            targetType: 'price_rule',
            targetId: ruleId,
            summary: `Removed a ${rule.level} price for ${rule.productId ?? 'every product'}${rule.buyerCompanyId ? ` for company ${rule.buyerCompanyId}` : ''}`,
          });
        });
        return c.body(null, 204);
      },
    );
}
