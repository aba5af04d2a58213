import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createEventsRepo, createOutboxRepo, createProvisioningAccountsRepo, openWorkflowSystemPool, type WorkflowSystemPool } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import {
  AWAITING_RETRY_EVENT,
  launchWorkflowRuntime,
  provisionTenantRunId,
  randomIds,
  retryNewTenantRun,
  submitNewTenantRun,
  systemClock,
  type McaSignatoryInput,
  type NewTenantInput,
  type NewTenantResult,
  type SystemDatabase,
  type WorkflowDefinition,
} from '../../src/index';
import { inProcessCrash } from '../replay/in-process-crash';
import { emulatorControl } from './emulator-control';
import { newTenantWorkflow, seedAccounts, timelineOf, wireNewTenantPorts, wizardInput } from './new-tenant-wiring';

type Attestation = { attestationId: string; signatoryEmail: string; status: string };

const signatory = (email: string): McaSignatoryInput => ({
  kind: 'signatory',
  firstName: 'Sofía',
  lastName: 'Firmante',
  email,
  companyName: 'Signatory Customer',
  country: 'US',
  language: 'es',
  partnerName: 'Adatum',
});

/**
 * The new-tenant run with Microsoft's enhanced attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5):
 * the signatory gets the link by e-mail, the run waits durably, and goes on by itself once they
 * accept; a decline stops it for a person and Retry asks again. Crashes around the new steps
 * recover without a second attestation, e-mail or agreement.
 */
describe(`new-tenant run with the customer's signatory (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let sys: WorkflowSystemPool | undefined;
  let workflow: WorkflowDefinition<NewTenantInput, NewTenantResult>;
  let ports: ReturnType<typeof wireNewTenantPorts>;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let crash: ReturnType<typeof inProcessCrash>;
  const run = Date.now().toString(36);
  const accounts = () => createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });
  const attestationsOf = async (email: string) => ((await ctl.attestations()).items as Attestation[]).filter((a) => a.signatoryEmail === email);
  /** Waits until the signatory has a pending attestation, then decides it as they would in the component. */
  async function signatoryDecides(email: string, decision: 'accept' | 'decline', pendingCount = 1): Promise<Attestation> {
    for (let i = 0; i < 600; i++) {
      const pending = (await attestationsOf(email)).filter((a) => a.status === 'Pending');
      if (pending.length >= pendingCount || (pending.length > 0 && i > 20)) {
        const a = pending[pending.length - 1]!;
        await ctl.decideAttestation(a.attestationId, decision);
        return a;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no pending attestation for ${email}`);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, 8, 'Signatory');
    ports = wireNewTenantPorts(t.db, emulator.url, { fastRetries: true });
    workflow = newTenantWorkflow(ports);
    sys = await openWorkflowSystemPool({});
    const systemDatabase: SystemDatabase = { kind: 'pool', pool: sys.pool };
    crash = inProcessCrash((onBoundary) =>
      launchWorkflowRuntime({
        systemDatabase,
        executorId: 'new-tenant-mca',
        workflows: [workflow as WorkflowDefinition<never, unknown>],
        timeline: timelineOf(t.db),
        clock: systemClock,
        ids: randomIds,
        onBoundary,
      }),
    );
    await crash.start();
  }, 300_000);
  afterAll(async () => {
    await crash?.shutdown();
    await sys?.close();
    await t?.dispose();
    await emulator?.close();
  });

  it('e-mails the link, waits with the account in progress, and goes on to synced once the signatory accepts', async () => {
    const companyId = seeded.customers[0]!.id;
    const email = `sofia-${run}-ok@customer.example`;
    const started = await submitNewTenantRun(crash.runtime, workflow, wizardInput(companyId, seeded.connectionId, `ntmca0${run}`, { mca: signatory(email) }));

    // Waiting: the tenant is linked (orders can be held), the account is not synced yet.
    for (let i = 0; i < 300 && (await timelineOf(t.db).getRun(started.runId))?.currentStep !== 'await-mca-acceptance'; i++) await new Promise((r) => setTimeout(r, 100));
    const waiting = await timelineOf(t.db).getRun(started.runId);
    expect(waiting).toMatchObject({ state: 'running', currentStep: 'await-mca-acceptance' });
    const facts = waiting!.facts as Record<string, string>;
    expect(facts.mcaStatus).toBe('waiting');
    expect(facts.mcaAcceptanceUrl).toContain(`${emulator.url}/mca/acceptance/`);
    expect(Date.parse(facts.mcaRequestedAt!)).not.toBeNaN();
    const sync = await accounts().getSync(companyId, seeded.connectionId);
    expect(sync?.syncStatus).toBe('in_progress');
    expect(sync?.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    const mails = (await createOutboxRepo(t.db, ports.box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'mca-acceptance-request');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.language).toBe('es');
    expect(mails[0]!.text).toContain(facts.mcaAcceptanceUrl);
    expect(mails[0]!.to).toEqual([email]);

    // The outbox says the MCA is missing, and nothing is ready yet.
    const events = async () => (await createEventsRepo(t.db).list({ companyId })).map((e) => e.type);
    expect(await events()).toEqual(['mca.missing']);

    await signatoryDecides(email, 'accept');
    const result = await started.handle.result();
    expect(result.state).toBe('succeeded');
    // Accepted, then ready: once each, with the MCA accepted online.
    expect(await events()).toEqual(['mca.missing', 'mca.accepted', 'tenant.ready']);
    const [ready] = await createEventsRepo(t.db).list({ companyId, type: 'tenant.ready' });
    expect(ready!.data).toMatchObject({ companyId, tenantId: result.tenantId, mca: 'accepted', gdap: expect.stringMatching(/^(default|requested)$/) });
    expect(await accounts().getSync(companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'synced', tenantId: result.tenantId });
    expect(await attestationsOf(email)).toHaveLength(1);
    expect(await ctl.agreementsOf(result.tenantId!)).toHaveLength(1);
    const done = await timelineOf(t.db).getRun(started.runId);
    expect((done!.facts as Record<string, string>).mcaStatus).toBe('accepted');
  }, 120_000);

  it('a decline stops the run for a person; Retry sends a new request, and acceptance finishes it', async () => {
    const companyId = seeded.customers[1]!.id;
    const email = `sofia-${run}-declines@customer.example`;
    const started = await submitNewTenantRun(crash.runtime, workflow, wizardInput(companyId, seeded.connectionId, `ntmca1${run}`, { mca: signatory(email) }));
    await signatoryDecides(email, 'decline');
    let awaiting: { failedStep: string; errorCode: string; occurrence: number } | null = null;
    for (let i = 0; i < 600 && !awaiting; i++) {
      awaiting = await crash.runtime.getEvent(started.runId, AWAITING_RETRY_EVENT, 0);
      if (!awaiting) await new Promise((r) => setTimeout(r, 100));
    }
    expect(awaiting).toMatchObject({ failedStep: 'await-mca-acceptance', errorCode: 'MCA_DECLINED' });
    expect(await timelineOf(t.db).getRun(started.runId)).toMatchObject({ state: 'needs_attention', errorCode: 'MCA_DECLINED' });

    await retryNewTenantRun(crash.runtime, started.runId, {});
    const second = await signatoryDecides(email, 'accept', 1);
    const result = await started.handle.result();
    expect(result.state).toBe('succeeded');
    const all = await attestationsOf(email);
    expect(all.map((a) => a.status).sort()).toEqual(['Accepted', 'Declined']);
    expect(all.find((a) => a.status === 'Accepted')!.attestationId).toBe(second.attestationId);
    expect(await ctl.agreementsOf(result.tenantId!)).toHaveLength(1);
    expect((await createOutboxRepo(t.db, ports.box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'mca-acceptance-request')).toHaveLength(2);
  }, 120_000);

  // In-process crash at each boundary of the new steps: recovered from the journal, one of each.
  const BOUNDARIES = ['after:request-mca-acceptance', 'after:send-mca-acceptance-email', 'after:await-mca-acceptance', 'after:create-mca-agreement'];
  it.for(BOUNDARIES.map((b, i) => [b, i + 2] as const))('crashed %s, recovered: one attestation, one e-mail, one agreement, synced', { timeout: 180_000 }, async ([boundary, i]) => {
    const companyId = seeded.customers[i]!.id;
    const email = `sofia-${run}-crash${i}@customer.example`;
    const runId = provisionTenantRunId(companyId, seeded.connectionId);
    const deciding = signatoryDecides(email, 'accept');
    const runtime = await crash.crashAt(boundary, (rt) => submitNewTenantRun(rt, workflow, wizardInput(companyId, seeded.connectionId, `ntmca${i}${run}`, { mca: signatory(email) })));
    await deciding;
    const result = await runtime.retrieve<NewTenantResult>(runId).result();
    expect(result.state).toBe('succeeded');
    expect(await attestationsOf(email), 'attestations').toHaveLength(1);
    expect(await ctl.agreementsOf(result.tenantId!), 'agreements').toHaveLength(1);
    expect((await createOutboxRepo(t.db, ports.box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'mca-acceptance-request'), 'acceptance e-mails').toHaveLength(1);
    expect(await accounts().getSync(companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'synced' });
    const attempts = await timelineOf(t.db).listAttempts(runId);
    expect(attempts.filter((a) => a.stepId === 'request-mca-acceptance').map((a) => a.state)).toEqual(['succeeded']);
    expect(attempts.filter((a) => a.stepId === 'create-mca-agreement').map((a) => a.state)).toEqual(['succeeded']);
  });
});
