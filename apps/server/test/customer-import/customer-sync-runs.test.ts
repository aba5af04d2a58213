import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsRepo, createWorkflowRunsRepo, openWorkflowSystemPool, type WorkflowSystemPool } from '@csphub/db';
import { systemClock } from '@csphub/domain';
import { createCustomerSyncWorkflows, customerSyncCron, customerSyncRunId, launchWorkflowRuntime, randomIds, CUSTOMER_SYNC_SCHEDULE, type WorkflowRuntime } from '@csphub/provisioning';
import { applyImport, createImportRun, decideItem, stageImport } from '../../src/customer-import/customer-import.service';
import { customerSyncPorts } from '../../src/customer-import/customer-sync-schedule';
import type { SyncSource } from '../../src/customer-import/customer-sync.service';
import { address, createImportWorld, M365 } from './import-world';

const never = () => new Promise<never>(() => {});

/**
 * The customer sync as DBOS runs (docs/CUSTOMER-IMPORT.md, "Staying in step"): fired by its
 * schedule, it brings in what a person changed in the portal; the same slot fired by two processes
 * syncs each connection once; a run that dies in the middle of its sync resumes after a restart and
 * publishes each change's event once, and a later slot's run meanwhile leaves the connection alone.
 */
describe('customer sync as scheduled durable runs', () => {
  let w: Awaited<ReturnType<typeof createImportWorld>>;
  let sys: WorkflowSystemPool;
  let runtime: WorkflowRuntime | undefined;
  /** Armed by a test: the `after`-th customer read of a sync never answers (the process dies there). */
  let crash: { after: number; reads: number; stopped: () => void } | undefined;

  const c = () => w.world.client;
  const source: SyncSource = {
    listActivity: (...a) => c().listActivity(...a),
    getCustomer: async (...a) => {
      if (crash && ++crash.reads === crash.after) {
        crash.stopped();
        crash = undefined;
        return never();
      }
      return c().getCustomer(...a);
    },
    listSubscriptions: (...a) => c().listSubscriptions(...a),
    listCustomers: (...a) => c().listCustomers(...a),
    listIndirectResellers: (...a) => c().listIndirectResellers(...a),
    listGdapRelationships: (...a) => c().listGdapRelationships(...a),
    listGdapAccessAssignments: (...a) => c().listGdapAccessAssignments(...a),
  };
  const launch = (cron: string) => {
    // One changed customer read and applied at a time, so a crash can fall between two of them.
    const { tick, sync } = createCustomerSyncWorkflows(customerSyncPorts(w.deps, async () => source, { chunk: 1 }));
    return launchWorkflowRuntime({
      systemDatabase: { kind: 'pool', pool: sys.pool },
      executorId: 'sync-runs',
      workflows: [sync as never],
      schedules: [{ name: CUSTOMER_SYNC_SCHEDULE, workflow: tick as never, cron }],
      timeline: createWorkflowRunsRepo(w.db.db),
      clock: systemClock,
      ids: randomIds,
    }).then((r) => ({ runtime: (runtime = r), tick, sync }));
  };
  const quantityOf = async (subscriptionId: string) => (await w.repos.customerImports.subscriptionsOf(w.connectionId)).find((s) => s.subscriptionId === subscriptionId)?.quantity;
  const changedEvents = async (subscriptionId: string, quantity: number) =>
    (await createEventsRepo(w.db.db).list({ type: 'subscription.changed' })).filter((e) => {
      const d = e.data as { subscriptionId?: string; after?: { quantity?: number } };
      return d.subscriptionId === subscriptionId && d.after?.quantity === quantity;
    });
  /** Every sync run DBOS holds for the connection. */
  const syncRuns = async () =>
    ((await (sys.pool as { query: (q: string, v: unknown[]) => Promise<{ rows: { workflow_uuid: string }[] }> }).query('select workflow_uuid from dbos.workflow_status where workflow_uuid like $1', [`customer-sync:${w.connectionId}:%`])).rows).map((r) => r.workflow_uuid);
  const until = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) if (await ok()) return;
    throw new Error(`not within ${ms / 1000} s: ${what}`);
  };

  beforeAll(async () => {
    w = await createImportWorld();
    sys = await openWorkflowSystemPool({});
    // The base is imported (conflicts skipped): the connection's cursor starts at the import.
    const run = await createImportRun(w.deps, w.connectionId, 'test');
    await stageImport(w.deps, run.id, w.world.client);
    for (const i of (await w.repos.customerImports.listItems(run.id)).filter((x) => x.proposal === 'conflict')) await decideItem(w.deps, run.id, i.tenantId, 'skip');
    expect((await applyImport(w.deps, run.id)).state).toBe('done');
  }, 240_000);
  afterAll(async () => {
    await runtime?.shutdown();
    await sys?.close();
    await w?.db.dispose();
  });

  it('the same slot fired by two processes syncs the connection once', { timeout: 120_000 }, async () => {
    // A schedule that does not fire during the test: the slots are started by hand.
    const { runtime: rt, tick } = await launch('0 0 1 1 *');
    const [target] = (await w.repos.customerImports.subscriptionsOf(w.connectionId)).filter((s) => s.quantity === 2);
    await w.world.control.changeSubscriptionInPortal(target!.tenantId, target!.subscriptionId, { quantity: 13 });
    const slot = '2030-01-01T00:00:00.000Z';
    // Each process's DBOS fires the slot's tick (under one id, here two to show the children's ids suffice).
    const ticks = await Promise.all([rt.start(tick, `sched-${CUSTOMER_SYNC_SCHEDULE}-${slot}`, { scheduledAt: slot }), rt.start(tick, `sched-${CUSTOMER_SYNC_SCHEDULE}-${slot}-again`, { scheduledAt: slot })]);
    await Promise.all(ticks.map((t) => t.result()));
    const id = customerSyncRunId({ connectionId: w.connectionId, slot });
    expect(await rt.retrieve(id).result()).toEqual({ state: 'synced', reconciled: false });
    expect((await syncRuns()).filter((r) => r === id)).toHaveLength(1);
    expect(await quantityOf(target!.subscriptionId)).toBe(13);
    expect(await changedEvents(target!.subscriptionId, 13)).toHaveLength(1);
    await rt.shutdown();
  });

  it('a run that dies mid-sync resumes after a restart, publishes each change once, and a later slot leaves the connection alone meanwhile', { timeout: 180_000 }, async () => {
    let { runtime: rt, sync } = await launch('0 0 1 1 *');
    const firstOfEach = new Map((await w.repos.customerImports.subscriptionsOf(w.connectionId)).filter((s) => s.quantity === 2).reverse().map((s) => [s.tenantId, s]));
    const targets = [...firstOfEach.values()].slice(0, 3);
    const tenants = new Set(targets.map((t) => t.tenantId));
    expect(tenants.size).toBe(3);
    for (const t of targets) await w.world.control.changeSubscriptionInPortal(t.tenantId, t.subscriptionId, { quantity: 14 });
    // The second customer's read never answers: the first customer's change and event are stored, the step is not journaled.
    const stopped = new Promise<void>((resolve) => (crash = { after: 2, reads: 0, stopped: resolve }));
    const first = { connectionId: w.connectionId, slot: '2030-01-01T00:01:00.000Z' };
    await rt.start(sync, customerSyncRunId(first), first);
    await stopped;
    const applied = (await Promise.all(targets.map((t) => quantityOf(t.subscriptionId)))).filter((q) => q === 14).length;
    expect(applied).toBe(1);
    // The next slot's run finds the connection held by the stuck run and does nothing.
    const next = { connectionId: w.connectionId, slot: '2030-01-01T00:02:00.000Z' };
    expect(await (await rt.start(sync, customerSyncRunId(next), next)).result()).toEqual({ state: 'busy', reconciled: false });
    expect((await Promise.all(targets.map((t) => quantityOf(t.subscriptionId)))).filter((q) => q === 14)).toHaveLength(1);

    // The process dies; the runtime comes back under the same worker id and DBOS resumes the run.
    await rt.shutdown({ waitMs: 0 });
    ({ runtime: rt, sync } = await launch('0 0 1 1 *'));
    expect(await rt.retrieve(customerSyncRunId(first)).result()).toEqual({ state: 'synced', reconciled: false });
    for (const t of targets) {
      expect(await quantityOf(t.subscriptionId)).toBe(14);
      expect(await changedEvents(t.subscriptionId, 14)).toHaveLength(1);
    }
    // It let go of the connection: a later slot syncs again (nothing new, nothing published).
    const after = { connectionId: w.connectionId, slot: '2030-01-01T00:03:00.000Z' };
    expect(await (await rt.start(sync, customerSyncRunId(after), after)).result()).toEqual({ state: 'synced', reconciled: false });
    for (const t of targets) expect(await changedEvents(t.subscriptionId, 14)).toHaveLength(1);
    await rt.shutdown();
  });

  it('the schedule fires one run per connection and slot, and a subscription changed and a customer added in the portal show within a cycle', { timeout: 180_000 }, async () => {
    await launch(customerSyncCron(2_000));
    const [target] = (await w.repos.customerImports.subscriptionsOf(w.connectionId)).filter((s) => s.quantity === 2);
    await w.world.control.changeSubscriptionInPortal(target!.tenantId, target!.subscriptionId, { quantity: 12 });
    const added = await w.world.control.bulkAddCustomers({
      partner: 'distributor-latam',
      customers: [{ companyName: 'Added By Schedule', domainPrefix: 'addedsched1', email: 'it@addedsched.example', address, reseller: 'adatum', subscriptions: [{ catalogItemId: M365, quantity: 3, partnerOfRecord: w.world.adatum.partnerId }] }],
    });
    await until('the change and the new customer in CSP Hub', async () => (await quantityOf(target!.subscriptionId)) === 12 && (await w.repos.customerImports.tenantLinks(w.connectionId)).some((l) => l.tenantId === added.tenantIds[0]));
    expect(await changedEvents(target!.subscriptionId, 12)).toHaveLength(1);
    const runs = await syncRuns();
    expect(runs.length).toBeGreaterThan(0);
    // One run per slot: each id is the connection and a distinct slot time.
    expect(new Set(runs.map((id) => id.split(':').slice(2).join(':'))).size).toBe(runs.length);
  });
});
