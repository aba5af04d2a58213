/**
 * A PostgreSQL worker for the sweeper crash test, wired the way the server wires one
 * (apps/server launch-workflows.ts): it records its heartbeat before launching the engine, then runs
 * the heartbeat and sweeper. With SWEEP_START_RUN it starts that counter run and prints
 * `DONE <result>`; when it takes over a dead worker it prints `CLAIMED`, `RESUMED <ids>` and, once
 * each resumed run finishes wherever it runs, `DONE <result>`. SIGTERM stops it cleanly. With
 * SWEEP_SILENT=1 it beats once and never again: alive, but presumed dead by the others (a long pause).
 *
 * Env: DATABASE_URL, SWEEP_WORKER_ID, SWEEP_START_RUN, COUNTER_URL, CRASH_STEPS,
 * SWEEP_HEARTBEAT_MS, SWEEP_GRACE_MS, SWEEP_SILENT.
 */
// eslint-disable-next-line no-restricted-imports -- test composition root: wires the real db adapters as the server does
import { createWorkersRepo, createWorkflowRunsRepo, openDatabase } from '@csphub/db';
import { launchWorkflowRuntime, randomIds, startWorkerSweeper, systemClock } from '../../src/index';
import { counterWorkflow } from './counter-workflow';

const env = process.env;
const url = env.DATABASE_URL!;
const workerId = env.SWEEP_WORKER_ID!;
const print = (tag: string, value: unknown) => process.stdout.write(`${tag} ${JSON.stringify(value)}\n`);

const app = await openDatabase({ kind: 'postgres', url });
const registry = createWorkersRepo(app.db);
print('REGISTERED', await registry.beat(workerId));
const runtime = await launchWorkflowRuntime({
  systemDatabase: { kind: 'url', url },
  executorId: workerId,
  workflows: [counterWorkflow],
  timeline: createWorkflowRunsRepo(app.db),
  clock: systemClock,
  ids: randomIds,
});
print('LAUNCHED', workerId);

const sweeper = env.SWEEP_SILENT === '1' ? undefined : startWorkerSweeper({
  registry,
  workerId,
  heartbeatMs: Number(env.SWEEP_HEARTBEAT_MS ?? '500'),
  graceMs: Number(env.SWEEP_GRACE_MS ?? '2000'),
  resumeRunsOf: async (dead) => {
    const ids = await runtime.resumeRunsOf(dead);
    print('RESUMED', ids);
    for (const id of ids) void runtime.retrieve(id).result().then((result) => print('DONE', result));
    return ids;
  },
  onEvent: (e) => print(e.kind.toUpperCase(), e.kind === 'error' ? String(e.error) : e),
});

if (env.SWEEP_START_RUN) {
  const handle = await runtime.start(counterWorkflow, env.SWEEP_START_RUN, { counterUrl: env.COUNTER_URL!, steps: Number(env.CRASH_STEPS ?? '3') });
  print('DONE', await handle.result().catch((e: unknown) => ({ error: String(e) })));
}

process.once('SIGTERM', () => {
  void (async () => {
    await sweeper?.stop();
    await runtime.shutdown({ waitMs: 1000 });
    await app.close();
    process.exit(0);
  })();
});
