import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createOutboxRepo, createWorkflowRunsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createMcaAcceptanceWorkflow, mcaAcceptanceRunId, type McaAcceptanceInput, type WorkflowDefinition } from '../../src/index';
import { emulatorControl } from '../new-tenant/emulator-control';
import { seedAccounts, wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
type Attestation = { attestationId: string; signatoryEmail: string; status: string };

/**
 * Re-acceptance when Microsoft publishes a new MCA version (docs/PARTNER-CENTER-REFERENCE.md §5.6):
 * a customer whose agreement is on the older version reads as `outdated`; the acceptance run asks
 * the signatory again, waits, and creates the agreement on the current version; a second start of
 * the same request attaches to it (one attestation, one e-mail).
 */
describe(`MCA re-acceptance after a new version (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let client: PartnerCenterClient;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let shared: ReturnType<typeof wireNewTenantPorts>;
  let workflow: ReturnType<typeof createMcaAcceptanceWorkflow>;
  const run = Date.now().toString(36);
  // What the run hands to the MCA records port (the server keeps the accepted version for the cockpit).
  const recorded: { companyId: number; connectionId: string; tenantId: string }[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, 1, 'Reaccept');
    client = createPartnerCenterClient({
      connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    shared = wireNewTenantPorts(t.db, emulator.url, { fastRetries: true });
    workflow = createMcaAcceptanceWorkflow({ partnerCenter: (id) => shared.partnerCenter(id), notifier: shared.notifier, mcaRecords: { recordAcceptance: async (a) => void recorded.push(a) } });
    replay = await startReplayRuntime({ journalName: 'reaccept', executorId: 'mca-reaccept', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it('an acceptance on the older version reads outdated; the run asks again and the customer is current after accepting', async () => {
    const c = await client.createCustomer({
      domainPrefix: `reaccept${run}`,
      companyName: 'Reaccept Co',
      email: 'it@reaccept.example',
      culture: 'en-US',
      language: 'en',
      indirectResellerTenantId: adatum.tenantId,
      address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López', phoneNumber: '+1 425 555 0100' },
    });
    // Accepted once, on the version of the day.
    const first = await client.createMcaAttestation({ country: 'US', language: 'en', companyName: 'Reaccept Co', firstName: 'Ana', lastName: 'López', email: `ana-${run}@reaccept.example` });
    await ctl.decideAttestation(first.attestationId, 'accept');
    await client.createMcaAgreementFromAttestation(c.tenantId, first.attestationId);
    expect((await client.mcaStatus(c.tenantId)).state).toBe('current');

    const published = await ctl.publishMcaVersion();
    expect(await client.mcaStatus(c.tenantId)).toEqual({ state: 'outdated', currentTemplateId: published.templateId });

    const email = `sofia-${run}@reaccept.example`;
    const companyId = seeded.customers[0]!.id;
    const input: McaAcceptanceInput = {
      companyId,
      connectionId: seeded.connectionId,
      tenantId: c.tenantId,
      signatory: { kind: 'signatory', firstName: 'Sofía', lastName: 'Firmante', email, companyName: 'Reaccept Co', country: 'US', language: 'en', partnerName: 'Adatum' },
    };
    const runId = mcaAcceptanceRunId(companyId, seeded.connectionId, 1);
    const runtime = replay!.crash.runtime;
    const handle = await runtime.start(workflow, runId, input);
    let pending: Attestation | undefined;
    for (let i = 0; i < 600 && !pending; i++) {
      pending = ((await ctl.attestations()).items as Attestation[]).find((a) => a.signatoryEmail === email && a.status === 'Pending');
      if (!pending) await new Promise((r) => setTimeout(r, 100));
    }
    expect(pending).toBeDefined();
    // The run row says it waits once the run reaches its wait (the row is written with the run's
    // next journaled operation, docs/WORKFLOWS.md §11), which can follow the attestation by a moment.
    const runs = createWorkflowRunsRepo(t.db);
    await expect.poll(() => runs.getRun(runId), { timeout: 30_000, interval: 100 }).toMatchObject({ kind: 'mca-acceptance', state: 'running', facts: expect.objectContaining({ mcaStatus: 'waiting' }) });
    // A second start of the same request attaches to the run: no second attestation or e-mail.
    await runtime.start(workflow, runId, input);
    expect(await runs.getRun(runId)).toMatchObject({ kind: 'mca-acceptance', state: 'running', facts: expect.objectContaining({ mcaStatus: 'waiting' }) });

    await ctl.decideAttestation(pending!.attestationId, 'accept');
    expect(await handle.result()).toEqual({ state: 'succeeded', mca: 'created' });
    expect(await client.mcaStatus(c.tenantId)).toEqual({ state: 'current', currentTemplateId: published.templateId });
    expect(((await ctl.attestations()).items as Attestation[]).filter((a) => a.signatoryEmail === email)).toHaveLength(1);
    const mails = (await createOutboxRepo(t.db, shared.box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'mca-acceptance-request');
    expect(mails.map((m) => m.to)).toEqual([[email]]);
    expect(((await createWorkflowRunsRepo(t.db).getRun(runId))!.facts as Record<string, string>).mcaStatus).toBe('accepted');
    // The new acceptance is handed to the records port once the agreement exists, for this account.
    expect(recorded).toEqual([{ companyId, connectionId: seeded.connectionId, tenantId: c.tenantId }]);
  }, 120_000);
});
