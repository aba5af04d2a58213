import { createRoute, z } from '@hono/zod-openapi';
import { AppError, placeOrderWorkflowId } from '@csphub/domain';
import type { OrderRow, Repos } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import type { CatalogService } from './catalog-service';
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { commerceCompany, commerceScope } from './commerce-access';
import { CompanyIdParam, OrderSchema, OrderSubmissionSchema } from './commerce.schema';
import { json, listOf } from '../http/json-content';
import { submitOrder } from './order-service';
import { orderPricesFor } from './order-prices';
import { viewerOf, type PricingService } from './pricing-service';
import type { PriceViewer } from '@csphub/domain';

/** The API shape of an order row. */
export function toOrderDto(o: OrderRow, viewer: PriceViewer) {
  const prices = orderPricesFor(o.lines, viewer);
  return {
    id: o.id,
    reference: o.reference,
    companyId: o.companyId,
    connectionId: o.connectionId,
    customerTenantId: o.customerTenantId,
    status: o.status,
    lines: o.lines.map(({ price: _frozen, ...line }, i) => ({ ...line, price: prices.linePrices[i] ?? null })),
    totals: prices.totals,
    unpricedLines: prices.unpricedLines,
    microsoftOrderIds: o.microsoftOrderIds,
    subscriptionIds: o.subscriptionIds,
    errorCode: o.errorCode,
    errorMessage: o.errorMessage,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    runId: placeOrderWorkflowId(o.id),
  };
}

const OrderParams = CompanyIdParam.extend({ orderId: z.string().uuid().openapi({ param: { name: 'orderId', in: 'path' } }) });

/** Orders: list, read and submit; the durable workflow moves them along. */
export function ordersRoutes(deps: CommerceDeps, catalog: CatalogService, pricing: PricingService) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/orders',
        tags: ['Orders'],
        summary: "A company's orders, newest first",
        request: { params: CompanyIdParam },
        responses: { 200: { description: 'Orders', content: json(listOf(OrderSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { company } = await commerceScope(deps, p, c.req.valid('param').id, 'orders.read');
        const rows = await commerceRepos(deps).orders.listForCompany(company.id);
        return c.json({ items: rows.map((o) => toOrderDto(o, viewerOf(p.company))) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/orders/{orderId}',
        tags: ['Orders'],
        summary: 'One order: status (submitted, in progress, fulfilled, failed with the reason) and subscription ids',
        request: { params: OrderParams },
        responses: { 200: { description: 'The order', content: json(OrderSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { id, orderId } = c.req.valid('param');
        const { company } = await commerceScope(deps, p, id, 'orders.read');
        const order = await commerceRepos(deps).orders.get(orderId);
        if (!order || order.companyId !== company.id) throw new AppError('NOT_FOUND', `There is no order ${orderId} for ${company.name}.`);
        return c.json(toOrderDto(order, viewerOf(p.company)), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/orders',
        tags: ['Orders'],
        summary: 'Place an order for a linked tenant (cart and checkout through a durable, exactly-once run)',
        description:
          'Checks the tenant link, the lines against the catalog (SKU minimum/maximum, term, billing cycle), the partner of record and the MCA before anything reaches Microsoft. Answers 202 with the order in status `submitted`; follow it with GET until `fulfilled` or `failed`. A repeated `idempotencyKey` answers 200 with the first order.',
        request: { params: CompanyIdParam, body: { required: true, content: json(OrderSubmissionSchema) } },
        responses: {
          200: { description: 'The order submitted earlier with the same idempotency key', content: json(OrderSchema) },
          202: { description: 'Accepted: the run is placing the order', content: json(OrderSchema) },
          409: problem('No tenant linked in this connection'),
          422: problem('An order line, the partner of record or the MCA needs fixing first'),
          503: problem('Durable runs are not available on this server'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'orders.place');
        const body = c.req.valid('json');
        const audit = (tx: Repos, order: OrderRow) =>
          writeAudit(c, tx, {
            at: deps.clock.now(),
            companyId: company.id,
            action: 'order.submitted',
            targetType: 'order',
            targetId: order.id,
            summary: `Submitted order ${order.reference}: ${order.lines.map((l) => `${l.quantity} × ${l.skuTitle} (${l.termDuration}, ${l.billingCycle})`).join(', ')}`,
            after: { reference: order.reference, connectionId: order.connectionId, lines: order.lines },
          });
        const { order, created } = await submitOrder(deps, { catalog, pricing }, { repos, principal: p, company, audit }, body);
        if (!created) return c.json(toOrderDto(order, viewerOf(p.company)), 200);
        return c.json(toOrderDto(order, viewerOf(p.company)), 202);
      },
    );
}
