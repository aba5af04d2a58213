import { randomUUID } from 'node:crypto';
import type { Role } from '@csphub/domain';
import { createCatalogRepo, createOrdersRepo, createPricingRepo, type ConnectionSummary } from '@csphub/db';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import type { FixtureContext, RouteFixture } from './route-fixture.types';
import { emulatorOf, latamConnection } from './fixture-emulator';
import { resellerIsAdatum } from './onboarding-route-fixtures';
import { createEmulatorControl, type EmulatorStateView } from '@csphub/partner-center-emulator/control-client';

const ALL: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin', 'billing_reader'];
const EDITORS: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin'];
const DISTRIBUTOR_STAFF: readonly Role[] = ['distributor_admin', 'distributor_operator'];
const PEOPLE_READERS: readonly Role[] = EDITORS;

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const wingtipSubscription = (state: EmulatorStateView) =>
  state.subscriptions.find((s) => s.customerTenantId === wingtip.tenantId && s.partnerTenantId === latam.tenantId && s.status === 'active')!;

/**
 * The emulator the test app's emulated connections talk to (its configured emulator port). Only the
 * routes that must reach Partner Center to answer 2xx need it.
 */
export function emulatorFor(ctx: FixtureContext): Promise<string> {
  return emulatorOf(ctx.t);
}

/** A connection of the world's distributor with the emulator's LATAM credentials (created once per app). */
export function emulatorConnection(ctx: FixtureContext): Promise<ConnectionSummary> {
  return latamConnection(ctx, 'Emulator LATAM');
}

/** Links the target customer to the emulator's Wingtip tenant (indirect, through Adatum). */
export async function linkTarget(ctx: FixtureContext): Promise<ConnectionSummary> {
  await emulatorFor(ctx);
  const conn = await emulatorConnection(ctx);
  await resellerIsAdatum(ctx);
  await ctx.world.repos.syncOptions.upsert(ctx.target.customer.id, conn.id, { tenantId: wingtip.tenantId, resellerPartnerId: adatum.partnerId, syncStatus: 'synced' }, new Date());
  return conn;
}

/** A fresh cached catalog for the world's connection in ES, so browsing needs no Partner Center call. */
async function seedCatalog(ctx: FixtureContext): Promise<void> {
  const repo = createCatalogRepo(ctx.t.database.db);
  const snapshot = await repo.getSnapshot(ctx.world.conn.id, 'ES');
  if (snapshot?.refreshedAt) return;
  await repo.replaceCatalog(
    ctx.world.conn.id,
    'ES',
    [
      {
        catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01',
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        availabilityId: 'CFQ7TTC0LH18AV01',
        category: 'Online services',
        productGroup: 'Microsoft 365',
        productTitle: 'Microsoft 365 Business Basic',
        productDescription: 'Business Basic',
        skuTitle: 'Microsoft 365 Business Basic',
        skuDescription: 'Business Basic',
        minimumQuantity: 1,
        maximumQuantity: 300,
        isTrial: false,
        isAddOn: false,
        isPurchasable: true,
        segment: 'commercial',
        currency: 'EUR',
        listPrice: null,
        terms: [{ duration: 'P1Y', billingCycle: 'monthly', description: 'One year' }],
      },
    ],
    new Date(),
    { partnerCenterCalls: 0, durationMs: 0 },
  );
}

/** An order row of the target customer, optionally with an idempotency key. */
async function seedOrder(ctx: FixtureContext, idempotencyKey?: string) {
  const id = randomUUID();
  const { row } = await createOrdersRepo(ctx.t.database.db).create({
    id,
    companyId: ctx.target.customer.id,
    connectionId: ctx.world.conn.id,
    customerTenantId: wingtip.tenantId,
    reference: `CSPH-${id.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    idempotencyKey: idempotencyKey ?? null,
    lines: [{ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', productTitle: 'Microsoft 365 Business Basic', skuTitle: 'Microsoft 365 Business Basic', quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly' }],
    createdBy: 'matrix',
    at: new Date(),
  });
  return row;
}

const STAFF_OF_SELLERS: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator'];

/** This month's price sheet of the world's connection in ES, so reading prices needs no Partner Center call. */
async function seedPriceSheet(ctx: FixtureContext): Promise<void> {
  const repo = createPricingRepo(ctx.t.database.db);
  const month = new Date().toISOString().slice(0, 7);
  if ((await repo.sheet(ctx.world.conn.id, 'ES', month)).length > 0) return;
  await repo.replaceSheet(ctx.world.conn.id, 'ES', month, [
    { productId: 'CFQ7TTC0LH18', skuId: '0001', termDuration: 'P1Y', billingPlan: 'annual', currency: 'EUR', unitPriceMinor: 5630, erpPriceMinor: 6624, effectiveStart: `${month}-01`, effectiveEnd: `${month}-28`, fetchedAt: new Date() },
  ]);
}

/** A rule of the caller's own company's price list (any kind; the route checks the role first). */
async function seedPriceRule(ctx: FixtureContext): Promise<string> {
  const id = randomUUID();
  await createPricingRepo(ctx.t.database.db).insertRule({ id, level: 'customer', sellerCompanyId: ctx.caller.home.id, currency: 'EUR', validFrom: '2026-01-01', kind: 'margin', basisPoints: 500, createdAt: new Date(), createdBy: 'matrix' });
  return id;
}

/**
 * Access fixtures of the catalog, orders, subscriptions, moves and licenses routes, spread
 * into ROUTE_FIXTURES. Reading follows `company.read`/`billing.read`/`users.read`, changing follows
 * `company.update`; the catalog's refresh and hidden products are the distributor's.
 */
export const COMMERCE_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/companies/{id}/catalog': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => {
      await seedCatalog(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/catalog?connectionId=${ctx.world.conn.id}&country=ES&q=basic` };
    },
  },
  'POST /api/v1/catalog/refresh': {
    scope: 'distributor',
    allowed: DISTRIBUTOR_STAFF,
    request: async (ctx) => ({ path: '/api/v1/catalog/refresh', body: { connectionId: (await linkTarget(ctx)).id, country: 'MX' } }),
  },
  'GET /api/v1/catalog/hidden-products': { scope: 'distributor', allowed: DISTRIBUTOR_STAFF, request: () => ({ path: '/api/v1/catalog/hidden-products' }) },
  'PUT /api/v1/catalog/hidden-products/{productId}': { scope: 'distributor', allowed: ['distributor_admin'], request: () => ({ path: '/api/v1/catalog/hidden-products/CFQ7TTC0HD33', body: { hidden: true } }) },

  // Prices: seen by whoever reads the company's billing, at their own level and below; a price list
  // is changed only by the seller's own people (self), on its own company.
  'GET /api/v1/companies/{id}/prices': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => {
      await seedPriceSheet(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/prices?connectionId=${ctx.world.conn.id}&country=ES&productId=CFQ7TTC0LH18` };
    },
  },
  'GET /api/v1/companies/{id}/price-rules': { scope: 'company', allowed: ALL, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.parent.id}/price-rules` }) },
  'POST /api/v1/companies/{id}/price-rules': {
    scope: 'self',
    allowed: STAFF_OF_SELLERS,
    request: (ctx) => ({ path: `/api/v1/companies/${ctx.caller.home.id}/price-rules`, body: { currency: 'EUR', validFrom: '2026-01-01', kind: 'margin', basisPoints: 1000 } }),
  },
  'DELETE /api/v1/companies/{id}/price-rules/{ruleId}': {
    scope: 'self',
    allowed: STAFF_OF_SELLERS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.caller.home.id}/price-rules/${await seedPriceRule(ctx)}` }),
  },

  'GET /api/v1/companies/{id}/orders': { scope: 'company', allowed: ALL, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/orders` }) },
  'GET /api/v1/companies/{id}/orders/{orderId}': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/orders/${(await seedOrder(ctx)).id}` }),
  },
  'POST /api/v1/companies/{id}/orders': {
    scope: 'company',
    allowed: EDITORS,
    // A repeated submission (same idempotency key) answers 200 with the first order: authorised
    // callers get 2xx without a second order; the ordering itself is covered by the e2e and crash tests.
    request: async (ctx) => {
      const key = `matrix-${randomUUID()}`;
      await seedOrder(ctx, key);
      return {
        path: `/api/v1/companies/${ctx.target.customer.id}/orders`,
        body: { connectionId: ctx.world.conn.id, idempotencyKey: key, partnerOfRecordAttested: true, lines: [{ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly' }] },
      };
    },
  },

  'GET /api/v1/companies/{id}/subscriptions': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => {
      await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscriptions` };
    },
  },
  'PATCH /api/v1/companies/{id}/subscriptions/{subscriptionId}': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => {
      const conn = await linkTarget(ctx);
      const current = wingtipSubscription(await createEmulatorControl(await emulatorFor(ctx)).state());
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscriptions/${current.id}`, body: { connectionId: conn.id, autoRenew: !current.autoRenewEnabled } };
    },
  },
  'GET /api/v1/companies/{id}/checkout/term-end-dates': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => {
      const conn = await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/checkout/term-end-dates?connectionId=${conn.id}&termDuration=P1Y` };
    },
  },
  'GET /api/v1/companies/{id}/checkout/promotions': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => {
      const conn = await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/checkout/promotions?connectionId=${conn.id}&catalogItemId=CFQ7TTC0LCHC:0002:CFQ7TTC0LCHCAV02&quantity=10&termDuration=P1Y&billingCycle=annual` };
    },
  },
  'PUT /api/v1/companies/{id}/subscriptions/{subscriptionId}/renewal': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => {
      const conn = await linkTarget(ctx);
      const control = createEmulatorControl(await emulatorFor(ctx));
      const current = wingtipSubscription(await control.state());
      // Changes at renewal need auto-renew on (the PATCH fixture toggles it).
      if (!current.autoRenewEnabled) await control.changeSubscriptionInPortal(current.customerTenantId, current.id, { autoRenewEnabled: true });
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscriptions/${current.id}/renewal`, body: { connectionId: conn.id, outcome: 'renew', next: { quantity: current.quantity + 1 } } };
    },
  },
  'GET /api/v1/companies/{id}/subscription-moves': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => {
      await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscription-moves` };
    },
  },
  'PUT /api/v1/companies/{id}/subscription-moves/{skuId}': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => ({
      path: `/api/v1/companies/${ctx.target.customer.id}/subscription-moves/sku-matrix`,
      body: { connectionId: (await linkTarget(ctx)).id, skuName: 'Microsoft 365 Business Premium', oldExpiresAt: '2030-01-31' },
    }),
  },

  'GET /api/v1/companies/{id}/licenses': {
    scope: 'company',
    allowed: PEOPLE_READERS,
    request: async (ctx) => {
      await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/licenses` };
    },
  },
  'POST /api/v1/companies/{id}/licenses/changes': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => ({
      path: `/api/v1/companies/${ctx.target.customer.id}/licenses/changes`,
      body: { connectionId: (await linkTarget(ctx)).id, userIds: [randomUUID()], assign: [randomUUID()] },
    }),
  },
};
