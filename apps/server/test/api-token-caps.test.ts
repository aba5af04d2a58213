import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { PASSWORD, call, json, seedWorld, signInAs, type World } from './channel-world';

/**
 * An API token never has more power or a longer life than its owner, judged at each request.
 * See docs/CHANNEL-AND-ACCOUNTS.md ("API tokens").
 */
describe(`API tokens are capped by their owner (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let w: World;
  let distributor: Awaited<ReturnType<typeof signInAs>>;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    distributor = await signInAs(t, w.users.distributor_admin!);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A fresh reseller admin in Reseller One, signed in. */
  async function freshOwner() {
    const email = `owner-${++n}@world.test`;
    const res = await call(t, distributor, 'POST', `/api/v1/companies/${w.r1.id}/users`, { email, name: 'Token owner', role: 'reseller_admin', password: PASSWORD });
    expect(res.status).toBe(201);
    const { id } = await json(res);
    return { id, email, session: await signInAs(t, email) };
  }
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  async function mint(caller: { headers: Record<string, string> }, companyId: number, body: Record<string, unknown>) {
    const res = await call(t, caller, 'POST', `/api/v1/companies/${companyId}/api-tokens`, { name: `t${++n}`, ...body });
    return { res, body: await json(res) };
  }

  it("stops a disabled owner's tokens at once (401), including tokens those tokens made", async () => {
    const owner = await freshOwner();
    const parent = await mint(owner.session, w.r1.id, { role: 'reseller_admin' });
    expect(parent.res.status).toBe(201);
    const child = await mint(bearer(parent.body.token), w.c1.id, { role: 'customer_admin' });
    expect(child.res.status).toBe(201);
    expect((await call(t, bearer(child.body.token), 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(200);

    expect((await call(t, distributor, 'PATCH', `/api/v1/companies/${w.r1.id}/users/${owner.id}`, { status: 'disabled' })).status).toBe(200);
    for (const token of [parent.body.token, child.body.token]) {
      const res = await call(t, bearer(token), 'GET', `/api/v1/companies/${w.c1.id}`);
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('SESSION_EXPIRED');
    }
    // Re-enabled, the owner's tokens work again: they were stopped by the owner's state, not revoked.
    expect((await call(t, distributor, 'PATCH', `/api/v1/companies/${w.r1.id}/users/${owner.id}`, { status: 'active' })).status).toBe(200);
    expect((await call(t, bearer(parent.body.token), 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(200);
  });

  it("caps a demoted owner's tokens to what the owner can do now, not what they could when the token was made", async () => {
    const owner = await freshOwner();
    const admin = await mint(owner.session, w.r1.id, { role: 'reseller_admin' });
    const customer = await mint(bearer(admin.body.token), w.c1.id, { role: 'customer_admin' });
    const newUser = () => ({ email: `made-${++n}@world.test`, name: 'Made by a token', role: 'billing_reader', password: PASSWORD });
    expect((await call(t, bearer(admin.body.token), 'POST', `/api/v1/companies/${w.c1.id}/users`, newUser())).status).toBe(201);
    expect((await call(t, bearer(customer.body.token), 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Lima' })).status).toBe(200);

    expect((await call(t, distributor, 'PATCH', `/api/v1/companies/${w.r1.id}/users/${owner.id}`, { role: 'reseller_operator' })).status).toBe(200);

    const session = await json(call(t, bearer(admin.body.token), 'GET', '/api/v1/auth/session'));
    expect(session.user.role).toBe('reseller_operator');
    expect(session.permissions).not.toContain('users.manage');
    expect((await call(t, bearer(admin.body.token), 'POST', `/api/v1/companies/${w.c1.id}/users`, newUser())).status).toBe(403);
    expect((await call(t, bearer(admin.body.token), 'POST', `/api/v1/companies/${w.c1.id}/api-tokens`, { name: 'more', role: 'billing_reader' })).status).toBe(403);
    // The customer admin token made by a token of the demoted owner: an operator cannot grant it, so it reads only.
    expect((await json(call(t, bearer(customer.body.token), 'GET', '/api/v1/auth/session'))).user.role).toBe('billing_reader');
    expect((await call(t, bearer(customer.body.token), 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Quito' })).status).toBe(403);
    expect((await call(t, bearer(customer.body.token), 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(200);
  });

  it('never lets a token make a token that outlives it or does more than it can', async () => {
    const owner = await freshOwner();
    const parent = await mint(owner.session, w.r1.id, { role: 'reseller_admin', expiresInDays: 10 });
    expect(parent.res.status).toBe(201);
    const limit = parent.body.expiresAt as string;

    const tooLong = await mint(bearer(parent.body.token), w.c1.id, { role: 'customer_admin', expiresInDays: 30 });
    expect(tooLong.res.status).toBe(400);
    expect(tooLong.res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'expiresInDays' })]);

    const shorter = await mint(bearer(parent.body.token), w.c1.id, { role: 'customer_admin', expiresInDays: 5 });
    expect(shorter.res.status).toBe(201);
    expect(Date.parse(shorter.body.expiresAt)).toBeLessThan(Date.parse(limit));
    const inherited = await mint(bearer(parent.body.token), w.c1.id, { role: 'customer_admin' });
    expect(inherited.res.status).toBe(201);
    expect(inherited.body.expiresAt).toBe(limit);

    // Scope: nothing stronger than the minting token, nor outside its company's subtree.
    expect((await mint(bearer(parent.body.token), w.r1.id, { role: 'distributor_admin' })).res.status).toBe(422);
    const customer = await mint(bearer(parent.body.token), w.c1.id, { role: 'billing_reader' });
    expect((await mint(bearer(customer.body.token), w.c1.id, { role: 'billing_reader' })).res.status).toBe(403);
    expect((await mint(bearer(inherited.body.token), w.c1.id, { role: 'billing_reader' })).res.status).toBe(201);
    expect((await mint(bearer(inherited.body.token), w.r1.id, { role: 'billing_reader' })).res.status).toBe(404);
  });
});
