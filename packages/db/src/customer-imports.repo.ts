import { and, asc, desc, eq, ilike, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { Database } from './database';
import { accountSyncOptions, companies, customerImportItems, customerImportRuns, customerSyncCursors, partnerCenterSubscriptions } from './schema/index';

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
    async setRun(runId: string, fields: Partial<Pick<CustomerImportRunRow, 'state' | 'customersRead' | 'subscriptionsRead' | 'failureReason' | 'applyKey'>>, now: Date, onlyWhenState?: CustomerImportRunRow['state']): Promise<CustomerImportRunRow | undefined> {
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
    /** Runs whose durable run should be going: reading, or importing (with their apply key). */
    async listInFlight(): Promise<CustomerImportRunRow[]> {
      return db.select().from(customerImportRuns).where(inArray(customerImportRuns.state, ['reading', 'importing'])).orderBy(asc(customerImportRuns.createdAt));
    },
    /** The connection's most recent runs, newest first. */
    async listRuns(connectionId: string, limit: number): Promise<CustomerImportRunRow[]> {
      return db.select().from(customerImportRuns).where(eq(customerImportRuns.connectionId, connectionId)).orderBy(desc(customerImportRuns.createdAt)).limit(limit);
    },
    async listItems(runId: string): Promise<CustomerImportItemRow[]> {
      return db.select().from(customerImportItems).where(eq(customerImportItems.runId, runId)).orderBy(asc(customerImportItems.seq));
    },
    /**
     * Claims planned items of a batch in one statement, each with its outcome and (applied) the
     * company it goes to: the tenants it marked (an item another execution applied meanwhile is not
     * among them).
     */
    async claimItems(runId: string, claims: { tenantId: string; outcome: 'applied' | 'skipped'; companyId: number | null }[]): Promise<string[]> {
      if (claims.length === 0) return [];
      const i = customerImportItems;
      const outcome = sql.join(claims.map((c) => sql`when ${c.tenantId} then ${c.outcome}`), sql` `);
      const company = sql.join(claims.map((c) => sql`when ${c.tenantId} then ${c.companyId}::int`), sql` `);
      const rows = await db
        .update(i)
        .set({ outcome: sql`case ${i.tenantId} ${outcome} end`, appliedCompanyId: sql`case ${i.tenantId} ${company} end` })
        .where(and(eq(i.runId, runId), inArray(i.tenantId, claims.map((c) => c.tenantId)), eq(i.outcome, 'planned')))
        .returning({ t: i.tenantId });
      return rows.map((r) => r.t);
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
    /**
     * What the sync's matching needs for a few changed customers, through exact lookups instead of
     * the whole subtree: the companies under `rootPath` linked in the connection to one of
     * `tenantIds` or holding one of `domains` (lower case), and the resellers under `rootPath`.
     */
    async networkFor(rootPath: string, connectionId: string, tenantIds: string[], domains: string[]) {
      const c = companies;
      const a = accountSyncOptions;
      const cols = { id: c.id, kind: c.kind, domain: c.domain, path: c.path, partnerId: c.partnerId, partnerLocationId: c.partnerLocationId };
      const under = like(c.path, `${rootPath}%`);
      const linked = tenantIds.length === 0 ? [] : await db.select({ companyId: a.companyId, tenantId: a.tenantId }).from(a).where(and(eq(a.connectionId, connectionId), inArray(sql`lower(${a.tenantId})`, tenantIds)));
      const byId = linked.length === 0 ? [] : await db.select(cols).from(c).where(and(under, inArray(c.id, [...new Set(linked.map((l) => l.companyId))])));
      const byDomain = domains.length === 0 ? [] : await db.select(cols).from(c).where(and(under, inArray(sql`lower(${c.domain})`, domains)));
      const resellers = await db.select(cols).from(c).where(and(under, eq(c.kind, 'reseller')));
      return { companies: [...new Map([...byId, ...byDomain].map((x) => [x.id, x])).values()], links: linked, resellers };
    },
    async tenantLinks(connectionId: string): Promise<{ companyId: number; tenantId: string | null }[]> {
      return db.select({ companyId: accountSyncOptions.companyId, tenantId: accountSyncOptions.tenantId }).from(accountSyncOptions).where(eq(accountSyncOptions.connectionId, connectionId));
    },
    /**
     * Upserts subscriptions by connection and id. The rows travel as one JSON parameter read by
     * `jsonb_to_recordset`: thousands of rows cost one bound value instead of eleven each.
     */
    async upsertSubscriptions(rows: PartnerCenterSubscriptionInsert[]): Promise<void> {
      if (rows.length === 0) return;
      const json = JSON.stringify(rows.map((r) => ({ c: r.connectionId, s: r.subscriptionId, t: r.tenantId, co: r.companyId, o: r.offerId, on: r.offerName, q: r.quantity, st: r.status, p: r.partnerIdOfRecord ?? null, e: r.termEndsAt ? r.termEndsAt.toISOString() : null, u: r.updatedAt.toISOString() })));
      await db.execute(sql`insert into partner_center_subscriptions (connection_id, subscription_id, tenant_id, company_id, offer_id, offer_name, quantity, status, partner_id_of_record, term_ends_at, updated_at)
        select r.c, r.s, r.t, r.co, r.o, r."on", r.q, r.st, r.p, r.e, r.u
        from jsonb_to_recordset(${json}::jsonb) as r(c uuid, s text, t text, co int, o text, "on" text, q int, st text, p text, e timestamptz, u timestamptz)
        on conflict (connection_id, subscription_id) do update set company_id = excluded.company_id, quantity = excluded.quantity, status = excluded.status,
          offer_name = excluded.offer_name, partner_id_of_record = excluded.partner_id_of_record,
          term_ends_at = coalesce(excluded.term_ends_at, partner_center_subscriptions.term_ends_at), updated_at = excluded.updated_at`);
    },
    async getSyncCursor(connectionId: string): Promise<(typeof customerSyncCursors.$inferSelect) | undefined> {
      return (await db.select().from(customerSyncCursors).where(eq(customerSyncCursors.connectionId, connectionId)))[0];
    },
    /** The connections the sync follows: those an import started for. */
    async listSyncCursors(): Promise<(typeof customerSyncCursors.$inferSelect)[]> {
      return db.select().from(customerSyncCursors).orderBy(asc(customerSyncCursors.connectionId));
    },
    /**
     * Claims the connection's sync for one pass until `until`: answers false while another pass
     * (another server process) holds an unexpired claim. A pass that died leaves its claim to expire.
     */
    async claimSync(connectionId: string, holder: string, now: Date, until: Date): Promise<boolean> {
      const c = customerSyncCursors;
      const claimed = await db
        .update(c)
        .set({ leaseHolder: holder, leaseUntil: until })
        .where(and(eq(c.connectionId, connectionId), or(isNull(c.leaseUntil), lte(c.leaseUntil, now), eq(c.leaseHolder, holder))))
        .returning({ connectionId: c.connectionId });
      return claimed.length === 1;
    },
    async releaseSync(connectionId: string, holder: string): Promise<void> {
      const c = customerSyncCursors;
      await db.update(c).set({ leaseHolder: null, leaseUntil: null }).where(and(eq(c.connectionId, connectionId), eq(c.leaseHolder, holder)));
    },
    async saveSyncCursor(connectionId: string, auditCursor: Date, seenAtCursor: string[], now: Date, fullAt?: Date): Promise<void> {
      const set = { auditCursor, seenAtCursor, updatedAt: now, ...(fullAt ? { lastFullAt: fullAt } : {}) };
      await db.insert(customerSyncCursors).values({ connectionId, ...set }).onConflictDoUpdate({ target: customerSyncCursors.connectionId, set });
    },
    /**
     * The relationship ended in Partner Center: the link stays for history, marked failed with the
     * reason. A link already failed is left alone; answers the links it marked.
     */
    async markTenantUnlinked(connectionId: string, tenantId: string, reason: string, now: Date): Promise<{ companyId: number; defaultDomain: string | null }[]> {
      const a = accountSyncOptions;
      return db
        .update(a)
        .set({ syncStatus: 'failed', failureReason: reason, updatedAt: now })
        .where(and(eq(a.connectionId, connectionId), eq(a.tenantId, tenantId), sql`${a.syncStatus} <> 'failed'`))
        .returning({ companyId: a.companyId, defaultDomain: a.defaultDomain });
    },
    /** Whether the company is linked to the tenant in the connection and in step (synced). */
    async isLinkedInStep(connectionId: string, companyId: number, tenantId: string): Promise<boolean> {
      const a = accountSyncOptions;
      const rows = await db
        .select({ n: a.companyId })
        .from(a)
        .where(and(eq(a.connectionId, connectionId), eq(a.companyId, companyId), eq(a.tenantId, tenantId), eq(a.syncStatus, 'synced')));
      return rows.length > 0;
    },
    /** One tenant's subscriptions in the connection as CSP Hub holds them on its company (read through the company index). */
    async subscriptionsOfTenant(connectionId: string, companyId: number, tenantId: string): Promise<(typeof partnerCenterSubscriptions.$inferSelect)[]> {
      const p = partnerCenterSubscriptions;
      return db.select().from(p).where(and(eq(p.companyId, companyId), eq(p.connectionId, connectionId), eq(p.tenantId, tenantId)));
    },
    async subscriptionsOf(connectionId: string): Promise<(typeof partnerCenterSubscriptions.$inferSelect)[]> {
      return db.select().from(partnerCenterSubscriptions).where(eq(partnerCenterSubscriptions.connectionId, connectionId)).orderBy(asc(partnerCenterSubscriptions.subscriptionId));
    },
  };
}
export type CustomerImportsRepo = ReturnType<typeof createCustomerImportsRepo>;
