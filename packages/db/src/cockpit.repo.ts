import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './database';
import { bulkJobItems, bulkJobs } from './schema/index';

export type BulkJobRow = typeof bulkJobs.$inferSelect;
export type BulkJobItemRow = typeof bulkJobItems.$inferSelect;
export type BulkAction = BulkJobRow['action'];

/** The cockpit's bulk fixes with their items (its figures and lists are in cockpit-summary.ts and cockpit-lists.ts). */
export function createCockpitRepo(db: Database) {
  return {
    async createJob(job: typeof bulkJobs.$inferInsert, items: Omit<typeof bulkJobItems.$inferInsert, 'jobId'>[]): Promise<BulkJobRow> {
      const [row] = await db.insert(bulkJobs).values(job).returning();
      if (items.length) await db.insert(bulkJobItems).values(items.map((i) => ({ ...i, jobId: row!.id })));
      return row!;
    },
    async getJob(id: string): Promise<BulkJobRow | undefined> {
      const [row] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, id));
      return row;
    },
    async items(jobId: string): Promise<BulkJobItemRow[]> {
      return db.select().from(bulkJobItems).where(eq(bulkJobItems.jobId, jobId)).orderBy(asc(bulkJobItems.label), asc(bulkJobItems.itemKey));
    },
    async item(jobId: string, itemKey: string): Promise<BulkJobItemRow | undefined> {
      const [row] = await db.select().from(bulkJobItems).where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.itemKey, itemKey)));
      return row;
    },
    async pendingItemKeys(jobId: string): Promise<string[]> {
      const rows = await this.items(jobId);
      return rows.filter((r) => r.state === 'pending').map((r) => r.itemKey);
    },
    async recordItem(jobId: string, itemKey: string, result: { state: 'succeeded' | 'failed'; outcome?: Record<string, unknown> | null; errorCode?: string | null; errorMessage?: string | null; round: number; at: Date }): Promise<void> {
      await db
        .update(bulkJobItems)
        .set({ state: result.state, outcome: result.outcome ?? null, errorCode: result.errorCode ?? null, errorMessage: result.errorMessage ?? null, round: result.round, finishedAt: result.at, attempts: sql`${bulkJobItems.attempts} + 1` })
        .where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.itemKey, itemKey)));
    },
    async setJobState(id: string, state: BulkJobRow['state'], at: Date): Promise<void> {
      await db
        .update(bulkJobs)
        .set({ state, updatedAt: at, finishedAt: state === 'finished' ? at : null })
        .where(eq(bulkJobs.id, id));
    },
    /** Puts the failed items back to pending for another round; answers how many. */
    async requeueFailed(jobId: string, at: Date): Promise<number> {
      const failed = await db.select({ k: bulkJobItems.itemKey }).from(bulkJobItems).where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.state, 'failed')));
      if (failed.length === 0) return 0;
      await db
        .update(bulkJobItems)
        .set({ state: 'pending', errorCode: null, errorMessage: null, finishedAt: null })
        .where(and(eq(bulkJobItems.jobId, jobId), inArray(bulkJobItems.itemKey, failed.map((f) => f.k))));
      await db.update(bulkJobs).set({ state: 'queued', updatedAt: at, finishedAt: null }).where(eq(bulkJobs.id, jobId));
      return failed.length;
    },
  };
}
export type CockpitRepo = ReturnType<typeof createCockpitRepo>;
