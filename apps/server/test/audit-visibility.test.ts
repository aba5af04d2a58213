import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { hashPassword } from '../src/security/password';
import { createTestApp, type TestApp } from './test-app';
import { PASSWORD, call, callersOf, json, seedWorld, signInAs, type Caller, type World } from './channel-world';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * After a customer moves to another reseller, each reseller reads only the audit entries written
 * while the customer was in its subtree; the distributor and the customer itself read them all
 * (docs/CHANNEL-AND-ACCOUNTS.md, "Audit log").
 */
describe(`audit entries after a customer moves (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let resellerTwo: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
    await w.repos.users.create({ companyId: w.r2.id, email: 'admin@reseller-two.test', name: 'Reseller Two admin', passwordHash: await hashPassword(PASSWORD), role: 'reseller_admin', now: new Date() });
    resellerTwo = { role: 'reseller_admin', email: 'admin@reseller-two.test', home: w.r2, headers: (await signInAs(t, 'admin@reseller-two.test')).headers };

    for (const city of ['Before One', 'Before Two']) expect((await call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city })).status).toBe(200);
    expect((await call(t, as.distributor_admin, 'POST', `/api/v1/companies/${w.c1.id}/move`, { parentId: w.r2.id })).status).toBe(200);
    for (const city of ['After One', 'After Two']) expect((await call(t, resellerTwo, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** The cities of Customer One's company.updated entries the caller reads, oldest first. */
  const citiesSeenBy = async (caller: Caller, query = '') => {
    const res = await call(t, caller, 'GET', `/api/v1/audit-log?action=company.updated&limit=500${query}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    return (body.items as { companyId: number; after: { city?: string } | null }[])
      .filter((e) => e.companyId === w.c1.id && e.after?.city)
      .map((e) => e.after!.city)
      .reverse();
  };
  const csvOf = async (caller: Caller, query = '') => {
    const res = await call(t, caller, 'GET', `/api/v1/audit-log/export.csv?action=company.updated${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows the former reseller only the entries from before the move', async () => {
    expect(await citiesSeenBy(as.reseller_admin)).toEqual(['Before One', 'Before Two']);
    const csv = await csvOf(as.reseller_admin);
    expect(csv).toContain('Before One');
    expect(csv).not.toContain('After One');
  });

  it('shows the new reseller only the entries from after the move, also when it filters on the customer', async () => {
    expect(await citiesSeenBy(resellerTwo)).toEqual(['After One', 'After Two']);
    expect(await citiesSeenBy(resellerTwo, `&companyId=${w.c1.id}`)).toEqual(['After One', 'After Two']);
    expect(await citiesSeenBy(resellerTwo, `&companyId=${w.c1.id}&includeDescendants=true`)).toEqual(['After One', 'After Two']);
    const csv = await csvOf(resellerTwo, `&companyId=${w.c1.id}`);
    expect(csv).toContain('After Two');
    expect(csv).not.toContain('Before One');
  });

  it('shows the distributor and the customer itself every entry', async () => {
    const all = ['Before One', 'Before Two', 'After One', 'After Two'];
    expect(await citiesSeenBy(as.distributor_admin)).toEqual(all);
    expect(await citiesSeenBy(as.distributor_admin, `&companyId=${w.c1.id}`)).toEqual(all);
    expect(await citiesSeenBy(as.customer_admin)).toEqual(all);
  });

  it("keeps the move itself in the new reseller's view and the distributor's", async () => {
    const moves = async (caller: Caller) => (await json(call(t, caller, 'GET', '/api/v1/audit-log?action=company.moved'))).items.length;
    expect(await moves(resellerTwo)).toBe(1);
    expect(await moves(as.distributor_admin)).toBe(1);
  });
});
