import type { ServerDeps } from '../app/server-deps';

/** Starts the durable phases of an import; absent where the runtime is not launched (API-only tests). */
export interface CustomerImportRuns {
  /** Reads the connection's base into the run's staged plan (one run per import). */
  startImportRead?: (runId: string) => Promise<void>;
  /** Applies the reviewed plan; `resumeKey` differs for each start or resume of the same run. */
  startImportApply?: (runId: string, resumeKey: string) => Promise<void>;
}

/** What the import's routes are built from. */
export interface CustomerImportDeps extends ServerDeps {
  importRuns: CustomerImportRuns;
}
