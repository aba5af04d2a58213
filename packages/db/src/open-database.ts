import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index';
import { acquireDataDirLock } from './data-dir-lock';
import type { Database, DatabaseTarget, OpenDatabase } from './database';
import { installQueryErrorScrubbing } from './query-errors';
import { installDrizzleParsers } from './pglite-parsers';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

const INT8_OID = 20;
/**
 * PGlite returns int8 as a number and `pg` as a string; map `pg` to numbers once here so that
 * repositories see the same types on both (values beyond 2^53 are refused rather than rounded).
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} is beyond JavaScript's safe integer range`);
  return n;
}

/**
 * Ends a node-postgres pool and waits until every connection has really closed. `pool.end()`
 * resolves once the clients are asked to end, before their sockets close; a caller that drops the
 * database right after (the test helper does) would otherwise kill a connection that is still
 * closing, and node-postgres raises that as an uncaught error.
 */
export async function endPool(pool: pg.Pool, waitMs = 5_000): Promise<void> {
  if (pool.ending || pool.ended) return;
  const open = pool.totalCount;
  let removed = 0;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    const timer = setTimeout(resolve, waitMs);
    timer.unref();
    pool.on('remove', () => {
      removed += 1;
      if (removed >= open) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await pool.end();
  await closed;
}

/** Opens the database named by `target`, applies the migrations and returns the handle. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  installQueryErrorScrubbing();
  if (target.kind === 'postgres') {
    // Drizzle passes its own per-query type parsers (dates), falling back to pg's global table,
    // so int8 has to be set there; it is the same mapping for every pool in the process.
    pg.types.setTypeParser(INT8_OID, parseInt8);
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    try {
      const db = drizzlePg(pool, { schema, casing: 'snake_case' });
      if (await hasPendingMigrations(pool)) await migratePg(db, { migrationsFolder });
      return {
        db: db as unknown as Database,
        kind: 'postgres',
        ping: () => timed(() => db.execute(sql`select 1`)),
        close: () => endPool(pool),
      };
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
  }
  const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => undefined;
  try {
    if (target.dataDir && target.template) throw new Error('a PGlite template is for an in-memory database only');
    const client = target.dataDir ? await PGlite.create(target.dataDir) : await PGlite.create(target.template ? { loadDataDir: target.template } : {});
    installDrizzleParsers(client);
    const db = drizzlePglite(client, { schema, casing: 'snake_case' });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      kind: 'pglite',
      pglite: client,
      ping: () => timed(() => db.execute(sql`select 1`)),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * True unless every migration of this build is recorded as applied. Checked before migrating so
 * that a role without DDL rights (the application role of docs/DEPLOYMENT-POSTGRESQL.md) opens a
 * database its owner has migrated: Drizzle's migrator starts with CREATE SCHEMA IF NOT EXISTS,
 * which PostgreSQL refuses to such a role even when the schema exists.
 */
async function hasPendingMigrations(pool: pg.Pool): Promise<boolean> {
  const latest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  try {
    const res = await pool.query<{ created_at: string | number | null }>('select max(created_at) as created_at from drizzle.__drizzle_migrations');
    const applied = Number(res.rows[0]?.created_at ?? 0);
    return !(applied >= latest);
  } catch {
    return true;
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return Math.round((performance.now() - start) * 100) / 100;
}
