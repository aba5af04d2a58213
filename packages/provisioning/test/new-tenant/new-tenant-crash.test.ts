import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { seedStackDataDir } from '@csphub/testing';
/* eslint-disable no-restricted-imports -- test reads the outcome through the real repositories */
import { openDatabase, openWorkflowSystemPool, type OpenDatabase } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { newTenantKillPointsByTier } from '../../src/new-tenant/new-tenant-kill-points';
import { spawnWorker } from '../crash/spawn-worker';
import { createThrowawayPostgres } from '../crash/throwaway-postgres';
import { emulatorControl } from './emulator-control';
import { startHoldingProxy } from './holding-proxy';
import { seedAccounts } from './new-tenant-wiring';

interface Scenario {
  companyId: number;
  prefix: string;
  dataDir: string;
  pgUrl: string;
}

/** What the worker reports after the run finished (see new-tenant-worker.ts). */
interface WorkerReport {
  result: { state: string; tenantId: string };
  sync: { syncStatus: string; tenantId: string | null } | undefined;
  welcome: { hasSecret: boolean }[];
  completed: number;
  vault: unknown;
  run: { state: string } | null;
  createAttempts: { state: string; requestId: string | null }[];
  adminAttempts: { state: string; requestId: string | null }[];
  adminSignIn: { signInName: string; welcomeNamesIt: boolean; signedIn: boolean; mustChangePassword: boolean | null } | null;
}

/** Every scenario orders its own administrator, so each boundary also tests set-up-admin's exactly-once. */
const ADMIN_USERNAME = 'it.admin';

/** At most `n` scenarios at once: each is two node processes, and CI has two cores. */
function semaphore(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (free === 0) await new Promise<void>((r) => waiting.push(r));
      else free--;
      try {
        return await fn();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}
/** Scenarios wait for a slot, so their timeout covers the queue as well. */
const QUEUED_TEST_TIMEOUT_MS = 600_000;
const slots = semaphore(Number(process.env.CSPHUB_CRASH_PARALLEL ?? 2));

/**
 * The step boundaries around what cannot be undone, in order: the tenant created, its administrator
 * set up, the MCA confirmed. The other boundaries (checks, reads, the link, the delivery, the
 * notice) are crashed in one process and recovered by replay in new-tenant-replay.test.ts.
 */
const BOUNDARIES = newTenantKillPointsByTier({ reseller: true, 'admin-setup': true, 'default-gdap': true, 'explicit-gdap': false, 'mca-partner-typed': true, 'mca-signatory': false }).sigkill;

const layout = process.env.DATABASE_URL ? 'postgres' : 'pglite-folder';

/**
 * The exactly-once promise at the irreversible steps, with real process kills: the worker is
 * SIGKILLed at each of their boundaries, and in the middle of create-customer after Partner Center
 * created the tenant; a new process resumes the run (and in the middle of set-up-admin after the
 * user was created). Each time:
 * one tenant, one MCA confirmation and one administrator as ordered in the emulator, the
 * account synced, one welcome message holding the password, and no password left in the vault.
 */
describe(`new-tenant run survives SIGKILL at its irreversible steps (${layout})`, () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
  let ctl: ReturnType<typeof emulatorControl>;
  let dataDir = '';
  let pgUrl = '';
  let pgTemplate = '';
  const drops: (() => Promise<void>)[] = [];
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  const run = Date.now().toString(36);

  const openApp = (): Promise<OpenDatabase> =>
    layout === 'postgres'
      ? openDatabase({ kind: 'postgres', url: pgUrl })
      : openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'template', 'app') });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    proxy = await startHoldingProxy(emulator.url);
    ctl = emulatorControl(emulator.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-nt-crash-'));
    if (layout === 'postgres') {
      const db = await createThrowawayPostgres(process.env.DATABASE_URL!, 'ntcrash');
      pgUrl = db.url;
      pgTemplate = db.name;
      drops.push(db.drop);
    }
    // The embedded layouts' databases start from the migrated template instead of initdb and every migration (@csphub/testing).
    if (layout !== 'postgres') await seedStackDataDir(path.join(dataDir, 'template'), 'app');
    const app = await openApp();
    try {
      seeded = await seedAccounts(app.db, BOUNDARIES.length + 3, 'Crash');
    } finally {
      await app.close();
    }
    if (layout !== 'postgres')
      await (await openWorkflowSystemPool({ dataDir: path.join(dataDir, 'template', 'workflows') })).close();
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
    for (const drop of drops.reverse()) await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const envFor = (s: Scenario, killAt = '', admin = { username: ADMIN_USERNAME, requirePasswordChange: false }, pcOrigin = proxy.url) => ({
    NT_LAYOUT: layout,
    NT_DATA_DIR: s.dataDir,
    DATABASE_URL: s.pgUrl,
    NT_PC_ORIGIN: pcOrigin,
    NT_COMPANY_ID: String(s.companyId),
    NT_CONNECTION_ID: seeded.connectionId,
    NT_PREFIX: s.prefix,
    NT_KILL_AT: killAt,
    NT_EXECUTOR_ID: `nt-worker-${s.prefix}`,
    NT_ADMIN_USERNAME: admin.username,
    NT_REQUIRE_PASSWORD_CHANGE: String(admin.requirePasswordChange),
  });

  /**
   * A scenario's own copy of the seeded databases: embedded folders copied from the template (an
   * embedded folder admits one process, and copying beats a fresh initdb), or a PostgreSQL database
   * created from the seeded one. Scenarios run two at a time and must not share a DBOS system
   * database: DBOS puts recovered runs on an internal queue any worker may dequeue, so a worker that
   * kills itself for its own scenario could take the other scenario's run down with it.
   */
  async function prepare(index: number, prefix: string): Promise<Scenario> {
    const companyId = seeded.customers[index]!.id;
    if (layout === 'postgres') {
      const db = await createThrowawayPostgres(process.env.DATABASE_URL!, 'ntscen', { template: pgTemplate });
      drops.push(db.drop);
      return { companyId, prefix, dataDir: '', pgUrl: db.url };
    }
    const dir = path.join(dataDir, prefix);
    fs.cpSync(path.join(dataDir, 'template'), dir, { recursive: true });
    return { companyId, prefix, dataDir: dir, pgUrl: '' };
  }

  /** Runs the scenario's second process to the end and checks the outcome it reports. */
  async function finishAndCheck(expect: ExpectStatic, scenario: Scenario) {
    const worker = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario));
    const report = JSON.parse(await worker.waitFor('DONE', 180_000)) as WorkerReport;
    expect((await worker.exited).code).toBe(0);
    expect(report.result.state).toBe('succeeded');

    const tenants = await ctl.tenantsWithPrefix(scenario.prefix);
    expect(tenants, 'customers in the emulator').toHaveLength(1);
    expect(tenants[0]!.tenantId).toBe(report.result.tenantId);
    expect(await ctl.agreementsOf(report.result.tenantId), 'MCA confirmations').toHaveLength(1);
    expect(report.sync).toMatchObject({ syncStatus: 'synced', tenantId: report.result.tenantId });
    expect(report.welcome, 'welcome messages, each carrying the one-time password').toEqual([
      { hasSecret: true },
    ]);
    expect(report.completed).toBe(1);
    expect(report.vault, 'password left in the vault').toBeNull();
    expect(report.run?.state).toBe('succeeded');
    // One administrator as ordered, Global Administrator, and the delivered password is its current one.
    const admins = (await ctl.usersOf(report.result.tenantId)).filter((u) => u.userPrincipalName === `${ADMIN_USERNAME}@${scenario.prefix}.onmicrosoft.com`);
    expect(admins, 'administrators created').toHaveLength(1);
    expect(admins[0]).toMatchObject({ forceChangePassword: false, directoryRoles: ['Company Administrator'] });
    expect(report.adminSignIn).toEqual({ signInName: `${ADMIN_USERNAME}@${scenario.prefix}.onmicrosoft.com`, welcomeNamesIt: true, signedIn: true, mustChangePassword: false });
    return report;
  }

  it.concurrent.for(BOUNDARIES.map((b, i) => [b, i] as const))(
    'killed %s: resumes, one tenant, one MCA, synced',
    { timeout: QUEUED_TEST_TIMEOUT_MS },
    async ([killAt, i], { expect }) => {
      await slots.run(async () => {
        const scenario = await prepare(i, `ntc${i}${run}`);
        const first = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario, killAt));
        expect((await first.exited).signal, first.output()).toBe('SIGKILL');
        const report = await finishAndCheck(expect, scenario);
        // A step journaled before the kill is replayed, never re-run.
        expect(report.createAttempts.map((a) => a.state)).toEqual(['succeeded']);
        expect(report.adminAttempts.map((a) => a.state)).toEqual(['succeeded']);
      });
    },
  );

  it.concurrent(
    'killed in the middle of create-customer after the tenant was created: the restart recovers the first answer, no second tenant',
    async ({ expect }) => {
      await slots.run(async () => {
        const scenario = await prepare(BOUNDARIES.length, `ntcmid${run}`);
        const prefix = scenario.prefix;
        const held = proxy.holdNext(
          (method, url, body) =>
            method === 'POST' &&
            url.startsWith('/v1/customers') &&
            body.includes(`${prefix}.onmicrosoft.com`),
        );
        const first = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario));
        await held; // the emulator created the tenant; the worker never hears back
        expect(await ctl.tenantsWithPrefix(prefix)).toHaveLength(1);
        await first.kill();

        const report = await finishAndCheck(expect, scenario);
        const creates = report.createAttempts;
        expect(creates.map((a) => a.state)).toEqual(['interrupted', 'succeeded']);
        expect(creates[1]!.requestId).toBe(creates[0]!.requestId);
        const createCalls = (await ctl.calls({ operation: 'customers.create' })).calls.filter(
          (c) => c.requestId === creates[0]!.requestId,
        );
        expect(createCalls.map((c) => c.replayed === true)).toEqual([false, true]);
      });
    },
    QUEUED_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    'killed in the middle of set-up-admin after Partner Center created the user: the restart takes it over, one admin, the delivered password works',
    async ({ expect }) => {
      await slots.run(async () => {
        const scenario = await prepare(BOUNDARIES.length + 1, `ntcadm${run}`);
        const upn = `${ADMIN_USERNAME}@${scenario.prefix}.onmicrosoft.com`;
        const held = proxy.holdNext((method, url, body) => method === 'POST' && /\/users$/.test(url) && body.includes(upn));
        const first = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario));
        await held; // the emulator created the user; the worker never hears back
        const [tenant] = await ctl.tenantsWithPrefix(scenario.prefix);
        expect((await ctl.usersOf(tenant!.tenantId)).filter((u) => u.userPrincipalName === upn)).toHaveLength(1);
        await first.kill();

        const report = await finishAndCheck(expect, scenario);
        expect(report.adminAttempts.map((a) => a.state)).toEqual(['interrupted', 'succeeded']);
        expect(report.createAttempts.map((a) => a.state)).toEqual(['succeeded']);
      });
    },
    QUEUED_TEST_TIMEOUT_MS,
  );

  it.concurrent(
    "killed in the middle of create-customer, restarted after Partner Center's replay window: the admin's password is reset and delivered, never lost",
    async ({ expect }) => {
      await slots.run(async () => {
        // Its own emulator: moving the clock past the replay window must not touch the other scenarios' replays.
        const own = await startEmulator({ port: 0 });
        const ownProxy = await startHoldingProxy(own.url);
        const ownCtl = emulatorControl(own.url);
        try {
          const scenario = await prepare(BOUNDARIES.length + 2, `ntcwin${run}`);
          const prefix = scenario.prefix;
          // The wizard's default: Microsoft's admin, password change at first sign-in, so only create-customer's answer carries a password.
          const admin = { username: 'admin', requirePasswordChange: true };
          const held = ownProxy.holdNext((method, url, body) => method === 'POST' && url.startsWith('/v1/customers') && body.includes(`${prefix}.onmicrosoft.com`));
          const first = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario, '', admin, ownProxy.url));
          await held; // the emulator created the tenant; the worker never hears back
          await first.kill();
          await ownCtl.advanceClock({ duration: 'PT25H' });

          const worker = spawnWorker('../new-tenant/new-tenant-worker.ts', envFor(scenario, '', admin, ownProxy.url));
          const report = JSON.parse(await worker.waitFor('DONE', 180_000)) as WorkerReport;
          expect((await worker.exited).code).toBe(0);
          expect(report.result.state).toBe('succeeded');
          expect(await ownCtl.tenantsWithPrefix(prefix), 'customers in the emulator').toHaveLength(1);
          // The first answer is gone: the restart found the tenant by its domain, with no password to replay.
          expect(report.createAttempts.map((a) => a.state)).toEqual(['interrupted', 'succeeded']);
          expect(report.welcome, 'welcome messages, each carrying the one-time password').toEqual([{ hasSecret: true }]);
          expect(report.vault, 'password left in the vault').toBeNull();
          expect(report.adminSignIn).toEqual({ signInName: `admin@${prefix}.onmicrosoft.com`, welcomeNamesIt: true, signedIn: true, mustChangePassword: true });
          const admins = (await ownCtl.usersOf(report.result.tenantId)).filter((u) => u.userPrincipalName.startsWith('admin@'));
          expect(admins, "Microsoft's first admin, not a second one").toHaveLength(1);
        } finally {
          await ownProxy.close();
          await own.close();
        }
      });
    },
    QUEUED_TEST_TIMEOUT_MS,
  );
});
