import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createWorkflowRunsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { EntraRole } from '@csphub/partner-center/wire';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createUpdateGdapAccessWorkflow, type UpdateGdapAccessInput, type WorkflowDefinition } from '../src/index';
import { emulatorControl } from './new-tenant/emulator-control';
import { startReplayRuntime, type ReplayRuntime } from './replay/replay-runtime';

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const GROUP = '5e5e5e5e-1111-4222-8333-444455556666';

async function until<T>(what: string, look: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await look();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A run that changes a GDAP access assignment's roles follows Graph's long-running operation
 * (Graph page "Update delegatedAdminAccessAssignment"): the PATCH answers 202 with `Location` and
 * `Retry-After`, the run sleeps what Graph asks and looks at `/operations/{id}` until it
 * `succeeded`; the roles are then applied. A crash between looks resumes without a second update.
 */
describe(`GDAP access assignment update run (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let client: PartnerCenterClient;
  let workflow: ReturnType<typeof createUpdateGdapAccessWorkflow>;
  let relationshipId: string;
  let assignmentId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    await ctl.updateSettings({ gdapActivationDelaySeconds: 0, accessAssignmentActivationDelaySeconds: 0, gdapRequestDelaySeconds: 0, gdapOperationDelaySeconds: 4 });
    t = await createTestDatabase();
    client = createPartnerCenterClient({
      connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    const rel = await client.createGdapRelationship({ displayName: `CSP Hub access ${Date.now().toString(36)}`, customerTenantId: wingtip.tenantId, roleIds: [EntraRole.userAdministrator, EntraRole.directoryReaders], durationDays: 730 });
    relationshipId = rel.id;
    await client.requestGdapApproval(relationshipId);
    await until('the lock', async () => ((await client.getGdapRelationship(relationshipId)).status === 'approvalPending' ? true : undefined));
    await ctl.approveGdap(relationshipId);
    await until('an active relationship', async () => ((await client.getGdapRelationship(relationshipId)).status === 'active' ? true : undefined));
    assignmentId = (await client.createGdapAccessAssignment(relationshipId, { securityGroupId: GROUP, roleIds: [EntraRole.userAdministrator] })).id;
    await until('an active assignment', async () => ((await client.getGdapAccessAssignment(relationshipId, assignmentId)).status === 'active' ? true : undefined));
    workflow = createUpdateGdapAccessWorkflow({ partnerCenter: async () => client });
    replay = await startReplayRuntime({ journalName: 'gdapaccess', executorId: 'gdap-access', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it('follows the 202 operation, honouring Retry-After, until it succeeded; crashed between looks, one update', async () => {
    const input: UpdateGdapAccessInput = { companyId: 7, connectionId: 'latam', relationshipId, assignmentId, roleIds: [EntraRole.userAdministrator, EntraRole.directoryReaders] };
    const runId = `gdap-access-update:7:${assignmentId}:1`;
    const patchesBefore = (await ctl.calls({ operation: 'gdap.accessAssignments.update' })).count;
    const runtime = await replay!.crash.crashAt('after:check-gdap-operation', (rt) => rt.start(workflow, runId, input));
    const result = await runtime.retrieve<{ state: string; operationId?: string }>(runId).result();
    expect(result.state).toBe('succeeded');
    expect(result.operationId).toBeTruthy();
    expect((await client.getGdapOperation(relationshipId, result.operationId!)).status).toBe('succeeded');
    expect((await client.getGdapAccessAssignment(relationshipId, assignmentId)).roleIds.sort()).toEqual([EntraRole.userAdministrator, EntraRole.directoryReaders].sort());
    expect((await ctl.calls({ operation: 'gdap.accessAssignments.update' })).count - patchesBefore, 'PATCH calls').toBe(1);
    const looks = (await createWorkflowRunsRepo(t.db).listAttempts(runId)).filter((a) => a.stepId === 'check-gdap-operation' && a.state === 'succeeded');
    // Graph's operation takes 4 s and says when to look again: a handful of looks, not a busy poll.
    expect(looks.length).toBeGreaterThanOrEqual(1);
    expect(looks.length).toBeLessThanOrEqual(4);
    expect(await createWorkflowRunsRepo(t.db).getRun(runId)).toMatchObject({ kind: 'gdap-access-update', state: 'succeeded' });
  }, 120_000);

  it('the same roles again: Graph answers 200 and the run ends without an operation', async () => {
    const input: UpdateGdapAccessInput = { companyId: 7, connectionId: 'latam', relationshipId, assignmentId, roleIds: [EntraRole.directoryReaders, EntraRole.userAdministrator] };
    const runId = `gdap-access-update:7:${assignmentId}:2`;
    const handle = await replay!.crash.runtime.start(workflow, runId, input);
    expect(await handle.result()).toEqual({ state: 'succeeded' });
  }, 60_000);
});
