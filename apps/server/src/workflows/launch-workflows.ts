import path from 'node:path';
import type { Config } from '@csphub/config';
import { createPendingCredentialsRepo, createProvisioningAccountsRepo, createRepos, createWorkersRepo, createWorkflowRunsRepo, openWorkflowSystemPool, type Database, type SecretBox } from '@csphub/db';
import {
  createProvisionTenantWorkflow,
  launchWorkflowRuntime,
  randomIds,
  resolveWorkerId,
  retryNewTenantRun,
  startWorkerSweeper,
  submitNewTenantRun,
  systemClock,
  type NewTenantPartnerCenter,
  type SystemDatabase,
  type WorkflowDefinition,
  type WorkerSweeper,
  type WorkerSweeperEvent,
  type WorkflowRuntime,
} from '@csphub/provisioning';
import type { Notifier } from '@csphub/notifications';
import { readPolicy } from '../channel/policy';
import { createLinkExistingTenantWiring } from '../onboarding/link-existing-tenant-wiring';
import type { OnboardingRuns } from '../onboarding/onboarding-runs';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';

/** The launched runtime and what createApp needs to start runs. */
export interface LaunchedWorkflows {
  runtime: WorkflowRuntime;
  onboarding: Required<Pick<OnboardingRuns, 'startLinkExistingTenant' | 'startNewTenant' | 'retryNewTenant'>>;
  shutdown(): Promise<void>;
}

/**
 * Launches the process's one DBOS runtime (DBOS is process-wide) with every workflow this server
 * runs, after wiring them to the server's adapters; pending runs of this worker resume at once.
 * Embedded mode keeps DBOS's journal in its own PGlite folder, PostgreSQL mode in the app database
 * (docs/decisions/0005). Other features add their workflow definitions to `extra`.
 *
 * PostgreSQL mode may run several workers: this one records its heartbeat before DBOS launches
 * (waiting if a live worker is taking over its old runs at that moment), then every heartbeat
 * period records it again and takes over the runs of workers silent for longer than the grace
 * period (docs/decisions/0006). Embedded mode is one process, so there is nobody to sweep.
 */
export async function launchWorkflows(opts: {
  config: Config;
  db: Database;
  box: SecretBox;
  clients: PartnerCenterClients;
  notifier: Notifier;
  /** Warnings from the engine's plumbing (a stalled system-database connection, decision 0005). */
  logger?: { warn: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void } | undefined;
  /** CSPHUB_WORKER_ID, when set: the DBOS executor id (else one kept in the data folder). */
  workerId?: string | undefined;
  extra?: WorkflowDefinition<never, unknown>[];
}): Promise<LaunchedWorkflows> {
  const { config, db, box } = opts;
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
  const policy = () => readPolicy(createRepos(db, box));
  const newTenant = createProvisionTenantWorkflow({
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: NewTenantPartnerCenter = client;
      return port;
    },
    accounts: createProvisioningAccountsRepo(db, { policy }),
    vault: createPendingCredentialsRepo(db, box),
    notifier: { send: (m) => opts.notifier.send(m) },
  });
  const link = createLinkExistingTenantWiring({ db, clients: opts.clients, notifier: opts.notifier, policy });
  const executorId = resolveWorkerId({ configured: opts.workerId, dataDir: config.dataDir });
  const registry = config.database.kind === 'postgres' ? createWorkersRepo(db) : undefined;
  if (registry) {
    const { wasClaimedBy } = await registry.beat(executorId);
    if (wasClaimedBy) opts.logger?.info?.({ workerId: executorId, claimedBy: wasClaimedBy }, 'this worker was presumed dead; its pending runs were taken over by another worker');
  }
  const runtime = await launchWorkflowRuntime({
    systemDatabase,
    executorId,
    workflows: [newTenant as WorkflowDefinition<never, unknown>, link.workflow as WorkflowDefinition<never, unknown>, ...(opts.extra ?? [])],
    timeline: createWorkflowRunsRepo(db),
    clock: systemClock,
    ids: randomIds,
  });
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
    onboarding: {
      startLinkExistingTenant: link.starter(runtime),
      startNewTenant: async (input) => {
        const { runId, outcome } = await submitNewTenantRun(runtime, newTenant, input);
        return { runId, outcome };
      },
      retryNewTenant: (runId, patch) => retryNewTenantRun(runtime, runId, patch),
    },
    async shutdown() {
      // Stop sweeping first: a stopping worker must not take over runs it is about to abandon.
      await sweeper?.stop().catch(() => undefined);
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
