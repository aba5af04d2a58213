import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { TenantLinkAccounts } from './tenant-link.ports';

export interface StoreTenantLinkInput {
  companyId: number;
  connectionId: string;
  tenantId: string;
  defaultDomain: string;
  resellerPartnerId: string | null;
  /** The account stays in progress (not synced) until the customer's MCA acceptance arrives. */
  awaitingMca?: boolean;
  /** How the run set up GDAP (new tenants only): published with the tenant.ready event. */
  gdap?: 'default' | 'requested';
}

/**
 * Stores the verified tenant on the account: tenant id, default domain, connection, and the
 * reseller as partner of record. Never creates a user or a customer: the tenant already exists.
 * An upsert, so a re-run after a crash writes the same row.
 */
export function storeTenantLinkStep(accounts: TenantLinkAccounts) {
  return defineStep<StoreTenantLinkInput, { tenantId: string }>({
    id: 'store-tenant-link',
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run(input) {
      await accounts.storeTenantLink(input);
      return { tenantId: input.tenantId };
    },
  });
}
