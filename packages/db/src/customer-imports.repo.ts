import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { accountSyncOptions, customerImportItems, customerImportRuns, customerSyncCursors, partnerCenterSubscriptions } from './schema/index';

export type CustomerImportRunRow = typeof customerImportRuns.$inferSelect;
export type CustomerImportItemRow = typeof customerImportItems.$inferSelect;
export type CustomerImportItemInsert = typeof customerImportItems.$inferInsert;
export type PartnerCenterSubscriptionInsert = typeof partnerCenterSubscriptions.$inferInsert;

/** Import runs of existing customers, their staged items, and the subscriptions they bring (docs/CUSTOMER-IMPORT.md). */
export function createCustomerImportsRepo(db: Database) {
  return {
    async createRun(connectionId: string, startedBy: string, now: Date): Promise<CustomerImportRunRow> {
      const [run] = await db.insert(customerImportRuns).values({ connectionId, state: 'reading', startedBy, createdAt: now, updatedAt: now }).returning();
      return run!;
    },
    async getRun(runId: string): Promise<CustomerImportRunRow | undefined> {
      return (await db.select().from(customerImportRuns).where(eq(customerImportRuns.id, runId)))[0];
    },
    async setRun(runId: string, fields: Partial<Pick<CustomerImportRunRow, 'state' | 'customersRead' | 'subscriptionsRead' | 'failureReason'>>, now: Date, onlyWhenState?: CustomerImportRunRow['state']): Promise<CustomerImportRunRow | undefined> {
      const where = onlyWhenState ? and(eq(customerImportRuns.id, runId), eq(customerImportRuns.state, onlyWhenState)) : eq(customerImportRuns.id, runId);
      return (await db.update(customerImportRuns).set({ ...fields, updatedAt: now }).where(where).returning())[0];
    },
    async countApplied(runId: string, created: boolean, now: Date): Promise<void> {
      await db
        .update(customerImportRuns)
        .set(created ? { companiesCreated: sql`${customerImportRuns.companiesCreated} + 1`, updatedAt: now } : { companiesUpdated: sql`${customerImportRuns.companiesUpdated} + 1`, updatedAt: now })
        .where(eq(customerImportRuns.id, runId));
    },
    /** Stages items; a customer read again (after a crash) replaces its row instead of adding one. */
    async upsertItems(rows: CustomerImportItemInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(customerImportItems)
        .values(rows)
        .onConflictDoUpdate({
          target: [customerImportItems.runId, customerImportItems.tenantId],
          set: { companyName: sql`excluded.company_name`, details: sql`excluded.details`, proposal: sql`excluded.proposal`, companyId: sql`excluded.company_id`, parentCompanyId: sql`excluded.parent_company_id`, conflicts: sql`excluded.conflicts` },
        });
    },
    async decide(runId: string, tenantId: string, decision: string): Promise<boolean> {
      const rows = await db.update(customerImportItems).set({ decision }).where(and(eq(customerImportItems.runId, runId), eq(customerImportItems.tenantId, tenantId), eq(customerImportItems.outcome, 'planned'))).returning({ t: customerImportItems.tenantId });
      return rows.length > 0;
    },
    async plannedAfter(runId: string, afterSeq: number, limit: number): Promise<CustomerImportItemRow[]> {
      return db
        .select()
        .from(customerImportItems)
        .where(and(eq(customerImportItems.runId, runId), eq(customerImportItems.outcome, 'planned'), sql`${customerImportItems.seq} > ${afterSeq}`))
        .orderBy(asc(customerImportItems.seq))
        .limit(limit);
    },
    async listItems(runId: string): Promise<CustomerImportItemRow[]> {
      return db.select().from(customerImportItems).where(eq(customerImportItems.runId, runId)).orderBy(asc(customerImportItems.seq));
    },
    /** Marks a planned item done; false when it was not planned any more (applied by another execution). */
    async markItem(runId: string, tenantId: string, outcome: 'applied' | 'skipped', companyId: number | null): Promise<boolean> {
      const rows = await db
        .update(customerImportItems)
        .set({ outcome, appliedCompanyId: companyId })
        .where(and(eq(customerImportItems.runId, runId), eq(customerImportItems.tenantId, tenantId), eq(customerImportItems.outcome, 'planned')))
        .returning({ t: customerImportItems.tenantId });
      return rows.length > 0;
    },
    /** Companies linked to a tenant in this connection. */
    async tenantLinks(connectionId: string): Promise<{ companyId: number; tenantId: string | null }[]> {
      return db.select({ companyId: accountSyncOptions.companyId, tenantId: accountSyncOptions.tenantId }).from(accountSyncOptions).where(eq(accountSyncOptions.connectionId, connectionId));
    },
    async upsertSubscriptions(rows: PartnerCenterSubscriptionInsert[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(partnerCenterSubscriptions)
        .values(rows)
        .onConflictDoUpdate({
          target: [partnerCenterSubscriptions.connectionId, partnerCenterSubscriptions.subscriptionId],
          set: { companyId: sql`excluded.company_id`, quantity: sql`excluded.quantity`, status: sql`excluded.status`, offerName: sql`excluded.offer_name`, partnerIdOfRecord: sql`excluded.partner_id_of_record`, updatedAt: sql`excluded.updated_at` },
        });
    },
    async getSyncCursor(connectionId: string): Promise<(typeof customerSyncCursors.$inferSelect) | undefined> {
      return (await db.select().from(customerSyncCursors).where(eq(customerSyncCursors.connectionId, connectionId)))[0];
    },
    async saveSyncCursor(connectionId: string, auditCursor: Date, seenAtCursor: string[], now: Date, fullAt?: Date): Promise<void> {
      const set = { auditCursor, seenAtCursor, updatedAt: now, ...(fullAt ? { lastFullAt: fullAt } : {}) };
      await db.insert(customerSyncCursors).values({ connectionId, ...set }).onConflictDoUpdate({ target: customerSyncCursors.connectionId, set });
    },
    /** The relationship ended in Partner Center: the link stays for history, marked failed with the reason. */
    async markTenantUnlinked(connectionId: string, tenantId: string, reason: string, now: Date): Promise<number> {
      const rows = await db
        .update(accountSyncOptions)
        .set({ syncStatus: 'failed', failureReason: reason, updatedAt: now })
        .where(and(eq(accountSyncOptions.connectionId, connectionId), eq(accountSyncOptions.tenantId, tenantId)))
        .returning({ companyId: accountSyncOptions.companyId });
      return rows.length;
    },
    async subscriptionsOf(connectionId: string): Promise<(typeof partnerCenterSubscriptions.$inferSelect)[]> {
      return db.select().from(partnerCenterSubscriptions).where(eq(partnerCenterSubscriptions.connectionId, connectionId)).orderBy(asc(partnerCenterSubscriptions.subscriptionId));
    },
  };
}
export type CustomerImportsRepo = ReturnType<typeof createCustomerImportsRepo>;
