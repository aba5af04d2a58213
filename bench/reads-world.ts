/**
 * A channel the read benches share: a distributor, a reseller, Wingtip Toys linked to its tenant in
 * the LATAM connection of an emulator running in its own process (so its CPU is not the server's),
 * a few dozen orders and audit entries, and one signed-in distributor administrator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createRepos, createSecretBox, type CompanyRow, type Database } from '@csphub/db';
import { hashPassword } from '../apps/server/src/security/password';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PASSWORD = 'correct-horse-battery';
export const ADMIN = 'reads-admin@bench.test';

/** The emulator CLI in a child process; resolves with its URL. */
export async function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess; close(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!.replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`csp-emulator exited with ${code}`)));
  });
  return {
    url,
    child,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Seeds the channel; returns the ids the routes need. */
export async function seedReadsWorld(db: Database, secretKey: Buffer) {
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
  const repos = createRepos(db, createSecretBox(secretKey));
  const now = new Date();
  const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Bench Distribution', now });
  const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', now });
  const customer: CompanyRow = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', billingCountry: 'MX', now });
  for (let i = 0; i < 30; i++) await repos.companies.create({ kind: 'customer', parent: r, name: `Customer ${i}`, now });
  const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
  await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
  await repos.users.create({ companyId: d.id, email: ADMIN, name: 'Bench admin', passwordHash: await hashPassword(PASSWORD), role: 'distributor_admin', now });
  await db.execute(sql.raw(`
    insert into orders (id, company_id, connection_id, customer_tenant_id, reference, status, lines, created_by, created_at, updated_at)
    select gen_random_uuid(), ${customer.id}, '${conn.id}', '${wingtip.tenantId}', 'CSPH-R' || g, (array['fulfilled','fulfilled','in_progress','failed'])[1 + g % 4],
           '[{"catalogItemId":"CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01","quantity":3,"termDuration":"P1Y","billingCycle":"monthly"}]'::jsonb, 'bench', now() - g * interval '1 hour', now() - g * interval '1 hour'
    from generate_series(1, 40) g`));
  await repos.auditLog.appendMany(
    Array.from({ length: 40 }, (_, i) => ({ at: new Date(now.getTime() - i * 60_000), companyId: customer.id, actor: { type: 'user' as const, id: 'bench', label: ADMIN }, action: 'company.updated', targetType: 'company', targetId: customer.id, summary: `edit ${i}`, before: { phone: String(i) }, after: { phone: String(i + 1) } })),
  );
  await db.execute(sql`analyze`);
  return { d, r, customer, conn, latam, wingtip };
}
