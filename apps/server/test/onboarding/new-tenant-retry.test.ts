import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowRunsRepo } from '@csphub/db';
import { STACK_DEMO_PASSWORD as DEMO_PASSWORD, startStack, type Stack } from '@csphub/testing';
import { createTestApp, type TestApp } from '../test-app';
import { call, json, seedWorld, signInAs, type World } from '../channel-world';

/**
 * "Retry" of a stopped new-tenant run through the API of the real server process (durable
 * runs, embedded database and emulator, as `npm start` runs them): a run that needs attention after
 * the tenant exists is woken once (two quick calls), goes on to synced with one tenant, and is
 * audited; a run that is not waiting answers 409; another reseller gets 404.
 */
describe('POST /companies/{id}/onboarding/runs/{runId}/retry (whole server)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Always the embedded database with its demo users, as `npm start` runs it, even in the
    // PostgreSQL pass (DATABASE_URL would point the server at the shared database, where demo users
    // are off).
    stack = await startStack({ env: { DATABASE_URL: '' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(email: string, password = DEMO_PASSWORD) {
    const res = await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any; ms: number }> => {
      const started = Date.now();
      const r = await fetch(`${stack.url}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
    };
  }
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${stack.emulatorUrl}/_emulator${path}`, { method, headers: body !== undefined ? { 'content-type': 'application/json' } : {}, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    expect(r.ok, `${method} ${path}: ${r.status}`).toBe(true);
    return r.json() as Promise<unknown>;
  };

  it('wakes a run that needs attention once, finishes it with one tenant, audits it; 409 when not waiting, 404 for another reseller', async () => {
    const reseller = await signIn('reseller@demo.test');
    const home = (await reseller('GET', '/api/v1/auth/session')).body.company.id as number;
    const created = await reseller('POST', '/api/v1/companies', {
      kind: 'customer',
      parentId: home,
      name: 'Litware Retry Co',
      email: 'it@litwareretry.example',
      country: 'US',
      language: 'en',
      contactPerson: 'Test Contact',
      billingLine1: '1 Main Street',
      billingCity: 'Seattle',
      billingState: 'WA',
      billingPostalCode: '98101',
      billingCountry: 'US',
      phone: '+1 206 555 0100',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const companyId = created.body.id as number;
    const connectionId = (await reseller('GET', `/api/v1/companies/${companyId}/onboarding`)).body.defaultConnectionId as string;
    const prefix = `litware${Date.now() % 1_000_000}`;

    // The MCA confirmation is refused (a business 400: no automatic retries) after the tenant exists.
    await control('POST', '/faults', { route: 'POST /v1/customers/:id/agreements', status: 400, count: 1000 });
    const finish = await reseller('POST', `/api/v1/companies/${companyId}/onboarding/new-tenant`, {
      connectionId,
      domainPrefix: prefix,
      culture: 'en-US',
      defaultGdap: true,
      attestation: { firstName: 'Ana', lastName: 'Retry', email: 'ana@litwareretry.example', acceptedAt: '2026-01-15T00:00:00.000Z' },
    });
    expect(finish.status, JSON.stringify(finish.body)).toBe(202);
    const runId = finish.body.runId as string;
    const retryPath = `/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/retry`;
    type RunBody = { id: string; state: string; failedStep: string | null; steps: { stepId: string; state: string }[] };
    const runOf = async () => ((await reseller('GET', `/api/v1/companies/${companyId}/onboarding/runs`)).body.items as RunBody[]).find((r) => r.id === runId);
    const waitFor = async (state: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const run = await runOf();
        if (run?.state === state) return run;
        if (Date.now() > deadline) throw new Error(`the run is ${run?.state}, not ${state}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    expect(await waitFor('needs_attention')).toMatchObject({ failedStep: 'confirm-mca' });

    // Another reseller's admin: the run lies outside its subtree.
    const distributor = await signIn('distributor@demo.test');
    const dHome = (await distributor('GET', '/api/v1/auth/session')).body.company.id as number;
    const other = await distributor('POST', '/api/v1/companies', { kind: 'reseller', parentId: dHome, name: 'Fourth Coffee Partners', email: 'ops@fourthcoffee.example', country: 'US', language: 'en' });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const user = await distributor('POST', `/api/v1/companies/${other.body.id}/users`, { email: 'admin@fourthcoffee.example', name: 'Other Reseller', role: 'reseller_admin', password: 'another-long-password' });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const stranger = await signIn('admin@fourthcoffee.example', 'another-long-password');
    const foreign = await stranger('POST', retryPath);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    // An unknown run of one's own account is 404 too.
    const unknown = await reseller('POST', `/api/v1/companies/${companyId}/onboarding/runs/provision-tenant%3A${companyId}%3Anope/retry`);
    expect(unknown.status).toBe(404);

    await control('DELETE', '/faults');
    // Two quick calls: both accepted, one wake-up (the message is keyed by the failure's occurrence).
    const [first, second] = await Promise.all([reseller('POST', retryPath), reseller('POST', retryPath)]);
    expect([first.status, second.status]).toContain(202);
    for (const r of [first, second]) expect([202, 409], JSON.stringify(r.body)).toContain(r.status);
    expect(first.body.outcome ?? second.body.outcome).toBe('retried');
    expect(Math.max(first.ms, second.ms), 'the retry answers at once').toBeLessThan(5_000);

    await waitFor('succeeded');
    const state = (await control('GET', '/state')) as { tenants: { domains: string[] }[]; agreements: unknown[] };
    expect(state.tenants.filter((t) => t.domains.includes(`${prefix}.onmicrosoft.com`))).toHaveLength(1);
    const sync = (await reseller('GET', `/api/v1/companies/${companyId}/onboarding`)).body.syncOptions.find((o: { connectionId: string }) => o.connectionId === connectionId);
    expect(sync).toMatchObject({ syncStatus: 'synced', defaultDomain: `${prefix}.onmicrosoft.com` });
    // The run went on from the failed step: the tenant was created once, the MCA step failed, then succeeded.
    const steps = (await runOf())!.steps;
    expect(steps.filter((s) => s.stepId === 'create-customer' && s.state === 'succeeded')).toHaveLength(1);
    expect(steps.filter((s) => s.stepId === 'confirm-mca').map((s) => s.state)).toEqual(expect.arrayContaining(['failed', 'succeeded']));

    const audit = await reseller('GET', `/api/v1/audit-log?companyId=${companyId}&action=tenant.provisioning_retried`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'tenant.provisioning_retried', actorLabel: expect.stringContaining('reseller@demo.test') });

    // Finished: nothing to retry.
    const late = await reseller('POST', retryPath);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RUN_NOT_WAITING');
  }, 150_000);
});

/**
 * Decisions the route takes around the engine: a run that is running or finished is refused before
 * the engine is asked, and an engine that never answers gives a clear 503, not a hung request.
 */
describe('POST .../retry around the engine', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await createTestApp({}, { runs: { retryNewTenant: () => new Promise<boolean>(() => undefined) }, engineWaitMs: 300 });
    world = await seedWorld(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.each(['running', 'succeeded'] as const)('refuses a %s run with 409 RUN_NOT_WAITING', async (state) => {
    const runId = `provision-tenant:${world.c1b.id}:${world.conn.id}`;
    await createWorkflowRunsRepo(t.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(world.c1b.id), connectionId: world.conn.id, state, at: new Date() });
    const caller = await signInAs(t, world.users.reseller_admin!);
    const res = await call(t, caller, 'POST', `/api/v1/companies/${world.c1b.id}/onboarding/runs/${encodeURIComponent(runId)}/retry`);
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.code).toBe('RUN_NOT_WAITING');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 503 WORKFLOWS_BUSY within the bounded wait', async () => {
    const runId = `provision-tenant:${world.c1.id}:${world.conn.id}`;
    await createWorkflowRunsRepo(t.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(world.c1.id), connectionId: world.conn.id, state: 'needs_attention', at: new Date() });
    const caller = await signInAs(t, world.users.reseller_admin!);
    const started = Date.now();
    const res = await call(t, caller, 'POST', `/api/v1/companies/${world.c1.id}/onboarding/runs/${encodeURIComponent(runId)}/retry`);
    expect(res.status).toBe(503);
    expect((await json(res)).code).toBe('WORKFLOWS_BUSY');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
