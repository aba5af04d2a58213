import path from 'node:path';
import type { Config } from '@csphub/config';
import { createWorkersRepo, createWorkflowRunsRepo, openWorkflowSystemPool, type Database } from '@csphub/db';
import {
  launchWorkflowRuntime,
  randomIds,
  resolveWorkerId,
  startRunRetention,
  startWorkerSweeper,
  systemClock,
  type ScheduleSpec,
  type SystemDatabase,
  type WorkflowDefinition,
  type WorkerSweeper,
  type WorkerSweeperEvent,
  type WorkflowRuntime,
} from '@csphub/provisioning';

/** How often old housekeeping runs are looked for. */
const RETENTION_EVERY_MS = 3_600_000;

/** The launched runtime (hand it to the wiring's `starters`) and how to stop it. */
export interface LaunchedWorkflows {
  runtime: WorkflowRuntime;
  shutdown(): Promise<void>;
}

/**
 * Launches the process's one DBOS runtime (DBOS is process-wide) with every workflow this server
 * runs (`workflows`, wired to the server's adapters in `workflows/wiring.ts`); pending runs of this
 * worker resume at once. Embedded mode keeps DBOS's journal in its own PGlite folder, PostgreSQL
 * mode in the app database (docs/decisions/0005).
 *
 * PostgreSQL mode may run several workers: this one records its heartbeat before DBOS launches
 * (waiting if a live worker is taking over its old runs at that moment), then every heartbeat
 * period records it again and takes over the runs of workers silent for longer than the grace
 * period (docs/decisions/0006). Embedded mode is one process, so there is nobody to sweep.
 */
export async function launchWorkflows(opts: {
  config: Config;
  db: Database;
  /** Every workflow definition of the process, registered before launch. */
  workflows: WorkflowDefinition<never, unknown>[];
  /** The process's scheduled workflows (the customer sync), applied once DBOS is launched. */
  schedules?: ScheduleSpec[];
  /** Warnings from the engine's plumbing (a stalled system-database connection, decision 0005). */
  logger?: { warn: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void } | undefined;
  /** CSPHUB_WORKER_ID, when set: the DBOS executor id (else one kept in the data folder). */
  workerId?: string | undefined;
  /** Workflows whose succeeded runs are deleted once older than `config.syncRunRetentionMs`, checked hourly. */
  housekeeping?: string[];
}): Promise<LaunchedWorkflows> {
  const { config, db } = opts;
  let systemDatabase: SystemDatabase;
  let closeSystem = async () => {};
  if (config.database.kind === 'postgres') {
    systemDatabase = { kind: 'url', url: config.database.url };
  } else {
    const sys = await openWorkflowSystemPool({
      dataDir: path.join(config.dataDir, 'workflows'),
      onStall: (stall) => opts.logger?.warn(stall, 'the workflow system database connection is held for long; durable-run calls (retry, status) wait behind it'),
    });
    systemDatabase = { kind: 'pool', pool: sys.pool };
    closeSystem = sys.close;
  }
  const executorId = resolveWorkerId({ configured: opts.workerId, dataDir: config.dataDir });
  const registry = config.database.kind === 'postgres' ? createWorkersRepo(db) : undefined;
  if (registry) {
    const { wasClaimedBy } = await registry.beat(executorId);
    if (wasClaimedBy) opts.logger?.info?.({ workerId: executorId, claimedBy: wasClaimedBy }, 'this worker was presumed dead; its pending runs were taken over by another worker');
  }
  const timeline = createWorkflowRunsRepo(db);
  const runtime = await launchWorkflowRuntime({
    systemDatabase,
    executorId,
    workflows: opts.workflows,
    ...(opts.schedules ? { schedules: opts.schedules } : {}),
    timeline,
    clock: systemClock,
    ids: randomIds,
  });
  const retention = opts.housekeeping?.length
    ? startRunRetention({
        workflowNames: opts.housekeeping,
        keepMs: config.syncRunRetentionMs,
        everyMs: RETENTION_EVERY_MS,
        store: timeline,
        clock: systemClock,
        onSwept: (deleted) => opts.logger?.info?.({ deleted }, 'deleted the journal of old housekeeping runs'),
        onError: (err) => opts.logger?.warn({ err }, 'deleting the journal of old housekeeping runs failed; trying again next hour'),
      })
    : undefined;
  let sweeper: WorkerSweeper | undefined;
  if (registry) {
    sweeper = startWorkerSweeper({
      registry,
      workerId: executorId,
      resumeRunsOf: (dead) => runtime.resumeRunsOf(dead),
      ...config.workerSweeper,
      onEvent: (e) => logSweeperEvent(opts.logger, executorId, e),
    });
  }
  return {
    runtime,
    async shutdown() {
      // Stop sweeping first: a stopping worker must not take over runs it is about to abandon.
      await sweeper?.stop().catch(() => undefined);
      await retention?.stop();
      await runtime.shutdown({ waitMs: 2000 }).catch(() => undefined);
      await closeSystem().catch(() => undefined);
    },
  };
}

function logSweeperEvent(logger: { warn: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void } | undefined, workerId: string, e: WorkerSweeperEvent): void {
  if (e.kind === 'claimed') {
    logger?.info?.({ workerId, deadWorkerId: e.deadWorkerId, resumedRuns: e.resumedRuns }, 'took over the pending runs of a worker silent for longer than the grace period');
  } else if (e.kind === 'was-claimed') {
    logger?.warn({ workerId, claimedBy: e.claimedBy }, 'this worker missed heartbeats for longer than the grace period; its pending runs were taken over by another worker');
  } else {
    logger?.warn({ workerId, during: e.during, err: e.error }, 'worker heartbeat or sweep failed; retrying next period');
  }
}
