import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { createRepos, createSecretBox, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { testAppDeps } from '../test-app';

const READS = new Set(['subscriptions.list', 'subscribedSkus.list']);
type Tab = { tenants: { asOf: string | null; refreshing: boolean; error: string | null; subscriptions: { id: string; quantity: number }[] }[] };

/**
 * The subscriptions tab is served from the stored Partner Center read: a second view sends no call,
 * a change made in Partner Center outside CSP Hub shows after an explicit refresh or, once the read
 * is older than its bound, after the background refresh, and a change made through CSP Hub (an
 * order) makes the next view read Partner Center first.
 */
describe('subscriptions served from the store', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  let offsetMs = 0;
  const secretKey = randomBytes(32);
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
  const control = () => createEmulatorControl(emulator.url);
  const reads = async () => (await control().calls()).calls.filter((c) => READS.has(c.operation)).length;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    const repos = createRepos(db.db, createSecretBox(secretKey));
    const now = new Date();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', now });
    customer = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', billingCountry: 'MX', now });
    conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
    await repos.users.create({ companyId: d.id, email: 'admin@dist.test', name: 'Dist admin', passwordHash: await hashPassword('correct-horse-battery'), role: 'distributor_admin', now });
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    app = createApp(config, testAppDeps(config, db, secretKey, { clock: { now: () => new Date(Date.now() + offsetMs) }, partnerCenterFor: async () => client, emulator: { url: emulator.url, ping: async () => true } }));
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const view = async (query = '') => {
    const admin = await signInAs({ app } as Parameters<typeof signInAs>[0], 'admin@dist.test');
    const res = await call({ app } as never, admin, 'GET', `/api/v1/companies/${customer.id}/subscriptions${query}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Tab;
    expect(body.tenants[0]?.error ?? null, JSON.stringify(body)).toBeNull();
    return body.tenants[0]!;
  };

  it('reads Partner Center once, then serves the stored read with its time until a refresh', async () => {
    await control().clearCalls();
    const first = await view();
    expect(await reads()).toBeGreaterThan(0);
    expect(first.asOf).not.toBeNull();
    expect(first.refreshing).toBe(false);
    const sub = first.subscriptions[0]!;

    // Changed in Partner Center, not through CSP Hub: the stored read is shown, without a call.
    await client.updateSubscription(wingtip.tenantId, sub.id, { quantity: sub.quantity + 1 });
    await control().clearCalls();
    const second = await view();
    expect(await reads()).toBe(0);
    expect(second.asOf).toBe(first.asOf);
    expect(second.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity);

    const refreshed = await view('?refresh=true');
    expect(await reads()).toBeGreaterThan(0);
    expect(refreshed.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity + 1);
    expect(Date.parse(refreshed.asOf!)).toBeGreaterThan(Date.parse(first.asOf!));
  });

  it('shows an old read while it is read again in the background', async () => {
    const before = await view();
    const sub = before.subscriptions[0]!;
    await client.updateSubscription(wingtip.tenantId, sub.id, { quantity: sub.quantity + 1 });
    offsetMs = 11 * 60_000;
    try {
      const old = await view();
      expect(old.refreshing).toBe(true);
      expect(old.asOf).toBe(before.asOf);
      let latest = old;
      for (let i = 0; i < 200 && latest.asOf === before.asOf; i++) {
        await new Promise((r) => setTimeout(r, 50));
        latest = await view();
      }
      expect(latest.asOf).not.toBe(before.asOf);
      expect(latest.refreshing).toBe(false);
      expect(latest.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity + 1);
    } finally {
      offsetMs = 0;
    }
  });

  it('reads Partner Center at the next view after an order of the company changed', async () => {
    await view('?refresh=true');
    await control().clearCalls();
    await view();
    expect(await reads()).toBe(0);
    // Later than any read so far (the previous test's reads were made with the clock 11 minutes on).
    await db.db.execute(sql`insert into orders (id, company_id, connection_id, customer_tenant_id, reference, status, lines, created_by, created_at, updated_at)
      values (gen_random_uuid(), ${customer.id}, ${conn.id}, ${wingtip.tenantId}, 'CSPH-STORE1', 'fulfilled', '[]'::jsonb, 'test', now(), now() + interval '1 hour')`);
    await view();
    expect(await reads()).toBeGreaterThan(0);
  });
});
