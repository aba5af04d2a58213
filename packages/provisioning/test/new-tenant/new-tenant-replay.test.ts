import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createOutboxRepo, createPendingCredentialsRepo, createProvisioningAccountsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import {
  provisionTenantRunId,
  submitNewTenantRun,
  type NewTenantInput,
  type NewTenantResult,
  type WorkflowDefinition,
} from '../../src/index';
import { newTenantKillPointsByTier } from '../../src/new-tenant/new-tenant-kill-points';
import type { inProcessCrash } from '../replay/in-process-crash';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';
import { emulatorControl } from './emulator-control';
import { newTenantWorkflow, seedAccounts, timelineOf, wireNewTenantPorts, wizardInput } from './new-tenant-wiring';

/**
 * The step boundaries of the new-tenant run around steps that can be done again without a second
 * effect (checks, reads, saving the link, delivering from the vault, notifying): a crash there is
 * simulated in this process and the run is recovered by DBOS from its journal (replay/in-process-crash.ts).
 * The boundaries around what cannot be undone (create-customer, set-up-admin, confirm-mca) are
 * proven with real process kills in new-tenant-crash.test.ts.
 */
const BOUNDARIES = newTenantKillPointsByTier({ reseller: true, 'admin-setup': true, 'default-gdap': true, 'explicit-gdap': false, 'mca-partner-typed': true, 'mca-signatory': false }).replay;
const ADMIN_USERNAME = 'it.admin';

describe(`new-tenant run recovered after a crash at each reversible step boundary (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let workflow: WorkflowDefinition<NewTenantInput, NewTenantResult>;
  let ports: ReturnType<typeof wireNewTenantPorts>;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let crash: ReturnType<typeof inProcessCrash>;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, BOUNDARIES.length, 'Replay');
    ports = wireNewTenantPorts(t.db, emulator.url, { fastRetries: true });
    workflow = newTenantWorkflow(ports);
    replay = await startReplayRuntime({ journalName: 'ntreplay', executorId: 'new-tenant-replay', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: timelineOf(t.db) });
    crash = replay.crash;
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it.for(BOUNDARIES.map((b, i) => [b, i] as const))('crashed %s, recovered: one tenant, one MCA, one administrator, synced, credentials delivered once', async ([boundary, i]) => {
    const companyId = seeded.customers[i]!.id;
    const prefix = `ntr${i}${run}`;
    const input = wizardInput(companyId, seeded.connectionId, prefix, { adminUsername: ADMIN_USERNAME, requirePasswordChange: false });
    const runId = provisionTenantRunId(companyId, seeded.connectionId);
    const runtime = await crash.crashAt(boundary, (rt) => submitNewTenantRun(rt, workflow, input));
    const result = await runtime.retrieve<NewTenantResult>(runId).result();
    expect(result.state).toBe('succeeded');

    const tenants = await ctl.tenantsWithPrefix(prefix);
    expect(tenants, 'customers in the emulator').toHaveLength(1);
    expect(tenants[0]!.tenantId).toBe(result.tenantId);
    expect(await ctl.agreementsOf(result.tenantId!), 'MCA confirmations').toHaveLength(1);
    const accounts = createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });
    expect(await accounts.getSync(companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'synced', tenantId: result.tenantId });

    const outbox = createOutboxRepo(t.db, ports.box);
    const messages = await outbox.list({ subjectId: String(companyId) });
    const welcomes = messages.filter((m) => m.template === 'welcome');
    expect(welcomes.map((m) => ({ hasSecret: m.hasSecret })), 'welcome messages, each carrying the one-time password').toEqual([{ hasSecret: true }]);
    expect(messages.filter((m) => m.template === 'provisioning-completed')).toHaveLength(1);
    expect((await createPendingCredentialsRepo(t.db, ports.box).raw(runId)) ?? null, 'password left in the vault').toBeNull();
    expect((await timelineOf(t.db).getRun(runId))?.state).toBe('succeeded');

    // One administrator as ordered, and the delivered password is its current one.
    const upn = `${ADMIN_USERNAME}@${prefix}.onmicrosoft.com`;
    const admins = (await ctl.usersOf(result.tenantId!)).filter((u) => u.userPrincipalName === upn);
    expect(admins, 'administrators created').toHaveLength(1);
    expect(admins[0]).toMatchObject({ forceChangePassword: false, directoryRoles: ['Company Administrator'] });
    const password = (await outbox.revealSecrets(welcomes[0]!.id))?.temporaryPassword ?? '';
    expect(welcomes[0]!.text).toContain(upn);
    expect(await ctl.signIn(result.tenantId!, { userPrincipalName: upn, password })).toEqual({ signedIn: true, mustChangePassword: false });

    // A step journaled before the crash is replayed, never run again.
    const attempts = await timelineOf(t.db).listAttempts(runId);
    expect(attempts.filter((a) => a.stepId === 'create-customer').map((a) => a.state)).toEqual(['succeeded']);
    expect(attempts.filter((a) => a.stepId === 'set-up-admin').map((a) => a.state)).toEqual(['succeeded']);
    // Its success, closed with the run's next timeline write and lost with the crash, is closed after the replay.
    expect(attempts.filter((a) => a.stepId === boundary.slice('after:'.length)).map((a) => a.state)).toEqual(['succeeded']);
    expect(attempts.filter((a) => a.state === 'running').map((a) => a.stepId), 'attempts left running').toEqual([]);
  });
});
