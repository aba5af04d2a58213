import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { schema } from '@csphub/db';
import { hashPassword } from '../../src/security/password';
import { createTestApp, type TestApp } from '../test-app';
import { PASSWORD, call, callersOf, json, seedWorld, signInAs, type Caller, type World } from '../channel-world';

const DAY = 86_400_000;

/**
 * "Reseller relationship without GDAP, and the reverse": from stored tenants and relationships only,
 * each figure the total of the list it links to, and a reseller never sees a sibling's customers.
 */
describe('cockpit: reseller relationship and GDAP disagree', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let resellerTwo: Caller;
  type Summary = { gdap: { resellerWithoutGdap: number | null; gdapWithoutReseller: number | null } };
  type List = { total: number; rows: { companyName: string; gap: string; tenantId: string }[] };
  const summaryOf = async (caller: Caller) => (await json(await call(t, caller, 'GET', '/api/v1/cockpit/summary'))) as Summary;
  const listOf = async (caller: Caller, filter: string) => {
    const res = await call(t, caller, 'GET', `/api/v1/cockpit/lists/relationships?filter=${filter}&sort=companyName`);
    expect(res.status).toBe(200);
    return (await json(res)) as List;
  };

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

  it('is not available before GDAP has been read from Graph', async () => {
    await t.database.db.insert(schema.accountSyncOptions).values([
      // One: a tenant, its only relationship expired (no GDAP). Two: a tenant and nothing else.
      { companyId: w.c1.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-c1' },
      { companyId: w.c2.id, connectionId: w.conn.id, syncStatus: 'failed', tenantId: 't-c2' },
      // Direct: a tenant with an active relationship (in agreement).
      { companyId: w.direct.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-direct' },
    ]);
    expect((await summaryOf(as.distributor_admin)).gdap).toMatchObject({ resellerWithoutGdap: null, gdapWithoutReseller: null });
  });

  it('counts both directions for the distributor, each the total of its list', async () => {
    const now = Date.now();
    const rel = (id: string, companyId: number, status: string) => ({
      connectionId: w.conn.id, relationshipId: id, companyId, displayName: id, customerTenantId: `tenant-${id}`, status, durationDays: 730,
      roles: [], autoExtend: true, endsAt: new Date(now + 100 * DAY), syncedAt: new Date(now),
    });
    // One B: an active relationship and no tenant CSP Hub knows of (GDAP without reseller relationship).
    await t.database.db.insert(schema.gdapRelationships).values([rel('c1-old', w.c1.id, 'expired'), rel('c1b-live', w.c1b.id, 'active'), rel('direct-live', w.direct.id, 'expiring')]);
    const s = await summaryOf(as.distributor_admin);
    expect(s.gdap).toMatchObject({ resellerWithoutGdap: 2, gdapWithoutReseller: 1 });
    const noGdap = await listOf(as.distributor_admin, 'reseller_without_gdap');
    expect(noGdap.total).toBe(s.gdap.resellerWithoutGdap);
    expect(noGdap.rows.map((r) => [r.companyName, r.gap, r.tenantId])).toEqual([
      ['Customer One', 'reseller_without_gdap', 't-c1'],
      ['Customer Two', 'reseller_without_gdap', 't-c2'],
    ]);
    const noReseller = await listOf(as.distributor_admin, 'gdap_without_reseller');
    expect(noReseller.total).toBe(s.gdap.gdapWithoutReseller);
    expect(noReseller.rows.map((r) => [r.companyName, r.gap, r.tenantId])).toEqual([['Customer One B', 'gdap_without_reseller', 'tenant-c1b-live']]);
  });

  it("shows a reseller its own subtree only, never a sibling's", async () => {
    expect((await summaryOf(as.reseller_admin)).gdap).toMatchObject({ resellerWithoutGdap: 1, gdapWithoutReseller: 1 });
    const one = JSON.stringify([await listOf(as.reseller_admin, 'reseller_without_gdap'), await listOf(as.reseller_admin, 'gdap_without_reseller')]);
    expect(one).toContain('Customer One');
    for (const foreign of ['Customer Two', 't-c2', 'Direct Customer']) expect(one).not.toContain(foreign);
    expect((await summaryOf(resellerTwo)).gdap).toMatchObject({ resellerWithoutGdap: 1, gdapWithoutReseller: 0 });
    const two = JSON.stringify([await listOf(resellerTwo, 'reseller_without_gdap'), await listOf(resellerTwo, 'gdap_without_reseller')]);
    expect(two).toContain('Customer Two');
    for (const foreign of ['Customer One', 't-c1', 'c1b-live']) expect(two).not.toContain(foreign);
    const csv = await (await call(t, resellerTwo, 'GET', '/api/v1/cockpit/lists/relationships/export?filter=reseller_without_gdap')).text();
    expect(csv).toContain('t-c2');
    expect(csv).not.toContain('t-c1');
  });
});
