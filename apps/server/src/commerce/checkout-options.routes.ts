import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { json } from '../http/json-content';
import type { CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam } from './commerce.schema';
import { linkedTenantIn } from './linked-tenants';
import { callPartnerCenter } from './partner-center-failure';
import { termEndOptions } from './checkout-options';
import { PromotionEligibilitySchema, PromotionsQuery, TermEndDatesQuery, TermEndDatesSchema } from './checkout-options.schema';

/**
 * What the order dialog offers before checkout: the end dates a new subscription may be given
 * (co-terming with the customer's subscriptions) and the promotions a line qualifies for. Reads
 * only; the choice travels with the order.
 */
export function checkoutOptionsRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/checkout/term-end-dates',
        tags: ['Orders'],
        summary: "End dates a new subscription of this term may be given, aligned with the customer's subscriptions or a calendar month",
        request: { params: CompanyIdParam, query: TermEndDatesQuery },
        responses: {
          200: { description: 'Allowed end dates', content: json(TermEndDatesSchema) },
          409: problem('No tenant linked in this connection'),
          503: problem('Partner Center did not answer'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const { repos, company } = await commerceCompany(deps, c.var.principal, c.req.valid('param').id, 'orders.place');
        const q = c.req.valid('query');
        const tenant = await linkedTenantIn(repos, company, q.connectionId);
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        const dates = await callPartnerCenter('reading the end dates', () => termEndOptions(pc, tenant.tenantId, q.termDuration, { signal: c.req.raw.signal, priority: 'low' }));
        return c.json({ dates }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/checkout/promotions',
        tags: ['Orders'],
        summary: 'Promotions a line (product, seats, term, billing) qualifies for, and why not',
        request: { params: CompanyIdParam, query: PromotionsQuery },
        responses: {
          200: { description: 'One entry per promotion of the product', content: json(PromotionEligibilitySchema) },
          409: problem('No tenant linked in this connection'),
          503: problem('Partner Center did not answer'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const { repos, company } = await commerceCompany(deps, c.var.principal, c.req.valid('param').id, 'orders.place');
        const q = c.req.valid('query');
        const tenant = await linkedTenantIn(repos, company, q.connectionId);
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        const found = await callPartnerCenter('checking promotions', () =>
          pc.checkPromotionEligibility(tenant.tenantId, { catalogItemId: q.catalogItemId, quantity: q.quantity, termDuration: q.termDuration, billingCycle: q.billingCycle }, { signal: c.req.raw.signal, priority: 'low' }),
        );
        return c.json({ promotions: found.map((p) => ({ promotionId: p.promotionId, isEligible: p.isEligible, reasons: p.errors })) }, 200);
      },
    );
}
