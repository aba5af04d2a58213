import { randomBytes } from 'node:crypto';
// eslint-disable-next-line no-restricted-imports -- test helper: creates and drops a throwaway PostgreSQL database
import pg from 'pg';

/** Creates an empty database (or a copy of `template`) on the server of `url`; returns its URL and how to drop it. */
export async function createThrowawayPostgres(url: string, label: string, opts: { template?: string } = {}): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `csphub_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // A template copies a seeded database in one statement (it must have no open connection).
    await admin.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
