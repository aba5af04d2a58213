import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createWorkersRepo, rowsOf } from '@csphub/db';
import { isClaimable } from '@csphub/provisioning';

const GRACE = 60_000;
const onPostgres = Boolean(process.env.DATABASE_URL);

describe(`workers registry (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });
  beforeEach(async () => {
    await t.db.execute(sql`delete from workers`);
    await t.db.execute(sql`delete from worker_claims`);
  });

  /** Makes a worker's last heartbeat `ms` old, as if it had gone silent. */
  const silence = (workerId: string, ms: number) =>
    t.db.execute(sql`update workers set heartbeat_at = now() - make_interval(secs => ${ms / 1000}) where worker_id = ${workerId}`);

  it('hands a silent worker to one claimer, once, and records the take-over', async () => {
    const repo = createWorkersRepo(t.db);
    await repo.beat('a');
    await repo.beat('b');
    expect(await repo.claimNext('b', GRACE, async () => 1)).toBeUndefined();
    await silence('a', GRACE + 1_000);

    expect(await repo.claimNext('b', GRACE, async (dead) => (dead === 'a' ? 2 : 0))).toEqual({ workerId: 'a', resumedRuns: 2 });
    expect(await repo.claimNext('c', GRACE, async () => 9)).toBeUndefined();
    expect((await repo.get('a'))?.claimedBy).toBe('b');
    expect((await repo.listClaims('a')).map((c) => [c.claimedBy, c.resumedRuns])).toEqual([['b', 2]]);
  });

  it('keeps the worker unclaimed when handing its runs back fails', async () => {
    const repo = createWorkersRepo(t.db);
    await repo.beat('a');
    await silence('a', GRACE + 1_000);
    await expect(
      repo.claimNext('b', GRACE, async () => {
        throw new Error('system database unreachable');
      }),
    ).rejects.toThrow('unreachable');
    expect((await repo.get('a'))?.claimedBy).toBeNull();
    expect(await repo.listClaims('a')).toEqual([]);
    expect(await repo.claimNext('b', GRACE, async () => 1)).toEqual({ workerId: 'a', resumedRuns: 1 });
  });

  it('lets a worker that comes back clear the claim and learn who took its runs', async () => {
    const repo = createWorkersRepo(t.db);
    await repo.beat('a');
    await silence('a', GRACE + 1_000);
    await repo.claimNext('b', GRACE, async () => 1);
    expect(await repo.beat('a')).toEqual({ wasClaimedBy: 'b' });
    expect(await repo.beat('a')).toEqual({ wasClaimedBy: null });
    expect(await repo.claimNext('b', GRACE, async () => 1)).toBeUndefined();
  });

  it('claims exactly the workers the claim rule allows', async () => {
    const ageMs = (ageS: number) => ageS * 1000 + 500;
    const repo = createWorkersRepo(t.db);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ id: fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5'), ageS: fc.integer({ min: 0, max: 180 }), claimed: fc.boolean() }), {
          selector: (w) => w.id,
        }),
        fc.constantFrom('w1', 'w2'),
        async (rows, self) => {
          await t.db.execute(sql`delete from workers`);
          for (const r of rows) {
            await repo.beat(r.id);
            // Half a second off whole seconds: the clock moves between statements, so an age exactly
            // at the grace period would flip (the strict boundary is pinned by the rule's unit test).
            await silence(r.id, ageMs(r.ageS));
            if (r.claimed) await t.db.execute(sql`update workers set claimed_by = 'someone' where worker_id = ${r.id}`);
          }
          const dbNow = new Date(rowsOf<{ now: string | Date }>(await t.db.execute(sql`select now() as now`))[0]!.now);
          const expected = rows
            .filter((r) => isClaimable({ workerId: r.id, heartbeatAt: new Date(dbNow.getTime() - ageMs(r.ageS)), claimedBy: r.claimed ? 'someone' : null }, { self, now: dbNow, graceMs: GRACE }))
            .map((r) => r.id)
            .sort();
          const claimed: string[] = [];
          for (let next = await repo.claimNext(self, GRACE, async () => 0); next; next = await repo.claimNext(self, GRACE, async () => 0)) claimed.push(next.workerId);
          expect(claimed.sort()).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  // PGlite has one session, so these races exist only on a server.
  it.skipIf(!onPostgres)('gives a dead worker to one of two sweepers racing for it (PostgreSQL)', async () => {
    const repo = createWorkersRepo(t.db);
    await repo.beat('a');
    await silence('a', GRACE + 1_000);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = repo.claimNext('b', GRACE, async () => {
      await held; // hold the claim open while the second sweeper looks
      return 1;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await repo.claimNext('c', GRACE, async () => 1)).toBeUndefined(); // skips the locked row, does not wait
    release();
    expect(await first).toEqual({ workerId: 'a', resumedRuns: 1 });
    expect((await repo.listClaims('a')).map((c) => c.claimedBy)).toEqual(['b']);
  });

  it.skipIf(!onPostgres)('makes a worker restarting with its old id wait until its runs are handed off (PostgreSQL)', async () => {
    const repo = createWorkersRepo(t.db);
    await repo.beat('a');
    await silence('a', GRACE + 1_000);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const claim = repo.claimNext('b', GRACE, async () => {
      await held;
      order.push('handed off');
      return 1;
    });
    await new Promise((r) => setTimeout(r, 200));
    const comeBack = repo.beat('a').then((r) => {
      order.push('restarted');
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([]);
    release();
    await claim;
    expect(await comeBack).toEqual({ wasClaimedBy: 'b' });
    expect(order).toEqual(['handed off', 'restarted']);
  });
});
