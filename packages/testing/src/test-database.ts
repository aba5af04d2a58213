import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '@csphub/db';

/** A fresh, migrated database for one test file, and how to throw it away. */
export interface TestDatabase extends OpenDatabase {
  /** Closes and, on PostgreSQL, drops the throwaway database. */
  dispose(): Promise<void>;
}

/**
 * A fresh database per test file: in-memory PGlite by default, or a throwaway database on the
 * PostgreSQL server named by DATABASE_URL (so the same suites run in both modes).
 */
export async function createTestDatabase(env: Record<string, string | undefined> = process.env): Promise<TestDatabase> {
  const url = env.DATABASE_URL;
  if (!url) {
    const open = await openDatabase({ kind: 'pglite' });
    return { ...open, dispose: () => open.close() };
  }
  const name = `csphub_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const open = await openDatabase({ kind: 'postgres', url: target.toString() });
  return {
    ...open,
    dispose: async () => {
      await open.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      try {
        // Give connections other pools of this process are still closing a moment to go, so that
        // `with (force)` only ends the ones that leaked (a test that forgot to close something).
        for (let waited = 0; waited < 5_000; waited += 50) {
          const left = await drop.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (left.rows[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await drop.query(`drop database if exists ${name} with (force)`);
      } finally {
        await drop.end();
      }
    },
  };
}
