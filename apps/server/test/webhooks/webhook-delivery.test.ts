import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOrdersRepo, createRepos, createSecretBox, openDatabase, publishEvent, type Database } from '@csphub/db';
import type { NotificationRequest } from '@csphub/notifications';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, seedWorld, type World } from '../channel-world';
import { createWebhookDispatcher, MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from '../../src/webhooks/webhook-dispatcher';
import { postPinned } from '../../src/webhooks/pinned-post';
import { startReceiver, type Receiver } from './webhook-receiver';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Outbound webhooks in one process, on a clock the test moves: delivery with a verifiable Standard
 * Webhooks signature, retries across an hour of downtime (every event arrives, each under one id),
 * a crash between the change and the delivery, a reseller's subscription seeing only its subtree,
 * and disabling after the retry schedule runs out.
 */
describe('webhook delivery', () => {
  let t: TestApp;
  let world: World;
  let nowMs = Date.now();
  const clock = { now: () => new Date(nowMs) };
  const notices: NotificationRequest[] = [];
  const receivers: Receiver[] = [];

  /** Moves the test's clock, and the Date the receivers' signature check reads, together. */
  const advance = (ms: number) => {
    nowMs += ms;
    vi.setSystemTime(nowMs);
  };

  const dispatcherOn = (db: Database, secretKey: Buffer) =>
    createWebhookDispatcher({
      db,
      box: createSecretBox(secretKey),
      clock,
      policy: t.config.webhooks,
      notifier: { send: async (m) => (notices.push(m), { id: String(notices.length) }) },
      publicUrl: 'http://localhost:3000',
    });

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(nowMs);
    t = await createTestApp({}, { clock });
    world = await seedWorld(t);
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await Promise.all(receivers.map((r) => r.close()));
    await t?.dispose();
  });
  afterEach(() => {
    notices.length = 0;
  });

  async function receiver(): Promise<Receiver> {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  /** A subscription made through the API by the reseller admin of r1 (audited), with its secret. */
  async function subscribeViaApi(r: Receiver, events: string[]) {
    const callers = await callersOf(t, world);
    const res = await call(t, callers.reseller_admin, 'POST', `/api/v1/companies/${world.r1.id}/webhooks`, { url: r.url, events });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { id: string; secret: string };
    r.state.secret = body.secret;
    return body.id;
  }

  async function subscribeDirect(r: Receiver, companyId: number, events: string[]) {
    const secret = `whsec_${Buffer.alloc(32, companyId % 256).toString('base64')}`;
    r.state.secret = secret;
    return (await world.repos.webhooks.createSubscription({ companyId, url: r.url, events, description: '', secret, now: clock.now() })).id;
  }

  const orderFulfilled = (db: Database, companyId: number, marker: string) =>
    publishEvent(db, {
      type: 'order.fulfilled',
      companyId,
      at: clock.now(),
      data: { orderId: marker, reference: `CSPH-${marker}`, customerTenantId: 'tenant', lines: [], microsoftOrderIds: [], subscriptionIds: [] },
    });

  it('signs each delivery so that the standardwebhooks package verifies it, and audits the subscription', async () => {
    const r = await receiver();
    const subscriptionId = await subscribeViaApi(r, ['order.fulfilled']);
    advance(1000);
    const eventId = await orderFulfilled(t.database.db, world.c1.id, 'signed-1');
    const tick = await dispatcherOn(t.database.db, t.secretKey).tick();
    expect(tick.succeeded).toBe(1);
    expect(r.received).toHaveLength(1);
    expect(r.received[0]).toMatchObject({ id: eventId, verified: true, body: { id: eventId, type: 'order.fulfilled', version: 1, data: { companyId: world.c1.id, reseller: { id: world.r1.id } } } });
    const audit = await world.repos.auditLog.list({ pathPrefix: world.r1.path, companyId: world.r1.id, action: 'webhook_subscription.created', limit: 5 });
    expect(audit.map((a) => a.targetId)).toContain(subscriptionId);
    const log = await world.repos.webhooks.listDeliveries(subscriptionId);
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastResponseCode: 204 });
  });

  it('keeps retrying while the receiver is down for an hour: every event arrives afterwards, each under one id', async () => {
    const r = await receiver();
    const subscriptionId = await subscribeDirect(r, world.d.id, ['order.fulfilled']);
    advance(1000);
    r.state.down = true;
    const dispatcher = dispatcherOn(t.database.db, t.secretKey);
    const markers = ['down-1', 'down-2', 'down-3', 'down-4'];
    for (const m of markers) {
      await orderFulfilled(t.database.db, m === 'down-4' ? world.c2.id : world.c1.id, m);
      await dispatcher.tick();
      advance(7 * MINUTE);
    }
    // An hour of downtime, looked at every minute.
    for (let waited = 0; waited < HOUR; waited += MINUTE) {
      advance(MINUTE);
      await dispatcher.tick();
    }
    expect(r.received).toHaveLength(0);
    expect(r.state.requests).toBeGreaterThan(markers.length);
    r.state.down = false;
    // Up again: the next scheduled attempts deliver everything.
    for (let waited = 0; waited < 3 * HOUR; waited += 10 * MINUTE) {
      advance(10 * MINUTE);
      await dispatcher.tick();
    }
    const byMarker = new Map<string, Set<string>>();
    for (const got of r.received) {
      expect(got.verified).toBe(true);
      const marker = String(got.body.data.orderId);
      byMarker.set(marker, (byMarker.get(marker) ?? new Set()).add(got.id));
    }
    expect([...byMarker.keys()].sort()).toEqual(markers);
    for (const ids of byMarker.values()) expect(ids.size).toBe(1);
    const log = await world.repos.webhooks.listDeliveries(subscriptionId);
    expect(log.map((d) => d.status)).toEqual(markers.map(() => 'succeeded'));
    expect(Math.min(...log.map((d) => d.attempts))).toBeGreaterThan(1);
  });

  it('loses nothing when the process dies between the change and its delivery, and resends under the same id after a death mid-send', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-webhook-crash-'));
    const r = await receiver();
    try {
      let db = await openDatabase({ kind: 'pglite', dataDir: dir });
      const repos = createRepos(db.db, createSecretBox(t.secretKey));
      const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Crash Distributor', now: clock.now() });
      const customer = await repos.companies.create({ kind: 'customer', parent: d, name: 'Crash Customer', now: clock.now() });
      const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      r.state.secret = secret;
      await repos.webhooks.createSubscription({ companyId: d.id, url: r.url, events: ['order.fulfilled'], description: '', secret, now: clock.now() });
      const conn = await repos.connections.create(d.id, { name: 'c', region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, clock.now());
      advance(1000);
      // The change: the order run's last save, which publishes order.fulfilled in its transaction.
      const orders = createOrdersRepo(db.db);
      await orders.create({ id: '00000000-0000-4000-8000-000000000001', companyId: customer.id, connectionId: conn.id, customerTenantId: 'tenant', reference: 'CSPH-CRASH', lines: [], createdBy: 'test', at: clock.now() });
      await orders.saveProgress('00000000-0000-4000-8000-000000000001', { status: 'fulfilled', microsoftOrderIds: ['ms-1'], subscriptionIds: ['s-1'], at: clock.now() });
      // The process dies before any dispatcher looked: nothing but the database survives.
      await db.close();
      db = await openDatabase({ kind: 'pglite', dataDir: dir });

      // The restarted process's dispatcher dies in the middle of the send: the receiver got it, the
      // attempt was never recorded.
      const dying = createWebhookDispatcher({
        db: db.db,
        box: createSecretBox(t.secretKey),
        clock,
        policy: t.config.webhooks,
        notifier: { send: async () => ({ id: '1' }) },
        publicUrl: 'http://localhost:3000',
        post: async (url, pinned, req) => {
          await postPinned(url, pinned, req);
          // Never answers: this process is gone before it could record the attempt.
          return new Promise<Response>(() => undefined);
        },
      });
      void dying.tick();
      for (let i = 0; i < 200 && r.received.length === 0; i++) await new Promise((res) => setTimeout(res, 25));
      expect(r.received).toHaveLength(1);
      await db.close().catch(() => undefined);
      db = await openDatabase({ kind: 'pglite', dataDir: dir });
      // Another process, after the dead one's lease ran out, sends it again with the same id.
      advance(2 * MINUTE);
      await dispatcherOn(db.db, t.secretKey).tick();
      expect(r.received).toHaveLength(2);
      expect(new Set(r.received.map((x) => x.id)).size).toBe(1);
      expect(r.received.every((x) => x.verified && x.body.type === 'order.fulfilled' && x.body.data.reference === 'CSPH-CRASH')).toBe(true);
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("gives a reseller's subscription only the events of its own subtree; the distributor's gets both", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    const all = await receiver();
    await subscribeDirect(mine, world.r1.id, ['order.fulfilled']);
    await subscribeDirect(theirs, world.r2.id, ['order.fulfilled']);
    await subscribeDirect(all, world.d.id, ['order.fulfilled']);
    advance(1000);
    await orderFulfilled(t.database.db, world.c1.id, 'tree-r1');
    await orderFulfilled(t.database.db, world.c2.id, 'tree-r2');
    await orderFulfilled(t.database.db, world.direct.id, 'tree-direct');
    await dispatcherOn(t.database.db, t.secretKey).tick();
    const markers = (r: Receiver) => r.received.map((x) => String(x.body.data.orderId)).sort();
    expect(markers(mine)).toEqual(['tree-r1']);
    expect(markers(theirs)).toEqual(['tree-r2']);
    expect(markers(all)).toEqual(['tree-direct', 'tree-r1', 'tree-r2']);
    // And through the API, the other reseller's subscription is not there.
    const callers = await callersOf(t, world);
    const foreign = await call(t, callers.reseller_admin, 'GET', `/api/v1/companies/${world.r2.id}/webhooks`);
    expect(foreign.status).toBe(404);
  });

  it('disables the subscription with a notice and an audit entry when the retry schedule runs out; redelivery after re-enabling keeps the id', async () => {
    const r = await receiver();
    const subscriptionId = await subscribeViaApi(r, ['tenant.provisioning_failed']);
    advance(1000);
    r.state.down = true;
    const eventId = await publishEvent(t.database.db, { type: 'tenant.provisioning_failed', companyId: world.c1b.id, at: clock.now(), data: { connectionId: world.conn.id, tenantCreated: false, reason: 'test' } });
    const dispatcher = dispatcherOn(t.database.db, t.secretKey);
    await dispatcher.tick();
    for (const wait of RETRY_SCHEDULE_MS) {
      advance(wait);
      await dispatcher.tick();
    }
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(72 * HOUR);
    const [delivery] = await world.repos.webhooks.listDeliveries(subscriptionId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastResponseCode: 503 });
    expect(await world.repos.webhooks.getSubscription(subscriptionId)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(notices.map((n) => n.template)).toEqual(['webhook-disabled']);
    expect(notices[0]!.to).toEqual([(await callersOf(t, world)).reseller_admin.email]);
    const audit = await world.repos.auditLog.list({ pathPrefix: world.r1.path, companyId: world.r1.id, action: 'webhook_subscription.disabled', limit: 5 });
    expect(audit.map((a) => a.targetId)).toContain(subscriptionId);
    const callers = await callersOf(t, world);
    const refused = await call(t, callers.reseller_admin, 'POST', `/api/v1/companies/${world.r1.id}/webhooks/${subscriptionId}/deliveries/${delivery!.id}/redeliver`);
    expect(refused.status).toBe(409);
    r.state.down = false;
    expect((await call(t, callers.reseller_admin, 'PATCH', `/api/v1/companies/${world.r1.id}/webhooks/${subscriptionId}`, { enabled: true })).status).toBe(200);
    expect((await call(t, callers.reseller_admin, 'POST', `/api/v1/companies/${world.r1.id}/webhooks/${subscriptionId}/deliveries/${delivery!.id}/redeliver`)).status).toBe(202);
    await dispatcher.tick();
    expect(r.received.map((x) => [x.id, x.verified])).toEqual([[eventId, true]]);
  });

  it('refuses targets that are not https or are private addresses, naming the url field', async () => {
    const callers = await callersOf(t, world);
    for (const url of ['http://hooks.example.com/x', 'https://10.0.0.5/x', 'https://169.254.169.254/latest', 'ftp://example.com', 'https://user:pw@hooks.example.com/']) {
      const res = await call(t, callers.reseller_admin, 'POST', `/api/v1/companies/${world.r1.id}/webhooks`, { url, events: ['tenant.ready'] });
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(await res.json()), url).toContain('url');
    }
    const customer = await call(t, callers.reseller_admin, 'POST', `/api/v1/companies/${world.c1.id}/webhooks`, { url: 'https://hooks.example.com/x', events: ['tenant.ready'] });
    expect(customer.status).toBe(422);
  });
});
