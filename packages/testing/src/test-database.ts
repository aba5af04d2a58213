import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrationsFolder, openDatabase, type OpenDatabase } from '@csphub/db';

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
    const open = await openDatabase({ kind: 'pglite', template: tarballOf(await migratedTemplate()) });
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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let template: Promise<Uint8Array> | undefined;

/**
 * An empty PGlite database with every migration applied, as a data-folder tarball. Starting from it
 * costs about a third of the CPU of initdb plus the migrations, which every test file would
 * otherwise pay (docs/ARCHITECTURE.md, "Tests"). Built once and kept in the temporary folder under
 * a name derived from the migration files and the PGlite version, so a changed migration builds a
 * new one; `openDatabase` still runs the migrations on the copy (a no-op). The on-disk and
 * PostgreSQL paths (stacks, `npm run test:db`) still apply the migrations from scratch.
 */
function migratedTemplate(): Promise<Uint8Array> {
  template ??= (async () => {
    const file = path.join(os.tmpdir(), `csphub-pglite-template-${templateKey()}.tar`);
    if (fs.existsSync(file)) return fs.readFileSync(file);
    const open = await openDatabase({ kind: 'pglite' });
    try {
      const tarball = await (open.pglite as { dumpDataDir(compression: 'none'): Promise<Blob> }).dumpDataDir('none');
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      const bytes = new Uint8Array(await tarball.arrayBuffer());
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file); // atomic: a test process running beside this one reads all or nothing
      return bytes;
    } finally {
      await open.close();
    }
  })();
  template.catch(() => (template = undefined));
  return template;
}

/**
 * The template's bytes as PGlite reads a `loadDataDir` tarball: it only awaits `arrayBuffer()`
 * (and looks at `type` for gzip). A real Blob of the 42 MB tarball cost about 0.7 s of CPU per
 * database in Node 20 (the Blob's copy of the bytes, then its chunked `arrayBuffer()`), a third of
 * opening one; this hands PGlite a plain copy of the bytes read once per process.
 */
function tarballOf(bytes: Uint8Array): Blob {
  const tarball: Pick<Blob, 'type' | 'arrayBuffer'> = {
    type: 'application/x-tar',
    arrayBuffer: () => Promise.resolve(bytes.slice().buffer),
  };
  return tarball as Blob;
}

export function templateKey(): string {
  const hash = createHash('sha256');
  const pglite = path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json');
  hash.update(fs.existsSync(pglite) ? (JSON.parse(fs.readFileSync(pglite, 'utf8')) as { version: string }).version : 'unknown');
  for (const name of fs.readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(migrationsFolder, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}
