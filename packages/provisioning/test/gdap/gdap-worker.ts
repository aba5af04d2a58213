/**
 * A worker process for the GDAP crash test (spawned like the other crash workers): wires the
 * "request GDAP from a template" run like the server (database, DBOS journal in its own PGlite
 * folder, the Partner Center client at GW_PC_ORIGIN), starts the run for the row GW_ROW_ID and prints
 * `DONE <result>`. GW_KILL_AT=`after:<step>` or `before:<step>` SIGKILLs the process at that boundary.
 */
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- test composition root
import { createGdapRepo, createOutboxRepo, createWorkflowRunsRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { createNotifier, createOutboxTransport } from '@csphub/notifications';
import { createRequestGdapWorkflow, launchWorkflowRuntime, randomIds, requestGdapRunId, systemClock, type RequestGdapFromTemplateInput, type WorkflowDefinition } from '../../src/index';
import { LATAM, wireNewTenantPorts } from '../new-tenant/new-tenant-wiring';

const env = process.env;
const killAt = env.GW_KILL_AT ?? '';
const app = await openDatabase({ kind: 'pglite', dataDir: path.join(env.GW_DATA_DIR!, 'app') });
const sys = await openWorkflowSystemPool({ dataDir: path.join(env.GW_DATA_DIR!, 'workflows') });
const box = wireNewTenantPorts(app.db, env.GW_PC_ORIGIN!).box;
const notifier = createNotifier({ transport: createOutboxTransport(createOutboxRepo(app.db, box)), from: 'CSP Hub <no-reply@csphub.local>' });
const client = createPartnerCenterClient({
  retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
  connection: { id: 'latam', name: LATAM.name, type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints(env.GW_PC_ORIGIN!) },
});
const workflow = createRequestGdapWorkflow({ partnerCenter: async () => client, relationships: createGdapRepo(app.db), notifier: { send: (m) => notifier.send(m) }, pollDelayMs: () => 300 });
const runtime = await launchWorkflowRuntime({
  systemDatabase: { kind: 'pool', pool: sys.pool },
  executorId: env.GW_EXECUTOR_ID ?? 'gdap-worker',
  workflows: [workflow as WorkflowDefinition<never, unknown>],
  timeline: createWorkflowRunsRepo(app.db),
  clock: systemClock,
  ids: randomIds,
  onBoundary: (stepId, phase) => {
    if (killAt === `${phase}:${stepId}`) process.kill(process.pid, 'SIGKILL');
  },
});
const input = JSON.parse(env.GW_INPUT!) as RequestGdapFromTemplateInput;
const handle = await runtime.start(workflow, requestGdapRunId(input.rowId), input);
const result = await handle.result();
process.stdout.write(`DONE ${JSON.stringify({ result, row: await createGdapRepo(app.db).getRelationship(input.rowId) })}\n`);
await runtime.shutdown();
await sys.close();
await app.close();
process.exit(0);
