/**
 * A worker process for webhook-outbox-crash.test.ts, killed with SIGKILL by the test:
 * - `WEBHOOK_WORKER_STEP=change`: saves the order as fulfilled (its transaction publishes
 *   order.fulfilled into the outbox), prints `CHANGED`, and waits to be killed before any
 *   dispatcher looked;
 * - `WEBHOOK_WORKER_STEP=send`: runs one dispatcher pass; the test's receiver takes the delivery and
 *   never answers, so the process is killed before it could record the attempt.
 */
import { createOrdersRepo, createSecretBox, openDatabase } from '@csphub/db';
import { systemClock } from '@csphub/domain';
import { createWebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';

const dataDir = process.env.WEBHOOK_DATA_DIR!;
const step = process.env.WEBHOOK_WORKER_STEP;
const orderId = process.env.WEBHOOK_ORDER_ID!;
const secretKey = Buffer.from(process.env.WEBHOOK_SECRET_KEY!, 'hex');

const db = await openDatabase({ kind: 'pglite', dataDir });
// Kept alive until killed.
setInterval(() => undefined, 60_000);
if (step === 'change') {
  await createOrdersRepo(db.db).saveProgress(orderId, { status: 'fulfilled', microsoftOrderIds: ['ms-1'], subscriptionIds: ['s-1'], at: systemClock.now() });
  console.log('CHANGED');
} else if (step === 'send') {
  const dispatcher = createWebhookDispatcher({
    db: db.db,
    box: createSecretBox(secretKey),
    clock: systemClock,
    policy: { allowLoopback: true, allowPrivateTargets: false },
    notifier: { send: async () => ({ id: '1' }) },
    publicUrl: 'http://localhost:3000',
  });
  console.log('SENDING');
  await dispatcher.tick();
  console.log('TICK-ENDED');
}
