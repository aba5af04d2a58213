import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo, createRepos, createSecretBox, createTenantLicencesRepo, type CompanyRow } from '@csphub/db';
import { createNotifier, createOutboxTransport } from '@csphub/notifications';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import type { CommerceDeps } from '../../src/commerce/commerce-deps';
import { sendSubscriptionNotices } from '../../src/commerce/subscription-notices';

/**
 * The time-based notices against the emulator: "window closing" in the last 24 hours of
 * a subscription's 168-hour window, once however often the pass runs, and nothing before that.
 */
describe('subscription notices', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let now = new Date();
  let customer: CompanyRow;
  let connectionId: string;
  const box = createSecretBox(randomBytes(32));
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    const repos = createRepos(db.db, box);
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', email: 'sales@adatum.example', now });
    customer = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', email: 'ti@wingtip.example', language: 'es', now });
    const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret }, now);
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
    connectionId = conn.id;
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const depsAt = (at: () => Date): CommerceDeps => {
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, ...emulatorEndpoints(emulator.url) },
    });
    return {
      db: db.db,
      box,
      clock: { now: at },
      trustProxy: false,
      secureCookies: false,
      emulatorUrl: emulator.url,
      connectionTester: { test: async () => ({ ok: true, checks: [], testedAt: '' }) },
      partnerCenterFor: async () => client,
      orderRuns: {},
      publicUrl: 'http://csphub.test',
    };
  };

  const to = <M extends { to: string[] }>(messages: M[], email: string): M => messages.find((m) => m.to.includes(email))!;

  it('sends "window closing" once in the last 24 hours, to the customer and its reseller, each in its own language', async () => {
    const outbox = createOutboxRepo(db.db, box);
    const notifier = createNotifier({ transport: createOutboxTransport(outbox), from: 'csphub@example.test' });
    // Wingtip's seeded subscription started 3 days ago: its window closes in about 4 days.
    now = new Date();
    const early = await sendSubscriptionNotices(depsAt(() => now), notifier);
    expect(early).toMatchObject({ tenants: 1, windowClosing: 0, failures: 0 });

    now = new Date(Date.now() + 3.6 * 86_400_000);
    const due = await sendSubscriptionNotices(depsAt(() => now), notifier);
    expect(due).toMatchObject({ windowClosing: 1, failures: 0 });
    await sendSubscriptionNotices(depsAt(() => now), notifier);

    const messages = (await outbox.list({ limit: 50 })).filter((m) => m.template === 'subscription-window-closing');
    // One message per company, each in its own language: the customer's Spanish, the reseller's English.
    expect(messages.map((m) => m.to).sort()).toEqual([['sales@adatum.example'], ['ti@wingtip.example']]);
    expect(to(messages, 'ti@wingtip.example').subject).toContain('Último día');
    expect(to(messages, 'sales@adatum.example').subject).toContain('Last day');
    expect(to(messages, 'sales@adatum.example').text).toContain('Hello Adatum');
    // The window's end as each language writes a date.
    expect(to(messages, 'ti@wingtip.example').text).toMatch(/\d{1,2} de [a-z]+ de \d{4}/);
    expect(to(messages, 'sales@adatum.example').text).toMatch(/[A-Z][a-z]+ \d{1,2}, \d{4}/);
  });

  it('tells what the end of term brings 30, 7 and 1 days before: the renewal and its seats, or the paid Extended Service Term', async () => {
    const outbox = createOutboxRepo(db.db, box);
    const notifier = createNotifier({ transport: createOutboxTransport(outbox), from: 'csphub@example.test' });
    const control = createEmulatorControl(emulator.url);
    const sub = (await control.state()).subscriptions.find((x) => (x as { customerTenantId?: string }).customerTenantId === wingtip.tenantId)! as unknown as { id: string; commitmentEndAt: number };
    const end = sub.commitmentEndAt;
    const at = (days: number) => new Date(end - days * 86_400_000 + 3_600_000);
    const sent = async (template: string) => (await outbox.list({ limit: 100 })).filter((m) => m.template === template);

    expect(await sendSubscriptionNotices(depsAt(() => at(40)), notifier)).toMatchObject({ termEnding: 0, failures: 0 });
    for (const days of [25, 24, 6, 1, 1]) await sendSubscriptionNotices(depsAt(() => at(days)), notifier);
    const renewing = await sent('subscription-renewing');
    expect(renewing.filter((m) => m.to.includes('ti@wingtip.example')).map((m) => m.subject)).toEqual([expect.stringContaining('se renueva'), expect.stringContaining('se renueva'), expect.stringContaining('se renueva')]);
    expect(renewing.filter((m) => m.to.includes('sales@adatum.example')).map((m) => m.subject)).toEqual([expect.stringContaining('renews in'), expect.stringContaining('renews in'), expect.stringContaining('renews in')]);
    expect(renewing.every((m) => m.to.length === 1)).toBe(true);

    await control.changeSubscriptionInPortal(wingtip.tenantId, sub.id, { autoRenewEnabled: false });
    await sendSubscriptionNotices(depsAt(() => at(6)), notifier);
    const est = await sent('subscription-extended-term-near');
    expect(est.map((m) => m.to).sort()).toEqual([['sales@adatum.example'], ['ti@wingtip.example']]);
    expect(to(est, 'ti@wingtip.example').text).toMatch(/servicio extendido/);
    expect(to(est, 'sales@adatum.example').text).toMatch(/Extended Service Term/);
  });

  it("records the tenant's licences for the cockpit when the connection has its partner user, and keeps the last read when it has not", async () => {
    const notifier = { send: async () => ({ id: 'x' }) };
    const licences = () => createTenantLicencesRepo(db.db).listForTenant(connectionId, wingtip.tenantId);
    // App-only (no partner user): Microsoft refuses the licences; nothing is recorded and the pass goes on.
    expect(await sendSubscriptionNotices(depsAt(() => new Date()), notifier)).toMatchObject({ failures: 0 });
    expect(await licences()).toEqual([]);
    const withUser = createPartnerCenterClient({
      connection: { id: 'latam', name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    await sendSubscriptionNotices({ ...depsAt(() => new Date()), partnerCenterFor: async () => withUser }, notifier);
    const skus = await withUser.listSubscribedSkus(wingtip.tenantId);
    expect(skus.length).toBeGreaterThan(0);
    const stored = await licences();
    expect(stored.map((l) => [l.skuId, l.totalUnits, l.consumedUnits, l.availableUnits]).sort()).toEqual(skus.map((l) => [l.skuId, l.totalUnits, l.consumedUnits, l.availableUnits]).sort());
    expect(stored.every((l) => l.companyId === customer.id)).toBe(true);
    await sendSubscriptionNotices(depsAt(() => new Date()), notifier);
    expect(await licences()).toHaveLength(stored.length);
  });
});
