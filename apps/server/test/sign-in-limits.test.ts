import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { PASSWORD, seedWorld, type World } from './channel-world';

/**
 * The sign-in back-off over real HTTP (a listening server, concurrent sockets), on PGlite and on
 * PostgreSQL when DATABASE_URL is set. See docs/CHANNEL-AND-ACCOUNTS.md ("Sign-in limits").
 */
describe(`sign-in limits under concurrency (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let w: World;
  let server: ServerType;
  let base: string;
  let now = new Date('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ CSPHUB_TRUST_PROXY: 'true' }, { clock: { now: () => now } });
    w = await seedWorld(t);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.dispose();
  });

  const login = (email: string, password: string, source: string) =>
    fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': source }, body: JSON.stringify({ email, password }) });

  it('counts 100 simultaneous wrong guesses as 100: only the free ones reach the password, the rest answer 429', async () => {
    const email = w.users.reseller_operator!;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(email, `wrong-guess-${i}`, '203.0.113.50')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBe(30);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await w.repos.signInThrottles.get('account_source', `${email} 203.0.113.50`))!.failures).toBe(100);
    // Even the right password waits, from that address.
    expect((await login(email, PASSWORD, '203.0.113.50')).status).toBe(429);
  });

  it('lets the real person in from their own address while an attacker hammers the account', async () => {
    const email = w.users.customer_admin!;
    const attack = Promise.all(Array.from({ length: 60 }, (_, i) => login(email, `attack-${i}`, '198.51.100.66')));
    const mine = login(email, PASSWORD, '192.0.2.10');
    const [attacked, real] = await Promise.all([attack, mine]);
    expect(real.status).toBe(200);
    expect(attacked.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(55);
    // ...and again after the attack, from the same address.
    expect((await login(email, PASSWORD, '192.0.2.10')).status).toBe(200);
  });

  it('doubles the wait after each failure past the free ones, up to 15 minutes', async () => {
    const email = w.users.billing_reader!;
    const src = '203.0.113.77';
    for (let i = 0; i < 5; i++) expect((await login(email, `typo-${i}`, src)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 7; round++) {
      const refused = await login(email, PASSWORD, src);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      now = new Date(now.getTime() + wait * 1000);
      expect((await login(email, `typo-again-${round}`, src)).status).toBe(401);
    }
    // Each refused attempt also counted (one per round), so the wait grows by four each round until the cap.
    expect(waits).toEqual([30, 120, 480, 900, 900, 900, 900]);
    now = new Date(now.getTime() + 900_000);
    expect((await login(email, PASSWORD, src)).status).toBe(200);
    expect(await w.repos.signInThrottles.get('account_source', `${email} ${src}`)).toBeUndefined();
  });
});
