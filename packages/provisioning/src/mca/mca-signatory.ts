/**
 * The customer's signatory for Microsoft's enhanced MCA attestation (docs/PARTNER-CENTER-REFERENCE.md
 * §5.5), as the wizard, the existing-tenant flow and the storefront capture it.
 */
export interface McaSignatoryInput {
  kind: 'signatory';
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  /** The customer's legal name, as the agreement shows it. */
  companyName: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The language the agreement and the e-mail are shown in (`en`, `es`). */
  language: string;
  /** Who asks (the reseller or the distributor), named in the e-mail. */
  partnerName: string;
}

/** What the MCA ports need of a Partner Center connection (the client satisfies it as is). */
export interface McaPartnerCenter {
  hasMca(customerTenantId: string, options?: McaCall): Promise<boolean>;
  createMcaAttestation(
    signatory: { country: string; language: string; companyName: string; firstName: string; lastName: string; email: string; phoneNumber?: string },
    options?: McaCall,
  ): Promise<McaAcceptanceState>;
  getMcaAttestation(attestationId: string, options?: McaCall): Promise<McaAcceptanceState>;
  createMcaAgreementFromAttestation(customerTenantId: string, attestationId: string, options?: McaCall): Promise<{ templateId: string; acceptedAt: string }>;
}

export interface McaCall {
  requestId?: string;
  correlationId?: string;
  signal?: AbortSignal;
  /** The step's `onQueued`: time waiting in the rate limiter does not count against the step's timeout. */
  onQueued?: () => () => void;
}

export interface McaAcceptanceState {
  attestationId: string;
  status: 'pending' | 'accepted' | 'declined';
  acceptanceUrl: string | null;
  templateId: string | null;
  acceptedAt: string | null;
}

/**
 * Where the MCA version a customer accepted is kept (the cockpit counts "needs re-acceptance" from
 * it, docs/PARTNER-CENTER-REFERENCE.md §5.6). The steps that find or record an acceptance call it;
 * the server reads the customer's agreements and the current version and stores them. Idempotent.
 */
export interface McaAcceptanceRecords {
  recordAcceptance(a: { companyId: number; connectionId: string; tenantId: string }): Promise<void>;
}

/** The ports of a step that finds or records an acceptance. */
export interface McaRecordingPorts {
  partnerCenter(connectionId: string): Promise<McaPartnerCenter>;
  mcaRecords?: McaAcceptanceRecords | undefined;
}

/** Sends the acceptance request e-mail (the `mca-acceptance-request` template). */
export interface McaNotifier {
  send(message: { template: 'mca-acceptance-request'; dedupeKey: string; to: string[]; language: string; subjectId: string; fields: Record<string, string> }): Promise<unknown>;
}

/** The first check comes soon after the request; then the gap grows (×1.5) up to this cap, for days if need be. */
export const MCA_FIRST_CHECK_MS = 5_000;
export const MCA_MAX_CHECK_MS = 10 * 60_000;
/** How long a run waits for the signatory before it stops and asks a person (a retry sends a new request). */
export const MCA_ACCEPTANCE_WAIT_MS = 30 * 24 * 3600 * 1000;
/** The topic a waiting run listens on: a message wakes it to check at once (Partner Center webhook, "check now"). */
export const MCA_CHECK_TOPIC = 'mca-check';
