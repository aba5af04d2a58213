import type { McaAttestationInput } from '../shared/confirm-mca.step';
import type { McaSignatoryInput } from '../mca/mca-signatory';
import type { GdapRequestTemplate } from '../shared/request-gdap.step';

/** The workflow kind, as run rows and the timeline name it. */
export const PROVISION_TENANT_KIND = 'provision-tenant';

/** The message topic a waiting run listens on for "retry" (from the company page or the API). */
export const RETRY_TOPIC = 'retry';

/** The event a run publishes while it waits for a retry (null once it goes on). */
export const AWAITING_RETRY_EVENT = 'awaiting-retry';

/** How long a stopped run waits for someone to fix and retry before it ends as failed. */
export const RETRY_WAIT_MS = 30 * 24 * 3600 * 1000;

/** What the wizard's Finish sends. */
export interface NewTenantInput {
  companyId: number;
  connectionId: string;
  domainPrefix: string;
  /** Default GDAP roles at creation; when false, an explicit GDAP request follows instead. */
  defaultGdap: boolean;
  /** The GDAP template the explicit request asks for (absent in runs journaled before templates). */
  gdapTemplate?: GdapRequestTemplate | null;
  /** Indirect connections: create the customer for this reseller (may be null while pending). */
  resellerPartnerId: string | null;
  /**
   * The MCA: the customer's signatory, who accepts in Microsoft's component (the enhanced
   * attestation, docs/PARTNER-CENTER-REFERENCE.md §5.5), or, for runs submitted before it, the
   * signer and date the partner typed (§5.2).
   */
  mca: McaAttestationInput | McaSignatoryInput;
  /** Who receives the welcome message with the credentials (customer or reseller, a distributor setting). */
  credentialsRecipient: { name: string; email: string; cc?: string[]; language: string };
  /** "Notify me when provisioning completes": the person who ran the order, or null. */
  notify: { name: string; email: string; language: string } | null;
  accountUrl: string;
  /** Where the customer's admin signs in (Microsoft 365). */
  signInUrl?: string;
  /**
   * The wizard's admin user name, the part before @. Absent (runs submitted before it was
   * threaded through) means Microsoft's `admin`.
   */
  adminUsername?: string;
  /** The wizard's "require a password change at first sign-in". Absent means true. */
  requirePasswordChange?: boolean;
}

/** What a retry may change: the prefix and the reseller; everything else is re-read from the account. */
export interface NewTenantRetry {
  domainPrefix?: string;
  resellerPartnerId?: string | null;
}

export interface NewTenantResult {
  state: 'succeeded' | 'failed';
  tenantId?: string;
  domain?: string;
  failedStep?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** Whether the run asks the customer's signatory (enhanced attestation) rather than recording a partner-typed one. */
export function isSignatoryMca(mca: NewTenantInput['mca']): mca is McaSignatoryInput {
  return 'kind' in mca && mca.kind === 'signatory';
}

/** One run per account and connection (docs/WORKFLOWS.md): a double click or a second API call attaches to it. */
export function provisionTenantRunId(companyId: number, connectionId: string): string {
  return `${PROVISION_TENANT_KIND}:${companyId}:${connectionId}`;
}
