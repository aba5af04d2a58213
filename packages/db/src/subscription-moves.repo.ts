import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { subscriptionMoves } from './schema/subscription-moves';

export type SubscriptionMoveRow = typeof subscriptionMoves.$inferSelect;
export type SubscriptionMoveFields = Partial<Pick<SubscriptionMoveRow, 'oldExpiresAt' | 'targetCatalogItemId' | 'replacementOrderId'>>;

/** Moves of licenses from another partner, per company, connection and licence SKU. */
export function createSubscriptionMovesRepo(db: Database) {
  return {
    async listFor(companyId: number, connectionId: string): Promise<SubscriptionMoveRow[]> {
      return db.select().from(subscriptionMoves).where(and(eq(subscriptionMoves.companyId, companyId), eq(subscriptionMoves.connectionId, connectionId)));
    },
    /** Creates or changes the move of one licence SKU. */
    async upsert(key: { companyId: number; connectionId: string; skuId: string; skuName: string }, fields: SubscriptionMoveFields, by: string, at: Date): Promise<SubscriptionMoveRow> {
      const [row] = await db
        .insert(subscriptionMoves)
        .values({ ...key, ...fields, updatedBy: by, updatedAt: at })
        .onConflictDoUpdate({ target: [subscriptionMoves.companyId, subscriptionMoves.connectionId, subscriptionMoves.skuId], set: { ...fields, skuName: key.skuName, updatedBy: by, updatedAt: at } })
        .returning();
      return row!;
    },
  };
}
export type SubscriptionMovesRepo = ReturnType<typeof createSubscriptionMovesRepo>;
