import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { wizardDrafts } from './schema';

export type WizardDraftRow = typeof wizardDrafts.$inferSelect;

/** The wizard drafts: one per company and user (see the schema). */
export function createWizardDraftsRepo(db: Database) {
  const key = (companyId: number, userId: string) => and(eq(wizardDrafts.companyId, companyId), eq(wizardDrafts.userId, userId));
  return {
    async get(companyId: number, userId: string): Promise<WizardDraftRow | undefined> {
      const [row] = await db.select().from(wizardDrafts).where(key(companyId, userId));
      return row;
    },

    /** Creates or replaces the draft; returns it and whether it is new. */
    async save(companyId: number, userId: string, draft: { state: Record<string, unknown>; step: number }, now: Date): Promise<{ row: WizardDraftRow; created: boolean }> {
      const existed = await this.get(companyId, userId);
      const [row] = await db
        .insert(wizardDrafts)
        .values({ companyId, userId, state: draft.state, step: draft.step, updatedAt: now })
        .onConflictDoUpdate({ target: [wizardDrafts.companyId, wizardDrafts.userId], set: { state: draft.state, step: draft.step, updatedAt: now } })
        .returning();
      return { row: row!, created: !existed };
    },

    /** Deletes the draft; returns whether there was one. */
    async remove(companyId: number, userId: string): Promise<boolean> {
      const rows = await db.delete(wizardDrafts).where(key(companyId, userId)).returning({ companyId: wizardDrafts.companyId });
      return rows.length > 0;
    },
  };
}
export type WizardDraftsRepo = ReturnType<typeof createWizardDraftsRepo>;
