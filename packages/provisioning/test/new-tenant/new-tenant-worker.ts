/**
 * A worker process for the new-tenant crash tests (spawned with `node --import tsx`): wires the run
 * like the server (database, DBOS system database per NT_LAYOUT, Partner Center client at
 * NT_PC_ORIGIN), submits the wizard's input and prints `DONE <result>`. NT_KILL_AT=`after:<step>` or
 * `before:<step>` SIGKILLs the process at that step boundary. NT_ADMIN_USERNAME and
 * NT_REQUIRE_PASSWORD_CHANGE (`true`/`false`) are the wizard's administrator choices; the report
 * says whether the delivered password signs that administrator in (checked here, where the outbox
 * is readable, so the password never leaves this process).
 */
import path from 'node:path';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
// eslint-disable-next-line no-restricted-imports -- test composition root
import { createOutboxRepo, createPendingCredentialsRepo, createProvisioningAccountsRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { launchWorkflowRuntime, provisionTenantRunId, randomIds, submitNewTenantRun, systemClock, type SystemDatabase, type WorkflowDefinition } from '../../src/index';
import { newTenantWorkflow, timelineOf, wireNewTenantPorts, wizardInput } from './new-tenant-wiring';

const env = process.env;
const layout = env.NT_LAYOUT ?? 'pglite-folder';
const killAt = env.NT_KILL_AT ?? '';
const app = await openDatabase(layout === 'postgres' ? { kind: 'postgres', url: env.DATABASE_URL! } : { kind: 'pglite', dataDir: path.join(env.NT_DATA_DIR!, 'app') });
let systemDatabase: SystemDatabase;
let closeSystem = async () => {};
if (layout === 'postgres') systemDatabase = { kind: 'url', url: env.DATABASE_URL! };
else {
  const sys = await openWorkflowSystemPool({ dataDir: path.join(env.NT_DATA_DIR!, 'workflows') });
  systemDatabase = { kind: 'pool', pool: sys.pool };
  closeSystem = sys.close;
}
const ports = wireNewTenantPorts(app.db, env.NT_PC_ORIGIN!, { fastRetries: true });
const workflow = newTenantWorkflow(ports);
const runtime = await launchWorkflowRuntime({
  systemDatabase,
  // Unique per scenario: concurrent workers sharing one PostgreSQL must not recover each other's runs.
  executorId: env.NT_EXECUTOR_ID ?? 'new-tenant-worker',
  workflows: [workflow as WorkflowDefinition<never, unknown>],
  timeline: timelineOf(app.db),
  clock: systemClock,
  ids: randomIds,
  onBoundary: (stepId, phase) => {
    if (killAt === `${phase}:${stepId}`) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('LAUNCHED 1\n');
const input = wizardInput(Number(env.NT_COMPANY_ID), env.NT_CONNECTION_ID!, env.NT_PREFIX!, {
  ...(env.NT_ADMIN_USERNAME ? { adminUsername: env.NT_ADMIN_USERNAME } : {}),
  ...(env.NT_REQUIRE_PASSWORD_CHANGE ? { requirePasswordChange: env.NT_REQUIRE_PASSWORD_CHANGE === 'true' } : {}),
});
const { handle } = await submitNewTenantRun(runtime, workflow, input);
const result = await handle.result();
// What the account side looks like now, read through the real repositories (the parent cannot open
// an embedded folder while this process holds it).
const companyId = Number(env.NT_COMPANY_ID);
const runId = provisionTenantRunId(companyId, env.NT_CONNECTION_ID!);
const accounts = createProvisioningAccountsRepo(app.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) });
const outbox = createOutboxRepo(app.db, ports.box);
const messages = await outbox.list({ subjectId: String(companyId) });
const signInName = `${env.NT_ADMIN_USERNAME ?? 'admin'}@${env.NT_PREFIX!}.onmicrosoft.com`;
/** Signs in as the administrator with the welcome message's one-time password (through the emulator's control plane). */
async function adminSignIn() {
  const welcome = messages.find((m) => m.template === 'welcome');
  if (!welcome || !result.tenantId) return null;
  const password = (await outbox.revealSecrets(welcome.id))?.temporaryPassword ?? '';
  const answer = await createEmulatorControl(env.NT_PC_ORIGIN!).signIn(result.tenantId, { userPrincipalName: signInName, password });
  return { signInName, welcomeNamesIt: welcome.text.includes(signInName), ...answer };
}
const attemptsOf = async (stepId: string) =>
  (await timelineOf(app.db).listAttempts(runId)).filter((a) => a.stepId === stepId).map((a) => ({ state: a.state, requestId: a.requestId }));
const report = {
  result,
  sync: await accounts.getSync(companyId, env.NT_CONNECTION_ID!),
  welcome: messages.filter((m) => m.template === 'welcome').map((m) => ({ hasSecret: m.hasSecret })),
  completed: messages.filter((m) => m.template === 'provisioning-completed').length,
  vault: (await createPendingCredentialsRepo(app.db, ports.box).raw(runId)) ?? null,
  run: (await timelineOf(app.db).getRun(runId)) ?? null,
  createAttempts: await attemptsOf('create-customer'),
  adminAttempts: await attemptsOf('set-up-admin'),
  adminSignIn: await adminSignIn(),
};
process.stdout.write(`DONE ${JSON.stringify(report)}\n`);
await runtime.shutdown();
await closeSystem();
await app.close();
process.exit(0);
