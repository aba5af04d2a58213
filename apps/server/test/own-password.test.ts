import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { PASSWORD, call, json, seedWorld, signInAs, type World } from './channel-world';

/** A person changes their own password (POST /api/v1/auth/password); see docs/CHANNEL-AND-ACCOUNTS.md. */
describe(`changing one's own password (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let w: World;
  let admin: Awaited<ReturnType<typeof signInAs>>;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ CSPHUB_TRUST_PROXY: 'true' });
    w = await seedWorld(t);
    admin = await signInAs(t, w.users.reseller_admin!);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function newPerson() {
    const email = `self-${++n}@world.test`;
    const res = await call(t, admin, 'POST', `/api/v1/companies/${w.c1.id}/users`, { email, name: `Self ${n}`, role: 'customer_admin', password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: (await json(res)).id as string, email };
  }
  const change = (caller: { headers: Record<string, string> }, body: unknown, source = '192.0.2.1') =>
    call(t, { headers: { ...caller.headers, 'x-forwarded-for': source } }, 'POST', '/api/v1/auth/password', body);

  it('needs the current password, naming the field when it is wrong or missing', async () => {
    const me = await newPerson();
    const session = await signInAs(t, me.email);
    const wrong = await change(session, { currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await json(wrong)).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', errors: [{ field: 'currentPassword' }] });
    const missing = await change(session, { newPassword: 'a-brand-new-password' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await json(missing))).toContain('currentPassword');
    const same = await change(session, { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect((await json(same)).errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    await expect(signInAs(t, me.email, 'a-brand-new-password')).rejects.toThrow(/401/);
  });

  it("changes it, keeps this session, ends the person's other sessions, and audits it without the password", async () => {
    const me = await newPerson();
    const here = await signInAs(t, me.email);
    const elsewhere = await signInAs(t, me.email);
    expect((await change(here, { currentPassword: PASSWORD, newPassword: 'my-own-new-password' })).status).toBe(204);
    expect((await call(t, here, 'GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await call(t, elsewhere, 'GET', '/api/v1/auth/session')).status).toBe(401);
    await expect(signInAs(t, me.email, PASSWORD)).rejects.toThrow(/401/);
    await expect(signInAs(t, me.email, 'my-own-new-password')).resolves.toBeDefined();
    const entries = (await w.repos.auditLog.list({ pathPrefix: w.c1.path, companyId: w.c1.id, limit: 1000 })).filter((e) => e.targetId === me.id && e.action === 'user.password_changed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorLabel: me.email });
    expect(JSON.stringify(entries)).not.toContain('my-own-new-password');
  });

  it('is rate-limited like sign-in: wrong current passwords from one address back off with 429 and Retry-After', async () => {
    const me = await newPerson();
    const session = await signInAs(t, me.email);
    for (let i = 0; i < 5; i++) expect((await change(session, { currentPassword: `guess-${i}-guess`, newPassword: 'a-brand-new-password' }, '203.0.113.20')).status).toBe(403);
    const limited = await change(session, { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' }, '203.0.113.20');
    expect(limited.status).toBe(429);
    expect((await json(limited)).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same guesses count for signing in from that address.
    expect((await call(t, { headers: { 'x-forwarded-for': '203.0.113.20' } }, 'POST', '/api/v1/auth/login', { email: me.email, password: PASSWORD })).status).toBe(429);
  });

  it('is not for API tokens, which have no password', async () => {
    const token = (await json(call(t, admin, 'POST', `/api/v1/companies/${w.c1.id}/api-tokens`, { name: 'no password', role: 'customer_admin' }))).token;
    const res = await call(t, { headers: { authorization: `Bearer ${token}` } }, 'POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('FORBIDDEN');
  });

  it('after an administrator resets the password, the person must choose their own before anything else', async () => {
    const me = await newPerson();
    const reset = await json(call(t, admin, 'POST', `/api/v1/companies/${w.c1.id}/users/${me.id}/reset-password`));
    const login = await signInAs(t, me.email, reset.password);
    expect(login.body).toMatchObject({ mustChangePassword: true });
    const blocked = await call(t, login, 'GET', `/api/v1/companies/${w.c1.id}`);
    expect(blocked.status).toBe(403);
    expect((await json(blocked)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await json(call(t, login, 'GET', '/api/v1/auth/session'))).mustChangePassword).toBe(true);
    expect((await change(login, { currentPassword: reset.password, newPassword: 'chosen-by-me-alone' })).status).toBe(204);
    expect((await json(call(t, login, 'GET', '/api/v1/auth/session'))).mustChangePassword).toBe(false);
    expect((await call(t, login, 'GET', `/api/v1/companies/${w.c1.id}`)).status).toBe(200);
  });
});
