import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsRepo, createOrdersRepo, createRepos, createSecretBox, openDatabase } from '@csphub/db';
import { createWebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { startReceiver, type Receiver } from '../webhooks/webhook-receiver';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const ORDER_ID = '00000000-0000-4000-8000-00000000c0de';

/** Starts webhook-outbox-worker.ts at `step`; resolves its output once it prints `tag`. */
function startWorker(step: 'change' | 'send', env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'webhook-outbox-worker.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, WEBHOOK_WORKER_STEP: step },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const until = async (done: () => boolean, what: string) => {
    for (let i = 0; i < 1200 && !done(); i++) {
      if (child.exitCode !== null) throw new Error(`the worker exited before ${what}:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!done()) throw new Error(`the worker did not reach ${what}:\n${out}`);
  };
  return {
    until,
    printed: (tag: string) => until(() => new RegExp(`^${tag}$`, 'm').test(out), tag),
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/**
 * The outbox's promise with real process deaths (SIGKILL, no clean shutdown): the process that
 * saved an order as fulfilled dies before any dispatcher looked, and the event is still delivered;
 * the process that sends it dies while the receiver holds the request, before the attempt is
 * recorded, and another process sends it again under the same id (the receiver de-duplicates on it).
 */
describe('webhook outbox survives SIGKILL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-webhook-kill-'));
  const secretKey = randomBytes(32);
  let receiver: Receiver;
  let env: Record<string, string>;
  let subscriptionId = '';

  beforeAll(async () => {
    receiver = await startReceiver();
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    const repos = createRepos(db.db, createSecretBox(secretKey));
    const now = new Date();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Kill Distributor', now });
    const customer = await repos.companies.create({ kind: 'customer', parent: d, name: 'Kill Customer', now });
    receiver.state.secret = `whsec_${randomBytes(32).toString('base64')}`;
    subscriptionId = (await repos.webhooks.createSubscription({ companyId: d.id, url: receiver.url, events: ['order.fulfilled'], description: '', secret: receiver.state.secret, now })).id;
    const conn = await repos.connections.create(d.id, { name: 'c', region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, now);
    await createOrdersRepo(db.db).create({ id: ORDER_ID, companyId: customer.id, connectionId: conn.id, customerTenantId: 'tenant', reference: 'CSPH-KILL', lines: [], createdBy: 'test', at: now });
    await db.close();
    env = { WEBHOOK_DATA_DIR: dir, WEBHOOK_ORDER_ID: ORDER_ID, WEBHOOK_SECRET_KEY: secretKey.toString('hex') };
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the event of a change whose process was killed right after it, and resends under the same id after a kill mid-send', async () => {
    // 1. The change commits with its event; the process is killed before any dispatcher ran.
    const changer = startWorker('change', env);
    await changer.printed('CHANGED');
    expect(await changer.kill()).toBe('SIGKILL');
    let db = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect((await createEventsRepo(db.db).list({ type: 'order.fulfilled' })).map((e) => e.data.reference)).toEqual(['CSPH-KILL']);
    await db.close();
    expect(receiver.received).toHaveLength(0);

    // 2. A new process sends it; the receiver takes it and holds the answer; the sender is killed.
    receiver.state.hold = true;
    const sender = startWorker('send', env);
    await sender.until(() => receiver.received.length === 1, 'the receiver');
    expect(await sender.kill()).toBe('SIGKILL');
    receiver.state.hold = false;

    // 3. Another process, once the dead sender's lease has run out, sends it again: same id, signed.
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
    const later = new Date(Date.now() + 2 * 60_000);
    const dispatcher = createWebhookDispatcher({
      db: db.db,
      box: createSecretBox(secretKey),
      clock: { now: () => later },
      policy: { allowLoopback: true, allowPrivateTargets: false },
      notifier: { send: async () => ({ id: '1' }) },
      publicUrl: 'http://localhost:3000',
    });
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(2);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    expect(receiver.received.every((r) => r.verified && r.body.type === 'order.fulfilled' && r.body.data.reference === 'CSPH-KILL')).toBe(true);
    const log = await createRepos(db.db, createSecretBox(secretKey)).webhooks.listDeliveries(subscriptionId);
    expect(log).toEqual([expect.objectContaining({ status: 'succeeded', lastResponseCode: 204 })]);
    // Nothing is left to send.
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(2);
    await db.close();
  }, 180_000);
});
