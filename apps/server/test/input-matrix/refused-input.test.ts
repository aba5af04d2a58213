import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from '../channel-world';

/**
 * The refusals the input matrix cannot state generically: a taken connection name (409 naming the
 * field, however the requests race, with nothing half-written), and a webhook whose certificate
 * URL points anywhere unexpected (401, and no request leaves the server).
 */
describe('refused input', () => {
  let t: TestApp;
  let world: World;
  let admin: Caller;
  let lure: Server;
  let lureHits = 0;
  let emulatorHits = 0;
  let emulatorSide: Server;

  beforeAll(async () => {
    // Stands where the embedded emulator would be, answering a "certificate" that is not one.
    emulatorSide = createServer((_req, res) => {
      emulatorHits++;
      res.end('not a certificate');
    });
    await new Promise<void>((resolve) => emulatorSide.listen(0, '127.0.0.1', resolve));
    lure = createServer((_req, res) => {
      lureHits++;
      res.end('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
    });
    await new Promise<void>((resolve) => lure.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ CSPHUB_EMULATOR_PORT: String((emulatorSide.address() as AddressInfo).port) });
    world = await seedWorld(t);
    admin = (await callersOf(t, world)).distributor_admin;
  });
  afterAll(async () => {
    await t?.dispose();
    await new Promise((resolve) => lure?.close(resolve));
    await new Promise((resolve) => emulatorSide?.close(resolve));
  });

  const connection = (name: string) => ({ name, region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 'secret' });
  const audited = async () => (await world.repos.auditLog.list({ pathPrefix: world.d.path, action: 'connection.', limit: 1000 })).length;

  it('answers a taken connection name 409 naming the field, and keeps the first connection as it was', async () => {
    const before = await audited();
    const res = await call(t, admin, 'POST', '/api/v1/connections', connection(world.conn.name));
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.code).toBe('CONFLICT');
    expect(body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    expect((await world.repos.connections.list(world.d.id)).filter((c) => c.name === world.conn.name)).toHaveLength(1);
    expect(await audited()).toBe(before);
  });

  it('answers renaming a connection onto a taken name 409 naming the field, and changes nothing', async () => {
    const other = await json(call(t, admin, 'POST', '/api/v1/connections', connection('Second connection')));
    const before = await audited();
    const res = await call(t, admin, 'PATCH', `/api/v1/connections/${other.id}`, { name: world.conn.name, appId: 'changed' });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(409);
    expect(body.code).toBe('CONFLICT');
    expect(body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    const stored = await world.repos.connections.get(other.id);
    expect(stored).toMatchObject({ name: 'Second connection', appId: 'a' });
    expect(await audited()).toBe(before);
  });

  it('creates one of several connections racing for one name; the others get 409, none a 5xx', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(t, admin, 'POST', '/api/v1/connections', connection('Racing name'))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await world.repos.connections.list(world.d.id)).filter((c) => c.name === 'Racing name')).toHaveLength(1);
  });

  const signedHeaders = (certificateUrl: string) => ({
    'content-type': 'application/json',
    authorization: 'Signature AAAA',
    'x-ms-signature-algorithm': 'rsa-sha256',
    'x-ms-certificate-url': certificateUrl,
  });

  it('refuses a webhook whose certificate URL is not Microsoft\'s with 401, without fetching it', async () => {
    const lureUrl = `http://127.0.0.1:${(lure.address() as AddressInfo).port}/cert.pem`;
    for (const url of [lureUrl, 'https://evil.example/cert', 'http://169.254.169.254/latest/meta-data', 'https://api.partnercenter.microsoft.com.evil.example/cert', 'not a url']) {
      const res = await t.app.request(`/api/v1/webhooks/partner-center/${world.conn.id}`, { method: 'POST', headers: signedHeaders(url), body: '{"EventName":"test-created"}' });
      expect(res.status, url).toBe(401);
      const body = await json(res);
      expect(body.code).toBe('UNAUTHENTICATED');
      expect(body.detail).not.toContain('evil');
    }
    expect(lureHits).toBe(0);
  });

  it('answers a certificate from the emulator\'s origin that is not a certificate with 401, not a 5xx', async () => {
    const url = `${new URL(`http://127.0.0.1:${t.config.emulator.port}`).origin}/_emulator/webhooks/certificate`;
    const res = await t.app.request(`/api/v1/webhooks/partner-center/${world.conn.id}`, { method: 'POST', headers: signedHeaders(url), body: '{"EventName":"test-created"}' });
    expect(res.status).toBe(401);
    expect(emulatorHits).toBe(1);
  });
});
