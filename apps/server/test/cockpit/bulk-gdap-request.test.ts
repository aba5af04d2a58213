import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createCockpitRepo, createSecretBox, schema, type GdapTemplateRow } from '@csphub/db';
import { REQUEST_GDAP_WORKFLOW, type BulkFixInput, type BulkItemFollowUp, type RequestGdapFromTemplateInput } from '@csphub/provisioning';
import { hashPassword } from '../../src/security/password';
import { runBulkItem, type BulkDeps } from '../../src/cockpit/bulk-actions';
import { createTestApp, type TestApp } from '../test-app';
import { PASSWORD, call, callersOf, json, seedWorld, signInAs, type Caller, type World } from '../channel-world';

type Plan = { items: { itemKey: string; label: string; will: string[]; skip: string | null; detail: string | null }[] };
type Job = { state: string; total: number; succeeded: number; failed: number; items: { itemKey: string; state: string; errorCode: string | null; outcome: Record<string, unknown> | null }[] };

/**
 * "Request GDAP from a template" in bulk from the cockpit: the dry run names the template for each
 * tenant (the connection's default, or the one picked), the job requests through the GDAP service
 * and hands each run to the bulk run to start (one per relationship row), a failed item is retried,
 * each item is audited once, and a reseller never reaches a sibling reseller's tenant.
 */
describe('bulk fix: request GDAP from a template', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let resellerTwo: Caller;
  let standard: GdapTemplateRow;
  let helpdesk: GdapTemplateRow;
  const queued: BulkFixInput[] = [];
  const started: BulkItemFollowUp[] = [];
  const key = (companyId: number) => `${companyId}/${w.conn.id}`;

  /** What the durable bulk run does, one item after the other: runs each pending item and starts the run it hands back. */
  const runQueued = async () => {
    const deps: BulkDeps = { db: t.database.db, box: createSecretBox(t.secretKey), clock: { now: () => new Date() }, partnerCenterFor: async () => { throw new Error('no Partner Center call expected'); }, notifier: { send: async () => ({ id: 'x' }) } };
    const cockpit = createCockpitRepo(t.database.db);
    for (const input of queued.splice(0)) {
      const job = (await cockpit.getJob(input.jobId))!;
      for (const itemKey of await cockpit.pendingItemKeys(job.id)) {
        const done = await runBulkItem(deps, job, input.round, itemKey, { requestId: undefined, signal: new AbortController().signal });
        if (done.start) started.push(done.start);
      }
      await cockpit.setJobState(job.id, 'finished', new Date());
    }
  };

  beforeAll(async () => {
    t = await createTestApp({}, { runs: { startBulkFix: async (input) => void queued.push(input) } });
    w = await seedWorld(t);
    as = await callersOf(t, w);
    await w.repos.users.create({ companyId: w.r2.id, email: 'admin@r2.test', name: 'R2 admin', passwordHash: await hashPassword(PASSWORD), role: 'reseller_admin', now: new Date() });
    resellerTwo = { role: 'reseller_admin', email: 'admin@r2.test', home: w.r2, headers: (await signInAs(t, 'admin@r2.test')).headers };
    const now = new Date();
    const roles = [{ id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', name: 'Directory Readers' }];
    standard = await w.repos.gdap.addTemplateVersion({ connectionId: w.conn.id, name: 'Standard', roles, durationDays: 730, autoExtend: true, securityGroups: [], createdBy: 'test' }, now, true);
    helpdesk = await w.repos.gdap.addTemplateVersion({ connectionId: w.conn.id, name: 'Helpdesk', roles, durationDays: 365, autoExtend: false, securityGroups: [], createdBy: 'test' }, now);
    await t.database.db.insert(schema.accountSyncOptions).values([
      { companyId: w.c1.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-c1' },
      { companyId: w.c1b.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-c1b' },
      { companyId: w.c2.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-c2' },
    ]);
    // Customer One B already has a relationship waiting for approval on this connection.
    await t.database.db.insert(schema.gdapRelationships).values({ companyId: w.c1b.id, connectionId: w.conn.id, relationshipId: 'c1b-pending', displayName: 'c1b-pending', customerTenantId: 't-c1b', status: 'approvalPending', roles, durationDays: 730, autoExtend: false, syncedAt: now });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('dry-runs with the default template or the one picked, changing nothing, and hides a sibling reseller’s tenant', async () => {
    const items = [key(w.c1.id), key(w.c1b.id), key(w.c2.id), `${w.c1.id}/not-a-connection`];
    const plan = (await json(call(t, as.reseller_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items }))) as Plan;
    expect(plan.items.map((i) => [i.label, i.will, i.skip, i.detail])).toEqual([
      ['Customer One', ['request-gdap'], null, 'Standard v1'],
      ['Customer One B', [], 'nothing-to-do', 'c1b-pending: approvalPending'],
      [key(w.c2.id), [], 'not-found', null],
      [`${w.c1.id}/not-a-connection`, [], 'not-found', null],
    ]);
    const picked = (await json(call(t, as.reseller_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items: [key(w.c1.id)], templateId: helpdesk.id }))) as Plan;
    expect(picked.items[0]).toMatchObject({ will: ['request-gdap'], detail: 'Helpdesk v1' });
    // The sibling reseller cannot reach Customer One; the distributor reaches both.
    const sibling = (await json(call(t, resellerTwo, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items: [key(w.c1.id), key(w.c2.id)] }))) as Plan;
    expect(sibling.items.map((i) => i.skip)).toEqual(['not-found', null]);
    const all = (await json(call(t, as.distributor_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items: [key(w.c1.id), key(w.c2.id)] }))) as Plan;
    expect(all.items.map((i) => i.skip)).toEqual([null, null]);
    expect(await t.database.db.select().from(schema.gdapRelationships)).toHaveLength(1);
  });

  it('names a template that does not exist, refuses customers, and starts nothing a sibling owns', async () => {
    const missing = await call(t, as.reseller_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items: [key(w.c1.id)], templateId: 999_999 });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('templateId');
    expect((await call(t, as.customer_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', { items: [key(w.c1.id)] })).status).toBe(403);
    const refused = await call(t, resellerTwo, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template', { items: [key(w.c1.id)] });
    expect(refused.status).toBe(400);
    expect(queued).toHaveLength(0);
  });

  it('requests from the picked template, hands each run to the bulk run, retries the failed one and audits each item once', async () => {
    // Customer Two's reseller is not the caller's: the distributor starts the job over both tenants.
    const res = await call(t, as.distributor_admin, 'POST', '/api/v1/cockpit/bulk/gdap-request-from-template', { items: [key(w.c1.id), key(w.c2.id), key(w.c1b.id)], templateId: helpdesk.id });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    // Customer Two's tenant link goes away between the dry run and the run: that item fails alone.
    await w.repos.syncOptions.upsert(w.c2.id, w.conn.id, { tenantId: null, syncStatus: 'synced' }, new Date());
    await runQueued();
    let job = (await json(call(t, as.distributor_admin, 'GET', `/api/v1/cockpit/bulk/jobs/${jobId}`))) as Job;
    expect(job).toMatchObject({ state: 'finished', total: 2, succeeded: 1, failed: 1 });
    expect(job.items.find((i) => i.itemKey === key(w.c2.id))).toMatchObject({ state: 'failed', errorCode: 'NO_TENANT' });
    expect(started).toHaveLength(1);
    const input = started[0]!.input as RequestGdapFromTemplateInput;
    expect(started[0]).toMatchObject({ workflow: REQUEST_GDAP_WORKFLOW, workflowId: `request-gdap:${input.rowId}` });
    expect(input).toMatchObject({ companyId: w.c1.id, connectionId: w.conn.id, customerTenantId: 't-c1', template: { id: helpdesk.id, durationDays: 365, autoExtend: false }, approver: null });

    await w.repos.syncOptions.upsert(w.c2.id, w.conn.id, { tenantId: 't-c2', syncStatus: 'synced' }, new Date());
    expect((await call(t, as.distributor_admin, 'POST', `/api/v1/cockpit/bulk/jobs/${jobId}/retry`)).status).toBe(202);
    await runQueued();
    job = (await json(call(t, as.distributor_admin, 'GET', `/api/v1/cockpit/bulk/jobs/${jobId}`))) as Job;
    expect(job).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
    expect(started.map((s) => (s.input as RequestGdapFromTemplateInput).companyId)).toEqual([w.c1.id, w.c2.id]);

    // One relationship row per tenant, from the picked template; running an item again requests nothing new.
    const rows = (await w.repos.gdap.listRelationships(w.c1.id)).concat(await w.repos.gdap.listRelationships(w.c2.id));
    expect(rows.map((r) => [r.companyId, r.status, r.templateId])).toEqual([[w.c1.id, 'requested', helpdesk.id], [w.c2.id, 'requested', helpdesk.id]]);
    const again = await runBulkItem({ db: t.database.db, box: createSecretBox(t.secretKey), clock: { now: () => new Date() }, partnerCenterFor: async () => { throw new Error('unexpected'); }, notifier: { send: async () => ({ id: 'x' }) } }, (await createCockpitRepo(t.database.db).getJob(jobId))!, 2, key(w.c1.id), { requestId: undefined, signal: new AbortController().signal });
    expect(again).toEqual({ state: 'succeeded' });
    expect(await w.repos.gdap.listRelationships(w.c1.id)).toHaveLength(1);

    const audit = await w.repos.auditLog.list({ limit: 100 });
    expect(audit.filter((e) => e.action.startsWith('bulk_fix.gdap-request-from-template.')).map((e) => e.action).sort()).toEqual([
      'bulk_fix.gdap-request-from-template.failed',
      'bulk_fix.gdap-request-from-template.succeeded',
      'bulk_fix.gdap-request-from-template.succeeded',
      'bulk_fix.gdap-request-from-template.succeeded',
    ]);
    const requested = audit.filter((e) => e.action === 'gdap.requested');
    expect(requested).toHaveLength(2);
    expect(requested.every((e) => e.summary.includes('"Helpdesk" v1') && e.summary.includes(jobId))).toBe(true);
    // The sibling reseller does not see the distributor's job.
    expect((await call(t, resellerTwo, 'GET', `/api/v1/cockpit/bulk/jobs/${jobId}`)).status).toBe(404);
    expect(standard.isDefault).toBe(true);
  });
});
