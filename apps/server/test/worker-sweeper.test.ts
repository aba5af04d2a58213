import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startStack } from '@csphub/testing';

/**
 * The server's wiring of the heartbeat and sweeper (docs/decisions/0006), on PostgreSQL only: the
 * embedded database is one process, so it has no worker to sweep.
 */
describe.skipIf(!process.env.DATABASE_URL)('server worker heartbeat and sweeper (PostgreSQL only: several workers share a server)', () => {
  const name = `csphub_sweepsrv_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let url = '';
  const admin = () => new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  const query = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<T>(text, params)).rows;
    } finally {
      await c.end();
    }
  };
  const until = async <T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const v = await probe();
      if (v !== undefined) return v;
    }
    throw new Error(`not within ${ms} ms`);
  };

  it('beats while running, takes over a silent worker, and stops beating on a clean shutdown', async () => {
    const stack = await startStack({
      env: { DATABASE_URL: url, CSPHUB_WORKER_ID: 'server-1', CSPHUB_WORKER_HEARTBEAT_SECONDS: '1', CSPHUB_WORKER_GRACE_SECONDS: '2', CSPHUB_EMULATOR: 'off' },
    });
    let stopped = false;
    try {
      const beatAt = async () => (await query<{ heartbeat_at: Date }>('select heartbeat_at from workers where worker_id = $1', ['server-1']))[0]?.heartbeat_at;
      const first = await until(beatAt, 10_000);
      await until(async () => ((await beatAt())! > first ? true : undefined), 5_000);

      await query(`insert into workers (worker_id, started_at, heartbeat_at) values ('gone', now() - interval '1 hour', now() - interval '1 hour')`);
      const claim = await until(async () => (await query<{ claimed_by: string; resumed_runs: number }>(`select claimed_by, resumed_runs from worker_claims where worker_id = 'gone'`))[0], 10_000);
      expect(claim).toEqual({ claimed_by: 'server-1', resumed_runs: 0 });

      await stack.stop();
      stopped = true;
      expect(stack.process.exitCode).toBe(0);
      const last = await beatAt();
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await beatAt()).toEqual(last);
    } finally {
      if (!stopped) await stack.stop();
    }
  }, 120_000);
});
