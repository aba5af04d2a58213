import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- test composition root: the workflow journal and the run rows */
import { createWorkflowRunsRepo, openWorkflowSystemPool, type WorkflowSystemPool } from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { bulkFixRunId, createBulkFixWorkflow, defineStep, defineWorkflow, launchWorkflowRuntime, noRetry, randomIds, systemClock, type BulkItemResult, type WorkflowRuntime } from '../../src/index';

/**
 * A bulk item that hands work to another durable run (a GDAP request): the bulk run starts that
 * run by its business id after the item's step, once, and a second round over the same item
 * attaches to the run already started instead of starting another.
 */
describe('bulk fix: an item\'s follow-up run (embedded journal)', () => {
  let t: TestDatabase;
  let sys: WorkflowSystemPool | undefined;
  let runtime: WorkflowRuntime;
  const followed: string[] = [];
  const results = new Map<string, BulkItemResult>();

  const record = defineStep<{ key: string }, null>({ id: 'probe-record', retry: noRetry, timeoutMs: 10_000, run: async (i) => (followed.push(i.key), null) });
  const probe = defineWorkflow<{ key: string }, null>({ name: 'bulk-follow-up-probe', run: (input, wf) => wf.step(record, input) });
  const bulk = createBulkFixWorkflow({
    pendingItems: async () => ['a', 'b'],
    runItem: async (_jobId, _round, itemKey) => results.get(itemKey) ?? { state: 'failed' },
    finish: async () => ({ succeeded: 1, failed: 1 }),
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    sys = await openWorkflowSystemPool({});
    runtime = await launchWorkflowRuntime({ systemDatabase: { kind: 'pool', pool: sys.pool }, executorId: 'bulk-follow-up', workflows: [bulk, probe], timeline: createWorkflowRunsRepo(t.db), clock: systemClock, ids: randomIds });
  }, 120_000);
  afterAll(async () => {
    await runtime?.shutdown();
    await sys?.close();
    await t?.dispose();
  });

  it('starts the run the item names, once across rounds', async () => {
    results.set('a', { state: 'succeeded', start: { workflow: probe.name, workflowId: 'probe:a', input: { key: 'a' } } });
    results.set('b', { state: 'failed' });
    await (await runtime.start(bulk, bulkFixRunId({ jobId: 'j1', round: 0 }), { jobId: 'j1', round: 0 })).result();
    await runtime.retrieve('probe:a').result();
    expect(followed).toEqual(['a']);
    // The next round names the same run: it is not started again.
    await (await runtime.start(bulk, bulkFixRunId({ jobId: 'j1', round: 1 }), { jobId: 'j1', round: 1 })).result();
    await runtime.retrieve('probe:a').result();
    expect(followed).toEqual(['a']);
    expect(await runtime.status('probe:a')).toBe('SUCCESS');
  });
});
