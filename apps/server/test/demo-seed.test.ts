import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { freePort } from '@csphub/testing';
import { createRepos, createSecretBox } from '@csphub/db';
import { createTestApp, type TestApp } from './test-app';
import { call, json, signInAs } from './channel-world';
import { prepareFirstStart, BOOTSTRAP_ADMIN_EMAIL } from '../src/demo/first-start';
import { demoPasswordFor } from '../src/demo/demo-password';
import { activeDemoUsers } from '../src/demo/demo-seed';
import { loadOrCreateSecretKey } from '../src/security/secret-key';
import { hashPassword } from '../src/security/password';

describe('demo seed and first start', () => {
  let t: TestApp;
  let emulator: RunningEmulator;
  let banner: string[];
  let DEMO_PASSWORD: string;
  beforeAll(async () => {
    const port = await freePort();
    emulator = await startEmulator({ port });
    t = await createTestApp({ CSPHUB_EMULATOR_PORT: String(port) });
    DEMO_PASSWORD = demoPasswordFor({ configured: undefined, secretKey: t.secretKey });
    banner = await prepareFirstStart({ db: t.database.db, box: createSecretBox(t.secretKey), demo: true, demoPassword: DEMO_PASSWORD, now: new Date() });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it('prints the three demo users and their password', () => {
    expect(banner.join('\n')).toContain(`password "${DEMO_PASSWORD}"`);
    for (const email of ['distributor@demo.test', 'reseller@demo.test', 'customer@demo.test']) expect(banner.join('\n')).toContain(email);
  });

  it("seeds four resellers with the emulator scenario's Partner IDs and a dozen customers in several countries", async () => {
    const dist = await signInAs(t, 'distributor@demo.test', DEMO_PASSWORD);
    const tree = await json(call(t, dist, 'GET', '/api/v1/companies/tree'));
    const resellers = tree.nodes.filter((n: { kind: string }) => n.kind === 'reseller');
    const customers = tree.nodes.filter((n: { kind: string }) => n.kind === 'customer');
    expect(resellers).toHaveLength(4);
    expect(customers.length).toBeGreaterThanOrEqual(12);
    // Each reseller carries the scenario's global Partner ID (PGA) and its location ID (PLA), the partner of record.
    const scenario = new Map(DEFAULT_SCENARIO.resellers.map((r) => [r.name, r]));
    for (const r of resellers) {
      const company = await json(call(t, dist, 'GET', `/api/v1/companies/${r.id}`));
      expect(company.partnerId, r.name).toBe(scenario.get(r.name)!.globalPartnerId);
      expect(company.partnerLocationId, r.name).toBe(scenario.get(r.name)!.partnerId);
      expect(company.partnerOfRecord.partnerId, r.name).toBe(scenario.get(r.name)!.partnerId);
    }
    const countries = new Set<string>();
    for (const c of customers) {
      const company = await json(call(t, dist, 'GET', `/api/v1/companies/${c.id}`));
      countries.add(company.billingCountry ?? company.country);
    }
    expect(countries.size).toBeGreaterThanOrEqual(6);
    expect(customers.filter((c: { ready: boolean }) => !c.ready).length).toBeGreaterThanOrEqual(4);
    expect(customers.filter((c: { ready: boolean }) => c.ready).length).toBeGreaterThanOrEqual(4);
  });

  it('links Wingtip Toys to its existing tenant in the LATAM connection, as the emulator has it', async () => {
    const dist = await signInAs(t, 'distributor@demo.test', DEMO_PASSWORD);
    const tree = await json(call(t, dist, 'GET', '/api/v1/companies/tree'));
    const wingtip = tree.nodes.find((n: { name: string }) => n.name.startsWith('Wingtip'));
    const options = await json(call(t, dist, 'GET', `/api/v1/companies/${wingtip.id}/sync-options`));
    const linked = options.items.find((o: { syncStatus: string }) => o.syncStatus === 'synced');
    expect(linked.tenantId).toBe(DEFAULT_SCENARIO.tenants.find((x) => x.key === 'wingtip')!.tenantId);
    expect(linked.resellerPartnerId).toBe(DEFAULT_SCENARIO.resellers.find((x) => x.key === 'adatum')!.partnerId);
    const bellows = tree.nodes.find((n: { name: string }) => n.name === 'Bellows College');
    const failed = (await json(call(t, dist, 'GET', `/api/v1/companies/${bellows.id}/sync-options`))).items.find((o: { syncStatus: string }) => o.syncStatus === 'failed');
    expect(failed.failureReason).toMatch(/phone/);
    expect(bellows.ready).toBe(false);
  });

  it("tests both seeded connections against the emulator with the scenario's credentials, and reports a wrong secret", async () => {
    const dist = await signInAs(t, 'distributor@demo.test', DEMO_PASSWORD);
    const { items } = await json(call(t, dist, 'GET', '/api/v1/connections'));
    expect(items).toHaveLength(2);
    for (const conn of items) {
      const result = await json(call(t, dist, 'POST', `/api/v1/connections/${conn.id}/test`));
      expect(result, conn.name).toMatchObject({ ok: true });
      expect(result.checks.map((c: { name: string }) => c.name)).toEqual(['app-only-token', 'reseller-network', 'mfa-claim']);
    }
    await call(t, dist, 'PATCH', `/api/v1/connections/${items[0].id}`, { appSecret: 'not-the-secret' });
    const broken = await json(call(t, dist, 'POST', `/api/v1/connections/${items[0].id}/test`));
    expect(broken.ok).toBe(false);
    expect(broken.checks[0]).toMatchObject({ name: 'app-only-token', ok: false });
    expect(broken.checks[0].detail.length).toBeGreaterThan(10);
  });

  it('knows which demo users are still active (start-up refuses them on a non-loopback HOST without CSPHUB_DEMO_ON_NETWORK)', async () => {
    const repos = createRepos(t.database.db, createSecretBox(t.secretKey));
    expect(await activeDemoUsers(repos)).toEqual(['distributor@demo.test', 'reseller@demo.test', 'customer@demo.test']);
    const customer = (await repos.users.findByEmail('customer@demo.test'))!;
    await repos.users.update(customer.id, { status: 'disabled' });
    expect(await activeDemoUsers(repos)).toEqual(['distributor@demo.test', 'reseller@demo.test']);
    await repos.users.update(customer.id, { status: 'active' });
  });

  it('seeds only once: a restart keeps the data and prints the users again', async () => {
    const repos = createRepos(t.database.db, createSecretBox(t.secretKey));
    const before = await repos.companies.count();
    const again = await prepareFirstStart({ db: t.database.db, box: createSecretBox(t.secretKey), demo: true, demoPassword: DEMO_PASSWORD, now: new Date() });
    expect(await repos.companies.count()).toBe(before);
    expect(again.join('\n')).toContain('reseller@demo.test');
    expect(again.join('\n')).not.toContain('seeded');
  });
});

describe('first start without demo data', () => {
  it('creates the distributor and one admin whose password is shown once and works', async () => {
    const t = await createTestApp();
    try {
      const lines = await prepareFirstStart({ db: t.database.db, box: createSecretBox(t.secretKey), demo: false, demoPassword: 'unused-demo-password', now: new Date() });
      const password = new RegExp(`${BOOTSTRAP_ADMIN_EMAIL} / (\\S+)`).exec(lines.join('\n'))![1]!;
      const session = await signInAs(t, BOOTSTRAP_ADMIN_EMAIL, password);
      expect(session.body).toMatchObject({ company: { kind: 'distributor' } });
      expect(await prepareFirstStart({ db: t.database.db, box: createSecretBox(t.secretKey), demo: false, demoPassword: 'unused-demo-password', now: new Date() })).toEqual([]);
      expect((await call(t, null, 'POST', '/api/v1/auth/login', { email: 'distributor@demo.test', password: 'unused-demo-password' })).status).toBe(401);
    } finally {
      await t.dispose();
    }
  });
});

describe('demo password per data folder', () => {
  it('differs between two data folders, is the same after a restart of one, and CSPHUB_DEMO_PASSWORD fixes it', () => {
    const [a, b] = [fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-demo-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-demo-b-'))];
    try {
      const first = demoPasswordFor({ configured: undefined, secretKey: loadOrCreateSecretKey({ configured: undefined, dataDir: a }).key });
      const other = demoPasswordFor({ configured: undefined, secretKey: loadOrCreateSecretKey({ configured: undefined, dataDir: b }).key });
      const again = demoPasswordFor({ configured: undefined, secretKey: loadOrCreateSecretKey({ configured: undefined, dataDir: a }).key });
      expect(first).not.toBe(other);
      expect(again).toBe(first);
      expect(first).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(demoPasswordFor({ configured: 'fixed-for-a-recorded-demo', secretKey: randomBytes(32) })).toBe('fixed-for-a-recorded-demo');
      for (const dir of [a, b]) for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toContain(first);
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('keeps only an argon2 hash; moves users from the old shared password; never claims a password a user changed', async () => {
    const port = await freePort();
    const emulator = await startEmulator({ port });
    const t = await createTestApp({ CSPHUB_EMULATOR_PORT: String(port) });
    try {
      const box = createSecretBox(t.secretKey);
      const password = demoPasswordFor({ configured: undefined, secretKey: t.secretKey });
      await prepareFirstStart({ db: t.database.db, box, demo: true, demoPassword: password, now: new Date() });
      const repos = createRepos(t.database.db, box);
      const reseller = (await repos.users.findByEmail('reseller@demo.test'))!;
      expect(reseller.passwordHash).toMatch(/^\$argon2id\$/);
      expect(reseller.passwordHash).not.toContain(password);

      // A data folder seeded before per-folder passwords: its users still have the old shared one.
      await repos.users.update(reseller.id, { passwordHash: await hashPassword('demo-password') });
      const customer = (await repos.users.findByEmail('customer@demo.test'))!;
      await repos.users.update(customer.id, { passwordHash: await hashPassword('chosen-by-the-customer') });
      const banner = (await prepareFirstStart({ db: t.database.db, box, demo: true, demoPassword: password, now: new Date() })).join('\n');
      expect(banner).toContain(`password "${password}"`);
      expect(banner).toMatch(/customer@demo\.test .*\(own password\)/);
      expect(banner).not.toMatch(/reseller@demo\.test .*\(own password\)/);
      expect((await call(t, null, 'POST', '/api/v1/auth/login', { email: 'reseller@demo.test', password: 'demo-password' })).status).toBe(401);
      expect((await call(t, null, 'POST', '/api/v1/auth/login', { email: 'reseller@demo.test', password })).status).toBe(200);
    } finally {
      await t.dispose();
      await emulator.close();
    }
  });
});
