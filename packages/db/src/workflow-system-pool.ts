import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock';
import { watchSystemPool, type SystemPoolStall } from './system-pool-watch';

/** A node-postgres pool for DBOS's system database, and how to close what was opened for it. */
export interface WorkflowSystemPool {
  pool: pg.Pool;
  /** Which layout was used (see docs/decisions/0005-workflow-database.md). */
  layout: 'pglite-shared' | 'pglite-folder';
  close(): Promise<void>;
}

/** A checkout of the one connection longer than this is reported (DBOS's own transactions take milliseconds). */
const STALL_THRESHOLD_MS = 5_000;

/**
 * Builds the pool DBOS needs in embedded mode (docs/WORKFLOWS.md §4: PGlite's node-postgres adapter, a pool
 * of one; DBOS must also be given `useListenNotify: false`).
 *
 * - `{ dataDir }` (the default layout, decision 0005): DBOS gets its own PGlite folder, locked like
 *   the application's, so DBOS's multi-statement transactions never interleave with the
 *   application's queries on one PGlite session.
 * - `{ pglite }`: shares the application's PGlite instance. Kept for the measurements in decision
 *   0005; the adapter sends DBOS's BEGIN..COMMIT as separate messages on the one session PGlite has,
 *   so an application query issued meanwhile runs inside DBOS's transaction.
 *
 * `onStall` (folder layout) is told when the one connection stays checked out for more than 5 s
 * (see `watchSystemPool`), so a stalled engine is named in the log instead of hanging silently.
 */
export async function openWorkflowSystemPool(
  target: { pglite: unknown } | { dataDir?: string | undefined; onStall?: ((stall: SystemPoolStall) => void) | undefined },
): Promise<WorkflowSystemPool> {
  if ('pglite' in target) {
    const pool = new pg.Pool({ ...createPgConfig(target.pglite as PGlite), max: 1 } as pg.PoolConfig);
    pool.on('error', () => undefined);
    return { pool, layout: 'pglite-shared', close: () => pool.end() };
  }
  const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => undefined;
  try {
    const pglite = target.dataDir ? await PGlite.create(target.dataDir) : await PGlite.create();
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
    pool.on('error', () => undefined);
    const unwatch = target.onStall ? watchSystemPool(pool, { thresholdMs: STALL_THRESHOLD_MS, onStall: target.onStall }) : () => undefined;
    return {
      pool,
      layout: 'pglite-folder',
      close: async () => {
        unwatch();
        await pool.end().catch(() => undefined);
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
