import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@csphub/config';
import { createApp } from '../src/create-app';
import { CONTENT_SECURITY_POLICY } from '../src/http/security-headers';
import { createTestApp, testAppDeps, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, type World } from './channel-world';

/** OWASP's HTTP Headers Cheat Sheet, as docs/SECURITY.md lists them, on the web app and on the API. */
describe('security headers', () => {
  let t: TestApp;
  let w: World;
  let as: Awaited<ReturnType<typeof callersOf>>;
  let web: ReturnType<typeof createApp>;
  let webDist: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
    fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    web = createApp(config, testAppDeps(config, t.database, t.secretKey, { webDist }));
  });
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  const expectSecurityHeaders = (res: Response, what: string) => {
    expect(res.headers.get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  };

  it('sends them on the web app (index, client-side routes, assets) and on the API, errors included', async () => {
    for (const p of ['/', '/companies/12', '/assets/app.js']) expectSecurityHeaders(await web.request(p), p);
    expect((await web.request('/assets/app.js')).headers.get('cache-control')).toMatch(/immutable/);
    for (const p of ['/api/v1/system', '/api/openapi.json', '/api/v1/no-such-route', '/healthz']) expectSecurityHeaders(await t.app.request(p), p);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
  });

  it("never serves the web app's source maps", async () => {
    fs.writeFileSync(path.join(webDist, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
    expect((await web.request('/assets/app.js.map')).status).toBe(404);
  });

  it('answers every secret with Cache-Control: no-store (API token, password reset, one-time password reveal, connection secrets)', async () => {
    const token = await call(t, as.customer_admin, 'POST', `/api/v1/companies/${w.c1.id}/api-tokens`, { name: 'nightly sync', role: 'billing_reader' });
    expect(token.status).toBe(201);
    expect(JSON.stringify(await json(token.clone()))).toMatch(/csph_/);
    const user = await w.repos.users.findByEmail(w.users.billing_reader!);
    const reset = await call(t, as.customer_admin, 'POST', `/api/v1/companies/${w.c1.id}/users/${user!.id}/reset-password`);
    expect(reset.status).toBe(200);
    const reveal = await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.c1.id}/onboarding/runs/provision-tenant:none/reveal-credentials`);
    const created = await call(t, as.distributor_admin, 'POST', '/api/v1/connections', { name: 'Headers test', region: 'ES', type: 'indirect-provider', mode: 'emulated', tenantId: 'tenant-h', appId: 'app-h', appSecret: 'headers-secret', refreshToken: 'headers-refresh' });
    const patched = await call(t, as.distributor_admin, 'PATCH', `/api/v1/connections/${w.conn.id}`, { appSecret: 'rotated-headers-secret' });
    const signIn = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: w.users.customer_admin, password: 'correct-horse-battery' }) });
    for (const [what, res] of Object.entries({ token, reset, reveal, created, patched, signIn })) {
      expect(res.headers.get('cache-control'), `${what} (${res.status})`).toBe('no-store');
      expectSecurityHeaders(res, what);
    }
  });
});
