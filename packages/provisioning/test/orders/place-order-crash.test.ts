import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderReferenceOf } from '@csphub/domain';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl, type EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { spawnWorker } from '../crash/spawn-worker';

/**
 * The order workflow in a worker process against the emulator: it follows an order to fulfilled,
 * rides out transient faults without ordering twice, and stops before any cart without an MCA. The
 * kills at the checkout are place-order-cart-crash.test.ts's; a crash while waiting for fulfilment
 * is recovered by replay (place-order-replay.test.ts).
 */
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const BUSINESS_BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';

describe('place-order workflow survives crashes and faults (emulator)', () => {
  let emulator: RunningEmulator;
  let dataDir = '';

  let control: EmulatorControl;
  const ordersWith = async (reference: string) => {
    const state = await control.state();
    return state.orders.filter((o) => o.lines.some((l) => l.friendlyName?.includes(reference)));
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tickIntervalMs: 200 });
    control = createEmulatorControl(emulator.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-order-crash-'));
    await control.updateSettings({ orderFulfilmentDelaySeconds: 1 });
    await control.setDirectSignedMca(wingtip.tenantId, { isSigned: true });
  });
  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const envFor = (orderId: string, killAt = '', tenantId = wingtip.tenantId) => ({
    ORDER_DATA_DIR: dataDir,
    EMULATOR_URL: emulator.url,
    ORDER_ID: orderId,
    ORDER_REFERENCE: orderReferenceOf(orderId),
    CUSTOMER_TENANT_ID: tenantId,
    RESELLER_PARTNER_ID: adatum.partnerId,
    CATALOG_ITEM_ID: BUSINESS_BASIC,
    ORDER_QUANTITY: '10',
    ORDER_KILL_AT: killAt,
  });

  async function finish(orderId: string, tenantId?: string) {
    const worker = spawnWorker('../orders/order-worker.ts', envFor(orderId, '', tenantId));
    const result = JSON.parse(await worker.waitFor('DONE', 90_000)) as { status: string; microsoftOrderIds: string[]; subscriptionIds: string[]; errorCode?: string; errorMessage?: string };
    expect((await worker.exited).code).toBe(0);
    return result;
  }
  const progressOf = (orderId: string) =>
    fs
      .readFileSync(path.join(dataDir, 'progress.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { orderId: string; status: string })
      .filter((p) => p.orderId === orderId);
  const notificationsOf = (orderId: string) =>
    (fs.existsSync(path.join(dataDir, 'notifications.jsonl')) ? fs.readFileSync(path.join(dataDir, 'notifications.jsonl'), 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { template: string; subjectId: string })
      .filter((n) => n.subjectId === orderId);

  async function expectOneFulfilledOrder(orderId: string, result: Awaited<ReturnType<typeof finish>>) {
    expect(result.status, JSON.stringify(result)).toBe('fulfilled');
    const inEmulator = await ordersWith(orderReferenceOf(orderId));
    expect(inEmulator).toHaveLength(1);
    expect(result.microsoftOrderIds).toEqual([inEmulator[0]!.id]);
    expect(result.subscriptionIds).toHaveLength(1);
    expect(inEmulator[0]!.lines[0]!.quantity).toBe(10);
  }

  it('places the order and follows it from in progress to fulfilled, with the subscription attached', async () => {
    const orderId = randomUUID();
    const result = await finish(orderId);
    await expectOneFulfilledOrder(orderId, result);
    const statuses = progressOf(orderId).map((p) => p.status);
    expect(statuses[0]).toBe('submitted');
    expect(statuses).toContain('in_progress');
    expect(statuses.at(-1)).toBe('fulfilled');
    expect(notificationsOf(orderId).map((n) => n.template)).toEqual(['order-fulfilled']);
  });

  // The checkout cannot be undone: its boundaries (before, after, and with the call in flight) are
  // killed for real in place-order-cart-crash.test.ts, on a cart of three lines, which this
  // workflow places the same way as one line. The cart and the status reads are crashed in one
  // process and recovered by replay in place-order-replay.test.ts.

  it('rides out 429s and 5xx on the cart and the checkout without ordering twice', async () => {
    const orderId = randomUUID();
    await control.injectFault({ route: 'POST /v1/customers/:id/carts', status: 429, retryAfterSeconds: 1, count: 1 });
    await control.injectFault({ route: 'POST /v1/customers/:id/carts/:cartId/checkout', status: 503, count: 2 });
    const result = await finish(orderId);
    await expectOneFulfilledOrder(orderId, result);
  });

  it('stops before any cart when the customer has no MCA: a fixable message, not a failed order', async () => {
    const orderId = randomUUID();
    const cartsBefore = (await control.calls()).calls.filter((c) => c.operation === 'carts.create').length;
    await control.setDirectSignedMca(wingtip.tenantId, { isSigned: false });
    try {
      const result = await finish(orderId);
      expect(result.status).toBe('needs_attention');
      expect(result.errorCode).toBe('MCA_MISSING');
      expect(result.errorMessage).toMatch(/Microsoft Customer Agreement.*submit the order again/);
    } finally {
      await control.setDirectSignedMca(wingtip.tenantId, { isSigned: true });
    }
    const cartsAfter = (await control.calls()).calls.filter((c) => c.operation === 'carts.create').length;
    expect(cartsAfter).toBe(cartsBefore);
    expect(await ordersWith(orderReferenceOf(orderId))).toHaveLength(0);
    expect(notificationsOf(orderId)).toEqual([]);
  });
});
