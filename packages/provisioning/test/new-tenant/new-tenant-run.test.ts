import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: real db adapters */
import {
  createOutboxRepo,
  createPendingCredentialsRepo,
  createProvisioningAccountsRepo,
  openWorkflowSystemPool,
  type WorkflowSystemPool,
} from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { countStatements, createTestDatabase, type TestDatabase } from '@csphub/testing';
import { startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import {
  AWAITING_RETRY_EVENT,
  launchWorkflowRuntime,
  randomIds,
  submitNewTenantRun,
  retryNewTenantRun,
  systemClock,
  type NewTenantInput,
  type NewTenantResult,
  type WorkflowDefinition,
  type WorkflowRuntime,
} from '../../src/index';
import { createThrowawayPostgres } from '../crash/throwaway-postgres';
import { emulatorControl } from './emulator-control';
import { newTenantWorkflow, seedAccounts, timelineOf, wireNewTenantPorts, wizardInput } from './new-tenant-wiring';

/**
 * The new-tenant run in one process against the real emulator, database adapters and outbox:
 * the happy path, a taken prefix, an invalid address, faults (503, 429 burst) and the
 * credential rule.
 */
describe(`new-tenant run (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let t: TestDatabase;
  let sys: WorkflowSystemPool | undefined;
  let dropSys = async () => {};
  let runtime: WorkflowRuntime;
  let workflow: WorkflowDefinition<NewTenantInput, NewTenantResult>;
  let seeded: Awaited<ReturnType<typeof seedAccounts>>;
  let bad: Awaited<ReturnType<typeof seedAccounts>>;
  let ctl: ReturnType<typeof emulatorControl>;
  const run = Date.now().toString(36);
  const prefix = (label: string) => `nt${label}${run}`;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    ctl = emulatorControl(emulator.url);
    t = await createTestDatabase();
    seeded = await seedAccounts(t.db, 8, 'Run');
    bad = await seedAccounts(t.db, 1, 'Bad', { badStreet: true });
    const ports = wireNewTenantPorts(t.db, emulator.url, { fastRetries: true });
    workflow = newTenantWorkflow(ports);
    let systemDatabase;
    if (process.env.DATABASE_URL) {
      const pgdb = await createThrowawayPostgres(process.env.DATABASE_URL, 'ntsys');
      dropSys = pgdb.drop;
      systemDatabase = { kind: 'url' as const, url: pgdb.url };
    } else {
      sys = await openWorkflowSystemPool({});
      systemDatabase = { kind: 'pool' as const, pool: sys.pool };
    }
    runtime = await launchWorkflowRuntime({
      systemDatabase,
      executorId: 'new-tenant-test',
      workflows: [workflow as WorkflowDefinition<never, unknown>],
      timeline: timelineOf(t.db),
      clock: systemClock,
      ids: randomIds,
    });
  }, 120_000);
  afterAll(async () => {
    await runtime?.shutdown();
    await sys?.close();
    await dropSys();
    await t?.dispose();
    await emulator?.close();
  });

  const accounts = () => createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });

  it('creates one tenant for the reseller, attests the MCA once, links the account and delivers the credentials once', async () => {
    const companyId = seeded.customers[0]!.id;
    const input = wizardInput(companyId, seeded.connectionId, prefix('ok'));
    const first = await submitNewTenantRun(runtime, workflow, input);
    const second = await submitNewTenantRun(runtime, workflow, input); // a double click
    expect(first.outcome).toBe('started');
    expect(second.outcome).toBe('attached');
    expect(second.runId).toBe(first.runId);
    const result = await first.handle.result();
    expect(result.state).toBe('succeeded');

    const tenants = await ctl.tenantsWithPrefix(prefix('ok'));
    expect(tenants).toHaveLength(1);
    expect(tenants[0]!.tenantId).toBe(result.tenantId);
    expect(await ctl.agreementsOf(result.tenantId!)).toHaveLength(1);

    const sync = await accounts().getSync(companyId, seeded.connectionId);
    expect(sync).toMatchObject({ syncStatus: 'synced', tenantId: result.tenantId, defaultDomain: `${prefix('ok')}.onmicrosoft.com`, resellerPartnerId: '6100001' });

    // The welcome message went to the outbox in the recipient's language, the password only sealed, shown once.
    const box = wireNewTenantPorts(t.db, emulator.url).box;
    const outbox = createOutboxRepo(t.db, box);
    const messages = await outbox.list({ subjectId: String(companyId) });
    const welcome = messages.find((m) => m.template === 'welcome')!;
    expect(welcome.language).toBe('es');
    expect(welcome.text).toContain(`admin@${prefix('ok')}.onmicrosoft.com`);
    expect(welcome.text).not.toMatch(/Contraseña de un solo uso: [^•]/);
    const secrets = await outbox.revealSecrets(welcome.id);
    expect(secrets?.temporaryPassword).toEqual(expect.any(String));
    expect(secrets?.temporaryPassword?.length ?? 0).toBeGreaterThan(6);
    expect(await outbox.revealSecrets(welcome.id)).toBeUndefined();
    expect(messages.filter((m) => m.template === 'provisioning-completed')).toHaveLength(1);
    // The vault no longer holds the password, and the journal never did.
    expect(await createPendingCredentialsRepo(t.db, box).raw(first.runId)).toBeUndefined();

    const run = await timelineOf(t.db).getRun(first.runId);
    expect(run).toMatchObject({ state: 'succeeded', kind: 'provision-tenant' });
    const steps = (await timelineOf(t.db).listAttempts(first.runId)).filter((a) => a.state === 'succeeded').map((a) => a.stepId);
    expect(steps).toEqual(
      expect.arrayContaining(['validate-prerequisites', 'validate-address', 'check-domain', 'resolve-reseller', 'create-customer', 'confirm-mca', 'default-gdap', 'store-tenant-link', 'deliver-credentials', 'notify']),
    );
    const create = (await timelineOf(t.db).listAttempts(first.runId)).find((a) => a.stepId === 'create-customer');
    expect(create?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(create?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    // Steps that never call Partner Center show no correlation id (there is nothing at Microsoft to quote).
    const local = (await timelineOf(t.db).listAttempts(first.runId)).filter((a) => ['set-sync-status', 'validate-prerequisites', 'deliver-credentials', 'notify-run'].includes(a.stepId));
    expect(local.length).toBeGreaterThan(0);
    expect(local.map((a) => a.correlationId ?? null)).toEqual(local.map(() => null));

    // Default administrator, password change required: Microsoft's admin as created, nothing else.
    expect(steps).toContain('set-up-admin');
    const users = await ctl.usersOf(result.tenantId!);
    expect(users).toEqual([expect.objectContaining({ userPrincipalName: `admin@${prefix('ok')}.onmicrosoft.com`, forceChangePassword: true, directoryRoles: ['Company Administrator'] })]);
    expect(await ctl.signIn(result.tenantId!, { userPrincipalName: `admin@${prefix('ok')}.onmicrosoft.com`, password: secrets!.temporaryPassword! })).toEqual({ signedIn: true, mustChangePassword: true });
    expect((await ctl.calls()).calls.filter((c) => c.operation.startsWith('users.') || c.operation.startsWith('directoryRoles.'))).toHaveLength(0);
  });

  it('writes its timeline with one statement per step attempt: a success is closed by the next write, and every attempt ends succeeded', async () => {
    const own = await seedAccounts(t.db, 1, 'Timeline');
    const input = wizardInput(own.customers[0]!.id, own.connectionId, prefix('tl'));
    const log = countStatements(t);
    let runId: string;
    try {
      const started = await submitNewTenantRun(runtime, workflow, input);
      runId = started.runId;
      expect((await started.handle.result()).state).toBe('succeeded');
    } finally {
      log.stop();
    }
    const attempts = await timelineOf(t.db).listAttempts(runId);
    expect(attempts.map((a) => a.state)).toEqual(attempts.map(() => 'succeeded'));
    for (const a of attempts) expect(a.finishedAt!.getTime()).toBeGreaterThanOrEqual(a.startedAt.getTime());
    // One opening per attempt and the run's last row write, which closes the last attempt: no statement of its own closes one.
    expect(log.texts.filter((text) => text.includes('workflow_step_attempts'))).toHaveLength(attempts.length + 1);
  });

  /** The welcome message of an account, and its one-time password (revealed once). */
  async function welcomeOf(companyId: number) {
    const outbox = createOutboxRepo(t.db, wireNewTenantPorts(t.db, emulator.url).box);
    const welcomes = (await outbox.list({ subjectId: String(companyId) })).filter((m) => m.template === 'welcome');
    expect(welcomes, 'one welcome message').toHaveLength(1);
    const password = (await outbox.revealSecrets(welcomes[0]!.id))?.temporaryPassword;
    return { text: welcomes[0]!.text, password: password! };
  }

  it('a custom administrator: created with the first-sign-in rule asked for, made Global Administrator, and its credentials delivered', async () => {
    const companyId = seeded.customers[4]!.id;
    const domain = `${prefix('adm')}.onmicrosoft.com`;
    const { handle, runId } = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('adm'), { adminUsername: 'it.admin', requirePasswordChange: false }));
    const result = await handle.result();
    expect(result.state).toBe('succeeded');

    const users = await ctl.usersOf(result.tenantId!);
    const admin = users.filter((u) => u.userPrincipalName === `it.admin@${domain}`);
    expect(admin, 'one it.admin user').toHaveLength(1);
    expect(admin[0]).toMatchObject({ forceChangePassword: false, directoryRoles: ['Company Administrator'] });

    const welcome = await welcomeOf(companyId);
    expect(welcome.text).toContain(`it.admin@${domain}`);
    expect(welcome.password).toMatch(/^\S{16}$/);
    expect(welcome.text).not.toContain(welcome.password);
    expect(await ctl.signIn(result.tenantId!, { userPrincipalName: `it.admin@${domain}`, password: welcome.password })).toEqual({ signedIn: true, mustChangePassword: false });

    expect(await createPendingCredentialsRepo(t.db, wireNewTenantPorts(t.db, emulator.url).box).raw(runId)).toBeUndefined();
    const attempts = await timelineOf(t.db).listAttempts(runId);
    expect(attempts.filter((a) => a.stepId === 'set-up-admin').map((a) => a.state)).toEqual(['succeeded']);
    const order = attempts.filter((a) => a.state === 'succeeded').map((a) => a.stepId);
    expect(order.indexOf('set-up-admin')).toBe(order.indexOf('create-customer') + 1);
    expect(order.indexOf('set-up-admin')).toBeLessThan(order.indexOf('deliver-credentials'));
    expect((await timelineOf(t.db).getRun(runId))?.facts).toMatchObject({ adminSignInName: `it.admin@${domain}`, forceChangePassword: false });
    // Neither the journal nor the run row holds the password.
    expect(JSON.stringify(await timelineOf(t.db).getRun(runId))).not.toContain(welcome.password);
  });

  it('the default admin without a forced password change gets a new password with forceChangePassword false', async () => {
    const companyId = seeded.customers[5]!.id;
    const upn = `admin@${prefix('nochg')}.onmicrosoft.com`;
    const { handle } = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('nochg'), { requirePasswordChange: false }));
    const result = await handle.result();
    expect(result.state).toBe('succeeded');
    const users = await ctl.usersOf(result.tenantId!);
    expect(users).toEqual([expect.objectContaining({ userPrincipalName: upn, forceChangePassword: false, directoryRoles: ['Company Administrator'] })]);
    const welcome = await welcomeOf(companyId);
    expect(welcome.text).toContain(upn);
    expect(await ctl.signIn(result.tenantId!, { userPrincipalName: upn, password: welcome.password })).toEqual({ signedIn: true, mustChangePassword: false });
  });

  it('stops before creating anything when the prefix is taken, then finishes with a new prefix on retry', async () => {
    const companyId = seeded.customers[1]!.id;
    const before = (await ctl.state()).tenants.length;
    const submitted = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, 'fabrikam'));
    const waiting = await runtime.getEvent<{ failedStep: string; errorCode: string }>(submitted.runId, AWAITING_RETRY_EVENT, 30_000);
    expect(waiting).toMatchObject({ failedStep: 'check-domain', errorCode: 'DOMAIN_PREFIX_TAKEN' });
    expect((await ctl.state()).tenants.length).toBe(before);
    const sync = await accounts().getSync(companyId, seeded.connectionId);
    expect(sync?.syncStatus).toBe('not_synced');
    expect(sync?.failureReason).toMatch(/fabrikam\.onmicrosoft\.com is already used by another tenant/);
    expect(await timelineOf(t.db).getRun(submitted.runId)).toMatchObject({ state: 'failed', failedStep: 'check-domain', errorCode: 'DOMAIN_PREFIX_TAKEN' });
    // The failure notice names the stage by its text in the recipient's language (the step carries no title).
    const notices = (await createOutboxRepo(t.db, wireNewTenantPorts(t.db, emulator.url).box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'provisioning-failed');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(notices[0]!.language === 'es' ? 'se detuvo en "Comprobar que el dominio está libre"' : 'stopped at "Check the domain is free"');

    // The user picks another prefix and finishes the wizard again: same run, retried.
    const again = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('retry')));
    expect(again.outcome).toBe('retried');
    expect(again.runId).toBe(submitted.runId);
    // A second click on Retry for the same failure is the same message (idempotency key): one wake-up.
    await retryNewTenantRun(runtime, submitted.runId, { domainPrefix: prefix('retry') });
    const result = await again.handle.result();
    expect(result).toMatchObject({ state: 'succeeded', domain: `${prefix('retry')}.onmicrosoft.com` });
    expect(await ctl.tenantsWithPrefix(prefix('retry'))).toHaveLength(1);
    expect((await accounts().getSync(companyId, seeded.connectionId))?.syncStatus).toBe('synced');
  });

  it('stops at an address Partner Center does not verify, with its suggestion, before anything is created', async () => {
    const companyId = bad.customers[0]!.id;
    const submitted = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, bad.connectionId, prefix('addr')));
    const waiting = await runtime.getEvent<{ failedStep: string; errorCode: string; reason: string }>(submitted.runId, AWAITING_RETRY_EVENT, 30_000);
    expect(waiting).toMatchObject({ failedStep: 'validate-address', errorCode: 'ADDRESS_INVALID' });
    expect(waiting!.reason).toMatch(/StreetPartial/);
    expect(await ctl.tenantsWithPrefix(prefix('addr'))).toHaveLength(0);
    expect((await accounts().getSync(companyId, bad.connectionId))?.syncStatus).toBe('not_synced');
  });

  it('one prefix rule end to end: 28 letters stop at check-domain before anything is created, the 27-letter retry is created by the emulator', async () => {
    const companyId = seeded.customers[7]!.id;
    const longest = `ntmax${run}`.padEnd(27, 'z');
    const tooLong = `${longest}z`;
    const submitted = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, tooLong));
    const waiting = await runtime.getEvent<{ failedStep: string; errorCode: string; reason: string }>(submitted.runId, AWAITING_RETRY_EVENT, 30_000);
    expect(waiting).toMatchObject({ failedStep: 'check-domain', errorCode: 'DOMAIN_PREFIX_INVALID' });
    expect(waiting!.reason).toMatch(/at most 27 letters or digits/);
    expect(await ctl.tenantsWithPrefix(tooLong)).toHaveLength(0);

    const again = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, longest));
    expect(again.outcome).toBe('retried');
    const result = await again.handle.result();
    expect(result).toMatchObject({ state: 'succeeded', domain: `${longest}.onmicrosoft.com` });
    expect(await ctl.tenantsWithPrefix(longest)).toHaveLength(1);
  });

  it('explicit GDAP: Graph answers the lock `created`, the run follows it with durable sleeps until the relationship awaits approval; one relationship, one lock', async () => {
    const companyId = seeded.customers[6]!.id;
    // The order's GDAP template: the relationship asks for its roles and duration.
    const gdapTemplate = { id: 7, name: 'Helpdesk', version: 1, roles: [{ id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator' }], durationDays: 180, autoExtend: false };
    // Graph acts on the lockForApproval request 10 s after answering it (docs/EMULATOR-DIFFERENCES.md, GDAP).
    await ctl.updateSettings({ gdapRequestDelaySeconds: 10 });
    try {
      const { handle, runId } = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('gdap'), { defaultGdap: false, gdapTemplate }));
      const result = await handle.result();
      expect(result.state).toBe('succeeded');
      const state = await ctl.state();
      const relationships = state.gdap.filter((g) => g.customerTenantId === result.tenantId);
      expect(relationships, 'the run asked for one relationship (no default GDAP)').toHaveLength(1);
      expect(relationships[0]!.status).toBe('approvalPending');
      expect(relationships[0]!.roles).toEqual(['729827e3-9c14-49f7-bb1b-9608f156bbb8']);
      expect(relationships[0]!.duration).toBe('P180D');
      expect(relationships[0]!.requests).toEqual([expect.objectContaining({ action: 'lockForApproval', status: 'succeeded' })]);
      const attempts = await timelineOf(t.db).listAttempts(runId);
      const looks = attempts.filter((a) => a.stepId === 'check-gdap-request');
      // Waits of 2, 4 and 8 s: the looks at 2 s and 6 s still see `created`, the one at 14 s `succeeded`
      // (at least two looks even on a machine slow enough to delay the first by several seconds).
      expect(looks.length).toBeGreaterThanOrEqual(2);
      expect(looks.every((a) => a.state === 'succeeded')).toBe(true);
      expect(attempts.filter((a) => a.stepId === 'request-gdap').map((a) => a.state)).toEqual(['succeeded']);
      expect((await ctl.calls({ operation: 'gdap.requests.create' })).calls.filter((c) => c.status === 201)).toHaveLength(1);
      const run = await timelineOf(t.db).getRun(runId);
      expect(JSON.stringify(run?.facts ?? {})).toContain(`/granularAdminRelationships/${relationships[0]!.id}`);
    } finally {
      await ctl.updateSettings({ gdapRequestDelaySeconds: 0 });
    }
  }, 120_000);

  it('a 503 on create-customer still ends synced with one tenant (the step retries with a new request id)', async () => {
    const companyId = seeded.customers[2]!.id;
    await ctl.injectFault({ route: 'POST /v1/customers', status: 503, count: 3 });
    try {
      const { handle, runId } = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('s503')));
      const result = await handle.result();
      expect(result.state).toBe('succeeded');
      expect(await ctl.tenantsWithPrefix(prefix('s503'))).toHaveLength(1);
      const creates = (await timelineOf(t.db).listAttempts(runId)).filter((a) => a.stepId === 'create-customer');
      expect(creates.map((a) => a.state)).toEqual(['retrying', 'succeeded']);
      expect(creates[0]!.errorCode).toBe('PARTNER_CENTER_UNAVAILABLE');
      expect(creates[1]!.requestId).not.toBe(creates[0]!.requestId); // a response came back: new MS-RequestId
    } finally {
      await ctl.clearFaults();
    }
  });

  it('a 429 burst on every call still ends synced with one tenant', async () => {
    const companyId = seeded.customers[3]!.id;
    const throttledBefore = (await ctl.calls()).calls.filter((c) => c.status === 429).length;
    // Every Partner Center route the run calls answers a burst of two 429s (Retry-After: 0) before it
    // serves: the client's own retry is used up, and the step's durable retry takes over.
    const routes = [
      'POST /v1/validations/address',
      'HEAD /v1/domains/*',
      'GET /v1/relationships',
      'GET /v1/customers',
      'POST /v1/customers',
      'GET /v1/customers/*',
      'GET /v1/agreements',
      'POST /v1/customers/:id/agreements',
    ];
    for (const route of routes) await ctl.injectFault({ route, status: 429, retryAfterSeconds: 0, count: 2 });
    try {
      const { handle } = await submitNewTenantRun(runtime, workflow, wizardInput(companyId, seeded.connectionId, prefix('s429')));
      const result = await handle.result();
      expect(result.state).toBe('succeeded');
      expect(await ctl.tenantsWithPrefix(prefix('s429'))).toHaveLength(1);
      expect(await ctl.agreementsOf(result.tenantId!)).toHaveLength(1);
      const throttled = (await ctl.calls()).calls.filter((c) => c.status === 429).length - throttledBefore;
      expect(throttled).toBe(routes.length * 2);
    } finally {
      await ctl.clearFaults();
    }
  }, 120_000);
});
