import { createRepos, type Database, type Repos, type SecretBox } from '@csphub/db';
import type { Clock } from '@csphub/domain';
import type { ConnectionTester } from '../partner-center/connection-tester';
import type { SessionCache } from '../auth/session-cache';

/** What every feature's routes are built from (one object, passed down from createApp). */
export interface ServerDeps {
  db: Database;
  box: SecretBox;
  clock: Clock;
  /** Trust X-Forwarded-For for the client address (behind a proxy). */
  trustProxy: boolean;
  /** Session cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  /** Where emulated connections send Partner Center calls (the embedded emulator's origin). */
  emulatorUrl: string;
  connectionTester: ConnectionTester;
  /** CSP Hub's public URL (re-consent redirect URIs); the request's origin when absent. */
  publicUrl?: string;
  /** Sessions checked in the last few seconds (auth/session-cache.ts); absent: every request checks the database. */
  sessionCache?: SessionCache;
}

/** Repositories on the database handle. */
export function reposOf(deps: Pick<ServerDeps, 'db' | 'box'>): Repos {
  return createRepos(deps.db, deps.box);
}

/**
 * Runs `work` in one transaction with repositories bound to it (and the transaction's handle, for
 * a repository outside `Repos`): a mutation and its audit entry commit together or not at all.
 */
export function inTransaction<T>(deps: Pick<ServerDeps, 'db' | 'box'>, work: (repos: Repos, db: Database) => Promise<T>): Promise<T> {
  return deps.db.transaction((tx) => {
    const db = tx as unknown as Database;
    return work(createRepos(db, deps.box), db);
  });
}
