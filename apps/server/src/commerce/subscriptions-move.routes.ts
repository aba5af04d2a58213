import { createRoute, z } from '@hono/zod-openapi';
import { AppError, MOVE_STEPS, checkMoveOrder, currentMoveStep, termExpiry } from '@csphub/domain';
import { createSubscriptionMovesRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam } from './commerce.schema';
import { json } from '../http/json-content';
import { buyingCountryOf, linkedTenantIn, linkedTenantsOf } from './linked-tenants';
import { readTenantSubscriptions } from './subscriptions-service';
import { movePathsOf } from './subscription-transfers-service';
import { MovePathSchema } from './subscription-transfers.schema';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export const MoveItemSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  purchased: z.number().int().openapi({ description: 'Seats held through other partners' }),
  assigned: z.number().int(),
  oldExpiresAt: z.string().nullable(),
  expiry: z.object({ daysLeft: z.number().int(), isNear: z.boolean(), isExpired: z.boolean() }).nullable(),
  minimumQuantity: z.number().int().openapi({ description: 'Order at least this many seats (current and assigned)' }),
  targetCatalogItemId: z.string().nullable(),
  replacement: z.object({ subscriptionId: z.string(), productName: z.string(), quantity: z.number().int(), status: z.string(), assigned: z.number().int().nullable() }).nullable(),
  problems: z.array(z.string()),
  step: z.enum([...MOVE_STEPS, 'done']),
}).extend(MovePathSchema.shape);

export const MoveViewSchema = z
  .object({ connectionId: z.string().nullable(), tenantId: z.string().nullable(), licensesError: z.string().nullable(), items: z.array(MoveItemSchema) })
  .openapi('SubscriptionMoves');

const MoveUpdateSchema = z
  .object({
    connectionId: z.string().uuid(),
    skuName: z.string().min(1).max(200),
    oldExpiresAt: z.string().date().nullable().optional().openapi({ description: "The other partner's expiry, from the customer's admin center (YYYY-MM-DD)" }),
    targetCatalogItemId: z.string().max(100).nullable().optional(),
    replacementOrderId: z.string().uuid().nullable().optional(),
  })
  .strict()
  .openapi('SubscriptionMoveUpdate');

/**
 * Moving from another partner: the tenant's seats held elsewhere with the path that applies to each
 * (Microsoft's transfer for new-commerce licences, `subscription-transfers.routes.ts`; else this guided path),
 * purchased and assigned counts and the expiry, a warning when it is near, and where the guided path
 * stands (review > order the same or a higher package with at least the current seats before the
 * expiry > verify both > move users' licenses > retire the old one).
 */
export function subscriptionsMoveRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/subscription-moves',
        tags: ['Subscriptions'],
        summary: 'Licenses the tenant holds through other partners, and the guided move to this one',
        request: { params: CompanyIdParam, query: z.object({ connectionId: z.string().uuid().optional() }) },
        responses: { 200: { description: 'One item per licence SKU held elsewhere (or being moved)', content: json(MoveViewSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'subscriptions.read');
        const { connectionId } = c.req.valid('query');
        const tenant = connectionId ? await linkedTenantIn(repos, company, connectionId) : (await linkedTenantsOf(repos, company))[0];
        if (!tenant) return c.json({ connectionId: null, tenantId: null, licensesError: null, items: [] }, 200);
        const read = await readTenantSubscriptions(deps, company, tenant, { signal: c.req.raw.signal, priority: 'low' });
        if (read.error) throw new AppError('PARTNER_CENTER_UNAVAILABLE', read.error);
        const moves = await createSubscriptionMovesRepo(deps.db).listFor(company.id, tenant.connection.id);
        const country = (buyingCountryOf(company) ?? tenant.connection.region).toUpperCase();
        const now = deps.clock.now();
        const skuIds = new Set([...(read.heldElsewhere ?? []).map((h) => h.skuId), ...moves.map((m) => m.skuId)]);
        const paths = await movePathsOf(deps, company, tenant, [...skuIds].map((skuId) => ({ skuId, name: read.heldElsewhere?.find((h) => h.skuId === skuId)?.name ?? moves.find((m) => m.skuId === skuId)?.skuName ?? skuId })));
        const items = await Promise.all(
          [...skuIds].map(async (skuId) => {
            const held = read.heldElsewhere?.find((h) => h.skuId === skuId);
            const move = moves.find((m) => m.skuId === skuId);
            const name = held?.name ?? move?.skuName ?? skuId;
            const purchased = held?.purchased ?? 0;
            const assigned = held?.assigned ?? 0;
            const target = move?.targetCatalogItemId ? await commerceRepos(deps).catalog.getItem(tenant.connection.id, country, move.targetCatalogItemId) : undefined;
            const replacementSub = read.subscriptions.find(
              (s) => (move?.targetCatalogItemId && s.catalogItemId.toUpperCase() === move.targetCatalogItemId.toUpperCase()) || norm(s.productName) === norm(name),
            );
            const check = move?.oldExpiresAt && purchased > 0 ? checkMoveOrder({ quantity: purchased, assigned, termEndsAt: move.oldExpiresAt, autoRenew: true }, replacementSub?.quantity ?? 0, now) : undefined;
            const samePackage = target ? norm(target.skuTitle) === norm(name) : replacementSub ? norm(replacementSub.productName) === norm(name) : true;
            const step = currentMoveStep({
              reviewed: !!move?.oldExpiresAt,
              replacementOrdered: !!replacementSub || !!move?.replacementOrderId,
              replacementActive: replacementSub?.status === 'active' && replacementSub.quantity >= Math.max(purchased, assigned, 1),
              samePackage,
              usersStillOnOldOnly: samePackage ? 0 : assigned - (replacementSub?.assigned ?? 0),
              oldRetiredOrNotRenewing: purchased === 0,
            });
            const expiry = move?.oldExpiresAt ? termExpiry(move.oldExpiresAt, now) : undefined;
            return {
              skuId,
              name,
              purchased,
              assigned,
              oldExpiresAt: move?.oldExpiresAt?.toISOString() ?? null,
              expiry: expiry ? { daysLeft: expiry.daysLeft, isNear: expiry.isNear, isExpired: expiry.isExpired } : null,
              minimumQuantity: Math.max(purchased, assigned),
              targetCatalogItemId: move?.targetCatalogItemId ?? null,
              replacement: replacementSub
                ? { subscriptionId: replacementSub.id, productName: replacementSub.productName, quantity: replacementSub.quantity, status: replacementSub.status, assigned: replacementSub.assigned }
                : null,
              problems: check && replacementSub ? check.problems : expiry?.isExpired ? ['old_expired'] : [],
              step,
              ...paths.get(skuId)!,
            };
          }),
        );
        return c.json({ connectionId: tenant.connection.id, tenantId: tenant.tenantId, licensesError: read.licensesError, items }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/companies/{id}/subscription-moves/{skuId}',
        tags: ['Subscriptions'],
        summary: "Record the other partner's expiry and the chosen replacement for one licence SKU",
        request: {
          params: CompanyIdParam.extend({ skuId: z.string().min(1).max(64).openapi({ param: { name: 'skuId', in: 'path' } }) }),
          body: { required: true, content: json(MoveUpdateSchema) },
        },
        responses: { 200: { description: 'Saved', content: json(z.object({ ok: z.literal(true) })) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { id, skuId } = c.req.valid('param');
        const { repos, company } = await commerceCompany(deps, p, id, 'orders.place');
        const body = c.req.valid('json');
        const tenant = await linkedTenantIn(repos, company, body.connectionId);
        const now = deps.clock.now();
        const fields = {
          ...(body.oldExpiresAt !== undefined ? { oldExpiresAt: body.oldExpiresAt ? new Date(`${body.oldExpiresAt}T00:00:00Z`) : null } : {}),
          ...(body.targetCatalogItemId !== undefined ? { targetCatalogItemId: body.targetCatalogItemId } : {}),
          ...(body.replacementOrderId !== undefined ? { replacementOrderId: body.replacementOrderId } : {}),
        };
        await createSubscriptionMovesRepo(deps.db).upsert({ companyId: company.id, connectionId: tenant.connection.id, skuId, skuName: body.skuName }, fields, p.label, now);
        await writeAudit(c, repos, {
          at: now,
          companyId: company.id,
          action: 'subscription_move.updated',
          targetType: 'licence_sku',
          targetId: skuId,
          summary: `Move of ${body.skuName} from another partner: ${Object.keys(fields).join(', ') || 'nothing'} recorded`,
          after: { ...body, connectionId: undefined },
        });
        return c.json({ ok: true as const }, 200);
      },
    );
}
