import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, type Role } from '@csphub/domain';
import { cockpitSummary, schema, type Database } from '@csphub/db';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../../src/security/password';
import { createTestApp, type TestApp } from '../test-app';
import { PASSWORD, call, callersOf, json, seedWorld, signInAs, type Caller, type World } from '../channel-world';

const DAY = 86_400_000;

/**
 * The cockpit's figures and lists come from the database and stop at the caller's subtree: Reseller
 * One never sees Reseller Two's customers, relationships, invitations or orders, and each figure is
 * the total of the list it links to.
 */
describe('portfolio cockpit', () => {
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
    const db = t.database.db;
    const now = Date.now();
    // Customer One: ready; One B: provisioning; Two: failed; Direct: never provisioned.
    await db.insert(schema.accountSyncOptions).values([
      { companyId: w.c1.id, connectionId: w.conn.id, syncStatus: 'synced', tenantId: 't-c1' },
      { companyId: w.c1b.id, connectionId: w.conn.id, syncStatus: 'in_progress' },
      { companyId: w.c2.id, connectionId: w.conn.id, syncStatus: 'failed', failureReason: 'domain taken', tenantId: 't-c2' },
    ]);
    const rel = (id: string, companyId: number, status: string, endsInDays: number, ga: boolean) => ({
      connectionId: w.conn.id, relationshipId: id, companyId, displayName: id, customerTenantId: `tenant-${id}`, status, durationDays: 730,
      roles: ga ? [{ id: GLOBAL_ADMINISTRATOR_ROLE_ID, name: 'Global Administrator' }] : [], autoExtend: !ga,
      endsAt: new Date(now + endsInDays * DAY), accessAssignments: ga ? [] : [{ id: `a-${id}`, securityGroupId: 'g', roleIds: [], status: 'active' }], syncedAt: new Date(now),
    });
    await db.insert(schema.gdapRelationships).values([
      rel('r1-soon-ga', w.c1.id, 'active', 10, true),
      rel('r1-later', w.c1b.id, 'active', 200, false),
      rel('r2-soon-ga', w.c2.id, 'active', 5, true),
      rel('r2-expired', w.c2.id, 'expired', -3, false),
    ]);
    const auth = (companyId: number, ageDays: number) => ({
      companyId, connectionId: w.conn.id, invitationUrl: 'https://example.test/invite', requestedByLabel: 'test',
      createdAt: new Date(now - ageDays * DAY), updatedAt: new Date(now - ageDays * DAY),
    });
    await db.insert(schema.tenantAuthorizations).values([auth(w.c1b.id, 95), auth(w.c2.id, 10), auth(w.c2.id, 40)]);
    await db.update(schema.companies).set({ porStatus: 'ineligible' }).where(eq(schema.companies.id, w.r2.id));
    // One B's new-tenant run has waited three days for the customer to accept the MCA.
    await db.insert(schema.workflowRuns).values({ id: `provision-tenant:${w.c1b.id}:${w.conn.id}`, kind: 'provision-tenant', subjectId: String(w.c1b.id), connectionId: w.conn.id, state: 'running', currentStep: 'await-mca-acceptance', startedAt: new Date(now - 4 * DAY), updatedAt: new Date(now - 3 * DAY) });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const summaryOf = async (caller: Caller) => {
    const res = await call(t, caller, 'GET', '/api/v1/cockpit/summary');
    expect(res.status).toBe(200);
    return json(res);
  };
  const listOf = async (caller: Caller, list: string, query = '') => {
    const res = await call(t, caller, 'GET', `/api/v1/cockpit/lists/${list}${query}`);
    expect(res.status).toBe(200);
    return json(res) as Promise<{ total: number; rows: Record<string, unknown>[] }>;
  };

  it("counts the distributor's whole tree", async () => {
    const s = await summaryOf(as.distributor_admin);
    expect(s.customers).toMatchObject({ total: 4, ready: 1, provisioning: 1, needsAttention: 1, notReady: 1 });
    expect(s.customers.notReadyReasons).toEqual([{ reason: 'never-provisioned', count: 1 }]);
    expect(s.gdap).toMatchObject({ active: 3, expiringIn30Days: 2, expired: 1, withGlobalAdmin: 2, withoutAccessAssignments: 2 });
    expect(s.authorizations).toEqual({ pending: 3, byAge: { under30: 1, from30to60: 1, from60to90: 0, over90: 1 } });
    expect(s.resellers).toMatchObject({ total: 2, porIneligible: 1, porUnchecked: 1 });
    expect(s.resellers.customersPerReseller).toEqual([
      { companyId: w.r1.id, name: 'Reseller One', customers: 2 },
      { companyId: w.r2.id, name: 'Reseller Two', customers: 1 },
    ]);
    expect(s.subscriptions).toEqual({ renewingIn30DaysWithoutAutoRenew: null, unusedLicences: null });
    // MCA from what the runs stored: a synced account has it (One); a tenant without one does not
    // (Two), nor does One B, whose run waits for the customer's acceptance.
    expect(s.mca).toMatchObject({ pendingAcceptance: 1, oldestPendingDays: 3, accepted: 1, missing: 2, needsReacceptance: null });
    expect((await listOf(as.distributor_admin, 'mca', '?filter=missing&sort=companyName')).rows.map((r) => r.companyName)).toEqual(['Customer One B', 'Customer Two']);
  });

  it("shows a reseller its own subtree only, never a sibling's", async () => {
    const s = await summaryOf(as.reseller_admin);
    expect(s.customers).toMatchObject({ total: 2, ready: 1, provisioning: 1, needsAttention: 0, notReady: 0 });
    expect(s.gdap).toMatchObject({ active: 2, expiringIn30Days: 1, expired: 0, withGlobalAdmin: 1 });
    expect(s.authorizations.pending).toBe(1);
    expect(s.resellers.total).toBe(1);
    expect(s.mca).toMatchObject({ pendingAcceptance: 1, accepted: 1, missing: 1 });
    const lists = [
      await listOf(as.reseller_admin, 'customers', '?filter=all'),
      await listOf(as.reseller_admin, 'gdap', '?filter=all'),
      await listOf(as.reseller_admin, 'authorizations'),
      await listOf(as.reseller_admin, 'resellers'),
    ];
    const text = JSON.stringify(lists);
    for (const foreign of ['Customer Two', 'r2-soon-ga', 'r2-expired', 'Reseller Two', 'Direct Customer']) expect(text).not.toContain(foreign);
    const two = await summaryOf(resellerTwo);
    expect(two.customers).toMatchObject({ total: 1, needsAttention: 1 });
    expect(JSON.stringify(await listOf(resellerTwo, 'gdap', '?filter=all'))).not.toContain('r1-');
    const csv = await (await call(t, as.reseller_admin, 'GET', '/api/v1/cockpit/lists/gdap/export?filter=all')).text();
    expect(csv).toContain('r1-soon-ga');
    expect(csv).not.toContain('r2-');
  });

  it('gives each figure the total of the list it links to', async () => {
    const s = await summaryOf(as.distributor_admin);
    const pairs: [string, string, number][] = [
      ['customers', 'ready', s.customers.ready],
      ['customers', 'needs_attention', s.customers.needsAttention],
      ['gdap', 'expiring_30_days', s.gdap.expiringIn30Days],
      ['gdap', 'global_admin', s.gdap.withGlobalAdmin],
      ['gdap', 'expired', s.gdap.expired],
      ['authorizations', 'over_90_days', s.authorizations.byAge.over90],
      ['resellers', 'por_ineligible', s.resellers.porIneligible],
      ['mca', 'accepted', s.mca.accepted!],
      ['mca', 'missing', s.mca.missing!],
      ['mca', 'pending_acceptance', s.mca.pendingAcceptance],
    ];
    for (const [list, filter, figure] of pairs) expect((await listOf(as.distributor_admin, list, `?filter=${filter}`)).total, `${list}/${filter}`).toBe(figure);
  });

  it('sorts by a column in either direction and names what a bad filter or column may be', async () => {
    const asc = await listOf(as.distributor_admin, 'gdap', '?filter=all&sort=endsAt&dir=asc');
    const desc = await listOf(as.distributor_admin, 'gdap', '?filter=all&sort=endsAt&dir=desc');
    expect(asc.rows.map((r) => r.displayName)).toEqual(['r2-expired', 'r2-soon-ga', 'r1-soon-ga', 'r1-later']);
    expect(desc.rows.map((r) => r.displayName)).toEqual(['r1-later', 'r1-soon-ga', 'r2-soon-ga', 'r2-expired']);
    const bad = await call(t, as.distributor_admin, 'GET', '/api/v1/cockpit/lists/gdap?sort=password');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('sort');
    expect((await call(t, as.distributor_admin, 'GET', '/api/v1/cockpit/lists/gdap?filter=nope')).status).toBe(400);
  });

  it("refuses a customer's people", async () => {
    expect((await call(t, as.customer_admin, 'GET', '/api/v1/cockpit/summary')).status).toBe(403);
  });

  it('gives the same figures from one statement on the embedded database as from one statement per figure group', async () => {
    // A finished run, so that the weeks' series has a week to read back too.
    await t.database.db.insert(schema.workflowRuns).values({ id: `link-existing-tenant:${w.c1.id}:${w.conn.id}`, kind: 'link-existing-tenant', subjectId: String(w.c1.id), connectionId: w.conn.id, state: 'succeeded', currentStep: 'done', startedAt: new Date(Date.now() - 9 * DAY), updatedAt: new Date(Date.now() - 8 * DAY), finishedAt: new Date(Date.now() - 8 * DAY) });
    const db = t.database.db;
    // The same handle seen without its PGlite client: each figure group is its own statement, as on PostgreSQL.
    const apart = Object.create(db, { $client: { value: null } }) as Database;
    const now = new Date();
    for (const path of [w.d.path, w.r1.path]) {
      const together = await cockpitSummary(db, path, now);
      expect(together.tenantsPerWeek.some((x) => x.count > 0) || path !== w.d.path).toBe(true);
      expect(together).toEqual(await cockpitSummary(apart, path, now));
    }
  });
});
