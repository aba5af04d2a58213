import { createRepos, type Database, type SecretBox } from '@csphub/db';
import { hashPassword } from '../security/password';
import { randomToken } from '../security/random-token';
import { seedDemo } from './demo-seed';

/** The administrator created on a first start without demo data. */
export const BOOTSTRAP_ADMIN_EMAIL = 'admin@csphub.local';

/**
 * Prepares a database on start: in demo mode, the demo channel and users (once); otherwise, on an
 * empty database, the distributor company and one distributor admin with a random password shown
 * only in this start-up banner. Returns the banner lines to print.
 */
export async function prepareFirstStart(opts: { db: Database; box: SecretBox; demo: boolean; demoPassword: string; demoScale?: number; now: Date }): Promise<string[]> {
  const repos = createRepos(opts.db, opts.box);
  if (opts.demo) {
    const report = await seedDemo(repos, { now: opts.now, password: opts.demoPassword, scale: opts.demoScale ?? 0 });
    if (report.users.length === 0) return [];
    return [
      report.password
        ? `  Demo users    password "${report.password}" (this data folder's own; CSPHUB_DEMO_PASSWORD fixes it)${report.seeded ? ', demo data seeded' : ''}`
        : '  Demo users    (their passwords were changed)',
      ...report.users.map((u) => `                ${u.email.padEnd(24)} ${u.role.replace(/_/g, ' ')}, ${u.company}${u.ownPassword ? ' (own password)' : ''}`),
    ];
  }
  if ((await repos.companies.count()) > 0) return [];
  const password = randomToken(12);
  await opts.db.transaction(async (tx) => {
    const r = createRepos(tx as unknown as Database, opts.box);
    const distributor = await r.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now: opts.now });
    const user = await r.users.create({ companyId: distributor.id, email: BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', passwordHash: await hashPassword(password), role: 'distributor_admin', now: opts.now });
    await r.auditLog.append({ at: opts.now, companyId: distributor.id, actor: { type: 'system', id: null, label: 'first start' }, action: 'user.created', targetType: 'user', targetId: user.id, summary: `Added ${BOOTSTRAP_ADMIN_EMAIL} as distributor admin` });
  });
  return [`  First admin   ${BOOTSTRAP_ADMIN_EMAIL} / ${password}  (shown once: sign in, rename the distributor and change it)`];
}
