import { createRepos, createSecretBox, publishEvent } from '@csphub/db';
import type { Role } from '@csphub/domain';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

/** Who manages webhooks: the distributor's and resellers' administrators. */
const WEBHOOK_ADMINS: readonly Role[] = ['distributor_admin', 'reseller_admin'];

/** A subscription of the target's distributor or reseller (the fixtures' `parent`), made directly. */
async function freshSubscription(ctx: FixtureContext) {
  return ctx.world.repos.webhooks.createSubscription({
    companyId: ctx.target.parent.id,
    url: 'https://hooks.example.com/matrix',
    events: ['order.fulfilled'],
    description: 'matrix',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    now: new Date(Date.now() - 1000),
  });
}

/** A delivery of one event to a fresh subscription: an event about a customer under it, fanned out. */
async function freshDelivery(ctx: FixtureContext) {
  const sub = await freshSubscription(ctx);
  const db = ctx.t.database.db;
  const customer = ctx.target.customer.path.startsWith(ctx.target.parent.path) ? ctx.target.customer : ctx.target.parent;
  await publishEvent(db, {
    type: 'order.fulfilled',
    companyId: customer.id,
    at: new Date(),
    data: { orderId: 'o-matrix', reference: 'CSPH-MATRIX', customerTenantId: 't', lines: [], microsoftOrderIds: [], subscriptionIds: [] },
  });
  const repos = createRepos(db, createSecretBox(ctx.t.secretKey));
  await repos.webhooks.fanOut(new Date());
  const [delivery] = await repos.webhooks.listDeliveries(sub.id);
  return { sub, delivery: delivery! };
}

const base = (ctx: FixtureContext) => `/api/v1/companies/${ctx.target.parent.id}/webhooks`;

export const WEBHOOKS_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/webhooks/event-types': {
    scope: 'self',
    allowed: ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin', 'billing_reader'],
    request: () => ({ path: '/api/v1/webhooks/event-types' }),
  },
  'GET /api/v1/companies/{id}/webhooks': { scope: 'company', allowed: WEBHOOK_ADMINS, request: (ctx) => ({ path: base(ctx) }) },
  'POST /api/v1/companies/{id}/webhooks': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: (ctx) => ({ path: base(ctx), body: { url: 'https://hooks.example.com/new', events: ['tenant.ready'] } }),
  },
  'PATCH /api/v1/companies/{id}/webhooks/{subscriptionId}': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: async (ctx) => ({ path: `${base(ctx)}/${(await freshSubscription(ctx)).id}`, body: { description: 'changed' } }),
  },
  'DELETE /api/v1/companies/{id}/webhooks/{subscriptionId}': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: async (ctx) => ({ path: `${base(ctx)}/${(await freshSubscription(ctx)).id}` }),
  },
  'POST /api/v1/companies/{id}/webhooks/{subscriptionId}/rotate-secret': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: async (ctx) => ({ path: `${base(ctx)}/${(await freshSubscription(ctx)).id}/rotate-secret` }),
  },
  'GET /api/v1/companies/{id}/webhooks/{subscriptionId}/deliveries': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: async (ctx) => ({ path: `${base(ctx)}/${(await freshSubscription(ctx)).id}/deliveries` }),
  },
  'POST /api/v1/companies/{id}/webhooks/{subscriptionId}/deliveries/{deliveryId}/redeliver': {
    scope: 'company',
    allowed: WEBHOOK_ADMINS,
    request: async (ctx) => {
      const { sub, delivery } = await freshDelivery(ctx);
      return { path: `${base(ctx)}/${sub.id}/deliveries/${delivery.id}/redeliver` };
    },
  },
};
