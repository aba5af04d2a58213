import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, json, seedWorld, type World } from '../channel-world';

type Node = { id: number; parentId: number | null; name: string; kind: string; ready: boolean | null; childCount: number };
type Branch = { parent: Node; children: Node[]; total: number; offset: number };
type Match = Node & { trail: { id: number; name: string }[] };

/** The tree a branch at a time and the subtree search: the caller's subtree only, paged, literal. */
describe('company tree by branch and search', () => {
  let t: TestApp;
  let w: World;
  let as: Awaited<ReturnType<typeof callersOf>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
    const now = new Date();
    for (let i = 0; i < 25; i++) await w.repos.companies.create({ kind: 'customer', parent: w.r2, name: `Paged ${String(i).padStart(2, '0')}`, domain: `paged${i}.example`, now });
    await w.repos.companies.create({ kind: 'customer', parent: w.r2, name: '100% Real_Estate', now });
  });
  afterAll(() => t?.dispose());

  it("starts at the caller's own company, resellers first, each child with its number of children", async () => {
    const root = (await json(call(t, as.distributor_admin, 'GET', '/api/v1/companies/branch'))) as Branch;
    expect(root.parent).toMatchObject({ id: w.d.id, parentId: null, childCount: 3 });
    expect(root.children.map((c) => c.name)).toEqual(['Reseller One', 'Reseller Two', 'Direct Customer']);
    expect(root.children.find((c) => c.id === w.r1.id)?.childCount).toBe(2);
    expect(root.children.find((c) => c.id === w.direct.id)).toMatchObject({ childCount: 0, ready: false });
    const own = (await json(call(t, as.reseller_admin, 'GET', '/api/v1/companies/branch'))) as Branch;
    expect(own.parent).toMatchObject({ id: w.r1.id, parentId: null });
    expect(own.children.map((c) => c.id).sort()).toEqual([w.c1.id, w.c1b.id].sort());
  });

  it('sends a page of the tree and the search compressed when the client accepts it', async () => {
    for (const path of [`/api/v1/companies/branch?parentId=${w.r2.id}`, '/api/v1/companies/search?q=paged']) {
      const res = await t.app.request(path, { headers: { ...as.distributor_admin.headers, 'accept-encoding': 'gzip, br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('br');
      const body = JSON.parse(zlib.brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as Partial<Branch & { matches: Match[] }>;
      expect((body.children ?? body.matches)?.length).toBeGreaterThan(20);
    }
  });

  it('pages a large branch and says how many there are', async () => {
    const first = (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}&limit=10`))) as Branch;
    expect(first.total).toBe(27);
    expect(first.children).toHaveLength(10);
    const last = (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}&limit=10&offset=20`))) as Branch;
    expect(last.children).toHaveLength(7);
    expect(new Set([...first.children, ...last.children].map((c) => c.id)).size).toBe(17);
  });

  it('answers a page past the end of a branch with no children and the true total, not an error', async () => {
    const past = await call(t, as.distributor_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}&limit=10&offset=500`);
    expect(past.status).toBe(200);
    const body = (await past.json()) as Branch;
    expect(body).toMatchObject({ total: 27, offset: 500, children: [] });
    expect(body.parent).toMatchObject({ id: w.r2.id, childCount: 27 });
    const atEnd = (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}&limit=10&offset=27`))) as Branch;
    expect(atEnd).toMatchObject({ total: 27, children: [] });
    const tooFar = await call(t, as.distributor_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}&offset=2000000`);
    expect(tooFar.status).toBe(400);
    expect(JSON.stringify(await tooFar.json())).toMatch(/offset/);
  });

  it("never opens a sibling's branch, and says so as a missing company", async () => {
    const res = await call(t, as.reseller_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r2.id}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    expect((await call(t, as.customer_admin, 'GET', `/api/v1/companies/branch?parentId=${w.r1.id}`)).status).toBe(404);
  });

  it("searches the caller's subtree only, by name, domain or id, with each match's trail", async () => {
    const found = async (who: keyof typeof as, q: string, extra = '') =>
      ((await json(call(t, as[who], 'GET', `/api/v1/companies/search?q=${encodeURIComponent(q)}${extra}`))) as { matches: Match[] }).matches;
    expect((await found('distributor_admin', 'customer two')).map((m) => m.id)).toEqual([w.c2.id]);
    expect((await found('distributor_admin', 'customer two'))[0]!.trail.map((a) => a.name)).toEqual(['Distributor', 'Reseller Two']);
    expect((await found('reseller_admin', 'customer')).map((m) => m.id).sort()).toEqual([w.c1.id, w.c1b.id].sort());
    expect(await found('reseller_admin', 'Customer Two')).toEqual([]);
    expect((await found('reseller_admin', 'one.EXAMPLE')).map((m) => m.id)).toEqual([w.c1.id]);
    expect((await found('distributor_admin', String(w.c2.id))).map((m) => m.id)).toEqual([w.c2.id]);
    expect((await found('reseller_admin', String(w.c2.id)))).toEqual([]);
    // The reseller's own trail starts at itself: the distributor above it is not theirs to see.
    expect((await found('reseller_admin', 'customer one b'))[0]!.trail.map((a) => a.name)).toEqual(['Reseller One']);
    expect((await found('distributor_admin', 'reseller', '&kind=reseller')).map((m) => m.kind)).toEqual(['reseller', 'reseller']);
  });

  it('takes % and _ literally, lists everything by name without a query, and names a bad filter', async () => {
    const pct = (await json(call(t, as.distributor_admin, 'GET', '/api/v1/companies/search?q=100%25'))) as { matches: Match[] };
    expect(pct.matches.map((m) => m.name)).toEqual(['100% Real_Estate']);
    const under = (await json(call(t, as.distributor_admin, 'GET', '/api/v1/companies/search?q=l_e'))) as { matches: Match[] };
    expect(under.matches.map((m) => m.name)).toEqual(['100% Real_Estate']);
    const all = (await json(call(t, as.reseller_admin, 'GET', '/api/v1/companies/search?q=%20&kind=customer&status=active'))) as { matches: Match[] };
    expect(all.matches.map((m) => m.name)).toEqual(['Customer One', 'Customer One B']);
    const bad = await call(t, as.distributor_admin, 'GET', '/api/v1/companies/search?kind=planet');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/kind/);
  });

  it("counts the caller's active customers and names the first not ready, their subtree only", async () => {
    type Readiness = { customers: number; ready: number; notReady: { id: number; name: string }[] };
    const dist = (await json(call(t, as.distributor_admin, 'GET', '/api/v1/companies/readiness'))) as Readiness;
    expect(dist.customers).toBe(4 + 26);
    expect(dist.ready + dist.notReady.length).toBeLessThanOrEqual(dist.customers);
    expect(dist.notReady).toHaveLength(10);
    const own = (await json(call(t, as.reseller_admin, 'GET', '/api/v1/companies/readiness'))) as Readiness;
    expect(own.customers).toBe(2);
    expect(own.notReady.map((c) => c.id)).not.toContain(w.c2.id);
    expect([...own.notReady.map((c) => c.id)].every((id) => [w.c1.id, w.c1b.id].includes(id))).toBe(true);
  });

  it('follows every change to the subtree and to the policy at once, whichever process made it (the answer is kept per subtree)', async () => {
    type Readiness = { customers: number; ready: number; notReady: { id: number; name: string }[] };
    const read = async () => (await json(call(t, as.reseller_admin, 'GET', '/api/v1/companies/readiness'))) as Readiness;
    const first = await read();
    expect(await read()).toEqual(first);
    const now = new Date();
    // Written straight to the database, as another server process would: the next answer sees it.
    const ready = { email: 'it@lamna.example', phone: '+1 206 555 0100', billingLine1: '1 Main Street', billingCity: 'Seattle', billingState: 'WA', billingPostalCode: '98101', billingCountry: 'US' };
    await w.repos.companies.update(w.c1b.id, ready, now);
    const afterEdit = await read();
    expect(afterEdit.notReady.map((c) => c.id)).not.toContain(w.c1b.id);
    expect(afterEdit.ready).toBe(first.ready + 1);
    await w.repos.companies.setStatus(w.c1b.id, 'inactive', now);
    expect((await read()).customers).toBe(first.customers - 1);
    await w.repos.companies.setStatus(w.c1b.id, 'active', now);
    const added = await w.repos.companies.create({ kind: 'customer', parent: w.r1, name: 'Aaa Newcomer', now });
    const afterAdd = await read();
    expect(afterAdd.customers).toBe(first.customers + 1);
    expect(afterAdd.notReady[0]).toEqual({ id: added.id, name: 'Aaa Newcomer' });
    // The policy is part of the answer too: a stricter one counts the ready customer again.
    await w.repos.settings.set('distributor.policy', { requireCorporateEmail: true, requireSubCustomerBillingAddress: true });
    const stricter = await read();
    await w.repos.settings.set('distributor.policy', { requireCorporateEmail: true, requireSubCustomerBillingAddress: false });
    expect((await read()).ready).toBe(afterAdd.ready);
    expect(stricter.ready).toBeLessThanOrEqual(afterAdd.ready);
  });
});
