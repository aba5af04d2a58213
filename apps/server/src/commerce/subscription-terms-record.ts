import { createSubscriptionTermsRepo, type Database } from '@csphub/db';
import { endOfTerm } from '@csphub/domain';
import type { Subscription } from '@csphub/partner-center';

/**
 * Records what a read of a tenant's subscriptions showed of their term ends (the date and what it
 * brings), replacing the tenant's earlier rows: the cockpit's list of subscriptions ending soon
 * reads them from the database, never from Partner Center.
 */
export async function recordSubscriptionTerms(db: Database, key: { companyId: number; connectionId: string; tenantId: string }, subs: readonly Subscription[], at: Date): Promise<void> {
  await createSubscriptionTermsRepo(db).replaceForTenant(
    key,
    subs.map((s) => {
      const end = endOfTerm(s);
      return {
        subscriptionId: s.id,
        productName: s.offerName,
        quantity: s.quantity,
        status: s.status,
        autoRenew: s.autoRenew,
        termEndsAt: new Date(s.termEndsAt),
        outcome: end.outcome,
        nextQuantity: end.next?.quantity ?? null,
      };
    }),
    at,
  );
}
