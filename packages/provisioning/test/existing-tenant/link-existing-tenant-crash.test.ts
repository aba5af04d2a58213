import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedStackDataDir } from '@csphub/testing';
/* eslint-disable no-restricted-imports -- the test seeds through the real repositories */
import { openDatabase, openWorkflowSystemPool } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { spawnWorker } from '../crash/spawn-worker';
import { emulatorControl } from '../new-tenant/emulator-control';
import { seedAccounts } from '../new-tenant/new-tenant-wiring';

/**
 * The boundaries of the MCA confirmation, which cannot be undone. The link run's other boundaries
 * are crashed in one process and recovered by replay in link-existing-tenant-replay.test.ts.
 */
const BOUNDARIES = ['before:confirm-mca', 'after:confirm-mca'];
const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;

interface Report {
  result: { state: string };
  sync: { syncStatus: string; tenantId: string | null } | undefined;
  completed: number;
  run: { state: string } | null;
  mcaAttempts: string[];
}

/**
 * The exactly-once promise of the run after verification at its agreement, with real process
 * kills: the worker is SIGKILLed at each boundary and a new process resumes. Each time: the account is
 * linked (synced) without any customer created, one MCA confirmation for the signer, one GDAP
 * relationship, one "completed" message.
 */
describe('existing-tenant link run survives SIGKILL around the MCA confirmation', () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let dataDir = '';
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  const run = Date.now().toString(36);
  /** One existing tenant per scenario, already the partner's customer (through Adatum) and without any MCA. */
  const tenants: { tenantId: string; domain: string }[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-link-crash-'));
    // Both databases start from the migrated template instead of initdb and every migration (@csphub/testing).
    await seedStackDataDir(path.join(dataDir, 'template'), 'app');
    const app = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'template', 'app') });
    try {
      seeded = await seedAccounts(app.db, BOUNDARIES.length, 'Link');
    } finally {
      await app.close();
    }
    await (await openWorkflowSystemPool({ dataDir: path.join(dataDir, 'template', 'workflows') })).close();
    // The tenants exist before the runs (setup, not the run under test): created through the client.
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    for (let i = 0; i < BOUNDARIES.length; i++) {
      const c = await client.createCustomer({
        domainPrefix: `linkcrash${i}${run}`,
        companyName: `Link Crash ${i}`,
        email: `it${i}@linkcrash.example`,
        culture: 'en-US',
        language: 'en',
        indirectResellerTenantId: adatum.tenantId,
        address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López', phoneNumber: '+1 425 555 0100' },
      });
      tenants.push({ tenantId: c.tenantId, domain: c.domain });
    }
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // One at a time: each scenario is two node processes with their own PGlite folders, on two cores.
  it.for(BOUNDARIES.map((b, i) => [b, i] as const))('killed %s: resumes, linked, one MCA confirmation, one GDAP request, no customer created', { timeout: 300_000 }, async ([killAt, i], { expect }) => {
    const dir = path.join(dataDir, `s${i}`);
    fs.cpSync(path.join(dataDir, 'template'), dir, { recursive: true });
    const companyId = seeded.customers[i]!.id;
    const signer = `signer-${i}-${run}@wingtip.example`;
    const env = (kill: string) => ({
      LT_DATA_DIR: dir,
      LT_PC_ORIGIN: emulator.url,
      LT_COMPANY_ID: String(companyId),
      LT_CONNECTION_ID: seeded.connectionId,
      LT_TENANT_ID: tenants[i]!.tenantId,
      LT_DOMAIN: tenants[i]!.domain,
      LT_SIGNER: signer,
      LT_KILL_AT: kill,
      LT_EXECUTOR_ID: `link-worker-${i}-${run}`,
    });
    const createsBefore = (await ctl.calls({ operation: 'customers.create' })).count;
    const first = spawnWorker('../existing-tenant/link-worker.ts', env(killAt));
    expect((await first.exited).signal, first.output()).toBe('SIGKILL');
    const second = spawnWorker('../existing-tenant/link-worker.ts', env(''));
    const report = JSON.parse(await second.waitFor('DONE', 180_000)) as Report;
    expect((await second.exited).code).toBe(0);

    expect(report.result.state).toBe('succeeded');
    expect(report.run?.state).toBe('succeeded');
    expect(report.sync).toMatchObject({ syncStatus: 'synced', tenantId: tenants[i]!.tenantId });
    const state = await ctl.state();
    expect(state.agreements.filter((a) => a.customerTenantId === tenants[i]!.tenantId), 'MCA confirmations of the tenant').toHaveLength(1);
    expect(state.agreements.filter((a) => a.customerTenantId === tenants[i]!.tenantId)[0]!.primaryContact.email).toBe(signer);
    expect(state.gdap.filter((g) => g.displayName.startsWith(`CSP Hub ${companyId} `)), 'GDAP relationships').toHaveLength(1);
    expect(report.completed).toBe(1);
    expect((await ctl.calls({ operation: 'customers.create' })).count, 'create-customer calls').toBe(createsBefore);
  });
});
