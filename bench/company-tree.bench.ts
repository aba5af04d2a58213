/**
 * The company tree at a distributor's size (20,000 customers under 40 resellers; BENCH_TREE_CUSTOMERS
 * changes it): the routes the side bar and the pickers call (GET /companies/branch, /companies/search,
 * /companies/readiness) and, for comparison, the whole tree at once (GET /companies/tree), in-process
 * over the test database (PGlite, or the PostgreSQL server of DATABASE_URL). Each figure is the
 * process CPU time per request and its ratio to a baseline measured in the same run on the same
 * machine: `GET /api/v1/auth/session`, the cheapest authenticated read, which every page also asks
 * for (so a busy machine shows in both).
 */
import { sql } from 'drizzle-orm';
import { createTestApp } from '../apps/server/test/test-app';
import { PASSWORD, signInAs } from '../apps/server/test/channel-world';
import { hashPassword } from '../apps/server/src/security/password';
import { createRepos, createSecretBox } from '@csphub/db';
import type { Report } from './run';

const CUSTOMERS = Number(process.env.BENCH_TREE_CUSTOMERS ?? 20_000);
const RESELLERS = 40;

async function cpuPerRequest(run: () => Promise<Response>, n: number) {
  for (let i = 0; i < 3; i++) await (await run()).text(); // warm-up
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await run();
    bytes = (await res.text()).length;
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    wall.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  wall.sort((a, b) => a - b);
  return { median: wall[Math.floor(n / 2)]!, cpuMs: (cpu.user + cpu.system) / 1000 / n, bytes };
}

export default async function companyTreeBench(report: Report) {
  const t = await createTestApp();
  const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const size = `${(CUSTOMERS / 1000).toLocaleString('en-US')}k, ${db}`;
  try {
    const repos = createRepos(t.database.db, createSecretBox(t.secretKey));
    const now = new Date();
    const seed0 = performance.now();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Bench Distribution', now });
    const resellers = [];
    for (let i = 0; i < RESELLERS; i++) resellers.push(await repos.companies.create({ kind: 'reseller', parent: d, name: `Reseller ${i}`, partnerId: String(4_000_000 + i), partnerLocationId: String(6_000_000 + i), now }));
    const passwordHash = await hashPassword(PASSWORD);
    await repos.users.create({ companyId: d.id, email: 'tree-distributor@bench.test', name: 'Bench', passwordHash, role: 'distributor_admin', now });
    // Customers in one statement: names from a few words (so a search matches some, not all), a domain each.
    const resellerPaths = `array[${resellers.map((r) => `'${r.path}'`).join(',')}]`;
    const resellerIds = `array[${resellers.map((r) => r.id).join(',')}]`;
    await t.database.db.execute(
      sql.raw(`
      insert into companies (id, kind, parent_id, path, name, domain, status, created_at, updated_at)
      select 300000 + g, 'customer', (${resellerIds})[1 + g % ${RESELLERS}], (${resellerPaths})[1 + g % ${RESELLERS}] || (300000 + g) || '/',
             (array['Contoso','Fabrikam','Northwind','Tailspin','Litware','Adatum','Wingtip','Proseware'])[1 + g % 8] || ' ' ||
             (array['Pharma','Foods','Traders','Legal','Retail','Logistics','Energy'])[1 + (g / 8) % 7] || ' ' || g,
             'tenant' || g || '.onmicrosoft.com', 'active', now(), now()
      from generate_series(0, ${CUSTOMERS - 1}) g`),
    );
    await t.database.db.execute(sql`analyze`);
    report(`company tree (${size}): seeding the customers`, performance.now() - seed0, 'ms');

    const { headers } = await signInAs(t, 'tree-distributor@bench.test');
    const get = (path: string) => () => Promise.resolve(t.app.request(path, { headers }));
    const reseller = resellers[7]!.id;
    const routes: [string, string, number][] = [
      ['GET /companies/branch (root: the resellers)', '/api/v1/companies/branch', 30],
      ['GET /companies/branch (a reseller, first 200 children)', `/api/v1/companies/branch?parentId=${reseller}`, 30],
      ['GET /companies/branch (a reseller, page past the end)', `/api/v1/companies/branch?parentId=${reseller}&offset=100000`, 30],
      ['GET /companies/search (part of a name, 50)', `/api/v1/companies/search?q=${encodeURIComponent('wind legal 1')}&limit=50`, 30],
      ['GET /companies/search (rare name, few matches)', `/api/v1/companies/search?q=${encodeURIComponent(`energy ${CUSTOMERS - 3}`)}`, 30],
      ['GET /companies/search (a domain)', `/api/v1/companies/search?q=${encodeURIComponent(`tenant${CUSTOMERS - 7}.onmicrosoft`)}`, 30],
      ['GET /companies/search (no query: first 50 by name)', '/api/v1/companies/search?kind=customer&status=active&limit=50', 30],
      ['GET /companies/readiness', '/api/v1/companies/readiness', 10],
      ['GET /companies/tree (whole subtree at once, for comparison)', '/api/v1/companies/tree', 5],
    ];
    // The baseline is measured before and after the routes; the mean of both is the reference.
    const before = await cpuPerRequest(get('/api/v1/auth/session'), 50);
    const measured = [];
    for (const [name, path, n] of routes) measured.push({ name, ...(await cpuPerRequest(get(path), n)) });
    // The readiness answer is kept until the subtree changes: its cost right after a change (one customer edited each time).
    let edits = 0;
    const afterChange = get('/api/v1/companies/readiness');
    measured.push({
      name: 'GET /companies/readiness right after a change (the edit included)',
      ...(await cpuPerRequest(async () => {
        await repos.companies.update(300000 + (edits++ % CUSTOMERS), { phone: `+1 206 555 ${String(edits % 10_000).padStart(4, '0')}` }, new Date());
        return afterChange();
      }, 5)),
    });
    const after = await cpuPerRequest(get('/api/v1/auth/session'), 50);
    const baseline = (before.cpuMs + after.cpuMs) / 2;
    report(`company tree (${size}): baseline GET /auth/session, CPU per request`, baseline, 'ms');
    for (const m of measured) {
      report(`company tree (${size}): ${m.name}, CPU per request`, m.cpuMs, 'ms');
      report(`company tree (${size}): ${m.name}, wall median`, m.median, 'ms');
      report(`company tree (${size}): ${m.name}, answer size`, m.bytes / 1024, 'KB');
      report(`company tree (${size}): ${m.name} CPU / session baseline`, m.cpuMs / baseline, 'x');
    }
  } finally {
    await t.dispose();
  }
}
