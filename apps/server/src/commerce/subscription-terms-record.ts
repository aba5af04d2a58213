import { createSubscriptionTermsRepo, createTenantLicencesRepo, type Database } from '@csphub/db';
import { endOfTerm } from '@csphub/domain';
import type { SubscribedSku, Subscription } from '@csphub/partner-center';

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

/**
 * Records a tenant's licences by SKU as a read of "Get a list of available licenses" showed them
 * (bought, assigned, available), replacing the tenant's earlier rows: the cockpit's "seats bought vs
 * assigned" reads them from the database, never from Partner Center.
 */
export async function recordTenantLicences(db: Database, key: { companyId: number; connectionId: string; tenantId: string }, skus: readonly SubscribedSku[], at: Date): Promise<void> {
  await createTenantLicencesRepo(db).replaceForTenant(
    key,
    skus.map((l) => ({ skuId: l.skuId, name: l.name, totalUnits: l.totalUnits, consumedUnits: l.consumedUnits, availableUnits: l.availableUnits, status: l.status })),
    at,
  );
}
