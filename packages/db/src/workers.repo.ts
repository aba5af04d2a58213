import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { rowsOf } from './companies.repo';
import { workerClaims, workers } from './schema/index';

export type WorkerRow = typeof workers.$inferSelect;
export type WorkerClaimRow = typeof workerClaims.$inferSelect;

/**
 * Worker heartbeats and take-overs (docs/decisions/0006); implements provisioning's
 * `WorkerRegistry`. Times come from the database's `now()`, never from a worker's clock.
 *
 * The fence is the worker's row lock: a claim locks the dead worker's row (`for update skip
 * locked`, so a second sweeper passes over it instead of waiting) and keeps it locked while its
 * runs are handed back; a heartbeat of the same worker (it restarting with its old id) waits for
 * that lock, so it launches only after the hand-off is complete and finds nothing of its own left.
 */
export function createWorkersRepo(db: Database) {
  return {
    async beat(workerId: string): Promise<{ wasClaimedBy: string | null }> {
      return db.transaction(async (tx) => {
        const locked = rowsOf<{ claimed_by: string | null }>(await tx.execute(sql`select claimed_by from workers where worker_id = ${workerId} for update`));
        await tx.execute(sql`
          insert into workers (worker_id, started_at, heartbeat_at) values (${workerId}, now(), now())
          on conflict (worker_id) do update set heartbeat_at = now(), claimed_by = null, claimed_at = null`);
        return { wasClaimedBy: locked[0]?.claimed_by ?? null };
      });
    },

    async claimNext(self: string, graceMs: number, takeOver: (deadWorkerId: string) => Promise<number>): Promise<{ workerId: string; resumedRuns: number } | undefined> {
      return db.transaction(async (tx) => {
        // The claim rule (isClaimable in @csphub/provisioning), in one statement.
        const claimed = rowsOf<{ worker_id: string }>(
          await tx.execute(sql`
            update workers set claimed_by = ${self}, claimed_at = now()
            where worker_id = (
              select worker_id from workers
              where worker_id <> ${self} and claimed_by is null and heartbeat_at < now() - make_interval(secs => ${graceMs / 1000})
              order by heartbeat_at
              limit 1
              for update skip locked)
            returning worker_id`),
        );
        const dead = claimed[0]?.worker_id;
        if (!dead) return undefined;
        const resumedRuns = await takeOver(dead);
        await tx.insert(workerClaims).values({ workerId: dead, claimedBy: self, claimedAt: sql`now()`, resumedRuns });
        return { workerId: dead, resumedRuns };
      });
    },

    async get(workerId: string): Promise<WorkerRow | undefined> {
      return (await db.select().from(workers).where(eq(workers.workerId, workerId)))[0];
    },

    async listClaims(workerId: string): Promise<WorkerClaimRow[]> {
      return db.select().from(workerClaims).where(eq(workerClaims.workerId, workerId)).orderBy(asc(workerClaims.claimedAt));
    },
  };
}
export type WorkersRepo = ReturnType<typeof createWorkersRepo>;
