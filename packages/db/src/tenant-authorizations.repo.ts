import { and, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Database } from './database';
import type { AuthorizationCheckResult } from '@csphub/domain';
import { companies, tenantAuthorizations } from './schema/index';

export type TenantAuthorizationRow = typeof tenantAuthorizations.$inferSelect;
export type TenantAuthorizationListItem = TenantAuthorizationRow & { companyName: string; companyPath: string };

export interface NewTenantAuthorization {
  companyId: number;
  connectionId: string;
  resellerCompanyId: number | null;
  resellerPartnerId: string | null;
  resellerTenantId: string | null;
  invitationUrl: string;
  domain: string | null;
  requestedById: string | null;
  requestedByLabel: string;
  requestedByEmail: string | null;
}

/**
 * Existing-tenant authorizations. A row is opened once per account and
 * connection and reused while it is pending, so repeated visits of the wizard and resends never
 * pile up duplicates; the state moves pending → accepted (or cancelled) and never back.
 */
export function createTenantAuthorizationsRepo(db: Database) {
  const byId = async (id: string) => (await db.select().from(tenantAuthorizations).where(eq(tenantAuthorizations.id, id)))[0];
  return {
    get: byId,

    /** The live (pending or accepted, not yet cancelled) authorization of an account in a connection. */
    async findOpen(companyId: number, connectionId: string): Promise<TenantAuthorizationRow | undefined> {
      const rows = await db
        .select()
        .from(tenantAuthorizations)
        .where(
          and(
            eq(tenantAuthorizations.companyId, companyId),
            eq(tenantAuthorizations.connectionId, connectionId),
            inArray(tenantAuthorizations.state, ['pending', 'accepted']),
          ),
        )
        .orderBy(desc(tenantAuthorizations.createdAt))
        .limit(1);
      return rows[0];
    },

    async create(input: NewTenantAuthorization, now: Date): Promise<TenantAuthorizationRow> {
      const [row] = await db
        .insert(tenantAuthorizations)
        .values({ ...input, state: 'pending', createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    /** Changes what a pending request is about (domain, reseller, link) as the wizard is edited. */
    async updatePending(
      id: string,
      fields: Partial<Pick<TenantAuthorizationRow, 'domain' | 'resellerCompanyId' | 'resellerPartnerId' | 'resellerTenantId' | 'invitationUrl'>>,
      now: Date,
    ): Promise<TenantAuthorizationRow> {
      const [row] = await db
        .update(tenantAuthorizations)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(tenantAuthorizations.id, id), eq(tenantAuthorizations.state, 'pending')))
        .returning();
      return row ?? (await byId(id))!;
    },

    /** Records one authorization request e-mail (the last recipients are kept; the count goes up). */
    async recordSent(id: string, sent: { to: string[]; cc: string[]; at: Date }): Promise<TenantAuthorizationRow> {
      const [row] = await db
        .update(tenantAuthorizations)
        .set({ sentTo: sent.to, sentCc: sent.cc, sentAt: sent.at, sendCount: sql`${tenantAuthorizations.sendCount} + 1`, updatedAt: sent.at })
        .where(eq(tenantAuthorizations.id, id))
        .returning();
      return row!;
    },

    /** Stores the outcome of a check that did not find the acceptance. */
    async recordCheck(id: string, result: AuthorizationCheckResult, at: Date): Promise<void> {
      await db.update(tenantAuthorizations).set({ lastCheckResult: result, lastCheckedAt: at, updatedAt: at }).where(eq(tenantAuthorizations.id, id));
    },

    /**
     * Marks a pending authorization accepted. Compare-and-set on `pending`: when the webhook, the
     * background check and the button race, exactly one caller gets the row back (and notifies).
     */
    async markAccepted(
      id: string,
      accepted: { tenantId: string; defaultDomain: string; detectedBy: 'verify' | 'webhook' | 'background-check'; at: Date },
    ): Promise<TenantAuthorizationRow | undefined> {
      const [row] = await db
        .update(tenantAuthorizations)
        .set({
          state: 'accepted',
          tenantId: accepted.tenantId,
          defaultDomain: accepted.defaultDomain,
          detectedBy: accepted.detectedBy,
          acceptedAt: accepted.at,
          lastCheckResult: 'accepted',
          lastCheckedAt: accepted.at,
          updatedAt: accepted.at,
        })
        .where(and(eq(tenantAuthorizations.id, id), eq(tenantAuthorizations.state, 'pending')))
        .returning();
      return row;
    },

    async cancel(id: string, at: Date): Promise<TenantAuthorizationRow | undefined> {
      const [row] = await db
        .update(tenantAuthorizations)
        .set({ state: 'cancelled', cancelledAt: at, updatedAt: at })
        .where(and(eq(tenantAuthorizations.id, id), eq(tenantAuthorizations.state, 'pending')))
        .returning();
      return row;
    },

    /** Authorizations of accounts under `pathPrefix` (the caller's subtree), newest first. */
    async listInSubtree(pathPrefix: string, filter: { state?: TenantAuthorizationRow['state']; limit?: number } = {}): Promise<TenantAuthorizationListItem[]> {
      const where = [like(companies.path, `${pathPrefix}%`)];
      if (filter.state) where.push(eq(tenantAuthorizations.state, filter.state));
      const rows = await db
        .select({ a: tenantAuthorizations, companyName: companies.name, companyPath: companies.path })
        .from(tenantAuthorizations)
        .innerJoin(companies, eq(companies.id, tenantAuthorizations.companyId))
        .where(and(...where))
        .orderBy(desc(tenantAuthorizations.createdAt))
        .limit(filter.limit ?? 200);
      return rows.map((r) => ({ ...r.a, companyName: r.companyName, companyPath: r.companyPath }));
    },

    /** Pending authorizations the background check should look at (optionally one connection). */
    async listPending(filter: { connectionId?: string; limit?: number } = {}): Promise<TenantAuthorizationRow[]> {
      const where = [eq(tenantAuthorizations.state, 'pending'), isNull(tenantAuthorizations.cancelledAt)];
      if (filter.connectionId) where.push(eq(tenantAuthorizations.connectionId, filter.connectionId));
      return db
        .select()
        .from(tenantAuthorizations)
        .where(and(...where))
        .orderBy(tenantAuthorizations.lastCheckedAt)
        .limit(filter.limit ?? 100);
    },
  };
}
export type TenantAuthorizationsRepo = ReturnType<typeof createTenantAuthorizationsRepo>;
