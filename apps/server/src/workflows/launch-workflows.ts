import path from 'node:path';
import type { Config } from '@csphub/config';
import { createPendingCredentialsRepo, createProvisioningAccountsRepo, createRepos, createWorkflowRunsRepo, openWorkflowSystemPool, type Database, type SecretBox } from '@csphub/db';
import {
  createProvisionTenantWorkflow,
  launchWorkflowRuntime,
  randomIds,
  resolveWorkerId,
  retryNewTenantRun,
  submitNewTenantRun,
  systemClock,
  type NewTenantPartnerCenter,
  type SystemDatabase,
  type WorkflowDefinition,
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
 */
export async function launchWorkflows(opts: {
  config: Config;
  db: Database;
  box: SecretBox;
  clients: PartnerCenterClients;
  notifier: Notifier;
  /** Warnings from the engine's plumbing (a stalled system-database connection, decision 0005). */
  logger?: { warn: (obj: object, msg: string) => void } | undefined;
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
  const runtime = await launchWorkflowRuntime({
    systemDatabase,
    executorId: resolveWorkerId({ configured: opts.workerId, dataDir: config.dataDir }),
    workflows: [newTenant as WorkflowDefinition<never, unknown>, link.workflow as WorkflowDefinition<never, unknown>, ...(opts.extra ?? [])],
    timeline: createWorkflowRunsRepo(db),
    clock: systemClock,
    ids: randomIds,
  });
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
      await runtime.shutdown({ waitMs: 2000 }).catch(() => undefined);
      await closeSystem().catch(() => undefined);
    },
  };
}
