import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './database';
import { priceRules, priceSheetEntries } from './schema/pricing';

export type PriceSheetEntryRow = typeof priceSheetEntries.$inferSelect;
export type PriceRuleRow = typeof priceRules.$inferSelect;
export type PriceRuleInput = typeof priceRules.$inferInsert;

/** The cached price sheets and the price lists (rules) of the channel. */
export function createPricingRepo(db: Database) {
  return {
    /** Replaces the sheet of one connection, market and month in one transaction. */
    async replaceSheet(connectionId: string, market: string, month: string, entries: Omit<PriceSheetEntryRow, 'connectionId' | 'market' | 'month'>[]): Promise<void> {
      await db.transaction(async (tx) => {
        const where = and(eq(priceSheetEntries.connectionId, connectionId), eq(priceSheetEntries.market, market), eq(priceSheetEntries.month, month));
        await tx.delete(priceSheetEntries).where(where);
        const unique = [...new Map(entries.map((e) => [`${e.productId}|${e.skuId}|${e.termDuration}|${e.billingPlan}`, e])).values()];
        for (let i = 0; i < unique.length; i += 200) {
          await tx.insert(priceSheetEntries).values(unique.slice(i, i + 200).map((e) => ({ ...e, connectionId, market, month })));
        }
      });
    },

    async sheet(connectionId: string, market: string, month: string): Promise<PriceSheetEntryRow[]> {
      return db
        .select()
        .from(priceSheetEntries)
        .where(and(eq(priceSheetEntries.connectionId, connectionId), eq(priceSheetEntries.market, market), eq(priceSheetEntries.month, month)));
    },

    /** Rules sold by any of `sellerIds`. */
    async rulesOf(sellerIds: number[]): Promise<PriceRuleRow[]> {
      if (sellerIds.length === 0) return [];
      return db.select().from(priceRules).where(inArray(priceRules.sellerCompanyId, sellerIds));
    },

    async getRule(id: string): Promise<PriceRuleRow | undefined> {
      return (await db.select().from(priceRules).where(eq(priceRules.id, id)))[0];
    },

    async insertRule(rule: PriceRuleInput): Promise<void> {
      await db.insert(priceRules).values(rule);
    },

    async deleteRule(id: string): Promise<boolean> {
      return (await db.delete(priceRules).where(eq(priceRules.id, id)).returning({ id: priceRules.id })).length > 0;
    },
  };
}

export type PricingRepo = ReturnType<typeof createPricingRepo>;
