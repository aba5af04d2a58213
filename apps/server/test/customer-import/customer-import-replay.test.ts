import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createWorkflowRunsRepo, openWorkflowSystemPool, schema, type WorkflowSystemPool } from '@csphub/db';
import { systemClock } from '@csphub/domain';
import { createCustomerImportWorkflow, customerImportRunId, launchWorkflowRuntime, randomIds, type CustomerImportPorts, type WorkflowRuntime, type WorkflowRuntimeOptions } from '@csphub/provisioning';
import { createImportRun, decideItem, applyImport } from '../../src/customer-import/customer-import.service';
import { customerImportPorts } from '../../src/customer-import/customer-import-ports';
import { startImportIntents } from '../../src/customer-import/import-intents';
import { createImportWorld } from './import-world';

type OnBoundary = NonNullable<WorkflowRuntimeOptions['onBoundary']>;
const never = () => new Promise<never>(() => {});

/**
 * The import as a durable run, crashed and recovered in this process (the execution stops for good,
 * the runtime is shut down without waiting for it and launched again with the same executor id, so
 * DBOS recovers the run from its journal as a restarted worker does): once at a step boundary, once
 * in the middle of an apply step after some of its batches committed. The run ends with exactly the
 * expected companies, subscriptions and audit entries, none twice.
 */
describe('customer import as a durable run, crashed and recovered', () => {
  let w: Awaited<ReturnType<typeof createImportWorld>>;
  let sys: WorkflowSystemPool;
  let runtime: WorkflowRuntime | undefined;
  let crashAt: string | undefined;
  let midStep: { call: number; stopped: () => void } | undefined;
  let applyCalls = 0;

  beforeAll(async () => {
    w = await createImportWorld();
    sys = await openWorkflowSystemPool({});
  }, 180_000);
  afterAll(async () => {
    await runtime?.shutdown();
    await sys?.close();
    await w?.db.dispose();
  });

  it('reads, then applies in chunks; a crash after a chunk and a crash inside one leave every customer once', { timeout: 300_000 }, async () => {
    const real = customerImportPorts(w.deps, async () => w.world.client);
    const ports: CustomerImportPorts = {
      read: real.read,
      async applySome(runId, limit) {
        applyCalls++;
        if (midStep && applyCalls === midStep.call) {
          // Dies halfway through its chunk: half the customers committed, the step never journaled.
          await applyImport(w.deps, runId, { limit: Math.floor(limit / 2) });
          midStep.stopped();
          midStep = undefined;
          return never();
        }
        return real.applySome(runId, limit);
      },
    };
    const workflow = createCustomerImportWorkflow(ports, { chunk: 40 });
    let stopped: (() => void) | undefined;
    const onBoundary: OnBoundary = (stepId, phase) => {
      if (crashAt !== `${phase}:${stepId}`) return;
      crashAt = undefined;
      stopped?.();
      return never();
    };
    const launch = () => launchWorkflowRuntime({ systemDatabase: { kind: 'pool', pool: sys.pool }, executorId: 'import-replay', workflows: [workflow as never], timeline: createWorkflowRunsRepo(w.db.db), clock: systemClock, ids: randomIds, onBoundary });
    runtime = await launch();

    const run = await createImportRun(w.deps, w.connectionId, 'test');
    const read = { runId: run.id, phase: 'read' as const };
    expect(await (await runtime.start(workflow, customerImportRunId(read), read)).result()).toEqual({ state: 'review' });
    const items = await w.repos.customerImports.listItems(run.id);
    expect(items).toHaveLength(300);
    for (const i of items.filter((x) => x.proposal === 'conflict')) await decideItem(w.deps, run.id, i.tenantId, `new:${w.ids.d}`);

    // Crash 1: right after the second chunk is journaled.
    const apply = { runId: run.id, phase: 'apply' as const };
    const id = customerImportRunId(apply, 'first');
    let reached = new Promise<void>((resolve) => (stopped = resolve));
    crashAt = 'after:import-apply-1';
    await runtime.start(workflow, id, apply);
    await reached;
    await runtime.shutdown();
    // Crash 2: the recovered run dies inside its next chunk (the fourth call of applySome overall).
    reached = new Promise<void>((resolve) => (midStep = { call: 3, stopped: resolve }));
    runtime = await launch();
    await reached;
    const before = (await w.repos.customerImports.getRun(run.id))!;
    expect(before.companiesCreated + before.companiesUpdated).toBe(100);
    await runtime.shutdown();
    runtime = await launch();
    expect(await runtime.retrieve(id).result()).toEqual({ state: 'done' });

    const done = (await w.repos.customerImports.getRun(run.id))!;
    expect(done).toMatchObject({ state: 'done', companiesCreated: 290, companiesUpdated: 10 });
    const customers = (await w.repos.companies.listSubtree((await w.repos.companies.get(w.ids.d))!.path)).filter((c) => c.kind === 'customer');
    expect(customers).toHaveLength(30 + 290);
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    const subs = await w.repos.customerImports.subscriptionsOf(w.connectionId);
    expect(subs).toHaveLength(420);
    const { auditLog } = schema;
    const entries = await w.db.db
      .select({ targetId: auditLog.targetId })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'company'), inArray(auditLog.action, ['company.imported', 'company.import_matched'])));
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((e) => e.targetId)).size).toBe(300);
    const left = await w.repos.customerImports.listItems(run.id);
    expect(left.filter((i) => i.outcome !== 'applied')).toEqual([]);
  });
  it('a request that committed its intent but whose run never started (the process stopped in between) gets its run from the recorded intent, once', { timeout: 300_000 }, async () => {
    await runtime?.shutdown();
    const workflow = createCustomerImportWorkflow(customerImportPorts(w.deps, async () => w.world.client), { chunk: 40 });
    runtime = await launchWorkflowRuntime({ systemDatabase: { kind: 'pool', pool: sys.pool }, executorId: 'import-intent', workflows: [workflow as never], timeline: createWorkflowRunsRepo(w.db.db), clock: systemClock, ids: randomIds });
    const rt = runtime;
    const started: string[] = [];
    const runs = {
      startImportRead: async (runId: string) => {
        const input = { runId, phase: 'read' as const };
        started.push(customerImportRunId(input));
        await rt.start(workflow, customerImportRunId(input), input);
      },
      startImportApply: async (runId: string, key: string) => {
        const input = { runId, phase: 'apply' as const };
        started.push(customerImportRunId(input, key));
        await rt.start(workflow, customerImportRunId(input, key), input);
      },
    };
    // The read request committed (run in `reading`); its durable run was never started.
    const run = await createImportRun(w.deps, w.connectionId, 'test');
    expect(await startImportIntents(w.deps, runs)).toBe(1);
    expect(await rt.retrieve(customerImportRunId({ runId: run.id, phase: 'read' })).result()).toEqual({ state: 'review' });
    // The apply request's transaction as the route commits it (state and key together); no run started.
    await w.repos.customerImports.setRun(run.id, { state: 'importing', applyKey: 'k1' }, new Date(), 'review');
    const applyId = customerImportRunId({ runId: run.id, phase: 'apply' }, 'k1');
    await startImportIntents(w.deps, runs);
    // Started again (the next pass, or a second click) while it runs: the same run.
    await startImportIntents(w.deps, runs);
    expect(new Set(started.filter((id) => id.startsWith('customer-import-apply:')))).toEqual(new Set([applyId]));
    expect(await rt.retrieve(applyId).result()).toEqual({ state: 'done' });
    expect(await startImportIntents(w.deps, runs)).toBe(0);
    const done = (await w.repos.customerImports.getRun(run.id))!;
    // Everything was imported by the first run: this one matches (updates) each applied customer once.
    expect(done.companiesCreated).toBe(0);
    const items = await w.repos.customerImports.listItems(run.id);
    const applied = items.filter((i) => i.outcome === 'applied');
    expect(done.companiesUpdated).toBe(applied.length);
    const { auditLog } = schema;
    const entries = await w.db.db
      .select({ targetId: auditLog.targetId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'company.import_matched'), inArray(auditLog.targetId, applied.map((i) => String(i.appliedCompanyId)))));
    expect(entries.length).toBeGreaterThanOrEqual(applied.length);
  });
});
