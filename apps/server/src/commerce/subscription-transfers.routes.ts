import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createSubscriptionTransfersRepo, type SubscriptionTransferRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { actorOf } from '../auth/principal';
import { writeAudit } from '../audit/write-audit';
import type { CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam } from './commerce.schema';
import { json } from '../http/json-content';
import { linkedTenantIn, linkedTenantsOf } from './linked-tenants';
import { readTenantSubscriptions } from './subscriptions-service';
import { cancelTransfer, movePathsOf, refreshTransfer, requestTransfer } from './subscription-transfers-service';
import { MovePathSchema } from './subscription-transfers.schema';

export const TransferViewSchema = z
  .object({
    id: z.string().uuid(),
    transferId: z.string().openapi({ description: "Partner Center's transfer id" }),
    sourcePartnerTenantId: z.string(),
    sourcePartnerName: z.string(),
    customerEmail: z.string(),
    state: z.enum(['active', 'complete', 'cancelled', 'expired']),
    requestedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    subscriptions: z.array(
      z.object({
        subscriptionId: z.string(),
        name: z.string(),
        quantity: z.number().int().nullable(),
        termDuration: z.string().nullable(),
        billingCycle: z.string().nullable(),
        termEndsAt: z.string().nullable().openapi({ description: 'End of the current term, kept by the transfer' }),
      }),
    ),
  })
  .openapi('SubscriptionTransfer');

export const TransfersViewSchema = z
  .object({
    connectionId: z.string().nullable(),
    tenantId: z.string().nullable(),
    licensesError: z.string().nullable(),
    candidates: z.array(z.object({ skuId: z.string(), name: z.string(), purchased: z.number().int(), assigned: z.number().int() }).extend(MovePathSchema.shape)),
    transfers: z.array(TransferViewSchema),
  })
  .openapi('SubscriptionTransfers');

const TransferRequestSchema = z
  .object({
    connectionId: z.string().uuid(),
    sourcePartnerTenantId: z.string().uuid().openapi({ description: "The current partner's Microsoft tenant ID (the customer's admin center shows it)" }),
    sourcePartnerName: z.string().trim().min(1).max(200),
    customerEmail: z.string().email().max(254).openapi({ description: 'The customer address Microsoft notifies of the request' }),
  })
  .strict()
  .openapi('SubscriptionTransferRequest');

const TransferIdParam = CompanyIdParam.extend({ transferId: z.string().uuid().openapi({ param: { name: 'transferId', in: 'path' } }) });

function toView(r: SubscriptionTransferRow): z.infer<typeof TransferViewSchema> {
  return {
    id: r.id,
    transferId: r.transferId,
    sourcePartnerTenantId: r.sourcePartnerTenantId,
    sourcePartnerName: r.sourcePartnerName,
    customerEmail: r.customerEmail,
    state: r.state,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    subscriptions: r.subscriptions.map((s) => ({ subscriptionId: s.subscriptionId, name: s.name, quantity: s.quantity, termDuration: s.termDuration, billingCycle: s.billingCycle, termEndsAt: s.termEndsAt })),
  };
}

/**
 * Transfers from another partner (Microsoft's new-commerce transfer API, docs/ORDERS-AND-SUBSCRIPTIONS.md):
 * the tenant's licences held elsewhere with the path that applies to each, the transfers asked
 * for (read again from Partner Center while active; a completed one imports its subscriptions),
 * a new request, and withdrawing one.
 */
export function subscriptionTransfersRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/subscription-transfers',
        tags: ['Subscriptions'],
        summary: "Licences held by other partners, which path moves each here, and the transfers asked for",
        request: { params: CompanyIdParam, query: z.object({ connectionId: z.string().uuid().optional() }) },
        responses: { 200: { description: 'Candidates and transfers', content: json(TransfersViewSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'subscriptions.read');
        const { connectionId } = c.req.valid('query');
        const tenant = connectionId ? await linkedTenantIn(repos, company, connectionId) : (await linkedTenantsOf(repos, company))[0];
        if (!tenant) return c.json({ connectionId: null, tenantId: null, licensesError: null, candidates: [], transfers: [] }, 200);
        const rows = await createSubscriptionTransfersRepo(deps.db).listFor(company.id, tenant.connection.id);
        const transfers = [];
        for (const row of rows) transfers.push(await refreshTransfer(deps, tenant, row, actorOf(p), c.var.requestId));
        const read = await readTenantSubscriptions(deps, company, tenant, { signal: c.req.raw.signal, priority: 'low' });
        if (read.error) throw new AppError('PARTNER_CENTER_UNAVAILABLE', read.error);
        const held = read.heldElsewhere ?? [];
        const paths = await movePathsOf(deps, company, tenant, held);
        return c.json(
          {
            connectionId: tenant.connection.id,
            tenantId: tenant.tenantId,
            licensesError: read.licensesError,
            candidates: held.map((h) => ({ skuId: h.skuId, name: h.name, purchased: h.purchased, assigned: h.assigned, ...paths.get(h.skuId)! })),
            transfers: transfers.map(toView),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/subscription-transfers',
        tags: ['Subscriptions'],
        summary: "Ask the customer's current partner, through Partner Center, to transfer its new-commerce subscriptions here",
        request: { params: CompanyIdParam, body: { required: true, content: json(TransferRequestSchema) } },
        responses: { 201: { description: 'Asked: active until the other partner accepts', content: json(TransferViewSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'orders.place');
        const body = c.req.valid('json');
        const tenant = await linkedTenantIn(repos, company, body.connectionId);
        const { row } = await requestTransfer(deps, company, tenant, body, p.label, (txRepos, created) =>
          writeAudit(c, txRepos, {
            at: deps.clock.now(),
            companyId: company.id,
            action: 'subscription_transfer.requested',
            targetType: 'subscription_transfer',
            targetId: created.id,
            summary: `Asked ${body.sourcePartnerName} to transfer the tenant's new-commerce subscriptions here (Partner Center transfer ${created.transferId})`,
            after: { transferId: created.transferId, sourcePartnerTenantId: created.sourcePartnerTenantId, sourcePartnerName: created.sourcePartnerName, customerEmail: created.customerEmail },
          }),
        );
        return c.json(toView(row), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/subscription-transfers/{transferId}/cancel',
        tags: ['Subscriptions'],
        summary: 'Withdraw a transfer the other partner has not accepted yet',
        request: { params: TransferIdParam },
        responses: { 200: { description: 'Cancelled', content: json(TransferViewSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { id, transferId } = c.req.valid('param');
        const { repos, company } = await commerceCompany(deps, p, id, 'orders.place');
        const row = await createSubscriptionTransfersRepo(deps.db).get(company.id, transferId);
        if (!row) throw new AppError('NOT_FOUND', 'There is no such transfer for this company.');
        const tenant = await linkedTenantIn(repos, company, row.connectionId);
        const after = await cancelTransfer(deps, tenant, row, (txRepos) =>
          writeAudit(c, txRepos, {
            at: deps.clock.now(),
            companyId: company.id,
            action: 'subscription_transfer.cancelled',
            targetType: 'subscription_transfer',
            targetId: row.id,
            summary: `Withdrew the transfer request to ${row.sourcePartnerName} (Partner Center transfer ${row.transferId})`,
          }),
        );
        return c.json(toView(after), 200);
      },
    );
}
