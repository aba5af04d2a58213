import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { acquireDataDirLock, createSettingsRepo, DataDirLockedError, openDatabase } from '@csphub/db';

describe(`database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('applies the migrations and round-trips a setting', async () => {
    const repo = createSettingsRepo(t.db);
    await repo.set('distributor.requireSubCustomerBillingAddress', { enabled: true });
    await repo.set('distributor.requireSubCustomerBillingAddress', { enabled: false });
    expect(await repo.get('distributor.requireSubCustomerBillingAddress')).toEqual({ enabled: false });
    expect(await repo.count()).toBe(1);
  });

  it('returns int8 values as numbers on both engines', async () => {
    const rows = await t.db.execute<{ big: number }>(sql`select 9007199254740991::int8 as big`);
    const row = (Array.isArray(rows) ? rows[0] : (rows as { rows: { big: number }[] }).rows[0]) as { big: number };
    expect(row.big).toBe(Number.MAX_SAFE_INTEGER);
    expect(typeof row.big).toBe('number');
  });

  it('answers a ping', async () => {
    expect(await t.ping()).toBeGreaterThanOrEqual(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('closing a PostgreSQL pool', () => {
  it('has every connection closed when close() resolves, so the database can be dropped at once', async () => {
    const t = await createTestDatabase();
    const rows = async <R extends Record<string, unknown>>(q: ReturnType<typeof sql>) => {
      const r = await t.db.execute<R>(q);
      return (Array.isArray(r) ? r : (r as { rows: R[] }).rows) as R[];
    };
    const name = (await rows<{ name: string }>(sql`select current_database() as name`))[0]!.name;
    // Several connections at once, then close.
    await Promise.all(Array.from({ length: 6 }, () => rows(sql`select pg_sleep(0.05)`)));
    await t.close();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const left = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      expect(left.rows[0]!.n).toBe(0);
    } finally {
      await admin.end();
      await t.dispose();
    }
  });
});

describe('embedded data folder lock', () => {
  it('refuses a second holder with a message that names the folder and the process', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-lock-')), 'pglite');
    const release = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`${dir}.*pid ${process.pid}`));
    } finally {
      release();
    }
    // released: can be taken again
    acquireDataDirLock(dir)();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-lock-')), 'pglite');
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: 'x' }));
    const release = acquireDataDirLock(dir);
    release();
  });

  it('keeps data across reopening an embedded folder', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-pglite-')), 'pglite');
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await createSettingsRepo(first.db).set('k', 42);
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await createSettingsRepo(second.db).get('k')).toBe(42);
    await second.close();
  }, 60_000);
});

describe('embedded data folder lock and crashed holders', () => {
  it('takes over a lock whose holder was killed but not yet reaped (a zombie)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-lock-')), 'pglite');
    // A lock held on behalf of a child that is then SIGKILLed; the busy wait below keeps Node from reaping it.
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: child.pid, host: os.hostname(), startedAt: 'x' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    const exited = new Promise((r) => child.once('exit', r));
    // Kill it and try again synchronously, before the event loop turns and reaps the zombie.
    process.kill(child.pid!, 'SIGKILL');
    let release: (() => void) | undefined;
    for (let i = 0; i < 200 && !release; i++) {
      try {
        release = acquireDataDirLock(dir);
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
    expect(release).toBeDefined();
    release!();
    await exited;
  });
});
