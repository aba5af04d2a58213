import { randomUUID } from 'node:crypto';
import { createRepos } from '@csphub/db';
import type { Logger } from '../logger';
import type { ImportDeps } from './customer-import.service';
import { reconcileAll, syncFromActivity, type SyncSource } from './customer-sync.service';

/** How often the whole base is read again as the safety net (the activity log keeps 90 days). */
export const FULL_RECONCILIATION_MS = 7 * 86_400_000;

/**
 * How long one pass may hold a connection before another server process may take it over: longer
 * than a full reconciliation of a large base takes, short enough that a process that died mid-pass
 * delays the next cycle by minutes, not hours.
 */
export const SYNC_LEASE_MS = 30 * 60_000;

/**
 * One pass of the sync over every connection an import started for: the activity log since its
 * cursor, and the full reconciliation when the last one (or the last import) is older than
 * `fullEveryMs`. A connection whose latest import is not finished is left alone; a connection that
 * fails is logged and the others go on.
 */
export async function syncAllConnections(deps: ImportDeps, clientFor: (connectionId: string) => Promise<SyncSource>, opts: { fullEveryMs?: number; logger?: Pick<Logger, 'warn'> } = {}): Promise<void> {
  const fullEvery = opts.fullEveryMs ?? FULL_RECONCILIATION_MS;
  const repos = createRepos(deps.db, deps.box);
  const holder = randomUUID();
  for (const cursor of await repos.customerImports.listSyncCursors()) {
    // While an import of the connection waits for a person or runs, the sync leaves it alone: what
    // it would bring in is in the plan under review.
    const [latest] = await repos.customerImports.listRuns(cursor.connectionId, 1);
    if (latest && latest.state !== 'done' && latest.state !== 'failed') continue;
    // Several server processes run this pass on one database: one of them syncs a connection at a
    // time, so a change is applied (and its event published) once.
    const now = deps.now();
    if (!(await repos.customerImports.claimSync(cursor.connectionId, holder, now, new Date(now.getTime() + SYNC_LEASE_MS)))) continue;
    try {
      const client = await clientFor(cursor.connectionId);
      await syncFromActivity(deps, cursor.connectionId, client);
      if (!cursor.lastFullAt || deps.now().getTime() - cursor.lastFullAt.getTime() >= fullEvery) await reconcileAll(deps, cursor.connectionId, client);
    } catch (e) {
      opts.logger?.warn({ err: e, connectionId: cursor.connectionId }, 'customer sync failed');
    } finally {
      await repos.customerImports.releaseSync(cursor.connectionId, holder);
    }
  }
}

/** Runs {@link syncAllConnections} every `everyMs` (never two at once in this process, one process per connection); returns the stop. */
export function startCustomerSync(deps: ImportDeps, clientFor: (connectionId: string) => Promise<SyncSource>, everyMs: number, opts: { fullEveryMs?: number; logger?: Pick<Logger, 'warn'>; beforeEachPass?: () => Promise<unknown> } = {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void Promise.resolve(opts.beforeEachPass?.())
      .then(() => syncAllConnections(deps, clientFor, opts))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
