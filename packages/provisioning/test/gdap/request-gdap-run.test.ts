import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createEventsRepo, createGdapRepo, createOutboxRepo, createWorkflowRunsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { createNotifier, createOutboxTransport } from '@csphub/notifications';
import { EntraRole } from '@csphub/partner-center/wire';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { gdapRelationshipDisplayName } from '@csphub/domain';
import { createRequestGdapWorkflow, requestGdapRunId, type RequestGdapFromTemplateInput, type WorkflowDefinition } from '../../src/index';
import { emulatorControl } from '../new-tenant/emulator-control';
import { LATAM, seedAccounts, wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';

const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const DAY = 86_400;
const HELPDESK_GROUP = '11111111-2222-4333-8444-555555555555';
const READERS_GROUP = '66666666-7777-4888-9999-000000000000';

/**
 * The "request GDAP from a template" run against the emulator: the customer approves days later
 * (the emulator's clock moved by its control client) and the run, looking periodically, creates the
 * template's access assignments and marks the relationship active; and a crash at each step
 * boundary (simulated in this process, DBOS recovering the run from its journal) still leaves one
 * relationship, one lock request and one assignment per group.
 */
const BOUNDARIES = ['before:gdap-create-relationship', 'after:gdap-create-relationship', 'after:gdap-request-approval', 'after:gdap-check-relationship', 'after:gdap-create-access-assignment', 'after:gdap-check-access-assignments'];

describe(`request GDAP from a template (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let workflow: ReturnType<typeof createRequestGdapWorkflow>;
  const tenants: string[] = [];
  const run = Date.now().toString(36);
  const template = {
    id: null,
    version: null,
    roles: [
      { id: EntraRole.directoryReaders, name: 'Directory Readers' },
      { id: EntraRole.helpdeskAdministrator, name: 'Helpdesk Administrator' },
      { id: EntraRole.userAdministrator, name: 'User Administrator' },
    ],
    durationDays: 365,
    autoExtend: true,
    securityGroups: [
      { groupId: HELPDESK_GROUP, name: 'Helpdesk', roleIds: [EntraRole.helpdeskAdministrator, EntraRole.userAdministrator] },
      { groupId: READERS_GROUP, name: 'Readers', roleIds: [EntraRole.directoryReaders] },
    ],
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    await ctl.updateSettings({ gdapRequestDelaySeconds: 1, gdapActivationDelaySeconds: 60, accessAssignmentActivationDelaySeconds: 120 });
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, BOUNDARIES.length + 2, 'Gdap');
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: LATAM.name, type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    for (let i = 0; i <= BOUNDARIES.length + 1; i++) {
      const c = await client.createCustomer({
        domainPrefix: `gdaprun${i}${run}`,
        companyName: `Gdap Run ${i}`,
        email: `it${i}@gdaprun.example`,
        culture: 'en-US',
        language: 'en',
        indirectResellerTenantId: adatum.tenantId,
        address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López', phoneNumber: '+1 425 555 0100' },
      });
      tenants.push(c.tenantId);
    }
    const box = wireNewTenantPorts(t.db, emulator.url).box;
    const notifier = createNotifier({ transport: createOutboxTransport(createOutboxRepo(t.db, box)), from: 'CSP Hub <no-reply@csphub.local>' });
    const runClient = createPartnerCenterClient({
      retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
      connection: { id: 'latam', name: LATAM.name, type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    workflow = createRequestGdapWorkflow({
      partnerCenter: async () => runClient,
      relationships: createGdapRepo(t.db),
      notifier: { send: (m) => notifier.send(m) },
      pollDelayMs: () => 300,
    });
    replay = await startReplayRuntime({ journalName: 'gdaprun', executorId: 'gdap-run', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  async function inputFor(i: number): Promise<RequestGdapFromTemplateInput> {
    const companyId = seeded.customers[i]!.id;
    const displayName = gdapRelationshipDisplayName({ companyId, templateId: 0, templateVersion: 1, attempt: 1 });
    const row = await createGdapRepo(t.db).upsertRequested(
      { companyId, connectionId: seeded.connectionId, displayName, customerTenantId: tenants[i]!, templateId: null, roles: template.roles, durationDays: template.durationDays, autoExtend: template.autoExtend, runId: null },
      new Date(),
    );
    return { rowId: row.id, companyId, connectionId: seeded.connectionId, customerTenantId: tenants[i]!, customerName: `Gdap Run ${i}`, displayName, template, approver: { to: [`admin${i}@gdaprun.example`], language: i % 2 ? 'es' : 'en', partnerName: 'Contoso Distribution' } };
  }

  /** The emulator's relationship of that display name once it waits for the customer, then the customer approves it `days` later. */
  async function approveAfter(displayName: string, days: number) {
    let rel;
    for (let n = 0; n < 200; n++) {
      rel = (await ctl.state()).gdap.find((g) => g.displayName === displayName);
      if (rel?.status === 'approvalPending') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rel?.status).toBe('approvalPending');
    await ctl.advanceClock({ seconds: days * DAY });
    await ctl.approveGdap(rel!.id);
    // Microsoft activates it a minute later, and the assignments two minutes after they are asked for.
    await ctl.advanceClock({ seconds: 90 });
    return rel!.id;
  }

  async function assertOne(i: number, input: RequestGdapFromTemplateInput) {
    const state = await ctl.state();
    const rels = state.gdap.filter((g) => g.displayName === input.displayName);
    expect(rels, 'relationships with the run display name').toHaveLength(1);
    expect(rels[0]!.requests.map((q) => q.action), 'lock requests').toEqual(['lockForApproval']);
    expect(rels[0]!.status).toBe('active');
    expect(rels[0]!.autoExtendDuration).toBe('P180D');
    expect(rels[0]!.accessAssignments.map((a) => [a.accessContainerId, [...a.roles].sort(), a.status]).sort()).toEqual(
      [
        [HELPDESK_GROUP, [EntraRole.helpdeskAdministrator, EntraRole.userAdministrator].sort(), 'active'],
        [READERS_GROUP, [EntraRole.directoryReaders], 'active'],
      ].sort(),
    );
    const row = await createGdapRepo(t.db).getRelationship(input.rowId);
    expect(row).toMatchObject({ relationshipId: rels[0]!.id, status: 'active', customerTenantId: tenants[i] });
    expect(row!.approvalUrl).toContain(rels[0]!.id);
    expect(row!.accessAssignments.map((a) => a.status)).toEqual(['active', 'active']);
    const mails = (await createOutboxRepo(t.db, wireNewTenantPorts(t.db, emulator.url).box).list({ subjectId: String(input.companyId) })).filter((m) => m.template === 'gdap-approval-request');
    expect(mails, 'approval e-mails').toHaveLength(1);
    // gdap.active reached the event outbox once, when the access assignments were active too.
    const events = (await createEventsRepo(t.db).list({ type: 'gdap.active', companyId: input.companyId })).filter((e) => e.data.relationshipId === rels[0]!.id);
    expect(events, 'gdap.active events').toHaveLength(1);
  }

  it('waits days for the approval, then creates the access assignments and ends active', async () => {
    const input = await inputFor(BOUNDARIES.length);
    const runId = requestGdapRunId(input.rowId);
    const rt = replay!.crash.runtime;
    await rt.start(workflow, runId, input);
    await approveAfter(input.displayName, 3);
    const done = rt.retrieve<{ state: string }>(runId).result();
    // The assignments activate two minutes (emulator time) after they are created.
    const tick = setInterval(() => void ctl.advanceClock({ seconds: 150 }).catch(() => {}), 1_000);
    try {
      expect((await done).state).toBe('active');
    } finally {
      clearInterval(tick);
    }
    await assertOne(BOUNDARIES.length, input);
    expect((await createWorkflowRunsRepo(t.db).getRun(runId))?.state).toBe('succeeded');
    const looks = (await createWorkflowRunsRepo(t.db).listAttempts(runId)).filter((a) => a.stepId === 'gdap-check-relationship');
    expect(looks.length, 'periodic looks while waiting').toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('finds the relationship an earlier attempt created when its answer was lost, instead of making a second', async () => {
    const input = await inputFor(BOUNDARIES.length + 1);
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: LATAM.name, type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    // The first attempt's create reached Graph and its answer never came back (the process died mid-call).
    await client.createGdapRelationship({ displayName: input.displayName, customerTenantId: input.customerTenantId, roleIds: template.roles.map((r) => r.id), durationDays: template.durationDays, autoExtend: true });
    const runId = requestGdapRunId(input.rowId);
    const rt = replay!.crash.runtime;
    await rt.start(workflow, runId, input);
    await approveAfter(input.displayName, 1);
    const tick = setInterval(() => void ctl.advanceClock({ seconds: 150 }).catch(() => {}), 1_000);
    try {
      expect((await rt.retrieve<{ state: string }>(runId).result()).state).toBe('active');
    } finally {
      clearInterval(tick);
    }
    await assertOne(BOUNDARIES.length + 1, input);
  }, 120_000);

  it.for(BOUNDARIES.map((b, i) => [b, i] as const))('crashed %s, recovered: one relationship, one lock, one assignment per group', { timeout: 120_000 }, async ([boundary, i]) => {
    const input = await inputFor(i);
    const runId = requestGdapRunId(input.rowId);
    const approving = boundary.includes('access-assignment') || boundary === 'after:gdap-check-relationship' ? approveAfter(input.displayName, 2) : undefined;
    const runtime = await replay!.crash.crashAt(boundary, (rt) => rt.start(workflow, runId, input));
    if (!approving) await approveAfter(input.displayName, 2);
    else await approving;
    const tick = setInterval(() => void ctl.advanceClock({ seconds: 150 }).catch(() => {}), 1_000);
    try {
      expect((await runtime.retrieve<{ state: string }>(runId).result()).state).toBe('active');
    } finally {
      clearInterval(tick);
    }
    await assertOne(i, input);
  });
});
