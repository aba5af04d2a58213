import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { tenantLicences } from './schema/tenant-licences';

export type TenantLicenceRow = typeof tenantLicences.$inferSelect;
export type TenantLicenceInput = Pick<TenantLicenceRow, 'skuId' | 'name' | 'totalUnits' | 'consumedUnits' | 'availableUnits' | 'status'>;

/** A tenant's licences by SKU as last read from Partner Center, for the cockpit. */
export function createTenantLicencesRepo(db: Database) {
  return {
    /** Replaces what is known of one tenant's licences in a connection with what was just read. */
    async replaceForTenant(key: { companyId: number; connectionId: string; tenantId: string }, skus: readonly TenantLicenceInput[], at: Date): Promise<void> {
      await db.transaction(async (tx) => {
        // Two reads of one tenant at once (a view and its background refresh) replace its rows one
        // after the other, instead of both deleting and the second insert meeting the first's rows.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'tenantLicences:' + key.connectionId + ':' + key.tenantId}))`);
        await tx.delete(tenantLicences).where(and(eq(tenantLicences.connectionId, key.connectionId), eq(tenantLicences.tenantId, key.tenantId)));
        // One row per SKU: Microsoft answers each once, but a repeated id must not fail the read.
        const bySku = new Map(skus.map((s) => [s.skuId, s]));
        if (bySku.size > 0) await tx.insert(tenantLicences).values([...bySku.values()].map((s) => ({ ...s, ...key, readAt: at })));
      });
    },
    async listForTenant(connectionId: string, tenantId: string): Promise<TenantLicenceRow[]> {
      return db.select().from(tenantLicences).where(and(eq(tenantLicences.connectionId, connectionId), eq(tenantLicences.tenantId, tenantId)));
    },
  };
}
export type TenantLicencesRepo = ReturnType<typeof createTenantLicencesRepo>;
