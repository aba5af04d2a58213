import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from './database';
import { subscriptionTransfers, type TransferredSubscriptionRecord } from './schema/subscription-transfers';

export type SubscriptionTransferRow = typeof subscriptionTransfers.$inferSelect;
export type NewSubscriptionTransfer = typeof subscriptionTransfers.$inferInsert;

/** Transfers from other partners that CSP Hub asked for, per company and connection. */
export function createSubscriptionTransfersRepo(db: Database) {
  return {
    async insert(row: NewSubscriptionTransfer): Promise<SubscriptionTransferRow> {
      const [created] = await db.insert(subscriptionTransfers).values(row).returning();
      return created!;
    },
    async listFor(companyId: number, connectionId: string): Promise<SubscriptionTransferRow[]> {
      return db
        .select()
        .from(subscriptionTransfers)
        .where(and(eq(subscriptionTransfers.companyId, companyId), eq(subscriptionTransfers.connectionId, connectionId)))
        .orderBy(asc(subscriptionTransfers.createdAt), asc(subscriptionTransfers.id));
    },
    async get(companyId: number, id: string): Promise<SubscriptionTransferRow | undefined> {
      const [row] = await db.select().from(subscriptionTransfers).where(and(eq(subscriptionTransfers.companyId, companyId), eq(subscriptionTransfers.id, id)));
      return row;
    },
    /** Every transfer still waiting for its source partner, across companies (the periodic check). */
    async listActive(): Promise<SubscriptionTransferRow[]> {
      return db.select().from(subscriptionTransfers).where(eq(subscriptionTransfers.state, 'active')).orderBy(asc(subscriptionTransfers.createdAt));
    },
    async setState(id: string, fields: Pick<SubscriptionTransferRow, 'state' | 'updatedAt'> & Partial<Pick<SubscriptionTransferRow, 'completedAt' | 'expiresAt'>>): Promise<void> {
      await db.update(subscriptionTransfers).set(fields).where(eq(subscriptionTransfers.id, id));
    },
    /**
     * Records what a completed transfer brought in, once: answers the row when this call did it,
     * undefined when another already had (so its audit entry and events are written once).
     */
    async markImported(id: string, subscriptions: TransferredSubscriptionRecord[], completedAt: Date, at: Date): Promise<SubscriptionTransferRow | undefined> {
      const [row] = await db
        .update(subscriptionTransfers)
        .set({ state: 'complete', subscriptions, completedAt, importedAt: at, updatedAt: at })
        .where(and(eq(subscriptionTransfers.id, id), isNull(subscriptionTransfers.importedAt)))
        .returning();
      return row;
    },
  };
}
export type SubscriptionTransfersRepo = ReturnType<typeof createSubscriptionTransfersRepo>;
