import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { PASSWORD, call, json, seedWorld, signInAs, type World } from './channel-world';

describe('sign-in, sessions, CSRF and API tokens', () => {
  let t: TestApp;
  let w: World;
  let now = new Date('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ CSPHUB_TRUST_PROXY: 'true' }, { clock: { now: () => now } });
    w = await seedWorld(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('signs in with e-mail and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'Reseller-Admin@World.test', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^csphub_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = await json(res);
    expect(body).toMatchObject({ via: 'session', user: { role: 'reseller_admin' }, company: { id: w.r1.id, name: 'Reseller One' } });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('answers the same 401 for a wrong password and an unknown account', async () => {
    const wrong = await call(t, null, 'POST', '/api/v1/auth/login', { email: 'reseller-admin@world.test', password: 'nope-nope-nope' });
    const unknown = await call(t, null, 'POST', '/api/v1/auth/login', { email: 'nobody@world.test', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await json(wrong), await json(unknown)];
    expect(a.code).toBe('SIGN_IN_FAILED');
    expect(a.detail).toBe(b.detail);
  });

  it('needs a session for the API and the CSRF token for cookie-authenticated changes', async () => {
    expect((await call(t, null, 'GET', '/api/v1/companies/tree')).status).toBe(401);
    const { headers } = await signInAs(t, 'reseller-admin@world.test');
    expect((await call(t, { headers }, 'GET', '/api/v1/companies/tree')).status).toBe(200);
    const noCsrf = await call(t, { headers: { cookie: headers.cookie! } }, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Madrid' });
    expect(noCsrf.status).toBe(403);
    expect((await json(noCsrf)).code).toBe('CSRF_TOKEN_INVALID');
    const wrongCsrf = await call(t, { headers: { ...headers, 'x-csrf-token': 'x'.repeat(43) } }, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Madrid' });
    expect(wrongCsrf.status).toBe(403);
    expect((await call(t, { headers }, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Madrid' })).status).toBe(200);
  });

  it('ends the session on sign-out', async () => {
    const { headers } = await signInAs(t, 'customer-admin@world.test');
    expect((await call(t, { headers }, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    const after = await call(t, { headers }, 'GET', '/api/v1/auth/session');
    expect(after.status).toBe(401);
    expect((await json(after)).code).toBe('SESSION_EXPIRED');
  });

  it('expires an idle session after 12 hours', async () => {
    const { headers } = await signInAs(t, 'billing-reader@world.test');
    now = new Date(now.getTime() + 13 * 3600_000);
    expect((await call(t, { headers }, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('holds an account back after 5 failures from one address, with Retry-After, even for the right password', async () => {
    const email = 'reseller-operator@world.test';
    for (let i = 0; i < 5; i++) {
      expect((await call(t, null, 'POST', '/api/v1/auth/login', { email, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const locked = await call(t, null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect((await json(locked)).code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await call(t, null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it('limits one address trying many accounts (20 failures) without locking other addresses', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 20; i++) {
      const res = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...from('203.0.113.9') }, body: JSON.stringify({ email: `spray${i}@world.test`, password: 'guess-guess-guess' }) });
      expect(res.status).toBe(401);
    }
    const blocked = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...from('203.0.113.9') }, body: JSON.stringify({ email: 'distributor-admin@world.test', password: PASSWORD }) });
    expect(blocked.status).toBe(429);
    await expect(signInAs(t, 'distributor-admin@world.test', PASSWORD, from('198.51.100.7'))).resolves.toBeDefined();
  });

  it('creates an API token shown once, stored hashed, scoped to its company, and revocable', async () => {
    const admin = await signInAs(t, 'reseller-admin@world.test');
    const created = await call(t, admin, 'POST', `/api/v1/companies/${w.c1.id}/api-tokens`, { name: 'billing sync', role: 'customer_admin' });
    expect(created.status).toBe(201);
    const { token, id } = await json(created);
    expect(token).toMatch(/^csph_/);
    const list = await (await json(call(t, admin, 'GET', `/api/v1/companies/${w.c1.id}/api-tokens`)));
    expect(JSON.stringify(list)).not.toContain(token);
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await call(t, bearer, 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(200);
    expect((await call(t, bearer, 'GET', `/api/v1/companies/${w.c1b.id}`)).status).toBe(404);
    // No CSRF needed with a token.
    expect((await call(t, bearer, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city: 'Sevilla' })).status).toBe(200);
    const audit = await (await json(call(t, admin, 'GET', `/api/v1/audit-log?companyId=${w.c1.id}&action=company.updated`)));
    expect(audit.items[0]).toMatchObject({ actorType: 'api_token', actorLabel: 'API token "billing sync"' });
    // A token never gets more than its creator.
    expect((await call(t, admin, 'POST', `/api/v1/companies/${w.r1.id}/api-tokens`, { name: 'x', role: 'distributor_admin' })).status).toBe(422);
    expect((await call(t, admin, 'POST', `/api/v1/companies/${w.c1.id}/api-tokens/${id}/revoke`)).status).toBe(200);
    expect((await call(t, bearer, 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(401);
  });
});
