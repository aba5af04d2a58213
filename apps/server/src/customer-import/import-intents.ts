import { createRepos } from '@csphub/db';
import type { CustomerImportRuns } from './customer-import-deps';
import type { ImportDeps } from './customer-import.service';

/**
 * Starts the durable run of every import whose state says one should be going: `reading`, and
 * `importing` with the apply key its request recorded in the same transaction. Starting a run whose
 * id exists attaches to it, so this is safe to call at any time; it closes the window where a
 * process stopped between committing the request and starting the run. Answers how many it started
 * or attached to.
 */
export async function startImportIntents(deps: ImportDeps, runs: CustomerImportRuns): Promise<number> {
  let started = 0;
  for (const run of await createRepos(deps.db, deps.box).customerImports.listInFlight()) {
    if (run.state === 'reading' && runs.startImportRead) {
      await runs.startImportRead(run.id);
      started++;
    } else if (run.state === 'importing' && run.applyKey && runs.startImportApply) {
      await runs.startImportApply(run.id, run.applyKey);
      started++;
    }
  }
  return started;
}
