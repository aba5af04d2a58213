import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { createOrdersRepo, createRepos, createSecretBox, type CompanyRow, type ConnectionSummary, type Repos } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createApp } from '../../src/create-app';
import { testAppDeps } from '../test-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';

/**
 * Partner of record by location (docs/PARTNER-CENTER-REFERENCE.md §7.1), against the emulator: who
 * may set a reseller's Partner Location ID and revalidate, what a revalidation marks and audits,
 * and an order for a customer of an ineligible reseller refused before Partner Center is called.
 */
describe('partner of record by Partner Location ID', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let repos: Repos;
  let app: ReturnType<typeof createApp>;
  let adatum: CompanyRow;
  let lucerne: CompanyRow;
  let globalOnly: CompanyRow;
  let customer: CompanyRow;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  const secretKey = randomBytes(32);
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
  const control = () => createEmulatorControl(emulator.url);
  const calls = async (operation: string) => (await control().calls({ operation })).count;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    repos = createRepos(db.db, createSecretBox(secretKey));
    const now = new Date();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    adatum = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '4100001', partnerLocationId: '6100001', now });
    lucerne = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Lucerne', partnerId: '4100003', partnerLocationId: '6100003', now });
    // A reseller on file with its global ID only (before the PLA was recorded).
    globalOnly = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Proseware', partnerId: '4100002', now });
    customer = await repos.companies.create({ kind: 'customer', parent: lucerne, name: 'Wingtip Toys', billingCountry: 'MX', now });
    conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
    const passwordHash = await hashPassword('correct-horse-battery');
    await repos.users.create({ companyId: d.id, email: 'admin@dist.test', name: 'Dist admin', passwordHash, role: 'distributor_admin', now });
    await repos.users.create({ companyId: adatum.id, email: 'admin@adatum.test', name: 'Adatum admin', passwordHash, role: 'reseller_admin', now });
    await repos.users.create({ companyId: lucerne.id, email: 'ops@lucerne.test', name: 'Lucerne operator', passwordHash, role: 'reseller_operator', now });
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    app = createApp(config, testAppDeps(config, db, secretKey, { partnerCenterFor: async () => client }));
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const t = () => ({ app }) as never;
  const as = async (email: string) => signInAs({ app } as Parameters<typeof signInAs>[0], email, 'correct-horse-battery');
  const company = async (who: Awaited<ReturnType<typeof as>>, id: number) => (await call(t(), who, 'GET', `/api/v1/companies/${id}`)).json() as Promise<{ partnerLocationId: string | null; partnerOfRecord: { partnerId: string | null; status: string; errorCode: number | null; errorDescription: string | null } | null }>;
  const audits = async (companyId: number, action: string) => repos.auditLog.list({ companyId, action, limit: 50 });

  it('lets only the distributor set a reseller’s Partner Location ID; reseller staff see their own read-only and never a sibling’s', async () => {
    const reseller = await as('admin@adatum.test');
    const own = await call(t(), reseller, 'PATCH', `/api/v1/companies/${adatum.id}`, { partnerLocationId: '6100009' });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { detail: string }).detail).toMatch(/Partner Location ID/);
    expect((await call(t(), reseller, 'PATCH', `/api/v1/companies/${lucerne.id}`, { partnerLocationId: '6100009' })).status).toBe(404);
    expect((await call(t(), reseller, 'GET', `/api/v1/companies/${lucerne.id}`)).status).toBe(404);
    // The tree lists only the caller's subtree: no sibling reseller, so no sibling's verdict.
    const tree = (await (await call(t(), reseller, 'GET', '/api/v1/companies/tree')).json()) as { nodes: { id: number; porStatus: string | null }[] };
    expect(tree.nodes.map((n) => n.id)).toEqual([adatum.id]);
    expect((await company(reseller, adatum.id)).partnerOfRecord).toMatchObject({ partnerId: '6100001', status: 'unchecked' });
    expect((await call(t(), reseller, 'POST', '/api/v1/resellers/partner-of-record/revalidate')).status).toBe(403);
    expect(await calls('partners.validateResellers')).toBe(0);
    expect(await audits(adatum.id, 'company.updated')).toEqual([]);

    const dist = await as('admin@dist.test');
    expect((await call(t(), dist, 'PATCH', `/api/v1/companies/${adatum.id}`, { partnerLocationId: '12' })).status).toBe(400);
    const ok = await call(t(), dist, 'PATCH', `/api/v1/companies/${globalOnly.id}`, { partnerLocationId: '6100002' });
    expect(ok.status).toBe(200);
    const [entry] = await audits(globalOnly.id, 'company.updated');
    expect(entry).toMatchObject({ before: { partnerLocationId: null }, after: { partnerLocationId: '6100002' } });
    await call(t(), dist, 'PATCH', `/api/v1/companies/${globalOnly.id}`, { partnerLocationId: null });
  });

  it('revalidates the whole base in batches, marks and audits the resellers that lost eligibility, and changes nothing on a second pass', async () => {
    await control().setResellerPartnerOfRecord('lucerne', { authorization: 'expired' });
    const dist = await as('admin@dist.test');
    const res = await call(t(), dist, 'POST', '/api/v1/resellers/partner-of-record/revalidate');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resellers: 3, connections: 1, changed: 3, ineligible: 2, failures: 0 });
    expect(await calls('partners.validateResellers')).toBe(1);

    expect((await company(dist, adatum.id)).partnerOfRecord).toMatchObject({ status: 'eligible', errorCode: null });
    const lapsed = (await company(dist, lucerne.id)).partnerOfRecord!;
    expect(lapsed).toMatchObject({ partnerId: '6100003', status: 'ineligible', errorCode: 900400 });
    expect(lapsed.errorDescription).toMatch(/expired/);
    // The global ID alone is refused by Microsoft: the reseller is marked with Microsoft's reason.
    expect((await company(dist, globalOnly.id)).partnerOfRecord?.errorDescription).toMatch(/global partner ID \(PGA\)/);
    const [entry] = await audits(lucerne.id, 'reseller.partner_of_record_changed');
    expect(entry).toMatchObject({ actorType: 'user', before: { porStatus: 'unchecked' }, after: { porStatus: 'ineligible', porErrorCode: 900400 } });

    // Lucerne's own staff see their verdict, with Microsoft's reason.
    expect((await company(await as('ops@lucerne.test'), lucerne.id)).partnerOfRecord?.status).toBe('ineligible');
    const tree = (await (await call(t(), dist, 'GET', '/api/v1/companies/tree')).json()) as { nodes: { id: number; porStatus: string | null }[] };
    expect(tree.nodes.find((n) => n.id === lucerne.id)?.porStatus).toBe('ineligible');

    const again = (await (await call(t(), dist, 'POST', '/api/v1/resellers/partner-of-record/revalidate')).json()) as { changed: number };
    expect(again.changed).toBe(0);
    expect(await audits(lucerne.id, 'reseller.partner_of_record_changed')).toHaveLength(1);
  });

  it('refuses an order for a customer of an ineligible reseller before calling Partner Center, and lets it through once Microsoft accepts the reseller again', async () => {
    const reseller = await as('ops@lucerne.test');
    const order = { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }] };
    const before = await control().calls();
    const refused = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, order);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { code: string; detail: string; errors?: { field: string; message: string }[] };
    expect(body.code).toBe('RESELLER_NOT_PARTNER_OF_RECORD');
    expect(body.detail).toMatch(/Lucerne \(Partner Location ID 6100003\).*correct the reseller's Partner Location ID.*Nothing was ordered/);
    expect(body.errors?.[0]?.message).toMatch(/^Microsoft 900400: .*expired/);
    expect((await control().calls()).count).toBe(before.count);
    expect(await createOrdersRepo(db.db).listForCompany(customer.id)).toEqual([]);

    // Adding seats to a subscription is a transaction under the partner of record too: refused the
    // same way before the change reaches Partner Center; reducing them is not.
    const subs = (await (await call(t(), reseller, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).json()) as { tenants: { subscriptions: { id: string; quantity: number; actions: Record<string, { allowed: boolean }> }[] }[] };
    const sub = subs.tenants[0]!.subscriptions.find((s) => s.actions.add_seats?.allowed)!;
    const patchesBefore = await calls('subscriptions.patch');
    const more = await call(t(), reseller, 'PATCH', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}`, { connectionId: conn.id, quantity: sub.quantity + 1 });
    expect(more.status).toBe(422);
    const moreBody = (await more.json()) as { code: string; detail: string };
    expect(moreBody.code).toBe('RESELLER_NOT_PARTNER_OF_RECORD');
    expect(moreBody.detail).toMatch(/adding seats cannot go ahead.*Nothing was changed/);
    expect(await calls('subscriptions.patch')).toBe(patchesBefore);

    await control().setResellerPartnerOfRecord('lucerne', { authorization: 'authorized' });
    await control().setDirectSignedMca(wingtip.tenantId, { isSigned: true });
    const dist = await as('admin@dist.test');
    await call(t(), dist, 'POST', '/api/v1/resellers/partner-of-record/revalidate');
    expect((await company(dist, lucerne.id)).partnerOfRecord?.status).toBe('eligible');
    // Past the partner-of-record check: only the missing durable runtime of this test stops it.
    const through = await call(t(), reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, order);
    expect(((await through.json()) as { code: string }).code).toBe('WORKFLOWS_UNAVAILABLE');
  });
});
