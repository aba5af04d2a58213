/**
 * A worker process for the order crash tests, spawned with `node --import tsx`. It wires the
 * place-order workflow as the server does (DBOS on an embedded PGlite folder, the timeline repo,
 * the real Partner Center client against the emulator), starts one order and prints `DONE <result>`.
 * With ORDER_KILL_AT=`before:<step>` / `after:<step>` it SIGKILLs itself at that step boundary;
 * with `mid:<step>:<ms>` it dies that long after the step started (its call still in flight).
 *
 * The order row and notifications go to JSON-lines files in the data folder: the test reads what
 * the workflow wrote without a second process opening the database.
 *
 * Env: ORDER_DATA_DIR, EMULATOR_URL, ORDER_ID, ORDER_REFERENCE, CUSTOMER_TENANT_ID,
 * RESELLER_PARTNER_ID, CATALOG_ITEM_ID, ORDER_QUANTITY, ORDER_KILL_AT; ORDER_LINES (a JSON array of
 * `{ catalogItemId, quantity, name }`) places a cart of several lines instead of the one line.
 */
import fs from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- test composition root: wires the real db adapters as the server does
import { createWorkflowRunsRepo, openDatabase, openWorkflowSystemPool } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createPlaceOrderWorkflow, launchWorkflowRuntime, randomIds, systemClock, type OrderNotificationRequest, type OrderProgress } from '../../src/index';

const env = process.env;
const dataDir = env.ORDER_DATA_DIR!;
const killAt = env.ORDER_KILL_AT ?? '';

const partner = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const client = createPartnerCenterClient({
  connection: {
    id: 'emulator-latam',
    name: 'LATAM (emulator)',
    type: 'indirect-provider',
    tenantId: partner.tenantId,
    appId: partner.app.appId,
    appSecret: partner.app.appSecret,
    refreshToken: partner.user.refreshToken,
    ...emulatorEndpoints(env.EMULATOR_URL!),
  },
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
});

const appendJson = (file: string, value: unknown) => fs.appendFileSync(path.join(dataDir, file), JSON.stringify(value) + '\n');
const sentKeys = new Set<string>();

const app = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'app') });
const sys = await openWorkflowSystemPool({ dataDir: path.join(dataDir, 'workflows') });
const workflow = createPlaceOrderWorkflow({
  partnerCenterFor: () => client,
  orders: { saveProgress: async (orderId: string, progress: OrderProgress) => appendJson('progress.jsonl', { orderId, ...progress }) },
  notifications: {
    send: async (req: OrderNotificationRequest) => {
      if (!sentKeys.has(req.dedupeKey)) appendJson('notifications.jsonl', req);
      sentKeys.add(req.dedupeKey);
      return { id: req.dedupeKey };
    },
  },
  pollIntervalMs: 300,
  maxWaitMs: 60_000,
});

const runtime = await launchWorkflowRuntime({
  systemDatabase: { kind: 'pool', pool: sys.pool },
  executorId: 'order-worker',
  workflows: [workflow],
  timeline: createWorkflowRunsRepo(app.db),
  clock: systemClock,
  ids: randomIds,
  onBoundary: (stepId, phase) => {
    if (killAt === `${phase}:${stepId}`) process.kill(process.pid, 'SIGKILL');
    const mid = /^mid:([a-z-]+):(\d+)$/.exec(killAt);
    if (mid && phase === 'before' && mid[1] === stepId) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(mid[2]));
  },
});
process.stdout.write('LAUNCHED 1\n');

const orderId = env.ORDER_ID!;
const cartLines = env.ORDER_LINES
  ? (JSON.parse(env.ORDER_LINES) as { catalogItemId: string; quantity: number; name: string }[])
  : [{ catalogItemId: env.CATALOG_ITEM_ID!, quantity: Number(env.ORDER_QUANTITY ?? '10'), name: 'Business Basic' }];
const handle = await runtime.start(workflow, `place-order:${orderId}`, {
  orderId,
  reference: env.ORDER_REFERENCE!,
  connectionId: 'emulator-latam',
  customerTenantId: env.CUSTOMER_TENANT_ID!,
  lines: cartLines.map((l) => ({
    catalogItemId: l.catalogItemId,
    quantity: l.quantity,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    friendlyName: `${l.name} ${env.ORDER_REFERENCE!}`,
    resellerPartnerId: env.RESELLER_PARTNER_ID!,
  })),
  notify: { to: ['reseller@example.com'], language: 'en', recipientName: 'Reseller', companyName: 'Wingtip Toys', orderUrl: 'http://localhost/orders' },
});
const result = await handle.result();
process.stdout.write(`DONE ${JSON.stringify(result)}\n`);
await runtime.shutdown();
await sys.close();
await app.close();
process.exit(0);
