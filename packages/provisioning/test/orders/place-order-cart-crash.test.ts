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
 * A cart of several lines (products, seats) is one Partner Center cart checked out once: whether the
 * worker dies before the checkout, right after it or with the call in flight, the restarted worker
 * finishes, and the emulator holds one cart and one order carrying every line, never two.
 */
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const CART = [
  { catalogItemId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0LDPBAV01', quantity: 4, name: 'Business Standard' },
  { catalogItemId: 'CFQ7TTC0LH16:0001:CFQ7TTC0LH16AV01', quantity: 7, name: 'Exchange Online (Plan 1)' },
  { catalogItemId: 'CFQ7TTC0LKM9:0001:CFQ7TTC0LKM9AV01', quantity: 2, name: 'Defender for Business' },
];

describe('a multi-line cart is placed once whatever the crash (emulator)', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let dataDir = '';

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tickIntervalMs: 200 });
    control = createEmulatorControl(emulator.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-cart-crash-'));
    await control.updateSettings({ orderFulfilmentDelaySeconds: 1 });
    await control.setDirectSignedMca(wingtip.tenantId, { isSigned: true });
  });
  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const envFor = (orderId: string, killAt = '') => ({
    ORDER_DATA_DIR: dataDir,
    EMULATOR_URL: emulator.url,
    ORDER_ID: orderId,
    ORDER_REFERENCE: orderReferenceOf(orderId),
    CUSTOMER_TENANT_ID: wingtip.tenantId,
    RESELLER_PARTNER_ID: adatum.partnerId,
    ORDER_LINES: JSON.stringify(CART),
    ORDER_KILL_AT: killAt,
  });
  // The emulator's carts are counted (its state view lists orders, not carts); the tests run one at a time.
  const withReference = async (reference: string) => {
    const state = await control.state();
    return { orders: state.orders.filter((o) => o.lines.some((l) => l.friendlyName?.includes(reference))), carts: state.totals.carts };
  };
  const checkoutCalls = async () => (await control.calls()).calls.filter((c) => c.operation === 'carts.checkout').length;

  async function finish(orderId: string) {
    const worker = spawnWorker('../orders/order-worker.ts', envFor(orderId));
    const result = JSON.parse(await worker.waitFor('DONE', 90_000)) as { status: string; microsoftOrderIds: string[]; subscriptionIds: string[] };
    expect((await worker.exited).code).toBe(0);
    return result;
  }

  async function expectOneOrderOfThreeLines(orderId: string, cartsBefore: number, result: Awaited<ReturnType<typeof finish>>) {
    expect(result.status, JSON.stringify(result)).toBe('fulfilled');
    const { orders, carts } = await withReference(orderReferenceOf(orderId));
    expect(carts - cartsBefore).toBe(1);
    expect(orders).toHaveLength(1);
    expect(result.microsoftOrderIds).toEqual([orders[0]!.id]);
    expect(orders[0]!.lines.map((l) => [l.offerId, l.quantity])).toEqual(CART.map((l) => [l.catalogItemId, l.quantity]));
    expect(new Set(result.subscriptionIds).size).toBe(3);
  }

  it('places the three lines as one cart and one order, three subscriptions', async () => {
    const orderId = randomUUID();
    const cartsBefore = (await control.state()).totals.carts;
    await expectOneOrderOfThreeLines(orderId, cartsBefore, await finish(orderId));
  });

  it.each(['before:order-checkout', 'after:order-checkout'])('killed at %s and restarted: one cart, one order', async (killAt) => {
    const orderId = randomUUID();
    const cartsBefore = (await control.state()).totals.carts;
    const first = spawnWorker('../orders/order-worker.ts', envFor(orderId, killAt));
    expect((await first.exited).signal, first.output()).toBe('SIGKILL');
    await expectOneOrderOfThreeLines(orderId, cartsBefore, await finish(orderId));
  });

  it('killed with the checkout call in flight: the restart finds the order instead of placing a second', async () => {
    const orderId = randomUUID();
    const cartsBefore = (await control.state()).totals.carts;
    const before = await checkoutCalls();
    await control.injectFault({ route: 'POST /v1/customers/:id/carts/:cartId/checkout', delayMs: 2500, count: 1 });
    const first = spawnWorker('../orders/order-worker.ts', envFor(orderId, 'mid:order-checkout:1000'));
    expect((await first.exited).signal, first.output()).toBe('SIGKILL');
    for (let i = 0; i < 100 && (await checkoutCalls()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await withReference(orderReferenceOf(orderId))).orders).toHaveLength(1);
    await expectOneOrderOfThreeLines(orderId, cartsBefore, await finish(orderId));
  });
});
