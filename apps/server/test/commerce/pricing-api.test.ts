import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { applyMarginBasisPoints } from '@csphub/domain';
import { createRepos, createSecretBox, type CompanyRow, type Repos } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { testAppDeps } from '../test-app';

/**
 * Prices along the channel against the emulator's price sheet: the distributor's margin to its
 * resellers, a reseller's override for one customer, who sees which level, and a sibling's price
 * list out of reach.
 */
describe('prices and price lists API', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let repos: Repos;
  let app: ReturnType<typeof createApp>;
  let d: CompanyRow, r: CompanyRow, r2: CompanyRow, c: CompanyRow, c2: CompanyRow;
  let client: PartnerCenterClient;
  let partnerPrice = 0;
  const secretKey = randomBytes(32);
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    repos = createRepos(db.db, createSecretBox(secretKey));
    const now = new Date();
    d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', now });
    r2 = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Fabrikam', partnerId: '6100002', now });
    c = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', billingCountry: 'MX', now });
    c2 = await repos.companies.create({ kind: 'customer', parent: r2, name: 'Contoso', billingCountry: 'MX', now });
    const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
    const passwordHash = await hashPassword('correct-horse-battery');
    await repos.users.create({ companyId: d.id, email: 'admin@dist.test', name: 'Dist admin', passwordHash, role: 'distributor_admin', now });
    await repos.users.create({ companyId: r.id, email: 'ops@adatum.test', name: 'Reseller operator', passwordHash, role: 'reseller_operator', now });
    await repos.users.create({ companyId: c.id, email: 'it@wingtip.test', name: 'Customer admin', passwordHash, role: 'customer_admin', now });
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    const sheet = await client.getPriceSheet({ market: 'MX' });
    partnerPrice = sheet.find((e) => e.productId === 'CFQ7TTC0LH18' && e.termDuration === 'P1Y' && e.billingPlan === 'annual')!.unitPrice.minor;
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    app = createApp(config, testAppDeps(config, db, secretKey, { partnerCenterFor: async () => client }));
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const as = async (email: string) => signInAs({ app } as Parameters<typeof signInAs>[0], email, 'correct-horse-battery');
  const t = () => ({ app }) as Parameters<typeof call>[0];
  const basicAnnual = (raw: unknown) =>
    (raw as { lines: { productId: string; termDuration: string; billingPlan: string }[] }).lines.find((l) => l.productId === 'CFQ7TTC0LH18' && l.termDuration === 'P1Y' && l.billingPlan === 'annual') as Record<string, { amount: string; currency: string } | string>;

  it("sets each level's price from its seller's list and shows each viewer only its level and below", async () => {
    const dist = await as('admin@dist.test');
    const reseller = await as('ops@adatum.test');
    const customer = await as('it@wingtip.test');
    expect((await call(t(), dist, 'POST', `/api/v1/companies/${d.id}/price-rules`, { currency: 'MXN', validFrom: '2020-01-01', kind: 'margin', basisPoints: 1000 })).status).toBe(201);
    const override = { buyerCompanyId: c.id, productId: 'CFQ7TTC0LH18', skuId: '0001', termDuration: 'P1Y', billingPlan: 'annual', currency: 'MXN', validFrom: '2020-01-01', kind: 'fixed', amount: '1500.00' };
    expect((await call(t(), reseller, 'POST', `/api/v1/companies/${r.id}/price-rules`, override)).status).toBe(201);

    const resellerView = basicAnnual(await (await call(t(), reseller, 'GET', `/api/v1/companies/${c.id}/prices?productId=CFQ7TTC0LH18`)).json());
    const expectedCost = applyMarginBasisPoints({ currency: 'MXN', minor: partnerPrice }, 1000).minor;
    expect(resellerView.resellerCost).toEqual({ currency: 'MXN', amount: (expectedCost / 100).toFixed(2) });
    expect(resellerView.customerPrice).toEqual({ currency: 'MXN', amount: '1500.00' });
    expect(resellerView.distributorCost).toBeUndefined();

    const distView = basicAnnual(await (await call(t(), dist, 'GET', `/api/v1/companies/${c.id}/prices?productId=CFQ7TTC0LH18`)).json());
    expect(distView.distributorCost).toEqual({ currency: 'MXN', amount: (partnerPrice / 100).toFixed(2) });

    const customerView = basicAnnual(await (await call(t(), customer, 'GET', `/api/v1/companies/${c.id}/prices?productId=CFQ7TTC0LH18`)).json());
    expect(customerView.customerPrice).toEqual({ currency: 'MXN', amount: '1500.00' });
    expect(customerView.resellerCost).toBeUndefined();
    expect(customerView.distributorCost).toBeUndefined();

    // The sibling's customer gets the reseller-level default and no override of Adatum's.
    const siblingView = basicAnnual(await (await call(t(), dist, 'GET', `/api/v1/companies/${c2.id}/prices?productId=CFQ7TTC0LH18`)).json());
    expect(siblingView.customerPrice).toEqual(siblingView.resellerCost);

    const audit = await repos.auditLog.list({ pathPrefix: d.path, action: 'pricing.rule_added', limit: 10 });
    expect(audit.filter((a) => a.action === 'pricing.rule_added').length).toBe(2);
  });

  it("keeps price lists to their seller: no sibling's, no one above, no buyer outside one's own", async () => {
    const reseller = await as('ops@adatum.test');
    const customer = await as('it@wingtip.test');
    expect((await call(t(), reseller, 'GET', `/api/v1/companies/${d.id}/price-rules`)).status).toBe(404);
    expect((await call(t(), reseller, 'GET', `/api/v1/companies/${r2.id}/price-rules`)).status).toBe(404);
    expect((await call(t(), reseller, 'GET', `/api/v1/companies/${c2.id}/prices`)).status).toBe(404);
    const foreignBuyer = await call(t(), reseller, 'POST', `/api/v1/companies/${r.id}/price-rules`, { buyerCompanyId: c2.id, currency: 'MXN', validFrom: '2026-01-01', kind: 'margin', basisPoints: 500 });
    expect(foreignBuyer.status).toBe(400);
    expect(await foreignBuyer.text()).toMatch(/buyerCompanyId/);
    expect((await call(t(), customer, 'POST', `/api/v1/companies/${c.id}/price-rules`, { currency: 'MXN', validFrom: '2026-01-01', kind: 'margin', basisPoints: 500 })).status).toBe(403);
    const inverted = await call(t(), reseller, 'POST', `/api/v1/companies/${r.id}/price-rules`, { currency: 'MXN', validFrom: '2026-02-01', validTo: '2026-01-01', kind: 'margin', basisPoints: 500 });
    expect(inverted.status).toBe(400);
    expect(await inverted.text()).toMatch(/validTo/);
    const list = (await (await call(t(), reseller, 'GET', `/api/v1/companies/${r.id}/price-rules`)).json()) as { rules: { id: string; buyerName: string | null }[] };
    expect(list.rules.map((x) => x.buyerName)).toEqual(['Wingtip Toys']);
    expect((await call(t(), reseller, 'DELETE', `/api/v1/companies/${r.id}/price-rules/${list.rules[0]!.id}`)).status).toBe(204);
  });
});
