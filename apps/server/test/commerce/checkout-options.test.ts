import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { createOrdersRepo, createRepos, createSecretBox, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import type { PlaceOrderInput } from '@csphub/provisioning';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { testAppDeps } from '../test-app';


const PREMIUM = 'CFQ7TTC0LCHC:0002:CFQ7TTC0LCHCAV02';
type Dates = { dates: { kind: string; endDate: string; subscriptions: { id: string; productName: string }[] }[] };
type OrderBody = { id: string; lines: { catalogItemId: string; customTermEndDate?: string }[] };

/**
 * Before checkout: the end dates a new subscription may be given (co-terming with the customer's
 * subscriptions), kept on the order line and sent with the cart; and the promotions a line qualifies for.
 */
describe('checkout options: co-terming and promotions', () => {
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

  it("offers the end dates of the customer's subscriptions inside the term, and an order line keeps the one chosen and sends it with the cart", async () => {
    const reseller = await as('ops@adatum.test');
    const res = await call(t(), reseller, 'GET', `/api/v1/companies/${customer.id}/checkout/term-end-dates?connectionId=${conn.id}&termDuration=P3Y`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { dates } = (await res.json()) as Dates;
    const ours = (await client.listSubscriptions(wingtip.tenantId)).filter((s) => s.status === 'active');
    const aligned = dates.filter((d) => d.kind === 'subscription');
    expect(aligned.length).toBeGreaterThan(0);
    for (const d of aligned) {
      for (const s of d.subscriptions) expect(ours.find((o) => o.id === s.id)).toMatchObject({ offerName: s.productName, termEndsAt: expect.any(String) });
    }
    expect(dates.some((d) => d.kind === 'calendarMonth')).toBe(true);

    const chosen = aligned[0]!.endDate;
    const order = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, {
      connectionId: conn.id,
      partnerOfRecordAttested: true,
      lines: [{ catalogItemId: PREMIUM, quantity: 3, termDuration: 'P3Y', billingCycle: 'annual', customTermEndDate: chosen }],
    });
    expect(order.status, await order.clone().text()).toBe(202);
    expect(((await order.json()) as OrderBody).lines[0]).toMatchObject({ catalogItemId: PREMIUM, customTermEndDate: chosen });
    expect(started.at(-1)!.lines[0]).toMatchObject({ catalogItemId: PREMIUM, customTermEndDate: chosen });
  });

  it('refuses an end date Microsoft does not offer, naming the line, before anything is ordered', async () => {
    const reseller = await as('ops@adatum.test');
    const before = started.length;
    const res = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, {
      connectionId: conn.id,
      partnerOfRecordAttested: true,
      lines: [{ catalogItemId: PREMIUM, quantity: 3, termDuration: 'P1Y', billingCycle: 'annual', customTermEndDate: '2099-01-17T00:00:00Z' }],
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/lines\.0\.customTermEndDate/);
    expect(started.length).toBe(before);
    expect(await createOrdersRepo(db.db).listForCompany(customer.id)).toHaveLength(1);
    const noTerm = await call(t(), reseller, 'GET', `/api/v1/companies/${customer.id}/checkout/term-end-dates?connectionId=${conn.id}&termDuration=P2Y`);
    expect(noTerm.status).toBe(400);
  });

  it('says which promotions a line qualifies for, and why not', async () => {
    const customerAdmin = await as('it@wingtip.test');
    const ask = (q: string) => call(t(), customerAdmin, 'GET', `/api/v1/companies/${customer.id}/checkout/promotions?connectionId=${conn.id}&${q}`);
    const ok = await ask(`catalogItemId=${PREMIUM}&quantity=10&termDuration=P1Y&billingCycle=annual`);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toEqual({ promotions: [{ promotionId: '39NFJQT1Q5KL:0002', isEligible: true, reasons: [] }] });
    const monthly = (await (await ask(`catalogItemId=${PREMIUM}&quantity=10&termDuration=P1M&billingCycle=monthly`)).json()) as { promotions: { isEligible: boolean; reasons: { type: string }[] }[] };
    expect(monthly.promotions[0]).toMatchObject({ isEligible: false, reasons: [{ type: 'TermDuration' }] });
    expect((await ask(`catalogItemId=${PREMIUM}&quantity=ten&termDuration=P1Y&billingCycle=annual`)).status).toBe(400);
  });
});
