import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { tenantSubscriptionReads } from './schema/tenant-subscription-reads';

export type TenantSubscriptionReadRow = typeof tenantSubscriptionReads.$inferSelect;

/** The stored answers of Partner Center for tenants' subscriptions (see the table's comment). */
export function createTenantSubscriptionReadsRepo(db: Database) {
  return {
    /** The stored reads of a company's tenants, one per connection and tenant. */
    async listForCompany(companyId: number): Promise<TenantSubscriptionReadRow[]> {
      return db.select().from(tenantSubscriptionReads).where(eq(tenantSubscriptionReads.companyId, companyId));
    },
    /**
     * `listForCompany` and, in the same statement, the last change made through CSP Hub to the
     * company's subscriptions (the newest `updated_at` of its orders, transfers and moves; null when
     * none): a stored read older than that change is not to be shown. `changedAt` is null when
     * nothing is stored (then there is nothing to compare it with).
     */
    async listForCompanyWithLastChange(companyId: number): Promise<{ rows: TenantSubscriptionReadRow[]; changedAt: Date | null }> {
      const found = await db
        .select({
          row: tenantSubscriptionReads,
          changedAt: sql<string | Date | null>`(select greatest(
            (select max(updated_at) from orders where company_id = ${companyId}),
            (select max(updated_at) from subscription_transfers where company_id = ${companyId}),
            (select max(updated_at) from subscription_moves where company_id = ${companyId})))`,
        })
        .from(tenantSubscriptionReads)
        .where(eq(tenantSubscriptionReads.companyId, companyId));
      const at = found[0]?.changedAt;
      return { rows: found.map((f) => f.row), changedAt: at === null || at === undefined ? null : new Date(at) };
    },
    async get(connectionId: string, tenantId: string): Promise<TenantSubscriptionReadRow | undefined> {
      const [row] = await db
        .select()
        .from(tenantSubscriptionReads)
        .where(and(eq(tenantSubscriptionReads.connectionId, connectionId), eq(tenantSubscriptionReads.tenantId, tenantId)));
      return row;
    },
    /**
     * Drops a tenant's stored read: the sync saw Partner Center change it, so the next view of the
     * tab reads Partner Center again instead of showing the stored answer until it ages out.
     */
    async forget(connectionId: string, tenantId: string): Promise<void> {
      await db.delete(tenantSubscriptionReads).where(and(eq(tenantSubscriptionReads.connectionId, connectionId), sql`lower(${tenantSubscriptionReads.tenantId}) = ${tenantId.toLowerCase()}`));
    },
    /** Keeps the newer of what is stored and this read (two processes may refresh at once). */
    async put(row: TenantSubscriptionReadRow): Promise<void> {
      await db
        .insert(tenantSubscriptionReads)
        .values(row)
        .onConflictDoUpdate({
          target: [tenantSubscriptionReads.connectionId, tenantSubscriptionReads.tenantId],
          set: { companyId: row.companyId, subscriptions: row.subscriptions, licenses: row.licenses, licensesError: row.licensesError, readAt: row.readAt },
          setWhere: sql`${tenantSubscriptionReads.readAt} <= ${row.readAt}`,
        });
    },
  };
}
export type TenantSubscriptionReadsRepo = ReturnType<typeof createTenantSubscriptionReadsRepo>;
