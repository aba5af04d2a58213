import type { BulkFixInput } from '@csphub/provisioning';
import type { ServerDeps } from '../app/server-deps';
import type { BulkDeps } from './bulk-actions';

/** Starts a round of a bulk fix as a durable run; absent where the runtime is not launched (API-only tests). */
export interface BulkRuns {
  startBulkFix?: (input: BulkFixInput) => Promise<void>;
}

/** What the cockpit's routes are built from. */
export interface CockpitDeps extends ServerDeps, Omit<BulkDeps, keyof ServerDeps | 'pollMs'> {
  bulkRuns: BulkRuns;
}
