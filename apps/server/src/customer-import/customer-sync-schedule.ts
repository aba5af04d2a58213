import { createRepos } from '@csphub/db';
import type { CustomerSyncPorts } from '@csphub/provisioning';
import type { ImportDeps } from './customer-import.service';
import { reconcileAll, syncFromActivity, type SyncSource } from './customer-sync.service';

/** How often the whole base is read again as the safety net (the activity log keeps 90 days). */
export const FULL_RECONCILIATION_MS = 7 * 86_400_000;

/**
 * How long a sync run may hold a connection before a later slot's run may take it: longer than a
 * full reconciliation of a large base takes, short enough that a run whose worker died and is not
 * taken over delays the sync by minutes, not hours. A run resumed after a crash takes its own claim
 * again (the holder is its run id).
 */
export const SYNC_LEASE_MS = 30 * 60_000;

/**
 * The durable sync's ports over the service (docs/CUSTOMER-IMPORT.md, "Staying in step"): the
 * connections an import started for; per connection, a claim on its cursor row for the run, the
 * activity log since the cursor, and the full reconciliation when the last one (or the last
 * import) is older than `fullEveryMs`. While an import of the connection waits for a person or
 * runs, the sync leaves it alone: what it would bring in is in the plan under review.
 */
export function customerSyncPorts(deps: ImportDeps, clientFor: (connectionId: string) => Promise<SyncSource>, opts: { fullEveryMs?: number; chunk?: number } = {}): CustomerSyncPorts {
  const fullEvery = opts.fullEveryMs ?? FULL_RECONCILIATION_MS;
  const repos = () => createRepos(deps.db, deps.box);
  const claim = (connectionId: string, holder: string) => {
    const now = deps.now();
    return repos().customerImports.claimSync(connectionId, holder, now, new Date(now.getTime() + SYNC_LEASE_MS));
  };
  return {
    async connections() {
      return (await repos().customerImports.listSyncCursors()).map((c) => c.connectionId);
    },
    async syncActivity(connectionId, holder) {
      const [latest] = await repos().customerImports.listRuns(connectionId, 1);
      if (latest && latest.state !== 'done' && latest.state !== 'failed') return { state: 'import-pending', reconcileDue: false, eventsPublished: 0 };
      if (!(await claim(connectionId, holder))) return { state: 'busy', reconcileDue: false, eventsPublished: 0 };
      const report = await syncFromActivity(deps, connectionId, await clientFor(connectionId), opts.chunk ? { chunk: opts.chunk } : {});
      const cursor = await repos().customerImports.getSyncCursor(connectionId);
      const reconcileDue = !cursor?.lastFullAt || deps.now().getTime() - cursor.lastFullAt.getTime() >= fullEvery;
      return { state: 'synced', reconcileDue, eventsPublished: report.eventsPublished };
    },
    async reconcile(connectionId, holder) {
      // A run resumed after its claim ran out and another took it does not reconcile beside it.
      if (!(await claim(connectionId, holder))) return { eventsPublished: 0 };
      return { eventsPublished: (await reconcileAll(deps, connectionId, await clientFor(connectionId))).eventsPublished };
    },
    release: (connectionId, holder) => repos().customerImports.releaseSync(connectionId, holder),
  };
}
