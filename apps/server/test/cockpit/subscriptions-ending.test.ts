import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionTermsRepo } from '@csphub/db';
import type { Role } from '@csphub/domain';
import { hashPassword } from '../../src/security/password';
import { createTestApp, type TestApp } from '../test-app';
import { PASSWORD, call, callersOf, json, seedWorld, signInAs, type Caller, type World } from '../channel-world';

const DAY = 86_400_000;

/**
 * The cockpit's subscriptions ending in the next 60 days, with what each end brings, from the term
 * ends CSP Hub recorded: the "renewing in 30 days with auto-renew off" figure is the total of its
 * list, the list sorts and exports, and a reseller never sees a sibling reseller's customers.
 */
describe('cockpit: subscriptions ending soon', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let resellerTwo: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
    await w.repos.users.create({ companyId: w.r2.id, email: 'admin@r2.test', name: 'R2 admin', passwordHash: await hashPassword(PASSWORD), role: 'reseller_admin', now: new Date() });
    resellerTwo = { role: 'reseller_admin', email: 'admin@r2.test', home: w.r2, headers: (await signInAs(t, 'admin@r2.test')).headers };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const listOf = async (caller: Caller, query: string) => {
    const res = await call(t, caller, 'GET', `/api/v1/cockpit/lists/subscriptions_ending${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return json(res) as Promise<{ total: number; rows: Record<string, unknown>[] }>;
  };
  const summaryOf = async (caller: Caller) => json(await call(t, caller, 'GET', '/api/v1/cockpit/summary'));

  it('has no figure before any term end was recorded, then counts what the list shows', async () => {
    expect((await summaryOf(as.distributor_admin)).subscriptions.renewingIn30DaysWithoutAutoRenew).toBeNull();
    const repo = createSubscriptionTermsRepo(t.database.db);
    const now = Date.now();
    const sub = (id: string, days: number, autoRenew: boolean, outcome: 'renew' | 'cancel' | 'extended_service_term' | 'expire' | 'none', status = 'active') => ({
      subscriptionId: id, productName: `Product ${id}`, quantity: 5, status, autoRenew, termEndsAt: new Date(now + days * DAY), outcome, nextQuantity: outcome === 'renew' ? 7 : null,
    });
    await repo.replaceForTenant({ companyId: w.c1.id, connectionId: w.conn.id, tenantId: 't-c1' }, [
      sub('c1-renew', 20, true, 'renew'),
      sub('c1-cancel', 10, false, 'cancel'),
      sub('c1-est', 25, false, 'extended_service_term'),
      sub('c1-later', 45, false, 'extended_service_term'),
      sub('c1-far', 90, true, 'renew'),
      sub('c1-deleted', 5, false, 'none', 'deleted'),
    ], new Date(now));
    await repo.replaceForTenant({ companyId: w.c2.id, connectionId: w.conn.id, tenantId: 't-c2' }, [sub('c2-cancel', 3, false, 'cancel')], new Date(now));

    const s = await summaryOf(as.distributor_admin);
    expect(s.subscriptions.renewingIn30DaysWithoutAutoRenew).toBe(3);
    const off = await listOf(as.distributor_admin, '?filter=auto_renew_off_30_days');
    expect(off.total).toBe(3);
    const all = await listOf(as.distributor_admin, '?filter=next_60_days&sort=termEndsAt&dir=asc');
    expect(all.rows.map((r) => r.subscriptionId)).toEqual(['c2-cancel', 'c1-cancel', 'c1-renew', 'c1-est', 'c1-later']);
    expect(all.rows.find((r) => r.subscriptionId === 'c1-renew')).toMatchObject({ outcome: 'renew', nextQuantity: 7, autoRenew: true, companyName: 'Customer One' });
    const desc = await listOf(as.distributor_admin, '?filter=next_60_days&sort=daysLeft&dir=desc');
    expect(desc.rows[0]!.subscriptionId).toBe('c1-later');
    expect((await listOf(as.distributor_admin, '?filter=extended_service_term')).total).toBe(2);
  });

  it("shows a reseller its own customers' subscriptions only, in the list, the figure and the export", async () => {
    const mine = await listOf(as.reseller_admin, '?filter=next_60_days');
    expect(mine.rows.map((r) => r.subscriptionId).sort()).toEqual(['c1-cancel', 'c1-est', 'c1-later', 'c1-renew']);
    expect((await summaryOf(as.reseller_admin)).subscriptions.renewingIn30DaysWithoutAutoRenew).toBe(2);
    const theirs = await listOf(resellerTwo, '?filter=next_60_days');
    expect(theirs.rows.map((r) => r.subscriptionId)).toEqual(['c2-cancel']);
    const csv = await (await call(t, as.reseller_admin, 'GET', '/api/v1/cockpit/lists/subscriptions_ending/export?filter=next_60_days')).text();
    expect(csv).toContain('c1-est');
    expect(csv).not.toContain('c2-cancel');
  });

  it('replaces what a new read of the tenant shows', async () => {
    await createSubscriptionTermsRepo(t.database.db).replaceForTenant({ companyId: w.c2.id, connectionId: w.conn.id, tenantId: 't-c2' }, [], new Date());
    expect((await listOf(resellerTwo, '?filter=next_60_days')).total).toBe(0);
  });
});
