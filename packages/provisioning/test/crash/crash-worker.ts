/**
 * A worker process for the crash tests, spawned with `node --import tsx`. It wires the runtime the
 * way the server does (application database, DBOS system database per CRASH_LAYOUT, timeline repo),
 * starts one run and prints `DONE <result>` when it finishes. With CRASH_KILL_AT=`before:<step>` or
 * `after:<step>` it SIGKILLs itself at that step boundary, as a power cut would.
 *
 * Env: CRASH_LAYOUT (pglite-folder | pglite-shared | postgres), CRASH_DATA_DIR, DATABASE_URL,
 * CRASH_WORKFLOW_ID, CRASH_STEPS, COUNTER_URL, CRASH_KILL_AT.
 */
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- test composition root: wires the real db adapters as the server does
import { createWorkflowRunsRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { launchWorkflowRuntime, randomIds, systemClock, type SystemDatabase } from '../../src/index';
import { counterWorkflow } from './counter-workflow';

const env = process.env;
const layout = env.CRASH_LAYOUT ?? 'pglite-folder';
const dataDir = env.CRASH_DATA_DIR ?? '';
const killAt = env.CRASH_KILL_AT ?? '';

const t0 = performance.now();
const app = await openDatabase(layout === 'postgres' ? { kind: 'postgres', url: env.DATABASE_URL! } : { kind: 'pglite', dataDir: path.join(dataDir, 'app') });
let systemDatabase: SystemDatabase;
let closeSystem = async () => {};
if (layout === 'postgres') {
  systemDatabase = { kind: 'url', url: env.DATABASE_URL! };
} else {
  const sys = await openWorkflowSystemPool(layout === 'pglite-shared' ? { pglite: app.pglite } : { dataDir: path.join(dataDir, 'workflows') });
  systemDatabase = { kind: 'pool', pool: sys.pool };
  closeSystem = sys.close;
}

const runtime = await launchWorkflowRuntime({
  systemDatabase,
  executorId: 'crash-worker',
  workflows: [counterWorkflow],
  timeline: createWorkflowRunsRepo(app.db),
  clock: systemClock,
  ids: randomIds,
  onBoundary: (stepId, phase) => {
    if (killAt === `${phase}:${stepId}`) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`LAUNCHED ${Math.round(performance.now() - t0)}\n`);

const handle = await runtime.start(counterWorkflow, env.CRASH_WORKFLOW_ID!, { counterUrl: env.COUNTER_URL!, steps: Number(env.CRASH_STEPS ?? '3') });
const result = await handle.result();
process.stdout.write(`DONE ${JSON.stringify({ result, ms: Math.round(performance.now() - t0), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`);
await runtime.shutdown();
await closeSystem();
await app.close();
process.exit(0);
