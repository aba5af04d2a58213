import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test composition root: the timeline and DBOS's embedded system database
import { createWorkflowRunsRepo } from '@csphub/db';
import { orderReferenceOf } from '@csphub/domain';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl, type EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import {
  createPlaceOrderWorkflow,
  type OrderNotificationRequest,
  type OrderProgress,
  type PlaceOrderInput,
  type PlaceOrderResult,
  type WorkflowDefinition,
} from '../../src/index';
import type { inProcessCrash } from '../replay/in-process-crash';
import { startReplayRuntime, type ReplayRuntime } from '../replay/replay-runtime';

/**
 * The place-order boundaries away from the checkout (after the cart, after a status read): a crash
 * there is simulated in this process and DBOS recovers the run from its journal
 * (replay/in-process-crash.ts). The checkout itself, the one call that cannot be undone, is proven
 * with real process kills in place-order-cart-crash.test.ts.
 */
const BOUNDARIES = ['after:order-create-cart', 'after:order-read-status'];
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const partner = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const BUSINESS_BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';

describe(`place-order run recovered after a crash away from the checkout (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emulator: RunningEmulator;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let crash: ReturnType<typeof inProcessCrash>;
  let workflow: WorkflowDefinition<PlaceOrderInput, PlaceOrderResult>;
  const progress: ({ orderId: string } & OrderProgress)[] = [];
  const notifications: OrderNotificationRequest[] = [];

  let control: EmulatorControl;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tickIntervalMs: 200 });
    control = createEmulatorControl(emulator.url);
    await control.updateSettings({ orderFulfilmentDelaySeconds: 1 });
    await control.setDirectSignedMca(wingtip.tenantId, { isSigned: true });
    t = await createTestDatabase();
    const client = createPartnerCenterClient({
      connection: {
        id: 'emulator-latam',
        name: 'LATAM (emulator)',
        type: 'indirect-provider',
        tenantId: partner.tenantId,
        appId: partner.app.appId,
        appSecret: partner.app.appSecret,
        refreshToken: partner.user.refreshToken,
        ...emulatorEndpoints(emulator.url),
      },
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
    });
    workflow = createPlaceOrderWorkflow({
      partnerCenterFor: () => client,
      orders: { saveProgress: async (orderId, p) => void progress.push({ orderId, ...p }) },
      // Every send is kept: a notice sent again after the recovery would show twice.
      notifications: { send: async (req) => (notifications.push(req), { id: req.dedupeKey }) },
      pollIntervalMs: 300,
      maxWaitMs: 60_000,
    });
    replay = await startReplayRuntime({ journalName: 'orderreplay', executorId: 'order-replay', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: createWorkflowRunsRepo(t.db) });
    crash = replay.crash;
  }, 300_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it.for(BOUNDARIES)('crashed %s, recovered: one order in the emulator, fulfilled, one notice', async (boundary) => {
    const orderId = randomUUID();
    const reference = orderReferenceOf(orderId);
    const runtime = await crash.crashAt(boundary, (rt) =>
      rt.start(workflow, `place-order:${orderId}`, {
        orderId,
        reference,
        connectionId: 'emulator-latam',
        customerTenantId: wingtip.tenantId,
        lines: [{ catalogItemId: BUSINESS_BASIC, quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly', friendlyName: `Business Basic ${reference}`, resellerPartnerId: adatum.partnerId }],
        notify: { to: ['reseller@example.com'], language: 'en', recipientName: 'Reseller', companyName: 'Wingtip Toys', orderUrl: 'http://localhost/orders' },
      }),
    );
    const result = await runtime.retrieve<PlaceOrderResult>(`place-order:${orderId}`).result();
    expect(result.status, JSON.stringify(result)).toBe('fulfilled');
    const state = await control.state();
    const inEmulator = state.orders.filter((o) => o.lines.some((l) => l.friendlyName?.includes(reference)));
    expect(inEmulator, 'orders in the emulator').toHaveLength(1);
    expect(result.microsoftOrderIds).toEqual([inEmulator[0]!.id]);
    expect(result.subscriptionIds).toHaveLength(1);
    expect(progress.filter((p) => p.orderId === orderId).at(-1)?.status).toBe('fulfilled');
    expect(notifications.filter((n) => n.subjectId === orderId).map((n) => n.template)).toEqual(['order-fulfilled']);
    const checkouts = (await createWorkflowRunsRepo(t.db).listAttempts(`place-order:${orderId}`)).filter((a) => a.stepId === 'order-checkout');
    expect(checkouts.map((a) => a.state), 'checkout attempts').toEqual(['succeeded']);
  });
});
