import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, signInAs, type Caller, type World } from './channel-world';

/** The Security tab's API: change a role, disable and re-enable, reset a password. */
describe('people of a company: role, status and password reset', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A new person in Customer One, added through the API, with a password they know. */
  async function newPerson(role: Role = 'billing_reader') {
    const email = `person-${++n}@users.test`;
    const res = await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.c1.id}/users`, { email, name: `Person ${n}`, role, password: 'their-own-password' });
    expect(res.status).toBe(201);
    return { ...(await json(res)), email } as { id: string; email: string };
  }
  const usersPath = (companyId: number, userId: string) => `/api/v1/companies/${companyId}/users/${userId}`;
  const auditOf = async (userId: string) => (await w.repos.auditLog.list({ pathPrefix: w.c1.path, companyId: w.c1.id, limit: 1000 })).filter((e) => e.targetId === userId);

  it('tells the UI which roles the caller may give in this company, none to a caller who may not manage people', async () => {
    const roles = async (caller: Caller, companyId: number) => (await json(call(t, caller, 'GET', `/api/v1/companies/${companyId}/users`))).assignableRoles;
    expect(await roles(as.reseller_admin, w.c1.id)).toEqual(['customer_admin', 'billing_reader']);
    expect(await roles(as.reseller_admin, w.r1.id)).toEqual(['reseller_admin', 'reseller_operator', 'billing_reader']);
    expect(await roles(as.distributor_admin, w.d.id)).toEqual(['distributor_admin', 'distributor_operator', 'billing_reader']);
    expect(await roles(as.customer_admin, w.c1.id)).toEqual(['customer_admin', 'billing_reader']);
    expect(await roles(as.reseller_operator, w.c1.id)).toEqual([]);
  });

  it("changes a user's role within what the company and the caller allow, and audits it", async () => {
    const u = await newPerson();
    const res = await call(t, as.reseller_admin, 'PATCH', usersPath(w.c1.id, u.id), { role: 'customer_admin' });
    expect(res.status).toBe(200);
    expect((await json(res)).role).toBe('customer_admin');
    const wrongKind = await call(t, as.reseller_admin, 'PATCH', usersPath(w.c1.id, u.id), { role: 'reseller_operator' });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await json(wrongKind)).code).toBe('ROLE_NOT_ALLOWED');
    const [entry] = await auditOf(u.id);
    expect(entry).toMatchObject({ action: 'user.updated', summary: `Changed the role of ${u.email} from billing reader to customer admin` });
    expect(entry!.before).toMatchObject({ role: 'billing_reader' });
    expect(entry!.after).toMatchObject({ role: 'customer_admin' });
  });

  it('lets only administrators change people: operators and billing readers get 403, other subtrees 404', async () => {
    const u = await newPerson();
    for (const role of ['reseller_operator', 'distributor_operator', 'billing_reader'] as const) {
      expect((await call(t, as[role], 'PATCH', usersPath(w.c1.id, u.id), { status: 'disabled' })).status, role).toBe(403);
      expect((await call(t, as[role], 'POST', `${usersPath(w.c1.id, u.id)}/reset-password`)).status, role).toBe(403);
    }
    // A user of Reseller Two's customer, seen from Reseller One: as if it did not exist.
    const foreign = await w.repos.users.create({ companyId: w.c2.id, email: 'foreign@users.test', name: 'Foreign', passwordHash: 'x', role: 'billing_reader', now: new Date() });
    for (const path of [usersPath(w.c2.id, foreign.id), usersPath(w.c1.id, foreign.id)]) {
      const patch = await call(t, as.reseller_admin, 'PATCH', path, { status: 'disabled' });
      expect(patch.status).toBe(404);
      expect((await json(patch)).code).toBe('NOT_FOUND');
      const reset = await call(t, as.reseller_admin, 'POST', `${path}/reset-password`);
      expect(reset.status).toBe(404);
      expect(JSON.stringify(await json(reset))).not.toMatch(/password"/);
    }
    expect((await w.repos.users.get(foreign.id))!.status).toBe('active');
    expect((await call(t, as.customer_admin, 'PATCH', usersPath(w.c1.id, u.id), { status: 'disabled' })).status).toBe(200);
  });

  it('refuses to let a user disable themself, change their own role or reset their own password, saying why', async () => {
    const me = (await w.repos.users.findByEmail(as.reseller_admin.email))!;
    for (const [method, path, body] of [
      ['PATCH', usersPath(w.r1.id, me.id), { status: 'disabled' }],
      ['PATCH', usersPath(w.r1.id, me.id), { role: 'reseller_operator' }],
      ['POST', `${usersPath(w.r1.id, me.id)}/reset-password`, undefined],
    ] as const) {
      const res = await call(t, as.reseller_admin, method, path, body);
      expect(res.status).toBe(403);
      const problem = await json(res);
      expect(problem.code).toBe('OWN_ACCESS_LOCKED');
      expect(problem.detail).toMatch(/ask another administrator/);
    }
    expect((await w.repos.users.get(me.id))!).toMatchObject({ status: 'active', role: 'reseller_admin' });
    expect((await call(t, as.reseller_admin, 'GET', '/api/v1/auth/session')).status).toBe(200);
  });

  it('disabling ends the sessions and stops sign-in; re-enabling lets the person sign in again', async () => {
    const u = await newPerson();
    const session = await signInAs(t, u.email, 'their-own-password');
    expect((await call(t, session, 'GET', '/api/v1/auth/session')).status).toBe(200);
    const res = await call(t, as.reseller_admin, 'PATCH', usersPath(w.c1.id, u.id), { status: 'disabled' });
    expect((await json(res)).status).toBe('disabled');
    expect((await call(t, session, 'GET', '/api/v1/auth/session')).status).toBe(401);
    await expect(signInAs(t, u.email, 'their-own-password')).rejects.toThrow(/401/);
    expect((await call(t, as.reseller_admin, 'PATCH', usersPath(w.c1.id, u.id), { status: 'active' })).status).toBe(200);
    expect((await call(t, await signInAs(t, u.email, 'their-own-password'), 'GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await auditOf(u.id)).map((e) => e.summary)).toEqual(expect.arrayContaining([`Disabled ${u.email}`, `Re-enabled ${u.email}`]));
  });

  it('resets a password to a one-time password shown once: hash stored, sessions ended, old password refused, audited without it', async () => {
    const u = await newPerson();
    const session = await signInAs(t, u.email, 'their-own-password');
    const res = await call(t, as.reseller_admin, 'POST', `${usersPath(w.c1.id, u.id)}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { password, user } = (await json(res)) as { password: string; user: { id: string; status: string } };
    expect(user).toMatchObject({ id: u.id, status: 'active' });
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

    const row = (await w.repos.users.get(u.id))!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);
    expect((await call(t, session, 'GET', '/api/v1/auth/session')).status).toBe(401);
    await expect(signInAs(t, u.email, 'their-own-password')).rejects.toThrow(/401/);
    expect((await call(t, await signInAs(t, u.email, password), 'GET', '/api/v1/auth/session')).status).toBe(200);

    const entries = await auditOf(u.id);
    expect(entries[0]).toMatchObject({ action: 'user.password_reset', summary: `Reset the password of ${u.email} and ended their sessions; they choose their own at next sign-in`, actorLabel: as.reseller_admin.email });
    const log = await call(t, as.reseller_admin, 'GET', `/api/v1/audit-log?companyId=${w.c1.id}`);
    expect(await log.text()).not.toContain(password);
    expect(JSON.stringify(await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1.id}/users`)))).not.toContain(password);

    const again = (await json(call(t, as.reseller_admin, 'POST', `${usersPath(w.c1.id, u.id)}/reset-password`))).password;
    expect(again).not.toBe(password);
  });
});
