import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, signInAs, type World } from './channel-world';
import { SESSION_CACHE_MS, SessionCache } from '../src/auth/session-cache';

/**
 * Checked sessions are kept for a few seconds (auth/session-cache.ts): the reads of a page check
 * the session once; any change made through the API takes effect at once.
 */
describe('session checks kept for a few seconds', () => {
  let t: TestApp;
  let w: World;
  let as: Awaited<ReturnType<typeof callersOf>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
  });
  afterAll(() => t?.dispose());

  it('does not ask the database again for a session it just checked, and forgets it after any change made through the API', async () => {
    const me = as.reseller_operator;
    expect((await call(t, me, 'GET', '/api/v1/auth/session')).status).toBe(200);
    // Ended straight in the database (as another server process would): this process still trusts its check for a few seconds...
    const user = (await w.repos.users.findByEmail(me.email))!;
    await w.repos.users.update(user.id, { status: 'disabled' });
    expect((await call(t, me, 'GET', '/api/v1/companies/branch')).status).toBe(200);
    // ...until any change goes through the API (here a distributor renaming a company), which empties the cache.
    expect((await call(t, as.distributor_admin, 'PATCH', `/api/v1/companies/${w.c2.id}`, { name: 'Customer Two Renamed' })).status).toBe(200);
    expect((await call(t, me, 'GET', '/api/v1/companies/branch')).status).toBe(401);
  });

  it('a person disabled through the API is refused on their very next read', async () => {
    const target = as.billing_reader;
    expect((await call(t, target, 'GET', '/api/v1/auth/session')).status).toBe(200);
    const users = (await json(call(t, as.customer_admin, 'GET', `/api/v1/companies/${w.c1.id}/users`))) as { items: { id: string; email: string }[] };
    const id = users.items.find((u) => u.email === target.email)!.id;
    expect((await call(t, as.customer_admin, 'PATCH', `/api/v1/companies/${w.c1.id}/users/${id}`, { status: 'disabled' })).status).toBe(200);
    expect((await call(t, target, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('signing out ends the session at once', async () => {
    const me = as.customer_admin;
    expect((await call(t, me, 'GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await call(t, me, 'POST', '/api/v1/auth/logout')).status).toBeLessThan(300);
    expect((await call(t, me, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('a person demoted straight in the database (as another server process would) loses the permission once the check kept for them is older than its bound', async () => {
    const me = await signInAs(t, w.users.customer_admin!);
    const users = `/api/v1/companies/${w.c1.id}/users`;
    expect((await call(t, me, 'GET', users)).status).toBe(200);
    const user = (await w.repos.users.findByEmail(w.users.customer_admin!))!;
    await w.repos.users.update(user.id, { role: 'billing_reader' });
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 200));
    expect((await call(t, me, 'GET', users)).status).toBe(403);
    expect(((await json(call(t, me, 'GET', '/api/v1/auth/session'))) as { user: { role: string } }).user.role).toBe('billing_reader');
  });
});

describe('SessionCache', () => {
  const principal = { via: 'session', id: 'u', label: 'u', userId: 'u', name: 'u', email: 'u', role: 'customer_admin', company: {} } as never;
  it('trusts a check for its time only, never past the session expiry, and drops a check that began before a change', () => {
    let clock = 0;
    const cache = new SessionCache({ ttlMs: 5_000, monotonic: () => clock });
    const now = new Date('2026-01-01T00:00:00Z');
    cache.put('a', { principal, expiresAt: new Date(now.getTime() + 60_000), lastSeenAt: now }, cache.generation);
    expect(cache.get('a', now)?.principal).toBe(principal);
    expect(cache.get('a', new Date(now.getTime() + 60_000))).toBeUndefined();
    cache.put('a', { principal, expiresAt: new Date(now.getTime() + 60_000), lastSeenAt: now }, cache.generation);
    clock = 5_001;
    expect(cache.get('a', now)).toBeUndefined();
    const started = cache.generation;
    cache.clear();
    cache.put('b', { principal, expiresAt: new Date(now.getTime() + 60_000), lastSeenAt: now }, started);
    expect(cache.get('b', now)).toBeUndefined();
  });
});
