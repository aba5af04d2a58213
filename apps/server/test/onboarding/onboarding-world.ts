import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '@csphub/config';
import { createRepos, createSecretBox, type Repos } from '@csphub/db';
import { startEmulator, DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createTestDatabase, freePort } from '@csphub/testing';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { testAppDeps, type TestAppOptions } from '../test-app';

export const PASSWORD = 'correct-horse-battery';

/**
 * The whole onboarding API against a real emulator: the app listens on a free port (so that the
 * emulator's signed webhooks reach it), the database is a fresh PGlite, and a small channel is
 * seeded: the distributor (LATAM connection to the emulator) > Adatum (reseller, Partner ID
 * 6100001) > two customers, plus a direct customer; one user per acting role.
 */
export async function startOnboardingWorld(opts: Pick<TestAppOptions, 'runs' | 'engineWaitMs'> = {}) {
  const emulator = await startEmulator({ port: 0 });
  const database = await createTestDatabase();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ CSPHUB_EMULATOR: 'off', CSPHUB_PUBLIC_URL: publicUrl });
  const secretKey = randomBytes(32);
  const app = createApp(config, testAppDeps(config, database, secretKey, { ...opts, emulator: { url: emulator.url, ping: async () => true } }));
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  void (server.address() as AddressInfo);

  const repos: Repos = createRepos(database.db, createSecretBox(secretKey));
  const now = new Date();
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const mx = { country: 'MX', billingLine1: 'Av. Insurgentes Sur 100', billingCity: 'Ciudad de México', billingState: 'CMX', billingPostalCode: '03100', billingCountry: 'MX' };
  const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Contoso Distribution', email: 'ops@contoso-dist.example', phone: '+52 55 1234 5678', now, ...mx });
  const adatum = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum Soluciones', partnerId: '6100001', email: 'ventas@adatum.example', phone: '+52 55 2222 3333', now, ...mx });
  const customer = await repos.companies.create({ kind: 'customer', parent: adatum, name: 'Fabrikam Mexico', email: 'it@fabrikam-mx.example', phone: '+52 55 4444 5555', language: 'es', now, ...mx });
  const other = await repos.companies.create({ kind: 'customer', parent: adatum, name: 'Wingtip Mexico', email: 'ti@wingtip-mx.example', phone: '+52 33 5555 0202', now, ...mx });
  const second = await repos.companies.create({ kind: 'customer', parent: adatum, name: 'Wingtip Second Account', email: 'ti2@wingtip-mx.example', phone: '+52 33 5555 0203', now, ...mx });
  const direct = await repos.companies.create({ kind: 'customer', parent: d, name: 'Coho Direct', email: 'admin@coho-direct.example', phone: '+52 55 6666 7777', language: 'en', now, ...mx });
  const conn = await repos.connections.create(
    d.id,
    { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken },
    now,
  );
  const passwordHash = await hashPassword(PASSWORD);
  await repos.users.create({ companyId: adatum.id, email: 'ana@adatum.example', name: 'Ana Reseller', passwordHash, role: 'reseller_admin', now });
  await repos.users.create({ companyId: d.id, email: 'dora@contoso-dist.example', name: 'Dora Distributor', passwordHash, role: 'distributor_admin', now });
  await repos.users.create({ companyId: direct.id, email: 'carl@coho-direct.example', name: 'Carl Customer', passwordHash, role: 'customer_admin', now });

  const signIn = async (email: string) => {
    const res = await fetch(`${publicUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const body = (await res.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': body.csrfToken };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return async (method: string, path: string, payload?: unknown): Promise<{ status: number; body: any }> => {
      const r = await fetch(`${publicUrl}${path}`, {
        method,
        headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    };
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const control = async (method: string, path: string, payload?: unknown): Promise<any> => {
    const r = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: payload !== undefined ? { 'content-type': 'application/json' } : {},
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    if (!r.ok) throw new Error(`emulator control ${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return {
    emulator,
    publicUrl,
    repos,
    database,
    d,
    adatum,
    customer,
    other,
    second,
    direct,
    conn,
    signIn,
    control,
    async stop() {
      server.close();
      await emulator.close();
      await database.dispose();
    },
  };
}
export type OnboardingWorld = Awaited<ReturnType<typeof startOnboardingWorld>>;
