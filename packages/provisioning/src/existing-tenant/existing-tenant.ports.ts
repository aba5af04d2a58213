/**
 * What the existing-tenant run talks to (STYLE.md: provisioning declares ports, adapters in the
 * server implement them with @csphub/db, @csphub/partner-center and @csphub/notifications).
 */

/** Per-call options a step passes down so Partner Center replays instead of acting twice. */
export interface PartnerCenterCall {
  requestId?: string;
  correlationId?: string;
  signal?: AbortSignal;
}

/** The Partner Center operations the run needs, for one connection (the typed client satisfies it). */
export interface ExistingTenantPartnerCenter {
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
export interface ExistingTenantAccounts {
  /** Records the link (tenant id, default domain, connection) and marks the account synced. Idempotent. */
  storeTenantLink(link: { companyId: number; connectionId: string; tenantId: string; defaultDomain: string; resellerPartnerId: string | null }): Promise<void>;
  /** Marks the account failed (with the reason) or back in progress. */
  setSyncStatus(s: { companyId: number; connectionId: string; status: 'in_progress' | 'synced' | 'failed'; reason?: string | null }): Promise<void>;
}

/** Sends one templated notification; `dedupeKey` makes a retried step send it once. */
export interface ExistingTenantNotifier {
  send(message: {
    template: 'provisioning-completed' | 'gdap-approval-request';
    dedupeKey: string;
    to: string[];
    language: string;
    subjectId: string;
    fields: Record<string, string>;
  }): Promise<void>;
}

export interface ExistingTenantPorts {
  partnerCenter(connectionId: string): Promise<ExistingTenantPartnerCenter>;
  accounts: ExistingTenantAccounts;
  notifier: ExistingTenantNotifier;
}
