/**
 * The portfolio cockpit at 20,000 customers: the summary route (the staff's first paint) and the
 * list routes its figures link to, answered from the database (in-process API over PGlite, as the
 * embedded install runs). Reports per request the wall time (median, p95) and the process CPU time
 * (mean), for the distributor (the whole base) and for one reseller (its subtree), with a baseline
 * measured in the same run on the same machine: `GET /api/v1/auth/session`, which every page also
 * asks for, so a busy machine shows in both.
 */
import { sql } from 'drizzle-orm';
import { createTestApp } from '../apps/server/test/test-app';
import { PASSWORD, signInAs } from '../apps/server/test/channel-world';
import { hashPassword } from '../apps/server/src/security/password';
import { createRepos, createSecretBox } from '@csphub/db';
import type { Report } from './run';

const CUSTOMERS = 20_000;
const RESELLERS = 40;

async function measure(run: () => Promise<Response>, n: number) {
  for (let i = 0; i < 2; i++) await (await run()).text(); // warm-up
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await run();
    await res.text();
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    wall.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  wall.sort((a, b) => a - b);
  return { median: wall[Math.floor(n / 2)]!, p95: wall[Math.min(n - 1, Math.ceil(n * 0.95) - 1)]!, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

export default async function cockpitBench(report: Report) {
  const t = await createTestApp();
  try {
    const db = t.database.db;
    const repos = createRepos(db, createSecretBox(t.secretKey));
    const now = new Date();
    const seed0 = performance.now();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Bench Distribution', now });
    const resellers = [];
    for (let i = 0; i < RESELLERS; i++) resellers.push(await repos.companies.create({ kind: 'reseller', parent: d, name: `Reseller ${i}`, partnerId: String(4_000_000 + i), partnerLocationId: String(6_000_000 + i), now }));
    const conn = await repos.connections.create(d.id, { name: 'Bench', region: 'ES', type: 'indirect-provider', mode: 'emulated', tenantId: 'tenant', appId: 'app', appSecret: 'secret', refreshToken: 'refresh' }, now);
    const passwordHash = await hashPassword(PASSWORD);
    await repos.users.create({ companyId: d.id, email: 'bench-distributor@bench.test', name: 'Bench', passwordHash, role: 'distributor_admin', now });
    await repos.users.create({ companyId: resellers[0]!.id, email: 'bench-reseller@bench.test', name: 'Bench', passwordHash, role: 'reseller_admin', now });
    // Customers in one statement per table: ids 300000.., each under reseller i % RESELLERS.
    const resellerPaths = `array[${resellers.map((r) => `'${r.path}'`).join(',')}]`;
    const resellerIds = `array[${resellers.map((r) => r.id).join(',')}]`;
    await db.execute(sql.raw(`
      insert into companies (id, kind, parent_id, path, name, status, created_at, updated_at)
      select 300000 + g, 'customer', (${resellerIds})[1 + g % ${RESELLERS}], (${resellerPaths})[1 + g % ${RESELLERS}] || (300000 + g) || '/', 'Customer ' || g, 'active', now() - (g % 400) * interval '1 day', now()
      from generate_series(0, ${CUSTOMERS - 1}) g`));
    await db.execute(sql.raw(`
      insert into account_sync_options (company_id, connection_id, sync_status, failure_reason, tenant_id, last_attempt_at, updated_at)
      select 300000 + g, '${conn.id}', (array['synced','synced','synced','synced','synced','synced','synced','in_progress','failed','not_synced'])[1 + g % 10],
             case when g % 10 in (8, 9) then 'reason ' || (g % 7) end, 't-' || g, now(), now()
      from generate_series(0, ${CUSTOMERS - 1}) g where g % 20 <> 19`));
    await db.execute(sql.raw(`
      insert into gdap_relationships (company_id, connection_id, relationship_id, display_name, customer_tenant_id, status, roles, duration_days, auto_extend, ends_at, access_assignments, synced_at)
      select 300000 + g, '${conn.id}', 'rel-' || g, 'Relationship ' || g, 't-' || g, (array['active','active','active','expiring','expired'])[1 + g % 5],
             case when g % 3 = 0 then '[{"id":"62e90394-69f5-4237-9190-012177145e10","name":"Global Administrator"}]'::jsonb else '[{"id":"88d8e3e3-8f55-4a1e-953a-9b9898b8876b","name":"Directory Readers"}]'::jsonb end,
             730, g % 3 <> 0, now() + ((g % 400) - 20) * interval '1 day',
             (select coalesce(jsonb_agg(jsonb_build_object('id', 'a' || i, 'securityGroupId', 'g' || i, 'roleIds', '[]'::jsonb, 'status', 'active')), '[]'::jsonb) from generate_series(1, g % 4) i), now()
      from generate_series(0, ${CUSTOMERS - 1}) g`));
    await db.execute(sql.raw(`
      insert into tenant_authorizations (company_id, connection_id, invitation_url, requested_by_label, state, created_at, updated_at)
      select 300000 + g, '${conn.id}', 'https://example.test/i', 'bench', case when g % 3 = 0 then 'accepted' else 'pending' end, now() - (g % 120) * interval '1 day', now()
      from generate_series(0, ${CUSTOMERS - 1}, 5) g`));
    await db.execute(sql.raw(`
      insert into workflow_runs (id, kind, subject_id, connection_id, state, current_step, facts, started_at, updated_at, finished_at)
      select 'provision-tenant:' || (300000 + g), 'provision-tenant', (300000 + g)::text, '${conn.id}', case when g % 50 = 0 then 'running' else 'succeeded' end,
             case when g % 50 = 0 then 'await-mca-acceptance' end, '{}'::jsonb, now() - (g % 90) * interval '1 day', now() - (g % 90) * interval '1 day', case when g % 50 <> 0 then now() - (g % 90) * interval '1 day' end
      from generate_series(0, ${CUSTOMERS - 1}, 2) g`));
    await db.execute(sql.raw(`
      insert into orders (id, company_id, connection_id, customer_tenant_id, reference, status, lines, created_by, created_at, updated_at)
      select gen_random_uuid(), 300000 + g, '${conn.id}', 't-' || g, 'CSPH-B' || g, (array['fulfilled','fulfilled','in_progress','failed'])[1 + g % 4], '[]'::jsonb, 'bench', now() - (g % 60) * interval '1 day', now()
      from generate_series(0, ${CUSTOMERS - 1}, 4) g`));
    await db.execute(sql`analyze`);
    report('cockpit: seeding 20,000 customers (companies, sync, GDAP, invitations, runs, orders)', performance.now() - seed0, 'ms');

    for (const [who, email] of [['distributor', 'bench-distributor@bench.test'], ['reseller', 'bench-reseller@bench.test']] as const) {
      const { headers } = await signInAs(t, email);
      const get = (path: string) => () => Promise.resolve(t.app.request(path, { headers }));
      const figures: [string, () => Promise<Response>, number][] = [
        ['baseline GET /auth/session', get('/api/v1/auth/session'), 30],
        ['GET /cockpit/summary', get('/api/v1/cockpit/summary'), 15],
        ['list customers (all, by name, page 1)', get('/api/v1/cockpit/lists/customers?filter=all&sort=name'), 20],
        ['list customers needing attention, page 10', get('/api/v1/cockpit/lists/customers?filter=needs_attention&offset=450'), 20],
        ['list GDAP expiring in 30 days (by end date)', get('/api/v1/cockpit/lists/gdap?filter=expiring_30_days'), 20],
        ['list invitations over 90 days', get('/api/v1/cockpit/lists/authorizations?filter=over_90_days&sort=ageDays&dir=desc'), 20],
        ['list resellers (customers per reseller)', get('/api/v1/cockpit/lists/resellers?sort=customers&dir=desc'), 20],
        ['list failed orders', get('/api/v1/cockpit/lists/orders?filter=failed'), 20],
        ['list reseller relationships without GDAP', get('/api/v1/cockpit/lists/relationships?filter=reseller_without_gdap'), 20],
      ];
      for (const [name, run, n] of figures) {
        const m = await measure(run, n);
        report(`cockpit (${who}): ${name}, wall median`, m.median, 'ms');
        report(`cockpit (${who}): ${name}, wall p95`, m.p95, 'ms');
        report(`cockpit (${who}): ${name}, CPU per request`, m.cpuMs, 'ms');
      }
    }
  } finally {
    await t.dispose();
  }
}
