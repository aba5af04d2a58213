import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
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
    async countApplied(runId: string, created: number, updated: number, now: Date): Promise<void> {
      if (created === 0 && updated === 0) return;
      await db
        .update(customerImportRuns)
        .set({ companiesCreated: sql`${customerImportRuns.companiesCreated} + ${created}`, companiesUpdated: sql`${customerImportRuns.companiesUpdated} + ${updated}`, updatedAt: now })
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
    async decide(runId: string, tenantId: string, decision: string | null): Promise<boolean> {
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
    /** Counts of the run's items by proposal, decision, outcome and the company they go to or under. */
    async summary(runId: string): Promise<{ proposal: string; decided: boolean; outcome: string; parentCompanyId: number | null; count: number }[]> {
      const i = customerImportItems;
      const rows = await db
        .select({ proposal: i.proposal, decided: sql<boolean>`${i.decision} is not null`, outcome: i.outcome, parentCompanyId: i.parentCompanyId, count: sql<number>`count(*)`.mapWith(Number) })
        .from(i)
        .where(eq(i.runId, runId))
        .groupBy(i.proposal, sql`${i.decision} is not null`, i.outcome, i.parentCompanyId);
      return rows.map((r) => ({ ...r, decided: r.decided === true || (r.decided as unknown) === 't' }));
    },
    /** A page of the review list: by name, tenant id or domain, optionally one proposal, in read order. */
    async searchItems(runId: string, opts: { q?: string | undefined; proposal?: 'matched' | 'new' | 'conflict' | undefined; offset: number; limit: number }): Promise<{ rows: CustomerImportItemRow[]; total: number }> {
      const i = customerImportItems;
      const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const where = and(eq(i.runId, runId), opts.proposal ? eq(i.proposal, opts.proposal) : undefined, like ? or(ilike(i.companyName, like), ilike(i.tenantId, like), ilike(i.defaultDomain, like)) : undefined);
      const rows = await db.select().from(i).where(where).orderBy(asc(i.seq)).offset(opts.offset).limit(opts.limit);
      const [total] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(i).where(where);
      return { rows, total: total?.n ?? 0 };
    },
    async getItem(runId: string, tenantId: string): Promise<CustomerImportItemRow | undefined> {
      return (await db.select().from(customerImportItems).where(and(eq(customerImportItems.runId, runId), eq(customerImportItems.tenantId, tenantId))))[0];
    },
    /** The connection's most recent runs, newest first. */
    async listRuns(connectionId: string, limit: number): Promise<CustomerImportRunRow[]> {
      return db.select().from(customerImportRuns).where(eq(customerImportRuns.connectionId, connectionId)).orderBy(desc(customerImportRuns.createdAt)).limit(limit);
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
    /**
     * Claims planned items of a batch for one outcome in one statement: the tenants it marked (an
     * item another execution applied meanwhile is not among them).
     */
    async claimItems(runId: string, tenantIds: string[], outcome: 'applied' | 'skipped'): Promise<string[]> {
      if (tenantIds.length === 0) return [];
      const i = customerImportItems;
      const rows = await db
        .update(i)
        .set({ outcome })
        .where(and(eq(i.runId, runId), inArray(i.tenantId, tenantIds), eq(i.outcome, 'planned')))
        .returning({ t: i.tenantId });
      return rows.map((r) => r.t);
    },
    /** Records the company each applied item went to, in one statement. */
    async setAppliedCompanies(runId: string, companyOf: Map<string, number>): Promise<void> {
      if (companyOf.size === 0) return;
      const i = customerImportItems;
      const cases = sql.join([...companyOf].map(([t, id]) => sql`when ${t} then ${id}::int`), sql` `);
      await db
        .update(i)
        .set({ appliedCompanyId: sql`case ${i.tenantId} ${cases} end` })
        .where(and(eq(i.runId, runId), inArray(i.tenantId, [...companyOf.keys()])));
    },
    /** Links tenants to companies in this connection (synced), many in one statement. */
    async upsertTenantLinks(connectionId: string, links: { companyId: number; tenantId: string; defaultDomain: string }[], now: Date): Promise<void> {
      if (links.length === 0) return;
      const a = accountSyncOptions;
      await db
        .insert(a)
        .values(links.map((l) => ({ companyId: l.companyId, connectionId, tenantId: l.tenantId, defaultDomain: l.defaultDomain, syncStatus: 'synced' as const, failureReason: null, updatedAt: now })))
        .onConflictDoUpdate({
          target: [a.companyId, a.connectionId],
          set: { tenantId: sql`excluded.tenant_id`, defaultDomain: sql`excluded.default_domain`, syncStatus: sql`excluded.sync_status`, failureReason: sql`null`, updatedAt: sql`excluded.updated_at` },
        });
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
          set: { companyId: sql`excluded.company_id`, quantity: sql`excluded.quantity`, status: sql`excluded.status`, offerName: sql`excluded.offer_name`, partnerIdOfRecord: sql`excluded.partner_id_of_record`, termEndsAt: sql`coalesce(excluded.term_ends_at, ${partnerCenterSubscriptions.termEndsAt})`, updatedAt: sql`excluded.updated_at` },
        });
    },
    async getSyncCursor(connectionId: string): Promise<(typeof customerSyncCursors.$inferSelect) | undefined> {
      return (await db.select().from(customerSyncCursors).where(eq(customerSyncCursors.connectionId, connectionId)))[0];
    },
    /** The connections the sync follows: those an import started for. */
    async listSyncCursors(): Promise<(typeof customerSyncCursors.$inferSelect)[]> {
      return db.select().from(customerSyncCursors).orderBy(asc(customerSyncCursors.connectionId));
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
