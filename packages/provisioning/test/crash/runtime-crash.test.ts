import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test reads the timeline through the real repository
import { createWorkflowRunsRepo, openDatabase, type OpenDatabase } from '@csphub/db';
import { startCounterServer, type CounterServer } from './counter-server';
import { spawnWorker } from './spawn-worker';
import { createThrowawayPostgres } from './throwaway-postgres';

const STEPS = 3;
const layouts = ['pglite-folder', 'pglite-shared', 'postgres'] as const;

/**
 * The runtime's promise, proven with real process kills: a worker SIGKILLed at any step boundary or
 * in the middle of a call resumes on restart, and every side effect happened exactly once.
 */
describe.each(layouts)('workflow runtime survives SIGKILL (%s)', (layout) => {
  // The shared-instance layout is measured, not shipped (decision 0005); postgres needs a server.
  const skip =
    (layout === 'postgres' && !process.env.DATABASE_URL) || (layout === 'pglite-shared' && !process.env.CSPHUB_CRASH_ALL_LAYOUTS);
  let counter: CounterServer;
  let dataDir = '';
  let pgUrl = '';
  let dropPg = async () => {};
  const measurements: { launchMs: number[]; runMs: number[]; rssMb: number[] } = { launchMs: [], runMs: [], rssMb: [] };

  beforeAll(async () => {
    if (skip) return;
    counter = await startCounterServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `csphub-crash-${layout}-`));
    if (layout === 'postgres') {
      const db = await createThrowawayPostgres(process.env.DATABASE_URL!, 'crash');
      pgUrl = db.url;
      dropPg = db.drop;
    }
  });
  afterAll(async () => {
    if (skip) return;
    await counter?.close();
    await dropPg();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (process.env.CSPHUB_CRASH_MEASURE) {
      fs.appendFileSync(process.env.CSPHUB_CRASH_MEASURE, JSON.stringify({ layout, ...measurements }) + '\n');
    }
  });

  const envFor = (workflowId: string, killAt = '') => ({
    CRASH_LAYOUT: layout,
    CRASH_DATA_DIR: dataDir,
    DATABASE_URL: pgUrl,
    CRASH_WORKFLOW_ID: workflowId,
    CRASH_STEPS: String(STEPS),
    COUNTER_URL: counter.url,
    CRASH_KILL_AT: killAt,
  });

  /** Reads the timeline after the workers are gone (an embedded folder admits one process). */
  async function readTimeline(runId: string) {
    let db: OpenDatabase;
    if (layout === 'postgres') db = await openDatabase({ kind: 'postgres', url: pgUrl });
    else db = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'app') });
    try {
      const repo = createWorkflowRunsRepo(db.db);
      return { run: await repo.getRun(runId), attempts: await repo.listAttempts(runId) };
    } finally {
      await db.close();
    }
  }

  async function finish(workflowId: string) {
    const worker = spawnWorker('crash-worker.ts', envFor(workflowId));
    const done = JSON.parse(await worker.waitFor('DONE', 90_000)) as { result: number[]; ms: number; rssMb: number };
    measurements.launchMs.push(Number(await worker.waitFor('LAUNCHED')));
    measurements.runMs.push(done.ms);
    measurements.rssMb.push(done.rssMb);
    expect((await worker.exited).code).toBe(0);
    return done.result;
  }

  const boundaries = [
    'before:counter-effect-0',
    ...Array.from({ length: STEPS }, (_, i) => `after:counter-effect-${i}`),
  ];

  it.skipIf(skip).each(boundaries)('killed at %s, restarted: each effect once, no step re-run', async (killAt) => {
    const runId = `crash:${layout}:${killAt}`;
    const first = spawnWorker('crash-worker.ts', envFor(runId, killAt));
    expect((await first.exited).signal, first.output()).toBe('SIGKILL');

    const result = await finish(runId);
    expect(result).toEqual(Array(STEPS).fill(1));
    for (let i = 0; i < STEPS; i++) {
      expect(counter.effects(runId, i), `effects of step ${i}`).toBe(1);
      // A journaled step is replayed, never re-run: exactly one call reached the server.
      expect(counter.calls(runId, i), `calls of step ${i}`).toBe(1);
    }
    const { run, attempts } = await readTimeline(runId);
    expect(run?.state).toBe('succeeded');
    expect(attempts.map((a) => `${a.stepId}#${a.attempt}:${a.state}`)).toEqual(
      Array.from({ length: STEPS }, (_, i) => `counter-effect-${i}#1:succeeded`),
    );
  });

  it.skipIf(skip)('killed in the middle of a call: the retry reuses the request id, the effect happens once', async () => {
    const runId = `crash:${layout}:mid`;
    const held = counter.holdOnce(runId, 1);
    const first = spawnWorker('crash-worker.ts', envFor(runId));
    await held; // the server applied the effect; its answer never leaves
    await first.kill();

    const result = await finish(runId);
    expect(result).toEqual(Array(STEPS).fill(1));
    expect(counter.calls(runId, 1)).toBe(2); // the call was made again after the restart...
    expect(counter.effects(runId, 1)).toBe(1); // ...with the same MS-RequestId, so it was replayed, not redone
    const { attempts } = await readTimeline(runId);
    const step1 = attempts.filter((a) => a.stepId === 'counter-effect-1');
    expect(step1.map((a) => a.state)).toEqual(['interrupted', 'succeeded']);
    expect(step1[0]!.requestId).toBe(step1[1]!.requestId);
  });
});
