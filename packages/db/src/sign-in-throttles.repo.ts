import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { signInThrottles } from './schema/index';

type Scope = 'account_source' | 'source';

/** One key's stored back-off state (see packages/domain/src/access/sign-in-backoff.ts). */
export interface ThrottleKeyState {
  scope: Scope;
  key: string;
  state: { failures: number; blockedUntil: Date | null; lastAttemptAt: Date } | null;
}

/** Sign-in back-off per key; the rule itself is passed in, this repository only makes it atomic. */
export function createSignInThrottlesRepo(db: Database) {
  return {
    /**
     * Reads the keys' states under row locks, lets `decide` compute the new states (`null` clears a
     * key) and writes them, in one transaction: concurrent attempts on a key queue behind each other,
     * so each one sees the count of the previous. Keys are locked in one order (no deadlock).
     */
    async update<T>(keys: { scope: Scope; key: string }[], now: Date, decide: (current: ThrottleKeyState[]) => { result: T; next: ThrottleKeyState[] }): Promise<T> {
      return db.transaction(async (tx) => {
        // A row to lock must exist: create missing ones (no-op for existing rows, and safe in a race).
        await tx
          .insert(signInThrottles)
          .values(keys.map((k) => ({ scope: k.scope, key: k.key, failures: 0, lastAttemptAt: now })))
          .onConflictDoNothing();
        const rows = await tx
          .select()
          .from(signInThrottles)
          .where(sql`(${signInThrottles.scope}, ${signInThrottles.key}) in (${sql.join(keys.map((k) => sql`(${k.scope}, ${k.key})`), sql`, `)})`)
          .orderBy(asc(signInThrottles.scope), asc(signInThrottles.key))
          .for('update');
        const current = keys.map((k): ThrottleKeyState => {
          const row = rows.find((r) => r.scope === k.scope && r.key === k.key);
          // A row just created with no failure is the same as no row.
          return { ...k, state: row && row.failures > 0 ? { failures: row.failures, blockedUntil: row.blockedUntil, lastAttemptAt: row.lastAttemptAt } : null };
        });
        const { result, next } = decide(current);
        for (const k of next) {
          const where = and(eq(signInThrottles.scope, k.scope), eq(signInThrottles.key, k.key));
          if (k.state) await tx.update(signInThrottles).set({ failures: k.state.failures, blockedUntil: k.state.blockedUntil, lastAttemptAt: k.state.lastAttemptAt }).where(where);
          else await tx.delete(signInThrottles).where(where);
        }
        return result;
      });
    },
    /** The stored state of one key (for tests and support). */
    async get(scope: Scope, key: string) {
      const rows = await db.select().from(signInThrottles).where(and(eq(signInThrottles.scope, scope), eq(signInThrottles.key, key)));
      return rows[0];
    },
  };
}
export type SignInThrottlesRepo = ReturnType<typeof createSignInThrottlesRepo>;
