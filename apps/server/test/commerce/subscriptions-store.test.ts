import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { type PartnerCenterClient } from '@csphub/partner-center';
import { type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { type TestDatabase } from '@csphub/testing';
import { sql } from 'drizzle-orm';
import { type createApp } from '../../src/create-app';
import { call, signInAs } from '../channel-world';
import { wingtip, wingtipWorld, type WingtipWorld } from './wingtip-world';

const READS = new Set(['subscriptions.list', 'subscribedSkus.list']);
type Tab = { tenants: { asOf: string | null; refreshing: boolean; error: string | null; subscriptions: { id: string; quantity: number }[] }[] };

/**
 * The subscriptions tab is served from the stored Partner Center read: a second view sends no call,
 * a change made in Partner Center outside CSP Hub shows after an explicit refresh or, once the read
 * is older than its bound, after the background refresh, and a change made through CSP Hub (an
 * order) makes the next view read Partner Center first.
 */
describe('subscriptions served from the store', () => {
  let world: WingtipWorld;
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  let offsetMs = 0;
  const control = () => createEmulatorControl(emulator.url);
  const reads = async () => (await control().calls()).calls.filter((c) => READS.has(c.operation)).length;

  beforeAll(async () => {
    world = await wingtipWorld({ appOptions: (_client, em) => ({ clock: { now: () => new Date(Date.now() + offsetMs) }, emulator: { url: em.url, ping: async () => true } }) });
    ({ emulator, db, app, customer, conn, client } = world);
  });
  afterAll(() => world?.dispose());

  const view = async (query = '') => {
    const admin = await signInAs({ app } as Parameters<typeof signInAs>[0], 'admin@dist.test');
    const res = await call({ app } as never, admin, 'GET', `/api/v1/companies/${customer.id}/subscriptions${query}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Tab;
    expect(body.tenants[0]?.error ?? null, JSON.stringify(body)).toBeNull();
    return body.tenants[0]!;
  };

  it('reads Partner Center once, then serves the stored read with its time until a refresh', async () => {
    await control().clearCalls();
    const first = await view();
    expect(await reads()).toBeGreaterThan(0);
    expect(first.asOf).not.toBeNull();
    expect(first.refreshing).toBe(false);
    const sub = first.subscriptions[0]!;

    // Changed in Partner Center, not through CSP Hub: the stored read is shown, without a call.
    await client.updateSubscription(wingtip.tenantId, sub.id, { quantity: sub.quantity + 1 });
    await control().clearCalls();
    const second = await view();
    expect(await reads()).toBe(0);
    expect(second.asOf).toBe(first.asOf);
    expect(second.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity);

    const refreshed = await view('?refresh=true');
    expect(await reads()).toBeGreaterThan(0);
    expect(refreshed.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity + 1);
    expect(Date.parse(refreshed.asOf!)).toBeGreaterThan(Date.parse(first.asOf!));
  });

  it('shows an old read while it is read again in the background', async () => {
    const before = await view();
    const sub = before.subscriptions[0]!;
    await client.updateSubscription(wingtip.tenantId, sub.id, { quantity: sub.quantity + 1 });
    offsetMs = 11 * 60_000;
    try {
      const old = await view();
      expect(old.refreshing).toBe(true);
      expect(old.asOf).toBe(before.asOf);
      let latest = old;
      for (let i = 0; i < 200 && latest.asOf === before.asOf; i++) {
        await new Promise((r) => setTimeout(r, 50));
        latest = await view();
      }
      expect(latest.asOf).not.toBe(before.asOf);
      expect(latest.refreshing).toBe(false);
      expect(latest.subscriptions.find((s) => s.id === sub.id)!.quantity).toBe(sub.quantity + 1);
    } finally {
      offsetMs = 0;
    }
  });

  it('reads Partner Center at the next view after an order of the company changed', async () => {
    await view('?refresh=true');
    await control().clearCalls();
    await view();
    expect(await reads()).toBe(0);
    // Later than any read so far (the previous test's reads were made with the clock 11 minutes on).
    await db.db.execute(sql`insert into orders (id, company_id, connection_id, customer_tenant_id, reference, status, lines, created_by, created_at, updated_at)
      values (gen_random_uuid(), ${customer.id}, ${conn.id}, ${wingtip.tenantId}, 'CSPH-STORE1', 'fulfilled', '[]'::jsonb, 'test', now(), now() + interval '1 hour')`);
    await view();
    expect(await reads()).toBeGreaterThan(0);
  });
});
