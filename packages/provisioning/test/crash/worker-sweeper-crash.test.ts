import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test reads the timeline and the workers registry through the real repositories
import { createWorkersRepo, createWorkflowRunsRepo, openDatabase } from '@csphub/db';
// eslint-disable-next-line no-restricted-imports -- test reads DBOS's own record of who runs the workflow
import pg from 'pg';
import { startCounterServer, type CounterServer } from './counter-server';
import { spawnWorker, type WorkerProcess } from './spawn-worker';
import { createThrowawayPostgres } from './throwaway-postgres';

const STEPS = 3;

/**
 * Several workers share one PostgreSQL; one dies (SIGKILL) in the middle of a run and never comes
 * back under its id in time. A live worker's sweeper claims it after the grace period and the run
 * finishes from its last journaled step: every side effect once, one claim. When the dead worker
 * does come back with its old id, it does not run the taken-over run again.
 */
describe.skipIf(!process.env.DATABASE_URL)("a dead worker's runs are taken over by a live worker (PostgreSQL only: workers share a server)", () => {
  let counter: CounterServer;
  let pgUrl = '';
  let dropPg = async () => {};
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    counter = await startCounterServer();
    const db = await createThrowawayPostgres(process.env.DATABASE_URL!, 'sweep');
    pgUrl = db.url;
    dropPg = db.drop;
  });
  /** Stops every worker (SIGTERM, clean shutdown), so the next test's sweepers are the only ones. */
  async function stopAll() {
    for (const w of workers.splice(0)) {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      const ended = await Promise.race([w.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
      if (!ended) await w.kill();
    }
  }
  afterEach(stopAll);
  afterAll(async () => {
    await counter?.close();
    await dropPg();
  });

  const start = (workerId: string, run = '', extra: Record<string, string> = {}) => {
    const w = spawnWorker('sweeper-worker.ts', {
      DATABASE_URL: pgUrl,
      SWEEP_WORKER_ID: workerId,
      SWEEP_START_RUN: run,
      COUNTER_URL: counter.url,
      CRASH_STEPS: String(STEPS),
      SWEEP_HEARTBEAT_MS: '500',
      SWEEP_GRACE_MS: '2000',
      ...extra,
    });
    workers.push(w);
    return w;
  };

  /** Fails with the workers' output instead of hanging until the test's timeout. */
  async function within(p: Promise<void>, ms: number, output: () => string) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`nothing happened within ${ms} ms:\n${output()}`)), ms)));
    try {
      await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function dbosStatus(runId: string) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ status: string; executor_id: string }>('select status, executor_id from dbos.workflow_status where workflow_uuid = $1', [runId]);
      return rows[0];
    } finally {
      await c.end();
    }
  }

  it('resumes the run once, from its last journaled step, and the returning worker leaves it alone', async () => {
    const runId = 'sweep:new-tenant-like-run';
    const t0 = performance.now();
    const held = counter.holdOnce(runId, 1);
    const a = start('worker-a', runId);
    await within(held, 60_000, () => a.output()); // step 0 journaled; step 1's effect applied, its answer never leaves
    await a.kill(); // SIGKILL: no clean shutdown, no last heartbeat
    const killedAt = performance.now();

    const gate = counter.gate(runId, 2);
    const b = start('worker-b');
    const c = start('worker-c');
    await within(gate.arrived, 60_000, () => b.output() + c.output()); // the run is in the middle of step 2, on a live worker
    const resumedAt = performance.now();

    const claims = [b, c].flatMap((w) => w.output().match(/^CLAIMED .*$/gm) ?? []);
    expect(claims, b.output() + c.output()).toHaveLength(1);
    expect(JSON.parse(claims[0]!.slice('CLAIMED '.length))).toEqual({ kind: 'claimed', deadWorkerId: 'worker-a', resumedRuns: 1 });
    const claimer = /^CLAIMED /m.test(b.output()) ? b : c;
    const claimerId = claimer === b ? 'worker-b' : 'worker-c';
    const owner = await dbosStatus(runId);
    expect(owner?.status).toBe('PENDING');
    expect(['worker-b', 'worker-c']).toContain(owner?.executor_id);

    // worker-a comes back with its old id while the run is in flight elsewhere.
    const back = start('worker-a');
    expect(JSON.parse(await back.waitFor('REGISTERED'))).toEqual({ wasClaimedBy: claimerId });
    await back.waitFor('LAUNCHED');
    await new Promise((r) => setTimeout(r, 2_000)); // a few queue polls and sweeps
    expect(await dbosStatus(runId)).toEqual(owner);
    expect(counter.calls(runId, 2)).toBe(1);

    gate.release();
    expect(JSON.parse(await claimer.waitFor('DONE', 60_000))).toEqual(Array(STEPS).fill(1));
    const doneAt = performance.now();

    for (let i = 0; i < STEPS; i++) expect(counter.effects(runId, i), `effects of step ${i}`).toBe(1);
    expect(counter.calls(runId, 0)).toBe(1); // journaled before the kill: replayed, not re-run
    expect(counter.calls(runId, 1)).toBe(2); // cut mid-call: called again with the same MS-RequestId...
    expect(counter.calls(runId, 2)).toBe(1); // ...and the returning worker never ran step 2 a second time
    expect((await dbosStatus(runId))?.status).toBe('SUCCESS');

    const db = await openDatabase({ kind: 'postgres', url: pgUrl });
    try {
      const claimsOfA = await createWorkersRepo(db.db).listClaims('worker-a');
      expect(claimsOfA.map((cl) => [cl.claimedBy, cl.resumedRuns])).toEqual([[claimerId, 1]]);
      const repo = createWorkflowRunsRepo(db.db);
      expect((await repo.getRun(runId))?.state).toBe('succeeded');
      const step1 = (await repo.listAttempts(runId)).filter((x) => x.stepId === 'counter-effect-1');
      expect(step1.map((x) => x.state)).toEqual(['interrupted', 'succeeded']);
      expect(step1[0]!.requestId).toBe(step1[1]!.requestId);
    } finally {
      await db.close();
    }
    process.stdout.write(
      `sweeper crash: kill -> resumed on a live worker ${Math.round(resumedAt - killedAt)} ms (grace 2000 ms), whole test ${Math.round(doneAt - t0)} ms\n`,
    );
  }, 120_000);

  it('a worker only presumed dead (silent but alive) loses its run to the new owner without a second effect', async () => {
    const runId = 'sweep:paused-worker-run';
    const gate = counter.gate(runId, 1);
    const slow = start('worker-slow', runId, { SWEEP_SILENT: '1' });
    await within(gate.arrived, 60_000, () => slow.output()); // step 1's effect applied, its answer held: the worker is "paused"
    const sweeper = start('worker-d');
    // The first test's workers, stopped since, are silent too: worker-d claims them as well (no runs).
    const claimLine = 'CLAIMED {"kind":"claimed","deadWorkerId":"worker-slow","resumedRuns":1}';
    for (let i = 0; !sweeper.output().includes(claimLine); i++) {
      if (i > 600) throw new Error(`worker-d did not claim worker-slow:\n${sweeper.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; (await dbosStatus(runId))?.status !== 'SUCCESS'; i++) {
      if (i > 300) throw new Error(`the taken-over run did not finish:\n${sweeper.output()}\n${slow.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The paused execution wakes up with step 1's answer: its journal write is refused (DBOS's
    // ownership check), so it adopts the new owner's result instead of running step 2 again.
    gate.release();
    expect(JSON.parse(await slow.waitFor('DONE', 30_000))).toEqual(Array(STEPS).fill(1));
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < STEPS; i++) expect(counter.effects(runId, i), `effects of step ${i}`).toBe(1);
    expect([0, 1, 2].map((i) => counter.calls(runId, i))).toEqual([1, 2, 1]);
    const db = await openDatabase({ kind: 'postgres', url: pgUrl });
    try {
      expect((await createWorkersRepo(db.db).listClaims('worker-slow')).map((cl) => cl.claimedBy)).toEqual(['worker-d']);
    } finally {
      await db.close();
    }
  }, 120_000);
});
