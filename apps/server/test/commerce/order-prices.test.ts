import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { applyMarginBasisPoints } from '@csphub/domain';
import { createOrdersRepo, createRepos, createSecretBox, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import type { PlaceOrderInput } from '@csphub/provisioning';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { testAppDeps } from '../test-app';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';

type Wire = { currency: string; amount: string };
type OrderBody = {
  id: string;
  lines: { catalogItemId: string; quantity: number; price: { currency: string; billingPlan: string; distributorCost?: Wire; resellerCost?: Wire; customerPrice?: Wire } | null }[];
  totals: { currency: string; billingPlan: string; distributorCost?: Wire; resellerCost?: Wire; customerPrice?: Wire }[];
  unpricedLines: number;
};

/**
 * An order carries its lines' prices and totals at each level, frozen when it was submitted: a
 * price list changed afterwards does not move them, and each reader sees only its level and below.
 */
describe('order prices, frozen at order time', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let d: CompanyRow, r: CompanyRow, customer: CompanyRow;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  const started: PlaceOrderInput[] = [];
  const secretKey = randomBytes(32);
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
  const sheetPrice = new Map<string, number>();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    const repos = createRepos(db.db, createSecretBox(secretKey));
    const now = new Date();
    d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', language: 'es', now });
    customer = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', billingCountry: 'MX', now });
    conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced', resellerPartnerId: '6100001' }, now);
    const passwordHash = await hashPassword('correct-horse-battery');
    await repos.users.create({ companyId: d.id, email: 'admin@dist.test', name: 'Dist admin', passwordHash, role: 'distributor_admin', now });
    await repos.users.create({ companyId: r.id, email: 'ops@adatum.test', name: 'Reseller operator', passwordHash, role: 'reseller_operator', now });
    await repos.users.create({ companyId: customer.id, email: 'it@wingtip.test', name: 'Customer admin', passwordHash, role: 'customer_admin', now });
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    for (const e of await client.getPriceSheet({ market: 'MX' })) sheetPrice.set(`${e.productId}|${e.skuId}|${e.termDuration}|${e.billingPlan}`, e.unitPrice.minor);
    await createEmulatorControl(emulator.url).setDirectSignedMca(wingtip.tenantId, { isSigned: true });
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    app = createApp(
      config,
      testAppDeps(config, db, secretKey, {
        partnerCenterFor: async () => client,
        runs: { startPlaceOrder: async (input) => void started.push(input) },
      }),
    );
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const as = async (email: string) => signInAs({ app } as Parameters<typeof signInAs>[0], email, 'correct-horse-battery');
  const t = () => ({ app }) as Parameters<typeof call>[0];
  const mxn = (minor: number) => ({ currency: 'MXN', amount: (minor / 100).toFixed(2) });

  it('takes the order unpriced, saying so, when Partner Center does not give the price sheet', async () => {
    const reseller = await as('ops@adatum.test');
    await createEmulatorControl(emulator.url).injectFault({ route: 'GET /v1.0/sales/*', status: 403, count: 1 });
    const res = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 2, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(res.status, await res.clone().text()).toBe(202);
    const order = (await res.json()) as OrderBody;
    expect([order.unpricedLines, order.totals, order.lines[0]!.price]).toEqual([1, [], null]);
    // The reseller's operator is told in the reseller's Spanish, not the English customer's.
    expect(started[0]!.notify).toMatchObject({ to: ['ops@adatum.test'], language: 'es' });
    started.length = 0;
  });

  it('stores each line at every level and shows each reader its own level and below, with the totals', async () => {
    const dist = await as('admin@dist.test');
    const reseller = await as('ops@adatum.test');
    expect((await call(t(), dist, 'POST', `/api/v1/companies/${d.id}/price-rules`, { currency: 'MXN', validFrom: '2020-01-01', kind: 'margin', basisPoints: 1000 })).status).toBe(201);
    expect((await call(t(), reseller, 'POST', `/api/v1/companies/${r.id}/price-rules`, { buyerCompanyId: customer.id, currency: 'MXN', validFrom: '2020-01-01', kind: 'margin', basisPoints: 2000 })).status).toBe(201);

    const catalog = (await (await call(t(), reseller, 'GET', `/api/v1/companies/${customer.id}/catalog`)).json()) as { categories: { groups: { products: { id: string; skus: { catalogItemId: string; skuId: string; minimumQuantity: number; terms: { duration: string; billingCycle: string }[] }[] }[] }[] }[] };
    const skus = catalog.categories.flatMap((c) => c.groups.flatMap((g) => g.products.flatMap((p) => p.skus.map((s) => ({ ...s, productId: p.id })))));
    const picks = [skus.find((s) => s.catalogItemId === BASIC)!, ...skus.filter((s) => s.catalogItemId !== BASIC && s.terms.some((x) => x.duration === 'P1Y' && x.billingCycle === 'monthly') && sheetPrice.has(`${s.productId}|${s.skuId}|P1Y|monthly`)).slice(0, 2)];
    expect(picks).toHaveLength(3);
    const lines = picks.map((s, i) => ({ catalogItemId: s.catalogItemId, quantity: Math.max(s.minimumQuantity, 3 + i), termDuration: 'P1Y', billingCycle: 'monthly' }));

    const res = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines });
    expect(res.status, await res.clone().text()).toBe(202);
    const order = (await res.json()) as OrderBody;
    expect(started).toHaveLength(1);
    expect(started[0]!.lines).toHaveLength(3);

    const expected = picks.map((s) => {
      const ms = sheetPrice.get(`${s.productId}|${s.skuId}|P1Y|monthly`)!;
      const reseller = applyMarginBasisPoints({ currency: 'MXN', minor: ms }, 1000).minor;
      return { ms, reseller, customer: applyMarginBasisPoints({ currency: 'MXN', minor: ms }, 2000).minor };
    });
    expect(order.unpricedLines).toBe(0);
    order.lines.forEach((l, i) => {
      expect(l.price).toEqual({ currency: 'MXN', billingPlan: 'monthly', resellerCost: mxn(expected[i]!.reseller), customerPrice: mxn(expected[i]!.customer) });
    });
    const sum = (pick: (e: (typeof expected)[number]) => number) => expected.reduce((acc, e, i) => acc + pick(e) * lines[i]!.quantity, 0);
    expect(order.totals).toEqual([{ currency: 'MXN', billingPlan: 'monthly', resellerCost: mxn(sum((e) => e.reseller)), customerPrice: mxn(sum((e) => e.customer)) }]);

    // The distributor sees its own cost too; the customer only its price.
    const asDist = (await (await call(t(), dist, 'GET', `/api/v1/companies/${customer.id}/orders/${order.id}`)).json()) as OrderBody;
    expect(asDist.totals[0]!.distributorCost).toEqual(mxn(sum((e) => e.ms)));
    const asCustomer = (await (await call(t(), await as('it@wingtip.test'), 'GET', `/api/v1/companies/${customer.id}/orders/${order.id}`)).json()) as OrderBody;
    expect(asCustomer.totals).toEqual([{ currency: 'MXN', billingPlan: 'monthly', customerPrice: mxn(sum((e) => e.customer)) }]);
    expect(asCustomer.lines.every((l) => l.price && !l.price.resellerCost && !l.price.distributorCost)).toBe(true);

    // A new price list afterwards does not move the order's prices.
    expect((await call(t(), reseller, 'POST', `/api/v1/companies/${r.id}/price-rules`, { buyerCompanyId: customer.id, currency: 'MXN', validFrom: '2020-01-02', kind: 'margin', basisPoints: 5000 })).status).toBe(201);
    const later = (await (await call(t(), reseller, 'GET', `/api/v1/companies/${customer.id}/orders/${order.id}`)).json()) as OrderBody;
    expect(later.totals).toEqual(order.totals);
    const stored = (await createOrdersRepo(db.db).get(order.id))!;
    expect(stored.lines[0]!.price).toMatchObject({ currency: 'MXN', distributorCostMinor: expected[0]!.ms });
  });
  it('stores an order with its audit entry or not at all, and starts no run for an order that was not stored', async () => {
    const reseller = await as('ops@adatum.test');
    // The audit entry cannot be written: the order must roll back with it.
    await db.db.execute(sql.raw(`create function refuse_order_audit() returns trigger language plpgsql as $$ begin
      if new.action = 'order.submitted' then raise exception 'audit refused'; end if; return new; end $$`));
    await db.db.execute(sql.raw('create trigger refuse_order_audit before insert on audit_log for each row execute function refuse_order_audit()'));
    const before = (await createOrdersRepo(db.db).listForCompany(customer.id)).length;
    started.length = 0;
    try {
      const refused = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, idempotencyKey: 'audit-refused', lines: [{ catalogItemId: BASIC, quantity: 2, termDuration: 'P1Y', billingCycle: 'monthly' }] });
      expect(refused.status).toBe(500);
    } finally {
      await db.db.execute(sql.raw('drop trigger refuse_order_audit on audit_log'));
      await db.db.execute(sql.raw('drop function refuse_order_audit()'));
    }
    expect(await createOrdersRepo(db.db).listForCompany(customer.id)).toHaveLength(before);
    expect(started).toHaveLength(0);
    // The same submission again, the audit writable: stored once, audited once, one run.
    const again = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, idempotencyKey: 'audit-refused', lines: [{ catalogItemId: BASIC, quantity: 2, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(again.status).toBe(202);
    expect(await createOrdersRepo(db.db).listForCompany(customer.id)).toHaveLength(before + 1);
    expect(started).toHaveLength(1);
  });
});
