/**
 * A worker process for the existing-tenant crash tests (spawned with `node --import tsx`): wires the
 * link run like the server (database, DBOS journal in its own PGlite folder, the Partner Center
 * client at LT_PC_ORIGIN), starts the run for LT_COMPANY_ID and prints `DONE <report>`.
 * LT_KILL_AT=`after:<step>` or `before:<step>` SIGKILLs the process at that step boundary.
 */
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- test composition root
import { createOutboxRepo, createProvisioningAccountsRepo, createWorkflowRunsRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { createLinkExistingTenantWorkflow, launchWorkflowRuntime, linkExistingTenantRunId, randomIds, systemClock, type LinkExistingTenantInput, type WorkflowDefinition } from '../../src/index';
import { wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';

const env = process.env;
const killAt = env.LT_KILL_AT ?? '';
const app = await openDatabase({ kind: 'pglite', dataDir: path.join(env.LT_DATA_DIR!, 'app') });
const sys = await openWorkflowSystemPool({ dataDir: path.join(env.LT_DATA_DIR!, 'workflows') });
const shared = wireNewTenantPorts(app.db, env.LT_PC_ORIGIN!, { fastRetries: true });
const accounts = createProvisioningAccountsRepo(app.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });
const workflow = createLinkExistingTenantWorkflow({
  accounts,
  partnerCenter: (id) => shared.partnerCenter(id),
  notifier: { send: async (m) => void (await shared.notifier.send(m)) },
});
const runtime = await launchWorkflowRuntime({
  systemDatabase: { kind: 'pool', pool: sys.pool },
  executorId: env.LT_EXECUTOR_ID ?? 'link-worker',
  workflows: [workflow as WorkflowDefinition<never, unknown>],
  timeline: createWorkflowRunsRepo(app.db),
  clock: systemClock,
  ids: randomIds,
  onBoundary: (stepId, phase) => {
    if (killAt === `${phase}:${stepId}`) process.kill(process.pid, 'SIGKILL');
  },
});
const companyId = Number(env.LT_COMPANY_ID);
const input: LinkExistingTenantInput = {
  companyId,
  companyName: `Customer ${companyId}`,
  connectionId: env.LT_CONNECTION_ID!,
  authorizationId: `auth-${companyId}`,
  tenantId: env.LT_TENANT_ID!,
  defaultDomain: env.LT_DOMAIN!,
  resellerPartnerId: '6100001',
  attestation: { firstName: 'Mateo', lastName: 'García', email: env.LT_SIGNER!, acceptedAt: '2026-11-01T00:00:00.000Z' },
  requestGdap: true,
  notify: { name: 'Operator', email: 'operator@contoso-distribution.example', language: 'es' },
  accountUrl: `http://localhost:3000/companies/${companyId}`,
};
const runId = linkExistingTenantRunId(input);
const handle = await runtime.start(workflow, runId, input);
const result = await handle.result();
const runs = createWorkflowRunsRepo(app.db);
const report = {
  result,
  sync: await accounts.getSync(companyId, input.connectionId),
  completed: (await createOutboxRepo(app.db, shared.box).list({ subjectId: String(companyId) })).filter((m) => m.template === 'provisioning-completed').length,
  run: (await runs.getRun(runId)) ?? null,
  mcaAttempts: (await runs.listAttempts(runId)).filter((a) => a.stepId === 'confirm-mca').map((a) => a.state),
};
process.stdout.write(`DONE ${JSON.stringify(report)}\n`);
await runtime.shutdown();
await sys.close();
await app.close();
process.exit(0);
