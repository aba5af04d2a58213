import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from './database';
import { apiTokens } from './schema/index';

/** An API token row; `tokenHash` never leaves the server. */
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** API tokens for integrations (stored hashed, revocable, never deleted). */
export function createApiTokensRepo(db: Database) {
  return {
    async create(input: { companyId: number; createdByUserId: string | null; name: string; role: string; tokenHash: string; tokenPrefix: string; now: Date; expiresAt: Date | null }): Promise<ApiTokenRow> {
      const { now, ...fields } = input;
      const [row] = await db
        .insert(apiTokens)
        .values({ ...fields, createdAt: now })
        .returning();
      return row!;
    },
    async findByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
      const rows = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
      return rows[0];
    },
    async get(id: string): Promise<ApiTokenRow | undefined> {
      const rows = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
      return rows[0];
    },
    async listByCompanies(companyIds: number[]): Promise<ApiTokenRow[]> {
      if (companyIds.length === 0) return [];
      return db.select().from(apiTokens).where(inArray(apiTokens.companyId, companyIds)).orderBy(desc(apiTokens.createdAt));
    },
    async revoke(id: string, now: Date): Promise<ApiTokenRow> {
      const [row] = await db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).returning();
      return row!;
    },
    async touch(id: string, now: Date): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    },
  };
}
export type ApiTokensRepo = ReturnType<typeof createApiTokensRepo>;
