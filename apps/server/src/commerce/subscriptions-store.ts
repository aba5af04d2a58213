import { createTenantSubscriptionReadsRepo, type CompanyRow, type TenantSubscriptionReadRow } from '@csphub/db';
import type { SubscribedSku, Subscription } from '@csphub/partner-center';
import type { CommerceDeps } from './commerce-deps';
import type { LinkedTenant } from './linked-tenants';
import { readTenantSubscriptions, viewOfRead, type ReadCall, type TenantSubscriptions } from './subscriptions-service';

/** How long a stored read is shown before a view also refreshes it in the background. */
export const SUBSCRIPTIONS_MAX_AGE_MS = 10 * 60_000;
/** The same for a read whose licences were not visible (GDAP may have been granted since). */
export const SUBSCRIPTIONS_NO_LICENCES_MAX_AGE_MS = 60_000;

/** A tenant's subscriptions as the tab shows them, and whether a refresh has started behind it. */
export type StoredTenantSubscriptions = TenantSubscriptions & { refreshing: boolean };

/**
 * Serves the subscriptions tab from the stored Partner Center reads instead of calling Partner
 * Center at every view. Partner Center is read (and the store replaced) when there is nothing stored
 * for a tenant, when the person asks for a refresh, or when a change was made through CSP Hub since
 * the read; a read older than its bound is shown and refreshed in the background (one refresh per
 * tenant at a time in this process).
 */
export function createSubscriptionsStore(deps: CommerceDeps) {
  const refreshing = new Map<string, Promise<void>>();
  const repo = createTenantSubscriptionReadsRepo(deps.db);

  function refreshLater(company: CompanyRow, tenant: LinkedTenant): void {
    const key = `${tenant.connection.id}\n${tenant.tenantId}`;
    if (refreshing.has(key)) return;
    const run = readTenantSubscriptions(deps, company, tenant, { priority: 'low' })
      .then(() => undefined)
      .catch((e: unknown) => deps.logger?.warn({ err: e, tenantId: tenant.tenantId, connectionId: tenant.connection.id }, 'refreshing stored subscriptions failed'))
      .finally(() => refreshing.delete(key));
    refreshing.set(key, run);
  }

  return {
    /** The tab's content per tenant. */
    async read(company: CompanyRow, tenants: readonly LinkedTenant[], opts: { refresh: boolean; call: ReadCall }): Promise<StoredTenantSubscriptions[]> {
      if (tenants.length === 0) return [];
      // The stored reads, and the last change made through CSP Hub (an order, a transfer, a move
      // changed state): a stored read older than that is not shown, so a finished order's
      // subscriptions appear at the next view.
      const { rows: stored, changedAt } = opts.refresh ? { rows: [] as TenantSubscriptionReadRow[], changedAt: null } : await repo.listForCompanyWithLastChange(company.id);
      const now = deps.clock.now().getTime();
      return Promise.all(
        tenants.map(async (t) => {
          const row = stored.find((r) => r.connectionId === t.connection.id && r.tenantId === t.tenantId);
          if (!row || (changedAt && changedAt >= row.readAt)) return { ...(await readTenantSubscriptions(deps, company, t, opts.call)), refreshing: false };
          const maxAge = row.licensesError ? SUBSCRIPTIONS_NO_LICENCES_MAX_AGE_MS : SUBSCRIPTIONS_MAX_AGE_MS;
          const stale = now - row.readAt.getTime() > maxAge;
          if (stale) refreshLater(company, t);
          const read = { subscriptions: row.subscriptions as Subscription[], licenses: row.licenses as SubscribedSku[] | null, licensesError: row.licensesError, readAt: row.readAt };
          return { ...(await viewOfRead(deps, company, t, read)), refreshing: stale };
        }),
      );
    },
    /** Waits for the background refreshes under way (tests, shutdown). */
    async settled(): Promise<void> {
      await Promise.all([...refreshing.values()]);
    },
  };
}
export type SubscriptionsStore = ReturnType<typeof createSubscriptionsStore>;
