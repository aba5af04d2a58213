import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database';
import { subscriptionTerms } from './schema/subscription-terms';

export type SubscriptionTermRow = typeof subscriptionTerms.$inferSelect;
export type SubscriptionTermInput = Omit<SubscriptionTermRow, 'connectionId' | 'companyId' | 'tenantId' | 'readAt'>;

/** The term ends of a tenant's subscriptions as last read from Partner Center, for the cockpit. */
export function createSubscriptionTermsRepo(db: Database) {
  return {
    /** Replaces what is known of one tenant's subscriptions in a connection with what was just read. */
    async replaceForTenant(key: { companyId: number; connectionId: string; tenantId: string }, subs: readonly SubscriptionTermInput[], at: Date): Promise<void> {
      await db.transaction(async (tx) => {
        // Two reads of one tenant at once (a view and its background refresh) replace its rows one
        // after the other, instead of both deleting and the second insert meeting the first's rows.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'subscriptionTerms:' + key.connectionId + ':' + key.tenantId}))`);
        await tx.delete(subscriptionTerms).where(and(eq(subscriptionTerms.connectionId, key.connectionId), eq(subscriptionTerms.tenantId, key.tenantId)));
        if (subs.length > 0) await tx.insert(subscriptionTerms).values(subs.map((s) => ({ ...s, ...key, readAt: at })));
      });
    },
  };
}
export type SubscriptionTermsRepo = ReturnType<typeof createSubscriptionTermsRepo>;
