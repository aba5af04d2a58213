import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import { migrationsFolder, rowsOf, type Database } from '@csphub/db';
import { runAuditVerify } from '../src/audit/audit-verify-command';

const url = process.env.DATABASE_URL;
const FIRST_CHAINED_MIGRATION = '0009_audit_chain';

/** A copy of the migrations folder that stops before the audit chain: a database as it was before. */
function migrationsBeforeTheChain(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === FIRST_CHAINED_MIGRATION);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  for (const e of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** An old database: migrated up to before the chain, with audit entries written the old way. */
async function seedOldEntries(db: Database) {
  await db.execute(sql`insert into companies (kind, path, name) values ('distributor', '/100001/', 'Distributor')`);
  await db.execute(sql`insert into companies (kind, parent_id, path, name) values ('reseller', 100001, '/100001/100002/', 'Reseller')`);
  for (let i = 0; i < 7; i += 1) {
    await db.execute(sql`insert into audit_log (at, company_id, actor_type, actor_label, action, target_type, target_id, summary, after)
      values (now(), ${i % 2 ? 100001 : 100002}, 'system', 'old version', 'company.updated', 'company', '1', ${`Old change ${i}`}, ${JSON.stringify({ n: i, note: 'ünïcode "quoted"' })}::jsonb)`);
  }
}

/**
 * The entries written before the chain existed are chained by the migration, in id order; the
 * `npm run audit:verify` command reports an intact chain with exit code 0 and a broken one with 1,
 * naming the first broken entry.
 */
describe(`npm run audit:verify over an upgraded database (${url ? 'PostgreSQL' : 'PGlite'})`, () => {
  const io = { lines: [] as string[], out(line: string) { this.lines.push(line); }, err(line: string) { this.lines.push(line); } };
  let env: Record<string, string>;
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const before = migrationsBeforeTheChain();
    if (url) {
      const name = `csphub_test_cli_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${name}`;
      env = { DATABASE_URL: target.toString() };
      const pool = new pg.Pool({ connectionString: target.toString(), max: 2 });
      db = drizzlePg(pool, { casing: 'snake_case' }) as unknown as Database;
      await migratePg(db as never, { migrationsFolder: before });
      await seedOldEntries(db);
      await migratePg(db as never, { migrationsFolder });
      close = async () => {
        await pool.end();
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`drop database if exists ${name} with (force)`);
        await drop.end();
      };
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-audit-cli-'));
      const client = await PGlite.create(path.join(dataDir, 'pglite'));
      const pdb = drizzlePglite(client, { casing: 'snake_case' });
      await migratePglite(pdb, { migrationsFolder: before });
      await seedOldEntries(pdb as unknown as Database);
      await migratePglite(pdb, { migrationsFolder });
      await client.close();
      env = { CSPHUB_DATA_DIR: dataDir };
      // The command takes the data folder's lock; the test reopens the folder only between runs.
      db = undefined as unknown as Database;
      close = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await close?.();
  });

  /** Runs SQL on the test database between command runs (PGlite: a short-lived handle on the folder). */
  async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
    if (url) return work(db);
    const client = await PGlite.create(path.join(env.CSPHUB_DATA_DIR!, 'pglite'));
    try {
      return await work(drizzlePglite(client, { casing: 'snake_case' }) as unknown as Database);
    } finally {
      await client.close();
    }
  }

  it('chains the entries written before the chain existed, in id order', async () => {
    const rows = await withDb(async (d) => rowsOf<{ id: number; seq: number; company_path: string }>(await d.execute(sql`select id, seq, company_path from audit_log order by id`)));
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0]!.company_path).toBe('/100001/100002/');
    io.lines = [];
    expect(await runAuditVerify([], env, io)).toBe(0);
    expect(io.lines.join('\n')).toContain('7 entries checked');
    expect(io.lines.join('\n')).toContain('OK');
  });

  it('continues the chain with new entries and exits 1 naming the entry changed by a direct SQL update', async () => {
    const changed = await withDb(async (d) => {
      await d.execute(sql`insert into audit_log (at, company_id, actor_type, actor_label, action, target_type, target_id, summary) values (now(), 100002, 'system', 'new version', 'company.updated', 'company', '1', 'New change')`);
      const [row] = rowsOf<{ id: number; seq: number }>(await d.execute(sql`select id, seq from audit_log where summary = 'Old change 3'`));
      await d.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
        await tx.execute(sql`update audit_log set summary = 'Nothing to see' where id = ${row!.id}`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
      });
      return { id: Number(row!.id), seq: Number(row!.seq) };
    });
    io.lines = [];
    expect(await runAuditVerify([], env, io)).toBe(1);
    expect(io.lines.join('\n')).toContain(`BROKEN at sequence ${changed.seq} (audit entry ${changed.id}): entry_changed`);
    io.lines = [];
    expect(await runAuditVerify(['--json'], env, io)).toBe(1);
    expect(JSON.parse(io.lines[0]!)).toMatchObject({ ok: false, checked: changed.seq - 1, head: { seq: 8 }, firstBroken: { id: changed.id, seq: changed.seq, reason: 'entry_changed' } });
  });
});
