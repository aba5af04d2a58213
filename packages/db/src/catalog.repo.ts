import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './database';
import { catalogHiddenProducts, catalogItems, catalogSnapshots } from './schema/catalog';

export type CatalogItemRow = typeof catalogItems.$inferSelect;
export type CatalogSnapshotRow = typeof catalogSnapshots.$inferSelect;
export type CatalogEntryInput = Omit<CatalogItemRow, 'connectionId' | 'country'>;

/**
 * The cached catalog per connection and country and the products a distributor
 * hides. Satisfies the catalog cache's `CatalogStore` port: a refresh replaces a country's items in
 * one transaction, so readers never see half a catalog.
 */
export function createCatalogRepo(db: Database) {
  return {
    async replaceCatalog(connectionId: string, country: string, entries: CatalogEntryInput[], refreshedAt: Date, stats: { partnerCenterCalls: number; durationMs: number }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(catalogItems).where(and(eq(catalogItems.connectionId, connectionId), eq(catalogItems.country, country)));
        const unique = [...new Map(entries.map((e) => [e.catalogItemId, e])).values()];
        for (let i = 0; i < unique.length; i += 200) {
          await tx.insert(catalogItems).values(unique.slice(i, i + 200).map((e) => ({ ...e, connectionId, country })));
        }
        const snapshot = { refreshedAt, entryCount: unique.length, partnerCenterCalls: stats.partnerCenterCalls, durationMs: stats.durationMs, lastError: null, lastErrorAt: null };
        await tx
          .insert(catalogSnapshots)
          .values({ connectionId, country, ...snapshot })
          .onConflictDoUpdate({ target: [catalogSnapshots.connectionId, catalogSnapshots.country], set: snapshot });
      });
    },

    async markRefreshFailed(connectionId: string, country: string, message: string, at: Date): Promise<void> {
      await db
        .insert(catalogSnapshots)
        .values({ connectionId, country, lastError: message, lastErrorAt: at })
        .onConflictDoUpdate({ target: [catalogSnapshots.connectionId, catalogSnapshots.country], set: { lastError: message, lastErrorAt: at } });
    },

    async getSnapshot(connectionId: string, country: string): Promise<CatalogSnapshotRow | undefined> {
      return (await db.select().from(catalogSnapshots).where(and(eq(catalogSnapshots.connectionId, connectionId), eq(catalogSnapshots.country, country))))[0];
    },

    /** Every snapshot, for the refresh schedule. */
    async listSnapshots(): Promise<CatalogSnapshotRow[]> {
      return db.select().from(catalogSnapshots);
    },

    async listItems(connectionId: string, country: string): Promise<CatalogItemRow[]> {
      return db
        .select()
        .from(catalogItems)
        .where(and(eq(catalogItems.connectionId, connectionId), eq(catalogItems.country, country)))
        .orderBy(catalogItems.category, catalogItems.productGroup, catalogItems.productTitle, catalogItems.skuTitle);
    },

    async getItem(connectionId: string, country: string, catalogItemId: string): Promise<CatalogItemRow | undefined> {
      const rows = await db
        .select()
        .from(catalogItems)
        .where(and(eq(catalogItems.connectionId, connectionId), eq(catalogItems.country, country), eq(catalogItems.catalogItemId, catalogItemId)));
      return rows[0];
    },

    /** Several items of one connection and country in one statement (those the cache holds). */
    async getItems(connectionId: string, country: string, catalogItemIds: readonly string[]): Promise<CatalogItemRow[]> {
      if (catalogItemIds.length === 0) return [];
      return db
        .select()
        .from(catalogItems)
        .where(and(eq(catalogItems.connectionId, connectionId), eq(catalogItems.country, country), inArray(catalogItems.catalogItemId, [...new Set(catalogItemIds)])));
    },

    async listHiddenProducts(distributorId: number): Promise<string[]> {
      const rows = await db.select({ productId: catalogHiddenProducts.productId }).from(catalogHiddenProducts).where(eq(catalogHiddenProducts.distributorId, distributorId));
      return rows.map((r) => r.productId);
    },

    /** Hides or shows a product for the distributor's resellers; returns whether anything changed. */
    async setProductHidden(distributorId: number, productId: string, hidden: boolean, by: string, at: Date): Promise<boolean> {
      if (hidden) {
        const rows = await db.insert(catalogHiddenProducts).values({ distributorId, productId, hiddenBy: by, hiddenAt: at }).onConflictDoNothing().returning();
        return rows.length > 0;
      }
      const rows = await db
        .delete(catalogHiddenProducts)
        .where(and(eq(catalogHiddenProducts.distributorId, distributorId), eq(catalogHiddenProducts.productId, productId)))
        .returning();
      return rows.length > 0;
    },
  };
}
export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
