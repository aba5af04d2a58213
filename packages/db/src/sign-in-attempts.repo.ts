import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from './database';
import { signInAttempts } from './schema/index';

/** Sign-in attempts for rate limiting; counts failures in a time window. */
export function createSignInAttemptsRepo(db: Database) {
  return {
    async record(input: { email: string; ip: string; at: Date; succeeded: boolean }): Promise<void> {
      await db.insert(signInAttempts).values({ ...input, email: input.email.trim().toLowerCase() });
    },
    /**
     * Failed attempts for an account since `since`, not counting those before its last successful
     * sign-in (a success clears the account's slate, not the address's).
     */
    async failuresForEmail(email: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const e = email.trim().toLowerCase();
      const lastSuccess = sql`coalesce((select max(${signInAttempts.at}) from ${signInAttempts} where ${signInAttempts.email} = ${e} and ${signInAttempts.succeeded}), '-infinity'::timestamptz)`;
      const rows = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number), oldest: sql<string | null>`min(${signInAttempts.at})` })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.email, e), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since), sql`${signInAttempts.at} > ${lastSuccess}`));
      return { count: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
    },
    /** Failed attempts from an address since `since`. */
    async failuresForIp(ip: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const rows = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number), oldest: sql<string | null>`min(${signInAttempts.at})` })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)));
      return { count: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
    },
  };
}
export type SignInAttemptsRepo = ReturnType<typeof createSignInAttemptsRepo>;
