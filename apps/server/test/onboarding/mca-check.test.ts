import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersRepo, createWorkflowRunsRepo } from '@csphub/db';
import { createTestApp, type TestApp } from '../test-app';
import { call, json, seedWorld, signInAs, type World } from '../channel-world';

/**
 * "Check now" on a run waiting for the customer's signatory: the run and the account's orders held
 * for the acceptance get a message on their `mca-check` topic (the run then looks at once instead
 * of at its next periodic check; link-existing-tenant-mca.test.ts proves the wake-up in the
 * engine); a run that is not waiting answers 409, another reseller's account 404.
 */
describe('POST /companies/{id}/onboarding/runs/{runId}/mca-check', () => {
  let t: TestApp;
  let world: World;
  const woken: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({}, { runs: { wakeMcaCheck: async (runId: string) => void woken.push(runId) } });
    world = await seedWorld(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('wakes the waiting run and the orders held for the acceptance, and audits it', async () => {
    const runId = `link-existing-tenant:${world.c1.id}:${world.conn.id}:auth-1`;
    await createWorkflowRunsRepo(t.database.db).saveRun({ id: runId, kind: 'link-existing-tenant', subjectId: String(world.c1.id), connectionId: world.conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'waiting' } });
    const orders = createOrdersRepo(t.database.db);
    const held = randomUUID();
    const other = randomUUID();
    for (const id of [held, other]) {
      await orders.create({ id, companyId: world.c1.id, connectionId: world.conn.id, customerTenantId: randomUUID(), reference: `ref-${id.slice(0, 8)}`, lines: [], createdBy: 'test', at: new Date() });
    }
    await orders.saveProgress(held, { status: 'submitted', errorCode: 'MCA_ACCEPTANCE_PENDING', errorMessage: 'held', at: new Date() });
    const caller = await signInAs(t, world.users.reseller_admin!);
    const res = await call(t, caller, 'POST', `/api/v1/companies/${world.c1.id}/onboarding/runs/${encodeURIComponent(runId)}/mca-check`);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ runId, heldOrders: 1 });
    expect(woken.sort()).toEqual([runId, `place-order:${held}`].sort());
    const audit = await call(t, caller, 'GET', `/api/v1/audit-log?companyId=${world.c1.id}&action=tenant.mca_check_requested`);
    expect(JSON.stringify(await json(audit))).toContain('tenant.mca_check_requested');
  });

  it('answers 409 RUN_NOT_WAITING for a run that is not waiting for the acceptance', async () => {
    woken.length = 0;
    const runId = `provision-tenant:${world.c1b.id}:${world.conn.id}`;
    await createWorkflowRunsRepo(t.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(world.c1b.id), connectionId: world.conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'accepted' } });
    const caller = await signInAs(t, world.users.reseller_admin!);
    const res = await call(t, caller, 'POST', `/api/v1/companies/${world.c1b.id}/onboarding/runs/${encodeURIComponent(runId)}/mca-check`);
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe('RUN_NOT_WAITING');
    expect(woken).toEqual([]);
  });

  it("answers 404 on another reseller's account", async () => {
    const runId = `provision-tenant:${world.c2.id}:${world.conn.id}`;
    await createWorkflowRunsRepo(t.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(world.c2.id), connectionId: world.conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'waiting' } });
    const caller = await signInAs(t, world.users.reseller_admin!);
    const res = await call(t, caller, 'POST', `/api/v1/companies/${world.c2.id}/onboarding/runs/${encodeURIComponent(runId)}/mca-check`);
    expect(res.status).toBe(404);
  });
});
