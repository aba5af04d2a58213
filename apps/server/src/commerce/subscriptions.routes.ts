import { createRoute, z } from '@hono/zod-openapi';
import { AppError, actionOfChange, quantityProblem } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import { createRepos, publishEvent, type Database } from '@csphub/db';
import type { CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam, SubscriptionChangeSchema, SubscriptionSchema, SubscriptionsResponseSchema } from './commerce.schema';
import { json } from '../http/json-content';
import { buyingCountryOf, linkedTenantIn, linkedTenantsOf } from './linked-tenants';
import { requireValidPartnerOfRecord } from './partner-of-record-check';
import { callPartnerCenter } from './partner-center-failure';
import { currentSubscription, readTenantSubscriptions } from './subscriptions-service';
import { createSubscriptionsStore } from './subscriptions-store';
import { viewerOf, type PricingService } from './pricing-service';
import { withExtendedTermPrices } from './extended-term-price';

const REFUSAL_TEXT: Record<string, string> = {
  not_ours: 'This subscription was sold by another partner; only that partner can change it.',
  window_closed: 'The 7-day (168-hour) window to reduce seats or cancel has passed. Turn auto-renew off to end the subscription at its term end instead.',
  status: 'The subscription’s status does not allow this change.',
  at_minimum: 'The subscription already has the fewest seats the product allows.',
  at_maximum: 'The subscription already has the most seats the product allows.',
  already: 'The subscription is already in that state.',
};

const SubscriptionsQuery = z.object({
  refresh: z.enum(['true', 'false']).optional().openapi({ description: 'true: read Partner Center now instead of the stored read' }),
});

const SubscriptionParams = CompanyIdParam.extend({ subscriptionId: z.string().min(1).max(64).openapi({ param: { name: 'subscriptionId', in: 'path' } }) });

/** Subscriptions of a company's linked tenants: read, and change within the rules. */
export function subscriptionsRoutes(deps: CommerceDeps, pricing: PricingService) {
  const auth = authenticate(deps);
  const store = createSubscriptionsStore(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/subscriptions',
        tags: ['Subscriptions'],
        summary: 'Subscriptions of every tenant the company is linked to, with the actions allowed now',
        description:
          'Per linked tenant: the subscriptions Partner Center knows for this connection (product, quantity, assigned licenses, status, term, billing cycle, term end, auto-renew, partner of record, the 168-hour window with the time left) and the seats the tenant holds through other partners, when its licenses are visible. Served from the last stored Partner Center read (`asOf`), refreshed in the background when it is older than 10 minutes (1 minute while the licenses are not visible); Partner Center is read before answering when nothing is stored, after a change made through CSP Hub (an order, a transfer, a move), or with `refresh=true`.',
        request: { params: CompanyIdParam, query: SubscriptionsQuery },
        responses: {
          200: { description: 'Per tenant', content: json(SubscriptionsResponseSchema) },
          503: problem('PARTNER_CENTER_BUSY: too many Partner Center calls already wait on the connection; Retry-After says when to try again'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'subscriptions.read');
        const tenants = await linkedTenantsOf(repos, company);
        // An interactive read: dropped when the client goes away, and behind provisioning and orders.
        const readCall = { signal: c.req.raw.signal, priority: 'low' as const };
        const reads = await store.read(company, tenants, { refresh: c.req.valid('query').refresh === 'true', call: readCall });
        const out = await Promise.all(
          tenants.map(async (t, i) => {
            const read = reads[i]!;
            const market = buyingCountryOf(company) ?? t.connection.region.toUpperCase();
            const subscriptions = await withExtendedTermPrices(pricing, { repos, company, viewer: viewerOf(p.company), market }, read.subscriptions);
            return {
              connection: t.connection,
              tenantId: t.tenantId,
              defaultDomain: t.defaultDomain,
              subscriptions,
              heldElsewhere: read.heldElsewhere,
              error: read.error,
              licensesError: read.licensesError,
              asOf: read.asOf?.toISOString() ?? null,
              refreshing: read.refreshing,
            };
          }),
        );
        return c.json({ tenants: out }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/companies/{id}/subscriptions/{subscriptionId}',
        tags: ['Subscriptions'],
        summary: 'Add or reduce seats, cancel, suspend, reactivate, or turn auto-renew on or off',
        description:
          'One change per call. Reducing seats and cancelling are refused (409) once the 168-hour window has passed; if Microsoft still refuses, the answer is 422 PARTNER_CENTER_REFUSED with the reason explained.',
        request: { params: SubscriptionParams, body: { required: true, content: json(SubscriptionChangeSchema) } },
        responses: {
          200: { description: 'The subscription after the change', content: json(SubscriptionSchema) },
          409: problem('The change is not allowed now (window closed, status, another partner’s subscription)'),
          422: problem('Microsoft refused the change, or the seat count is out of range'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const p = c.var.principal;
        const { id, subscriptionId } = c.req.valid('param');
        const { repos, company } = await commerceCompany(deps, p, id, 'subscriptions.manage');
        const body = c.req.valid('json');
        const tenant = await linkedTenantIn(repos, company, body.connectionId);
        const current = await currentSubscription(deps, company, tenant, subscriptionId);
        const changes = [body.quantity !== undefined && body.quantity !== current.quantity, body.autoRenew !== undefined, body.status !== undefined].filter(Boolean).length;
        if (changes > 1) throw new AppError('VALIDATION_FAILED', 'Change one thing at a time: seats, status or auto-renew.');
        const action = actionOfChange(current, body);
        if (!action) return c.json(current, 200);
        const decision = current.actions[action];
        if (!decision.allowed) {
          const window = action === 'reduce_seats' || action === 'cancel' ? ` (window ended ${current.window.endsAt})` : '';
          throw new AppError('SUBSCRIPTION_ACTION_NOT_ALLOWED', `${REFUSAL_TEXT[decision.reason ?? 'status']}${window}`, [{ field: action, message: decision.reason ?? 'status' }]);
        }
        // Changes that buy (more seats, a reactivation, a renewal) name the reseller as partner of record.
        if (BUYING_ACTIONS[action]) await requireValidPartnerOfRecord(repos, company, tenant, BUYING_ACTIONS[action]);
        if (body.quantity !== undefined) {
          const q = quantityProblem(body.quantity, current.bounds);
          if (q) throw new AppError('QUANTITY_OUT_OF_RANGE', `Choose between ${current.bounds.minimum} and ${current.bounds.maximum} seats.`, [{ field: 'quantity', message: q }]);
        }
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        await callPartnerCenter(action.replace(/_/g, ' '), () =>
          pc.updateSubscription(tenant.tenantId, current.id, {
            ...(body.quantity !== undefined ? { quantity: body.quantity } : {}),
            ...(body.autoRenew !== undefined ? { autoRenew: body.autoRenew } : {}),
            ...(body.status !== undefined ? { status: body.status } : {}),
          }),
        );
        const after = (await readTenantSubscriptions(deps, company, tenant)).subscriptions.find((s) => s.id === current.id) ?? current;
        const at = deps.clock.now();
        const before = { quantity: current.quantity, status: current.status, autoRenew: current.autoRenew };
        const afterState = { quantity: after.quantity, status: after.status, autoRenew: after.autoRenew };
        // The audit entry and the subscription.changed event commit together.
        await deps.db.transaction(async (t) => {
          const tx = t as unknown as Database;
          await writeAudit(c, createRepos(tx, deps.box), {
            at,
            companyId: company.id,
            action: `subscription.${action}`,
            targetType: 'subscription',
            targetId: current.id,
            summary: `${action.replace(/_/g, ' ')} on ${current.productName}: ${describe(current)} → ${describe(after)}`,
            before,
            after: afterState,
          });
          await publishEvent(tx, {
            type: 'subscription.changed',
            companyId: company.id,
            at,
            data: {
              connectionId: tenant.connection.id,
              tenantId: tenant.tenantId,
              subscriptionId: current.id,
              change: body.quantity !== undefined ? 'quantity' : body.autoRenew !== undefined ? 'auto_renew' : 'status',
              before,
              after: afterState,
            },
          });
        });
        return c.json(after, 200);
      },
    );
}

/** The subscription changes that are transactions under the partner of record, as the refusal names them. */
const BUYING_ACTIONS: Partial<Record<string, string>> = { add_seats: 'adding seats', reactivate: 'reactivating the subscription', enable_auto_renew: 'turning auto-renew on' };

function describe(s: { quantity: number; status: string; autoRenew: boolean }): string {
  return `${s.quantity} seats, ${s.status}, auto-renew ${s.autoRenew ? 'on' : 'off'}`;
}
