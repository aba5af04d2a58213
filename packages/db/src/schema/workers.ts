import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per workflow worker (DBOS executor id), written by the worker itself every heartbeat
 * period. A row whose heartbeat is older than the grace period belongs to a worker presumed dead;
 * the first live worker to claim it (`claimed_by`, one conditional UPDATE) hands its pending runs
 * back to the durable queue (docs/decisions/0006). All times are the database server's clock.
 */
export const workers = pgTable('workers', {
  workerId: text().primaryKey(),
  startedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  heartbeatAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  /** The live worker that took over this worker's runs; cleared when this worker starts again. */
  claimedBy: text(),
  claimedAt: timestamp({ withTimezone: true, mode: 'date' }),
});

/** The history of take-overs: one row per successful claim, with how many runs were handed back. */
export const workerClaims = pgTable(
  'worker_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    workerId: text().notNull(),
    claimedBy: text().notNull(),
    claimedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    resumedRuns: integer().notNull(),
  },
  (t) => [index('worker_claims_worker_idx').on(t.workerId)],
);
