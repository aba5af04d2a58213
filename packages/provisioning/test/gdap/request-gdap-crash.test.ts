import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedStackDataDir } from '@csphub/testing';
/* eslint-disable no-restricted-imports -- the test seeds through the real repositories */
import { createGdapRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { EntraRole } from '@csphub/partner-center/wire';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { gdapRelationshipDisplayName } from '@csphub/domain';
import type { RequestGdapFromTemplateInput } from '../../src/index';
import { spawnWorker } from '../crash/spawn-worker';
import { emulatorControl } from '../new-tenant/emulator-control';
import { LATAM, seedAccounts } from '../new-tenant/new-tenant-wiring';

/** The boundaries of the one step that cannot be undone: creating the relationship at Graph. */
const BOUNDARIES = ['before:gdap-create-relationship', 'after:gdap-create-relationship'];
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const GROUP = '11111111-2222-4333-8444-555555555555';

/**
 * "Request GDAP from a template" with real process kills around the relationship's creation: the
 * worker is SIGKILLed, a new process resumes, the customer approves days later (the emulator's
 * clock moved), and the run ends active with its access assignment. Each time: one relationship.
 */
describe('request GDAP from a template survives SIGKILL around creating the relationship', () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let dataDir = '';
  let inputs: RequestGdapFromTemplateInput[] = [];
  const run = Date.now().toString(36);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    await ctl.updateSettings({ gdapRequestDelaySeconds: 1, gdapActivationDelaySeconds: 60, accessAssignmentActivationDelaySeconds: 120 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-gdap-crash-'));
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: LATAM.name, type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    // Both databases start from the migrated template instead of initdb and every migration (@csphub/testing).
    await seedStackDataDir(path.join(dataDir, 'template'), 'app');
    const app = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'template', 'app') });
    try {
      const seeded = await seedAccounts(app.db, BOUNDARIES.length, 'GdapCrash');
      for (let i = 0; i < BOUNDARIES.length; i++) {
        const c = await client.createCustomer({
          domainPrefix: `gdapcrash${i}${run}`,
          companyName: `Gdap Crash ${i}`,
          email: `it${i}@gdapcrash.example`,
          culture: 'en-US',
          language: 'en',
          indirectResellerTenantId: adatum.tenantId,
          address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López', phoneNumber: '+1 425 555 0100' },
        });
        const companyId = seeded.customers[i]!.id;
        const displayName = gdapRelationshipDisplayName({ companyId, templateId: 0, templateVersion: 1, attempt: 1 });
        const roles = [{ id: EntraRole.directoryReaders, name: 'Directory Readers' }, { id: EntraRole.userAdministrator, name: 'User Administrator' }];
        const row = await createGdapRepo(app.db).upsertRequested({ companyId, connectionId: seeded.connectionId, displayName, customerTenantId: c.tenantId, templateId: null, roles, durationDays: 730, autoExtend: true, runId: null }, new Date());
        inputs.push({ rowId: row.id, companyId, connectionId: seeded.connectionId, customerTenantId: c.tenantId, customerName: `Gdap Crash ${i}`, displayName, template: { id: null, version: null, roles, durationDays: 730, autoExtend: true, securityGroups: [{ groupId: GROUP, name: 'Helpdesk', roleIds: [EntraRole.userAdministrator] }] }, approver: null });
      }
    } finally {
      await app.close();
    }
    await (await openWorkflowSystemPool({ dataDir: path.join(dataDir, 'template', 'workflows') })).close();
  }, 300_000);
  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    inputs = [];
  });

  it.for(BOUNDARIES.map((b, i) => [b, i] as const))('killed %s: resumes, the customer approves days later, active with one relationship', { timeout: 300_000 }, async ([killAt, i], { expect }) => {
    const dir = path.join(dataDir, `s${i}`);
    fs.cpSync(path.join(dataDir, 'template'), dir, { recursive: true });
    const input = inputs[i]!;
    const env = (kill: string) => ({ GW_DATA_DIR: dir, GW_PC_ORIGIN: emulator.url, GW_INPUT: JSON.stringify(input), GW_KILL_AT: kill, GW_EXECUTOR_ID: `gdap-worker-${i}-${run}` });
    const first = spawnWorker('../gdap/gdap-worker.ts', env(killAt));
    expect((await first.exited).signal, first.output()).toBe('SIGKILL');
    const second = spawnWorker('../gdap/gdap-worker.ts', env(''));
    let rel;
    for (let n = 0; n < 600 && rel?.status !== 'approvalPending'; n++) {
      await new Promise((r) => setTimeout(r, 200));
      rel = (await ctl.state()).gdap.find((g) => g.displayName === input.displayName);
    }
    expect(rel?.status).toBe('approvalPending');
    await ctl.advanceClock({ seconds: 4 * 86_400 });
    await ctl.approveGdap(rel!.id);
    const tick = setInterval(() => void ctl.advanceClock({ seconds: 150 }).catch(() => {}), 1_000);
    let report: { result: { state: string }; row: { status: string; relationshipId: string } };
    try {
      report = JSON.parse(await second.waitFor('DONE', 180_000)) as typeof report;
    } finally {
      clearInterval(tick);
    }
    expect((await second.exited).code).toBe(0);
    expect(report.result.state).toBe('active');
    expect(report.row).toMatchObject({ status: 'active', relationshipId: rel!.id });
    const rels = (await ctl.state()).gdap.filter((g) => g.displayName === input.displayName);
    expect(rels, 'relationships with the run display name').toHaveLength(1);
    expect(rels[0]!.requests.map((q) => q.action)).toEqual(['lockForApproval']);
    expect(rels[0]!.accessAssignments.map((a) => [a.accessContainerId, a.status])).toEqual([[GROUP, 'active']]);
  });
});
