import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DBOS } from '@dbos-inc/dbos-sdk';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { defineStep, defineWorkflow, deleteFinishedRuns, noRetry, startRunRetention, type WorkflowDefinition, type WorkflowRuntime } from '../src/index';
import { startReplayRuntime, type ReplayRuntime } from './replay/replay-runtime';
import { timelineOf } from './new-tenant/new-tenant-wiring';

/**
 * The journal's retention: succeeded runs of the named workflows, older than the cut, go from both
 * the workflow journal and the timeline; a run still waiting, a failed one and one of another
 * workflow stay.
 */
describe(`deleting the journal of old housekeeping runs (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let runtime: WorkflowRuntime;

  const work = defineStep<{ fail: boolean }, { ok: true }>({
    id: 'retention-work',
    retry: noRetry,
    timeoutMs: 10_000,
    run: async (input) => {
      if (input.fail) throw new Error('this run fails on purpose');
      return { ok: true };
    },
  });
  const probe = defineWorkflow<{ mode: 'done' | 'wait' | 'fail' }, string>({
    name: 'retention-probe',
    async run(input, wf) {
      await wf.step(work, { fail: input.mode === 'fail' });
      if (input.mode === 'wait') await wf.recv('go', 60_000);
      return input.mode;
    },
  });
  const store = () => timelineOf(t.db);
  const journalHas = async (id: string) => (await DBOS.getWorkflowStatus(id)) !== null;
  const attemptsOf = async (id: string) => (await store().listAttempts(id)).length;

  beforeAll(async () => {
    t = await createTestDatabase();
    replay = await startReplayRuntime({ journalName: 'retsys', executorId: 'retention-test', workflow: probe as WorkflowDefinition<never, unknown>, timeline: store() });
    runtime = replay.crash.runtime;
  });
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
  });

  it('deletes succeeded runs older than the cut, from the journal and the timeline, and keeps the rest', async () => {
    const done = ['ret-done-1', 'ret-done-2', 'ret-done-3'];
    for (const id of done) await (await runtime.start(probe, id, { mode: 'done' })).result();
    await expect((await runtime.start(probe, 'ret-fail', { mode: 'fail' })).result()).rejects.toThrow(/fails on purpose/);
    await runtime.start(probe, 'ret-wait', { mode: 'wait' });
    for (let i = 0; i < 100 && (await attemptsOf('ret-wait')) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    for (const id of done) {
      expect(await journalHas(id)).toBe(true);
      expect(await attemptsOf(id)).toBe(1);
    }

    // A cut before they finished, or another workflow's name, deletes nothing.
    expect(await deleteFinishedRuns({ workflowNames: ['retention-probe'], completedBefore: new Date(Date.now() - 3_600_000), limit: 10, store: store() })).toBe(0);
    expect(await deleteFinishedRuns({ workflowNames: ['another-workflow'], completedBefore: new Date(Date.now() + 60_000), limit: 10, store: store() })).toBe(0);

    // Through the timer's pass, in batches smaller than what there is.
    const retention = startRunRetention({ workflowNames: ['retention-probe'], keepMs: 0, everyMs: 3_600_000, batch: 2, store: store(), clock: { now: () => new Date(Date.now() + 60_000) } });
    expect(await retention.sweep()).toBe(3);
    await retention.stop();
    for (const id of done) {
      expect(await journalHas(id)).toBe(false);
      expect(await attemptsOf(id)).toBe(0);
    }
    expect(await journalHas('ret-fail')).toBe(true);
    expect(await attemptsOf('ret-fail')).toBe(1);
    expect(await journalHas('ret-wait')).toBe(true);
    expect(await attemptsOf('ret-wait')).toBe(1);

    // The waiting run is untouched: it goes on and finishes when told.
    await runtime.send('ret-wait', 'go', {});
    expect(await runtime.retrieve<string>('ret-wait').result()).toBe('wait');
  });
});
