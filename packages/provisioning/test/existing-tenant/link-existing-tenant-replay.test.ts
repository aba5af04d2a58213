import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import { createOutboxRepo, createProvisioningAccountsRepo, createWorkflowRunsRepo } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import {
  createLinkExistingTenantWorkflow,
  linkExistingTenantRunId,
  type LinkExistingTenantInput,
  type WorkflowDefinition,
} from '../../src/index';
import { emulatorControl } from '../new-tenant/emulator-control';
import { seedAccounts, wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';
import type { inProcessCrash } from '../replay/in-process-crash';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';

/**
 * The link run's boundaries away from the MCA confirmation (after saving the link, after the GDAP
 * request, around the look at its lock request, after the notice): a crash there is simulated in this process and DBOS recovers the run
 * from its journal (replay/in-process-crash.ts). The agreement's boundaries are proven with real
 * process kills in link-existing-tenant-crash.test.ts.
 */
const BOUNDARIES = ['after:store-tenant-link', 'after:request-gdap', 'before:check-gdap-request', 'after:check-gdap-request', 'after:notify-linked'];
const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
/** A template's roles, not the least-privileged set runs journaled before templates asked for. */
const TEMPLATE_ROLES = [
  { id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', name: 'Directory Readers' },
  { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator' },
];

describe(`existing-tenant link run recovered after a crash away from the agreement (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let ctl: ReturnType<typeof emulatorControl>;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let crash: ReturnType<typeof inProcessCrash>;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let shared: ReturnType<typeof wireNewTenantPorts>;
  let workflow: ReturnType<typeof createLinkExistingTenantWorkflow>;
  const run = Date.now().toString(36);
  const tenants: { tenantId: string; domain: string }[] = [];
  const accounts = () => createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    // Graph acts on the lock 3 s after answering it: the run's first look (after 2 s) still sees it
    // `created`, so a crash after that look leaves the run between looks (docs/EMULATOR-DIFFERENCES.md, GDAP).
    await ctl.updateSettings({ gdapRequestDelaySeconds: 3 });
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, BOUNDARIES.length, 'LinkReplay');
    // The tenants exist before the runs (setup, not the run under test): created through the client.
    const client = createPartnerCenterClient({
      connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) },
    });
    for (let i = 0; i < BOUNDARIES.length; i++) {
      const c = await client.createCustomer({
        domainPrefix: `linkreplay${i}${run}`,
        companyName: `Link Replay ${i}`,
        email: `it${i}@linkreplay.example`,
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
    replay = await startReplayRuntime({ journalName: 'linkreplay', executorId: 'link-replay', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
    crash = replay.crash;
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it.for(BOUNDARIES.map((b, i) => [b, i] as const))('crashed %s, recovered: linked, one MCA confirmation, one GDAP request, no customer created', async ([boundary, i]) => {
    const companyId = seeded.customers[i]!.id;
    const signer = `signer-${i}-${run}@wingtip.example`;
    const input: LinkExistingTenantInput = {
      companyId,
      companyName: `Customer ${companyId}`,
      connectionId: seeded.connectionId,
      authorizationId: `auth-${companyId}`,
      tenantId: tenants[i]!.tenantId,
      defaultDomain: tenants[i]!.domain,
      resellerPartnerId: adatum.partnerId,
      attestation: { firstName: 'Mateo', lastName: 'García', email: signer, acceptedAt: '2026-11-01T00:00:00.000Z' },
      requestGdap: true,
      // The order's GDAP template: the relationship asks for exactly its roles and duration.
      gdapTemplate: { id: 1, name: 'Helpdesk', version: 2, roles: TEMPLATE_ROLES, durationDays: 365, autoExtend: true },
      notify: { name: 'Operator', email: 'operator@contoso-distribution.example', language: 'es' },
      accountUrl: `http://localhost:3000/companies/${companyId}`,
    };
    const runId = linkExistingTenantRunId(input);
    const createsBefore = (await ctl.calls({ operation: 'customers.create' })).count;
    const runtime = await crash.crashAt(boundary, (rt) => rt.start(workflow, runId, input));
    const result = await runtime.retrieve<{ state: string }>(runId).result();

    expect(result.state).toBe('succeeded');
    expect((await createWorkflowRunsRepo(t.db).getRun(runId))?.state).toBe('succeeded');
    expect(await accounts().getSync(companyId, seeded.connectionId)).toMatchObject({ syncStatus: 'synced', tenantId: tenants[i]!.tenantId });
    const state = await ctl.state();
    const agreements = state.agreements.filter((a) => a.customerTenantId === tenants[i]!.tenantId);
    expect(agreements, 'MCA confirmations of the tenant').toHaveLength(1);
    expect(agreements[0]!.primaryContact.email).toBe(signer);
    const relationships = state.gdap.filter((g) => g.displayName.startsWith(`CSP Hub ${companyId} `));
    expect(relationships, 'GDAP relationships').toHaveLength(1);
    expect(relationships[0]!.requests.map((q) => q.action), 'lock requests').toEqual(['lockForApproval']);
    expect(relationships[0]!.status).toBe('approvalPending');
    expect([...relationships[0]!.roles].sort(), 'the template roles').toEqual(TEMPLATE_ROLES.map((r) => r.id).sort());
    expect(relationships[0]!.duration).toBe('P365D');
    const looks = (await createWorkflowRunsRepo(t.db).listAttempts(runId)).filter((a) => a.stepId === 'check-gdap-request');
    expect(looks.filter((a) => a.state === 'succeeded').length, 'looks at the lock').toBeGreaterThanOrEqual(1);
    const messages = await createOutboxRepo(t.db, shared.box).list({ subjectId: String(companyId) });
    expect(messages.filter((m) => m.template === 'provisioning-completed')).toHaveLength(1);
    expect((await ctl.calls({ operation: 'customers.create' })).count, 'create-customer calls').toBe(createsBefore);
  });
});
