/**
 * CPU per request of the reads a person's pages make (session, company page, companies list and
 * branch, orders, a tenant's subscriptions, cockpit summary, audit log, catalog), in-process over the
 * test database (PGlite, or the PostgreSQL server of DATABASE_URL), with Partner Center's emulator in
 * its own process so that only the server's CPU counts. Each figure is also given as a ratio to a
 * baseline measured in the same run (`GET /healthz`: routing, one database round trip, a JSON
 * answer; measured before and after, the mean is the reference) and to the 2 ms goal, with the SQL
 * statements each request sent (counted at the driver: unlike CPU time, not moved by the machine's load).
 *
 * - BENCH_READS_PROFILE=<folder> writes a V8 CPU profile of each route's measured requests (not the
 *   warm-up) to that folder, for `scripts/cpuprofile-summary.ts`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { loadConfig } from '@csphub/config';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { countStatements, createTestDatabase, type StatementLog } from '@csphub/testing';
import { createApp } from '../apps/server/src/create-app';
import { testAppDeps } from '../apps/server/test/test-app';
import { ADMIN, PASSWORD, seedReadsWorld, startEmulatorProcess } from './reads-world';
import type { Report } from './run';

const GOAL_MS = 2;

async function cpuPerRequest(run: () => Promise<Response>, n: number, what = '', log?: StatementLog) {
  for (let i = 0; i < 3; i++) await (await run()).text(); // warm-up
  log?.reset();
  const stop = await startProfile();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await run();
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 200)}`);
  }
  const cpu = process.cpuUsage(cpu0);
  await stop?.(what || 'healthz');
  return (cpu.user + cpu.system) / 1000 / n;
}

/** Starts the V8 profiler when BENCH_READS_PROFILE names a folder; the returned function writes the profile. */
async function startProfile() {
  const dir = process.env.BENCH_READS_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (what: string) => {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const name = what.replace(/^\/api\/v1\//, '').replace(/\?.*$/, '').replace(/[^a-z]+/gi, '-').replace(/-+$/, '');
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

export default async function readsBench(report: Report) {
  const emulator = await startEmulatorProcess();
  const db = await createTestDatabase();
  const kind = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  try {
    const secretKey = randomBytes(32);
    const w = await seedReadsWorld(db.db, secretKey);
    const client = createPartnerCenterClient({ connection: { id: w.conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: w.latam.tenantId, appId: w.latam.app.appId, appSecret: w.latam.app.appSecret, refreshToken: w.latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
    const app = createApp(config, testAppDeps(config, db, secretKey, { partnerCenterFor: async () => client, emulator: { url: emulator.url, ping: async () => true } }));
    const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN, password: PASSWORD }) });
    const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    const get = (path: string) => () => Promise.resolve(app.request(path, { headers }));
    const c = w.customer.id;
    const routes: [string, string, number][] = [
      ['GET /auth/session', '/api/v1/auth/session', 200],
      ['GET /companies/{id} (company page)', `/api/v1/companies/${c}`, 100],
      ['GET /companies/search (list, first 50)', '/api/v1/companies/search?limit=50', 100],
      ['GET /companies/branch (a reseller)', `/api/v1/companies/branch?parentId=${w.r.id}`, 100],
      ['GET /companies/{id}/orders', `/api/v1/companies/${c}/orders`, 100],
      ['GET /companies/{id}/subscriptions (a tenant)', `/api/v1/companies/${c}/subscriptions`, 30],
      ['GET /cockpit/summary', '/api/v1/cockpit/summary', 50],
      ['GET /audit-log', `/api/v1/audit-log?companyId=${c}`, 100],
      ['GET /companies/{id}/catalog', `/api/v1/companies/${c}/catalog`, 30],
    ];
    const before = await cpuPerRequest(() => Promise.resolve(app.request('/healthz')), 200);
    const measured: [string, number, number][] = [];
    const log = countStatements(db);
    for (const [name, path, n] of routes) {
      const ms = await cpuPerRequest(get(path), n, path, log);
      measured.push([name, ms, log.count / n]);
    }
    log.stop();
    const after = await cpuPerRequest(() => Promise.resolve(app.request('/healthz')), 200);
    const baseline = (before + after) / 2;
    report(`reads (${kind}): baseline GET /healthz, CPU per request`, baseline, 'ms');
    for (const [name, ms, statements] of measured) {
      report(`reads (${kind}): ${name}, CPU per request`, ms, 'ms');
      report(`reads (${kind}): ${name}, SQL statements per request`, statements, 'statements');
      report(`reads (${kind}): ${name} CPU / healthz baseline`, ms / baseline, 'x');
      report(`reads (${kind}): ${name} CPU / 2 ms goal`, ms / GOAL_MS, 'x');
    }
  } finally {
    await db.dispose();
    await emulator.close();
  }
}
