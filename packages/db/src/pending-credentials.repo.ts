import { eq } from 'drizzle-orm';
import type { Database } from './database';
import { pendingCredentials } from './schema/index';
import type { SecretBox } from './secret-box';

/**
 * The credential vault for new tenants' one-time admin passwords (implements provisioning's
 * `CredentialVault` port): encrypted on the way in, deleted once delivered.
 */
export function createPendingCredentialsRepo(db: Database, box: SecretBox) {
  return {
    /** Stores (or replaces, when a crashed step re-runs) the run's credentials, encrypted. */
    async put(runId: string, credentials: { userName: string; password: string }): Promise<void> {
      const ciphertext = box.seal(credentials.password);
      await db
        .insert(pendingCredentials)
        .values({ runId, userName: credentials.userName, ciphertext })
        .onConflictDoUpdate({ target: pendingCredentials.runId, set: { userName: credentials.userName, ciphertext } });
    },
    async get(runId: string): Promise<{ userName: string; password: string } | undefined> {
      const [row] = await db.select().from(pendingCredentials).where(eq(pendingCredentials.runId, runId));
      return row ? { userName: row.userName, password: box.open(row.ciphertext) } : undefined;
    },
    /** Deletes the credentials; true when there were any. */
    async wipe(runId: string): Promise<boolean> {
      const gone = await db.delete(pendingCredentials).where(eq(pendingCredentials.runId, runId)).returning({ runId: pendingCredentials.runId });
      return gone.length > 0;
    },
    /** The raw stored row, for tests and audits that prove nothing is kept in clear. */
    async raw(runId: string) {
      const [row] = await db.select().from(pendingCredentials).where(eq(pendingCredentials.runId, runId));
      return row;
    },
  };
}
export type PendingCredentialsRepo = ReturnType<typeof createPendingCredentialsRepo>;
