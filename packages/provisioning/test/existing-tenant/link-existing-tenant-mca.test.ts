import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createOutboxRepo, createProvisioningAccountsRepo, createWorkflowRunsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createLinkExistingTenantWorkflow, linkExistingTenantRunId, MCA_CHECK_TOPIC, type LinkExistingTenantInput, type McaSignatoryInput, type WorkflowDefinition } from '../../src/index';
import { emulatorControl } from '../new-tenant/emulator-control';
import { seedAccounts, wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
type Attestation = { attestationId: string; signatoryEmail: string; status: string };

/**
 * The existing-tenant run when the customer has no acceptance of the current MCA: the signatory
 * the wizard captured gets Microsoft's acceptance link by e-mail, the run waits durably with the
 * account in progress (orders held), and creates the agreement once they accept; a decline stops
 * it with a fixable message. The legacy partner-typed attestation is not used.
 */
describe(`existing-tenant run with the customer's signatory (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let shared: ReturnType<typeof wireNewTenantPorts>;
  let workflow: ReturnType<typeof createLinkExistingTenantWorkflow>;
  const run = Date.now().toString(36);
  const tenants: { tenantId: string; domain: string }[] = [];
  const accounts = () => createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });
  const attestationsOf = async (email: string) => ((await ctl.attestations()).items as Attestation[]).filter((a) => a.signatoryEmail === email);
  const signatory = (email: string): McaSignatoryInput => ({ kind: 'signatory', firstName: 'Lucía', lastName: 'Firmante', email, companyName: 'Link MCA', country: 'US', language: 'es', partnerName: 'Adatum' });
  const inputFor = (i: number, email: string): LinkExistingTenantInput => ({
    companyId: seeded.customers[i]!.id,
    companyName: `Customer ${seeded.customers[i]!.id}`,
    connectionId: seeded.connectionId,
    authorizationId: `auth-mca-${i}`,
    tenantId: tenants[i]!.tenantId,
    defaultDomain: tenants[i]!.domain,
    resellerPartnerId: adatum.partnerId,
    attestation: null,
    signatory: signatory(email),
    requestGdap: false,
    notify: null,
    accountUrl: `http://localhost:3000/companies/${seeded.customers[i]!.id}`,
  });
  /** The run's row once `ready` holds of it (or as it is after 30 s, for the assertion to show). */
  async function waitForRun(runId: string, ready: (row: NonNullable<Awaited<ReturnType<ReturnType<typeof createWorkflowRunsRepo>['getRun']>>>) => boolean) {
    const runs = createWorkflowRunsRepo(t.db);
    for (let i = 0; i < 300; i++) {
      const row = await runs.getRun(runId);
      if (row && ready(row)) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    return runs.getRun(runId);
  }
  async function pendingOf(email: string): Promise<Attestation> {
    for (let i = 0; i < 600; i++) {
      const pending = (await attestationsOf(email)).filter((a) => a.status === 'Pending');
      if (pending.length > 0) return pending[pending.length - 1]!;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no pending attestation for ${email}`);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, 3, 'LinkMca');
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    for (let i = 0; i < 3; i++) {
      const c = await client.createCustomer({
        domainPrefix: `linkmca${i}${run}`,
        companyName: `Link MCA ${i}`,
        email: `it${i}@linkmca.example`,
        culture: 'en-US',
        language: 'en',
        indirectResellerTenantId: adatum.tenantId,
        address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López', phoneNumber: '+1 425 555 0100' },
      });
      tenants.push({ tenantId: c.tenantId, domain: c.domain });
    }
    shared = wireNewTenantPorts(t.db, emulator.url, { fastRetries: true });
    workflow = createLinkExistingTenantWorkflow({
      accounts: accounts(),
      partnerCenter: (id) => shared.partnerCenter(id),
      notifier: { send: async (m) => void (await shared.notifier.send(m)) },
    });
    replay = await startReplayRuntime({ journalName: 'linkmca', executorId: 'link-mca', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it('requests the enhanced attestation, e-mails the link, waits in progress, and creates the agreement after acceptance', async () => {
    const email = `lucia-${run}-ok@customer.example`;
    const input = inputFor(0, email);
    const runId = linkExistingTenantRunId(input);
    const runtime = replay!.crash.runtime;
    const handle = await runtime.start(workflow, runId, input);
    const pending = await pendingOf(email);

    // The attestation exists once its step's call returned; the run then e-mails the link and starts waiting.
    const waiting = await waitForRun(runId, (r) => r.currentStep === 'await-mca-acceptance');
    expect(waiting).toMatchObject({ state: 'running', currentStep: 'await-mca-acceptance' });
    const facts = waiting!.facts as Record<string, string>;
    expect(facts.mcaStatus).toBe('waiting');
    expect(facts.mcaAcceptanceUrl).toContain(`${emulator.url}/mca/acceptance/`);
    expect(facts.mcaSignatoryEmail).toBe(email);
    expect(await accounts().getSync(input.companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'in_progress', tenantId: input.tenantId });
    const mails = (await createOutboxRepo(t.db, shared.box).list({ subjectId: String(input.companyId) })).filter((m) => m.template === 'mca-acceptance-request');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([email]);
    expect(mails[0]!.text).toContain(facts.mcaAcceptanceUrl);
    expect(await ctl.agreementsOf(input.tenantId)).toHaveLength(0);

    await ctl.decideAttestation(pending.attestationId, 'accept');
    const result = await handle.result();
    expect(result.state).toBe('succeeded');
    expect(await accounts().getSync(input.companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'synced' });
    // One agreement, created from the signatory's attestation (not a legacy partner-typed one).
    const agreements = await ctl.agreementsOf(input.tenantId);
    expect(agreements.map((a) => a.attestationId)).toEqual([pending.attestationId]);
    expect(await attestationsOf(email)).toHaveLength(1);
    expect(((await createWorkflowRunsRepo(t.db).getRun(runId))!.facts as Record<string, string>).mcaStatus).toBe('accepted');
  }, 120_000);

  it('a "check now" message wakes the wait at once instead of at the next poll', async () => {
    const email = `lucia-${run}-wake@customer.example`;
    const input = inputFor(1, email);
    const runId = linkExistingTenantRunId(input);
    const runtime = replay!.crash.runtime;
    const handle = await runtime.start(workflow, runId, input);
    const pending = await pendingOf(email);
    // Let the run reach a long wait (5 s, then 7.5 s ...) before the signatory accepts.
    await new Promise((r) => setTimeout(r, 6_000));
    await ctl.decideAttestation(pending.attestationId, 'accept');
    const woken = Date.now();
    await runtime.send(runId, MCA_CHECK_TOPIC, { reason: 'check-now' });
    expect((await handle.result()).state).toBe('succeeded');
    // The next poll would come up to 7.5 s later; the message makes it immediate.
    expect(Date.now() - woken).toBeLessThan(5_000);
  }, 120_000);

  it('a decline stops the run with a fixable message and leaves the account failed with the reason', async () => {
    const email = `lucia-${run}-no@customer.example`;
    const input = inputFor(2, email);
    const runId = linkExistingTenantRunId(input);
    const handle = await replay!.crash.runtime.start(workflow, runId, input);
    const pending = await pendingOf(email);
    await ctl.decideAttestation(pending.attestationId, 'decline');
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'needs_attention', failedStep: 'await-mca-acceptance', errorCode: 'MCA_DECLINED' });
    const sync = await accounts().getSync(input.companyId, seeded.connectionId);
    expect(sync?.syncStatus).toBe('failed');
    expect(((await createWorkflowRunsRepo(t.db).getRun(runId))!.facts as Record<string, string>).mcaStatus).toBe('declined');
    expect(await ctl.agreementsOf(input.tenantId)).toHaveLength(0);
  }, 120_000);
});
