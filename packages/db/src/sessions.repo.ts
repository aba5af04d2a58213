import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Database } from './database';
import { sessions } from './schema/index';

export type SessionRow = typeof sessions.$inferSelect;

/** Browser sessions, looked up by the SHA-256 of the cookie token. */
export function createSessionsRepo(db: Database) {
  return {
    async create(input: { idHash: string; userId: string; csrfToken: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<SessionRow> {
      const [row] = await db
        .insert(sessions)
        .values({ id: input.idHash, userId: input.userId, csrfToken: input.csrfToken, createdAt: input.now, lastSeenAt: input.now, expiresAt: input.expiresAt, ip: input.ip, userAgent: input.userAgent })
        .returning();
      return row!;
    },
    /** The session when it exists, is not revoked and has not expired at `now`. */
    async findValid(idHash: string, now: Date): Promise<SessionRow | undefined> {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.id, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      return rows[0];
    },
    /** Slides the expiry forward on use. */
    async touch(idHash: string, now: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, idHash));
    },
    async revoke(idHash: string, now: Date): Promise<void> {
      await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, idHash));
    },
    /** Ends every session of a user but one (the person changed their password in `keepIdHash`). */
    async revokeOthersOfUser(userId: string, keepIdHash: string, now: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keepIdHash)));
    },
    /** Ends every session of a user (disabled user, changed password). */
    async revokeAllForUser(userId: string, now: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
