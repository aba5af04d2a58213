import type { McaAcceptanceRecords } from '../mca/mca-signatory';
/**
 * What the steps that link an account to a customer tenant talk to: the MCA confirmation, the GDAP
 * request and the stored tenant link, shared by the existing-tenant and the new-tenant runs
 * (docs/ARCHITECTURE.md: provisioning declares ports, the server implements them with @csphub/db and
 * @csphub/partner-center).
 */

/** Per-call options a step passes down so Partner Center replays instead of acting twice. */
export interface PartnerCenterCall {
  requestId?: string;
  correlationId?: string;
  signal?: AbortSignal;
  /** The step's `onQueued` (StepContext): the time the call waits in the rate limiter is not counted against the step's timeout. */
  onQueued?: () => () => void;
}

/** The Partner Center operations the tenant-link steps need, for one connection (the typed client satisfies it). */
export interface TenantLinkPartnerCenter {
  hasMca(customerTenantId: string, options?: PartnerCenterCall): Promise<boolean>;
  confirmMca(
    customerTenantId: string,
    attestation: { signer: { firstName: string; lastName: string; email: string; phoneNumber?: string }; acceptedAt: string },
    options?: PartnerCenterCall,
  ): Promise<unknown>;
  createGdapRelationship(
    input: { displayName: string; customerTenantId: string; customerName?: string; roleIds: string[]; durationDays: number; autoExtend?: boolean },
    options?: PartnerCenterCall,
  ): Promise<{ id: string; status: string; approvalUrl: string }>;
  /** Locks the relationship for approval; Graph answers the request `created` and acts on it afterwards. */
  requestGdapApproval(relationshipId: string, options?: PartnerCenterCall): Promise<{ request: { id: string; status: string }; approvalUrl: string }>;
  /** One relationship request, to follow it until `succeeded` or `failed`. */
  getGdapRequest(relationshipId: string, requestId: string, options?: PartnerCenterCall): Promise<{ id: string; status: string }>;
}

/** The account side: where the tenant link and the sync status live. */
export interface TenantLinkAccounts {
  /**
   * Records the link (tenant id, default domain, connection) and marks the account synced, or keeps
   * it in progress while the customer's MCA acceptance is awaited (`awaitingMca`). Idempotent.
   */
  storeTenantLink(link: { companyId: number; connectionId: string; tenantId: string; defaultDomain: string; resellerPartnerId: string | null; awaitingMca?: boolean; gdap?: 'default' | 'requested' }): Promise<void>;
  /** Marks the account failed (with the reason) or back in progress. */
  setSyncStatus(s: { companyId: number; connectionId: string; status: 'in_progress' | 'synced' | 'failed'; reason?: string | null }): Promise<void>;
}

export interface TenantLinkPorts {
  partnerCenter(connectionId: string): Promise<TenantLinkPartnerCenter>;
  accounts: TenantLinkAccounts;
  /** Keeps the MCA version the customer accepted (optional: a run without it records nothing). */
  mcaRecords?: McaAcceptanceRecords | undefined;
}
