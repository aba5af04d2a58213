import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from './channel-world';

describe('companies, hierarchy, prerequisites and the audit log', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  beforeAll(async () => {
    t = await createTestApp({}, { connectionTester: { test: async (conn, now) => ({ ok: conn.appSecret === 'world-secret', checks: [], testedAt: now.toISOString() }) } });
    w = await seedWorld(t);
    as = await callersOf(t, w);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("returns the caller's subtree as the tree, and nothing above or beside it", async () => {
    const tree = async (role: Role) => (await (await json(call(t, as[role], 'GET', '/api/v1/companies/tree')))) as { rootId: number; nodes: { id: number; parentId: number | null }[] };
    const dist = await tree('distributor_admin');
    expect(dist.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([w.d.id, w.r1.id, w.r2.id, w.c1.id, w.c1b.id, w.c2.id, w.direct.id]));
    const reseller = await tree('reseller_operator');
    expect(reseller.rootId).toBe(w.r1.id);
    expect(reseller.nodes.map((n) => n.id).sort()).toEqual([w.r1.id, w.c1.id, w.c1b.id].sort());
    expect(reseller.nodes.find((n) => n.id === w.r1.id)!.parentId).toBeNull();
    const customer = await tree('customer_admin');
    expect(customer.nodes.map((n) => n.id)).toEqual([w.c1.id]);
  });

  it('shows breadcrumbs from the top of the caller\'s view, and 404 for a sibling reseller\'s customer', async () => {
    const asDist = await (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/${w.c1.id}`)));
    expect(asDist.breadcrumbs.map((b: { name: string }) => b.name)).toEqual(['Distributor', 'Reseller One', 'Customer One']);
    const asReseller = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1.id}`)));
    expect(asReseller.breadcrumbs.map((b: { name: string }) => b.name)).toEqual(['Reseller One', 'Customer One']);
    const hidden = await call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c2.id}`);
    const missing = await call(t, as.reseller_admin, 'GET', '/api/v1/companies/999999');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await json(hidden)).detail.replace(String(w.c2.id), 'N')).toBe((await json(missing)).detail.replace('999999', 'N'));
  });

  it('turns the checklist green when the missing postal code is filled in, and audits the change', async () => {
    const before = await (await json(call(t, as.reseller_operator, 'GET', `/api/v1/companies/${w.c1.id}/prerequisites`)));
    expect(before.ready).toBe(false);
    const billing = before.items.find((i: { key: string }) => i.key === 'billingAddress');
    expect(billing.problems).toEqual([expect.objectContaining({ field: 'postalCode', code: 'required', message: expect.stringContaining('postal code is missing') })]);

    const bad = await call(t, as.reseller_operator, 'PATCH', `/api/v1/companies/${w.c1.id}`, { billingPostalCode: 'ABC' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toEqual([expect.objectContaining({ field: 'billingPostalCode', message: expect.stringContaining('28001') })]);

    const ok = await call(t, as.reseller_operator, 'PATCH', `/api/v1/companies/${w.c1.id}`, { billingPostalCode: ' 28013 ' });
    expect(ok.status).toBe(200);
    expect((await json(ok)).billingPostalCode).toBe('28013');
    const after = await (await json(call(t, as.reseller_operator, 'GET', `/api/v1/companies/${w.c1.id}/prerequisites`)));
    expect(after).toMatchObject({ ready: true });

    const log = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/audit-log?companyId=${w.c1.id}&action=company.updated`)));
    expect(log.items[0]).toMatchObject({
      actorType: 'user',
      actorLabel: 'reseller-operator@world.test',
      summary: expect.stringContaining('billingPostalCode'),
      before: { billingPostalCode: null },
      after: { billingPostalCode: '28013' },
      requestId: expect.any(String),
    });
  });

  it("uses the reseller's billing address for a sub-customer without one, unless the distributor requires its own", async () => {
    const patch = { email: 'it@oneb.example', phone: '+34 600 000 000' };
    expect((await call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${w.c1b.id}`, patch)).status).toBe(200);
    const fallback = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1b.id}/prerequisites`)));
    expect(fallback.ready).toBe(true);
    expect(fallback.items.find((i: { key: string }) => i.key === 'billingAddress').source).toBe('reseller');
    expect((await call(t, as.reseller_admin, 'PATCH', '/api/v1/settings/policy', { requireSubCustomerBillingAddress: true })).status).toBe(403);
    expect((await call(t, as.distributor_admin, 'PATCH', '/api/v1/settings/policy', { requireSubCustomerBillingAddress: true })).status).toBe(200);
    const strict = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1b.id}/prerequisites`)));
    expect(strict.ready).toBe(false);
    await call(t, as.distributor_admin, 'PATCH', '/api/v1/settings/policy', { requireSubCustomerBillingAddress: false });
  });

  it('refuses a free-mail address in the checklist when the policy asks for a corporate one', async () => {
    await call(t, as.distributor_admin, 'PATCH', `/api/v1/companies/${w.direct.id}`, { email: 'boss@gmail.com', phone: '+1 425 555 0100', billingLine1: '1 Way', billingCity: 'Redmond', billingState: 'washington', billingPostalCode: '98052', billingCountry: 'us' });
    const company = await (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/${w.direct.id}`)));
    expect(company).toMatchObject({ billingState: 'WA', billingCountry: 'US' });
    const r = await (await json(call(t, as.distributor_admin, 'GET', `/api/v1/companies/${w.direct.id}/prerequisites`)));
    expect(r.items.find((i: { key: string }) => i.key === 'email')).toMatchObject({ ok: false, problems: [{ code: 'free-mail' }] });
  });

  it('creates customers under a reseller, and refuses a reseller under a reseller', async () => {
    const created = await call(t, as.reseller_admin, 'POST', '/api/v1/companies', { parentId: w.r1.id, kind: 'customer', name: 'Brand New S.L.', billingCountry: 'ES' });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body).toMatchObject({ kind: 'customer', parentId: w.r1.id, breadcrumbs: [{ name: 'Reseller One' }, { name: 'Brand New S.L.' }] });
    const nested = await call(t, as.distributor_admin, 'POST', '/api/v1/companies', { parentId: w.r1.id, kind: 'reseller', name: 'Sub Reseller' });
    expect(nested.status).toBe(422);
    expect((await json(nested)).code).toBe('HIERARCHY_INVALID');
    const badName = await call(t, as.reseller_admin, 'POST', '/api/v1/companies', { parentId: w.r1.id, kind: 'customer', name: 'LLC' });
    expect(badName.status).toBe(400);
  });

  it('moves a customer between resellers only for a distributor admin, and says so in the audit log', async () => {
    const c = await w.repos.companies.create({ kind: 'customer', parent: w.r1, name: 'Mover', now: new Date() });
    expect((await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${c.id}/move`, { parentId: w.r1.id })).status).toBe(403);
    expect((await call(t, as.distributor_operator, 'POST', `/api/v1/companies/${c.id}/move`, { parentId: w.r2.id })).status).toBe(403);
    const moved = await call(t, as.distributor_admin, 'POST', `/api/v1/companies/${c.id}/move`, { parentId: w.r2.id });
    expect(moved.status).toBe(200);
    expect((await json(moved)).parentId).toBe(w.r2.id);
    expect((await call(t, as.reseller_admin, 'GET', `/api/v1/companies/${c.id}`)).status).toBe(404);
    const log = await (await json(call(t, as.distributor_admin, 'GET', `/api/v1/audit-log?companyId=${c.id}&action=company.moved`)));
    expect(log.items[0].summary).toBe(`Moved Mover (${c.id}) from Reseller One (${w.r1.id}) to Reseller Two (${w.r2.id}) by distributor admin distributor-admin@world.test`);
    const resellerMove = await call(t, as.distributor_admin, 'POST', `/api/v1/companies/${w.r1.id}/move`, { parentId: w.r2.id });
    expect(resellerMove.status).toBe(422);
  });

  it('deactivates a company (never deletes it) only when nothing active sits under it', async () => {
    const blocked = await call(t, as.distributor_admin, 'POST', `/api/v1/companies/${w.r2.id}/deactivate`);
    expect(blocked.status).toBe(409);
    expect((await json(blocked)).code).toBe('COMPANY_HAS_ACTIVE_CHILDREN');
    const c = await w.repos.companies.create({ kind: 'customer', parent: w.r1, name: 'Leaving', now: new Date() });
    const res = await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${c.id}/deactivate`);
    expect((await json(res)).status).toBe('inactive');
    expect((await call(t, as.reseller_admin, 'GET', `/api/v1/companies/${c.id}`)).status).toBe(200);
    expect((await call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${c.id}`, { city: 'x' })).status).toBe(409);
    expect((await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.r1.id}/deactivate`)).status).toBe(403);
  });

  it('manages people: roles must fit the company and never exceed the granter', async () => {
    const add = (role: string) => call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.c1.id}/users`, { email: `${role}@new.test`, name: 'N', role, password: 'long-enough-password' });
    expect((await add('customer_admin')).status).toBe(201);
    expect((await add('reseller_admin')).status).toBe(422);
    expect((await add('customer_admin')).status).toBe(409);
    const users = await (await json(call(t, as.customer_admin, 'GET', `/api/v1/companies/${w.c1.id}/users`)));
    expect(users.items.map((u: { email: string }) => u.email)).toContain('customer_admin@new.test');
    expect(JSON.stringify(users)).not.toContain('argon2');
  });

  it('never returns connection secrets, and tests a connection with its decrypted credentials', async () => {
    const list = await (await json(call(t, as.distributor_admin, 'GET', '/api/v1/connections')));
    expect(list.items[0]).toMatchObject({ name: 'Indirect ES', hasAppSecret: true, hasRefreshToken: true });
    expect(JSON.stringify(list)).not.toContain('world-secret');
    const test = await (await json(call(t, as.distributor_operator, 'POST', `/api/v1/connections/${w.conn.id}/test`)));
    expect(test.ok).toBe(true);
    const patched = await call(t, as.distributor_admin, 'PATCH', `/api/v1/connections/${w.conn.id}`, { appSecret: 'rotated-secret' });
    expect(JSON.stringify(await json(patched))).not.toContain('rotated-secret');
    expect((await (await json(call(t, as.distributor_admin, 'POST', `/api/v1/connections/${w.conn.id}/test`)))).ok).toBe(false);
    const log = await (await json(call(t, as.distributor_admin, 'GET', `/api/v1/audit-log?action=connection.`)));
    expect(JSON.stringify(log)).not.toMatch(/world-secret|rotated-secret|world-refresh/);
  });

  it('keeps sync options per connection, with the reseller Partner ID defaulting to the parent reseller', async () => {
    const before = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1.id}/sync-options`)));
    expect(before.items[0]).toMatchObject({ syncStatus: 'not_synced', resellerPartnerId: '1234567', connection: { type: 'indirect-provider' } });
    const bad = await call(t, as.reseller_admin, 'PUT', `/api/v1/companies/${w.c1.id}/sync-options/${w.conn.id}`, { domainPrefix: 'has-dash' });
    expect(bad.status).toBe(400);
    expect((await call(t, as.reseller_admin, 'PUT', `/api/v1/companies/${w.c1.id}/sync-options/${w.conn.id}`, { domainPrefix: 'CustomerOne', adminUsername: 'admin' })).status).toBe(200);
    const after = await (await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1.id}/sync-options`)));
    expect(after.items[0]).toMatchObject({ domainPrefix: 'customerone', adminUsername: 'admin' });
  });

  it('exports the audit log as CSV with a header row, quoting and no formula injection', async () => {
    await call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${w.c1.id}`, { contactPerson: '=HYPERLINK("x")' });
    const res = await call(t, as.reseller_admin, 'GET', `/api/v1/audit-log/export.csv?companyId=${w.c1.id}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('id,at,companyId,companyName,actorType,actorLabel,action,targetType,targetId,summary,before,after,requestId');
    expect(rows.length).toBeGreaterThan(1);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain('HYPERLINK');
  });
});
