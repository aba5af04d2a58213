import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@csphub/domain';
import { createTestApp, type TestApp } from '../test-app';
import { callersOf, json, seedWorld, type Caller, type World } from '../channel-world';
import { ROUTE_FIXTURES, type Targets } from './route-fixtures';

/**
 * Every API route x every role x (own subtree, sibling's subtree): nothing outside the caller's
 * subtree is read or written (404 for company routes), and inside it each role gets exactly what
 * the role table grants (2xx or 403). Routes come from the OpenAPI document, so a route without an
 * entry in ROUTE_FIXTURES fails the first test.
 */
describe('access matrix', () => {
  let t: TestApp;
  let world: World;
  let callers: Record<Role, Caller>;
  let documented: string[];
  const foreignTouched = new Set<number>();

  beforeAll(async () => {
    t = await createTestApp(
      // The fixtures start the emulator on the test app's own free emulator port (test-app.ts).
      {},
      {
        connectionTester: { test: async (_c, now) => ({ ok: true, checks: [], testedAt: now.toISOString() }) },
        // No durable-run engine in this process: "retry" answers as a waiting run would. The access
        // decision is made before the engine is reached; the real engine is exercised in
        // test/onboarding/new-tenant-retry.test.ts.
        runs: { retryNewTenant: async () => true, wakeMcaCheck: async () => undefined, startRequestGdap: async (input) => ({ runId: `request-gdap:${input.rowId}` }), startBulkFix: async () => {}, startImportRead: async () => {}, startImportApply: async () => {} },
      },
    );
    world = await seedWorld(t);
    callers = await callersOf(t, world);
    const doc = await (await json(t.app.request('/api/openapi.json')));
    documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('has an access fixture for every route in the OpenAPI document, and no stale ones', () => {
    const missing = documented.filter((r) => !(r in ROUTE_FIXTURES));
    expect(missing, 'add these routes to apps/server/test/access-matrix/route-fixtures.ts').toEqual([]);
    const stale = Object.keys(ROUTE_FIXTURES).filter((r) => !documented.includes(r));
    expect(stale, 'these fixtures name routes the API no longer has').toEqual([]);
  });

  /** Audit entries recorded on one company (not its descendants). */
  async function auditCount(company: { id: number; path: string }): Promise<number> {
    return (await world.repos.auditLog.list({ pathPrefix: company.path, companyId: company.id, limit: 10_000 })).length;
  }

  /** Fresh companies for one case, so that a move or deactivation never changes later cases. */
  async function targets(role: Role, side: 'own' | 'foreign'): Promise<Targets> {
    const { repos, d, r1, r2, c1, c1b, c2 } = world;
    const now = new Date();
    const freshUnder = (parent: typeof r1) => repos.companies.create({ kind: 'customer', parent, name: `Case ${role} ${side}`, now });
    if (role.startsWith('distributor_')) return { customer: await freshUnder(r1), parent: r1, otherParent: r2 };
    if (role.startsWith('reseller_')) {
      // A reseller's subtree has no second reseller: its own moves target itself (refused by role).
      const reseller = side === 'own' ? r1 : r2;
      return { customer: await freshUnder(reseller), parent: reseller, otherParent: side === 'own' ? r1 : d };
    }
    const customer = side === 'own' ? c1 : role === 'customer_admin' ? c1b : c2;
    return { customer, parent: customer, otherParent: customer };
  }

  const nonPublic = Object.entries(ROUTE_FIXTURES).filter(([, f]) => f.scope !== 'public');

  it.each(nonPublic.map(([route]) => route))('%s refuses a caller who is not signed in (401)', async (route) => {
    const fixture = ROUTE_FIXTURES[route]!;
    if (fixture.scope === 'public') return;
    const [method, pattern] = route.split(' ') as [string, string];
    const caller = callers.distributor_admin;
    const req = await fixture.request({ t, world, caller, target: await targets('distributor_admin', 'own') });
    const res = await t.app.request(req.path, { method, headers: { 'content-type': 'application/json' }, ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}) });
    expect(res.status, `${method} ${pattern}`).toBe(401);
  });

  const cases = nonPublic.flatMap(([route]) => ROLES.flatMap((role) => (['own', 'foreign'] as const).map((side) => [route, role, side] as const)));

  it.each(cases)('%s as %s in the %s subtree', async (route, role, side) => {
    const fixture = ROUTE_FIXTURES[route]!;
    if (fixture.scope === 'public') return;
    const [method] = route.split(' ') as [string, string];
    const caller = callers[role];
    if (side === 'foreign' && (fixture.scope !== 'company' || role.startsWith('distributor_'))) {
      // Nothing to cross: self routes have no target, distributor routes are checked on the own side
      // for every role, and a distributor's subtree is the whole channel.
      return;
    }
    const target = await targets(role, side);
    const req = await fixture.request({ t, world, caller, target });
    const headers = { ...(req.headers ?? caller.headers), ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) };
    // Measured after the fixture built its request (fixtures may seed data, audit entries included).
    const before = side === 'foreign' ? await world.repos.companies.get(target.customer.id) : undefined;
    const auditBefore = side === 'foreign' ? await auditCount(target.customer) : 0;
    const res = await t.app.request(req.path, { method, headers, ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}) });
    const text = await res.text();
    const allowed = fixture.allowed.includes(role);

    if (side === 'foreign') {
      foreignTouched.add(target.customer.id);
      expect(res.status, `${route} as ${role} on a sibling's company answered ${res.status}: ${text}`).toBe(404);
      expect(JSON.parse(text).code).toBe('NOT_FOUND');
      expect(await world.repos.companies.get(target.customer.id)).toEqual(before);
      expect(await auditCount(target.customer), `${route} as ${role} wrote an audit entry on a sibling's company`).toBe(auditBefore);
      return;
    }
    if (fixture.scope === 'distributor' && !role.startsWith('distributor_')) {
      expect([403, 404], `${route} as ${role} answered ${res.status}: ${text}`).toContain(res.status);
      return;
    }
    if (allowed) expect(res.status, `${route} as ${role} answered ${res.status}: ${text}`).toBeGreaterThanOrEqual(200);
    if (allowed) expect(res.status, `${route} as ${role} answered ${res.status}: ${text}`).toBeLessThan(300);
    else expect(res.status, `${route} as ${role} answered ${res.status}: ${text}`).toBe(403);
  });

  it('crossed the boundary for every company route and every role below the distributor', () => {
    expect(foreignTouched.size).toBeGreaterThan(0);
  });
});
