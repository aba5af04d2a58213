import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, publishEvent } from '@csphub/db';
import { createTestApp, type TestApp } from '../test-app';
import { seedWorld, type World } from '../channel-world';
import { postPinned } from '../../src/webhooks/pinned-post';
import { createWebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import type { PinnedAddress } from '../../src/webhooks/target-policy';
import { startReceiver, type Receiver } from './webhook-receiver';

/**
 * DNS rebinding: a delivery resolves the target's name once, checks every address, and connects to
 * the checked one. A second lookup at connection time could answer an address never checked (an
 * internal one) for the same name.
 */
describe('webhook deliveries connect to the address they checked', () => {
  let t: TestApp;
  let world: World;
  let r: Receiver;
  beforeAll(async () => {
    t = await createTestApp();
    world = await seedWorld(t);
    r = await startReceiver();
  }, 120_000);
  afterAll(async () => {
    await r?.close();
    await t?.dispose();
  });

  it('postPinned reaches the pinned address for a name no resolver knows, with the name in the Host header', async () => {
    const port = new URL(r.url).port;
    // `.invalid` never resolves (RFC 6761): the request can only arrive if no lookup happens.
    const url = `http://hooks.csphub-rebind.invalid:${port}/hooks/csphub`;
    const res = await postPinned(url, { address: '127.0.0.1', family: 4 }, { headers: { 'content-type': 'application/json' }, body: '{"id":"x","type":"t","version":1,"timestamp":"","data":{}}', timeoutMs: 5000 });
    expect(res.status).toBe(401); // it arrived; the receiver's signature check refuses an unsigned body
    expect(r.state.requests).toBe(1);
    expect(r.state.lastHost).toBe(`hooks.csphub-rebind.invalid:${port}`);
  });

  it('the dispatcher resolves once per attempt and sends to the address the check approved, whatever the name answers next', async () => {
    const port = new URL(r.url).port;
    const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    r.state.secret = secret;
    r.received.length = 0;
    const url = `http://rebind.localhost:${port}/hooks/csphub`;
    await world.repos.webhooks.createSubscription({ companyId: world.r1.id, url, events: ['tenant.provisioning_failed'], description: '', secret, now: new Date() });
    await publishEvent(t.database.db, { type: 'tenant.provisioning_failed', companyId: world.c1.id, at: new Date(), data: { connectionId: world.conn.id, tenantCreated: false, reason: 'rebind' } });
    // The attacker's name: loopback (allowed in development) when checked, an internal address after.
    const lookups: string[] = [];
    const resolve = async (host: string) => (lookups.push(host), lookups.length === 1 ? ['127.0.0.1'] : ['10.0.0.9']);
    const connectedTo: PinnedAddress[] = [];
    const dispatcher = createWebhookDispatcher({
      db: t.database.db,
      box: createSecretBox(t.secretKey),
      clock: { now: () => new Date() },
      policy: t.config.webhooks,
      notifier: { send: async () => ({ id: '1' }) },
      publicUrl: 'http://localhost:3000',
      resolve,
      post: (u, pinned, req) => (connectedTo.push(pinned), postPinned(u, pinned, req)),
    });
    const result = await dispatcher.tick();
    expect(result).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(lookups).toEqual(['rebind.localhost']);
    expect(connectedTo).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(r.received.map((x) => [x.verified, x.body.data.reason])).toEqual([[true, 'rebind']]);
  });
});
