// size: the persisted state's record types, one per resource family, kept together as the one shape the store saves and loads.
import type { Scenario, PartnerKind, CspRegion, ScenarioProduct } from '../scenario/scenario.schema';

/**
 * The whole emulator state: plain JSON, so the store can save and load it as is. Records hold what
 * Microsoft holds; the wire shape is built from them by the handlers (`*.view.ts`). Times are epoch
 * milliseconds of emulator time.
 */
export interface EmulatorState {
  version: 1;
  scenario: Scenario;
  clockOffsetMs: number;
  settings: EmulatorSettings;
  secrets: {
    tokenKey: string;
    webhookKeys?: { publicKeyPem: string; privateKeyPem: string };
    /** RS256 key signing id_tokens, published at `/login/{tenant}/discovery/v2.0/keys`. */
    idTokenKeys?: { kid: string; publicKeyPem: string; privateKeyPem: string };
  };
  partners: Record<string, PartnerRecord>;
  resellers: Record<string, ResellerRecord>;
  tenants: Record<string, TenantRecord>;
  relationships: CustomerRelationshipRecord[];
  agreements: AgreementRecord[];
  /** Enhanced MCA attestations (docs/PARTNER-CENTER-REFERENCE.md §5.5). Absent in states saved before they existed. */
  attestations?: AttestationRecord[];
  /** MCA versions published after the seed (control plane `POST /_emulator/mca/versions`), oldest first. */
  mcaVersions?: McaVersionRecord[];
  carts: Record<string, CartRecord>;
  orders: Record<string, OrderRecord>;
  subscriptions: Record<string, SubscriptionRecord>;
  /** New-commerce transfers between partners, by id. Absent in states saved before they existed. */
  transfers?: Record<string, TransferRecord>;
  users: Record<string, CustomerUserRecord>;
  gdap: Record<string, GdapRelationshipRecord>;
  webhooks: Record<string, WebhookRegistrationRecord>;
  webhookDeliveries: WebhookDeliveryRecord[];
  validationEvents: Record<string, ValidationEventRecord>;
  audit: AuditRecordRecord[];
  replay: Record<string, ReplayRecord>;
  revokedRefreshTokens: string[];
  /**
   * Refresh tokens whose sign-in did not pass multi-factor authentication: the access tokens they
   * yield carry no `mfa` in `amr` (control plane `POST /_emulator/refresh-tokens/mfa`). Absent in
   * states saved before it existed.
   */
  refreshTokensWithoutMfa?: string[];
  /** Refresh tokens issued by the authorization-code grant (a partner user signing in again at `/oauth2/authorize`). */
  issuedRefreshTokens?: Record<string, IssuedRefreshTokenRecord>;
  /** Authorization codes not yet redeemed, by code. */
  authorizationCodes?: Record<string, AuthorizationCodeRecord>;
  calls: CallRecord[];
  counters: Record<string, number>;
  faults: FaultRule[];
}

export interface EmulatorSettings {
  /** Seconds between checkout and an order being completed/fulfilled. */
  orderFulfilmentDelaySeconds: number;
  /** Seconds between customer approval and a GDAP relationship being active. */
  gdapActivationDelaySeconds: number;
  /** Seconds between an access assignment's creation and it being active. */
  accessAssignmentActivationDelaySeconds: number;
  /** Seconds between a terminate request and the relationship being terminated. */
  gdapTerminationDelaySeconds: number;
  /**
   * Seconds a relationship request (lockForApproval, terminate) stays `created` before Graph acts on
   * it; 0 = acted on before the next call is answered (docs/EMULATOR-DIFFERENCES.md, GDAP).
   */
  gdapRequestDelaySeconds: number;
  /** Seconds an access assignment update (a long-running operation) takes: `notStarted` the first half, `running` the second. */
  gdapOperationDelaySeconds: number;
  /** Requests per minute per partner tenant for each throttled family (docs/PARTNER-CENTER-REFERENCE.md §14: 500). */
  throttleLimitPerMinute: number;
  /** Per-partner override of {@link throttleLimitPerMinute}, keyed by partner tenant id. */
  throttleOverrides: Record<string, number>;
  /** How long a POST's MS-RequestId replays its first response (emulator time). */
  replayWindowHours: number;
  /** Maximum call records kept for `GET /_emulator/calls`. */
  callLogLimit: number;
  /**
   * From this instant (ISO 8601) the partner-typed MCA confirmation (signer and date, §5.2) is
   * refused and only an agreement made from an enhanced attestation is accepted; null = both are
   * accepted (docs/EMULATOR-DIFFERENCES.md, "Agreements").
   */
  legacyMcaAttestationRetiredAt?: string | null;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  orderFulfilmentDelaySeconds: 30,
  gdapActivationDelaySeconds: 60,
  accessAssignmentActivationDelaySeconds: 30,
  gdapTerminationDelaySeconds: 60,
  gdapRequestDelaySeconds: 0,
  gdapOperationDelaySeconds: 10,
  throttleLimitPerMinute: 500,
  throttleOverrides: {},
  replayWindowHours: 24,
  callLogLimit: 5000,
};

export interface PartnerRecord {
  key: string;
  name: string;
  kind: PartnerKind;
  tenantId: string;
  domain: string;
  partnerId: string;
  region: CspRegion;
  country: string;
  sandbox: boolean;
  appId: string;
  appSecret: string;
  userObjectId: string;
  userPrincipalName: string;
  refreshToken: string;
}

export interface IssuedRefreshTokenRecord {
  partnerTenantId: string;
  /** Whether the sign-in that produced it passed MFA. */
  mfa: boolean;
  issuedAt: number;
}

export interface AuthorizationCodeRecord {
  partnerTenantId: string;
  clientId: string;
  redirectUri: string;
  mfa: boolean;
  /** Entra's authorization codes live about ten minutes. */
  expiresAt: number;
}

export interface ResellerRecord {
  key: string;
  name: string;
  tenantId: string;
  /** Partner Location ID (PLA), the partner of record on orders. */
  partnerId: string;
  /** Global Partner ID (PGA); absent in states saved before it existed. */
  globalPartnerId?: string;
  country: string;
  region: CspRegion;
  mpaSignedRegions: CspRegion[];
  /** Provider tenant ids of the networks the reseller belongs to. */
  providerTenantIds: string[];
  state: 'Active' | 'Inactive';
  /** Microsoft's partner-of-record authorization of the PLA; absent (authorized) in older states. */
  porAuthorization?: 'authorized' | 'notAuthorized' | 'expired';
}

export interface AddressRecord {
  addressLine1: string;
  addressLine2?: string | null;
  addressLine3?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country: string;
  firstName?: string | null;
  lastName?: string | null;
  phoneNumber?: string | null;
}

/** A customer tenant in the Microsoft cloud; exists whether or not any partner is related to it. */
export interface TenantRecord {
  tenantId: string;
  commerceId: string;
  companyName: string;
  /** `<prefix>.onmicrosoft.com` */
  initialDomain: string;
  customDomains: string[];
  email: string;
  organizationRegistrationNumber?: string;
  billing: {
    id: string;
    firstName?: string;
    lastName?: string;
    email: string;
    culture: string;
    language: string;
    companyName: string;
    address: AddressRecord;
    etag: string;
  };
  mcaDirectlySigned: boolean;
  createdAt: number;
  /** Partner tenant id that created it through Partner Center, if any. */
  createdByPartnerTenantId?: string;
}

/** A reseller relationship between a partner (provider/direct) and a customer tenant. */
export interface CustomerRelationshipRecord {
  partnerTenantId: string;
  customerTenantId: string;
  /** Indirect reseller tenant id for customers of an indirect reseller. */
  associatedPartnerId?: string;
  allowDelegatedAccess: boolean;
  createdAt: number;
}

export interface AgreementRecord {
  id: string;
  /** Set when the agreement was made from an enhanced attestation. */
  attestationId?: string;
  partnerTenantId: string;
  customerTenantId: string;
  templateId: string;
  type: 'MicrosoftCustomerAgreement' | 'MicrosoftCloudAgreement';
  dateAgreed: string;
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string | null };
  userId: string;
  createdAt: number;
}

/** An enhanced attestation: who signs for the customer, and what they did in Microsoft's component. */
export interface AttestationRecord {
  attestationId: string;
  partnerTenantId: string;
  country: string;
  language: string;
  companyName: string;
  signatoryFirstName: string;
  signatoryLastName: string;
  signatoryEmail: string;
  signatoryPhoneNumber?: string | null;
  status: 'Pending' | 'Accepted' | 'Declined';
  /** The MCA version the signatory was shown and accepted. */
  templateId: string | null;
  createdAt: number;
  decidedAt?: number;
  /** The customer an agreement was made for from this attestation. */
  customerTenantId?: string;
}

/** An MCA version Microsoft published after the first one; purchases need an acceptance of the newest. */
export interface McaVersionRecord {
  templateId: string;
  versionRank: number;
  publishedAt: number;
}

export interface CartLineRecord {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string | null;
  participants: { key: string; value: string }[];
  provisioningContext: Record<string, string>;
  orderGroup: string;
  currencyCode: string;
  /** A custom term end date (co-terming) Partner Center allowed for the line. */
  customTermEndAt?: number;
  error?: { errorCode: number; errorDescription: string };
}

export interface CartRecord {
  id: string;
  partnerTenantId: string;
  customerTenantId: string;
  status: 'Active' | 'Ordered';
  lines: CartLineRecord[];
  createdAt: number;
  modifiedAt: number;
  lastModifiedUser: string;
  checkoutInProgress: boolean;
}

export interface OrderLineRecord {
  lineItemNumber: number;
  offerId: string;
  productId: string;
  skuId: string;
  quantity: number;
  termDuration?: string;
  billingCycle: string;
  friendlyName?: string | null;
  partnerIdOnRecord?: string;
  provisioningContext: Record<string, string>;
  /** The first term ends here instead of at its own end (co-terming). */
  customTermEndAt?: number;
  subscriptionId?: string;
}

export interface OrderRecord {
  id: string;
  partnerTenantId: string;
  customerTenantId: string;
  billingCycle: string;
  lines: OrderLineRecord[];
  currencyCode: string;
  currencySymbol: string;
  createdAt: number;
  /** Emulator time at which the order completes (pending until then). */
  fulfilAt: number;
  status: 'pending' | 'completed' | 'cancelled';
}

export interface SubscriptionRecord {
  id: string;
  partnerTenantId: string;
  customerTenantId: string;
  orderId: string;
  offerId: string;
  productId: string;
  skuId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  productType: 'OnlineServicesNCE' | 'Azure';
  /** Reseller Partner ID on record. */
  partnerId?: string;
  createdAt: number;
  /** Start of the current term (purchase or last renewal): the 7-day window starts here. */
  termStartAt: number;
  commitmentEndAt: number;
  status: 'active' | 'suspended' | 'expired' | 'deleted';
  autoRenewEnabled: boolean;
  etag: string;
  /** Changes scheduled for the next renewal (`scheduledNextTermInstructions`); absent on older saved states. */
  scheduledNextTerm?: { catalogItemId: string; productId: string; skuId: string; availabilityId: string; quantity: number; termDuration: string; billingCycle: string };
  /** Cancel at the end of the term (a `Cancel` scheduled action at `TermEnd`; auto-renew off). */
  cancelAtTermEnd?: boolean;
  /** Since when the subscription runs in the paid Extended Service Term (auto-renew off at its term end). */
  extendedServiceTermSince?: number;
}

/** A new-commerce transfer request from a source partner to a target partner (Learn: "TransferEntity resources"). */
export interface TransferRecord {
  id: string;
  customerTenantId: string;
  targetPartnerTenantId: string;
  sourcePartnerTenantId: string;
  sourcePartnerName: string;
  customerEmailId: string;
  customerName?: string;
  targetPartnerEmailId?: string;
  partnerOnRecord?: string;
  transferType: number;
  status: 'Active' | 'Complete' | 'Cancel' | 'Expired';
  createdAt: number;
  lastModifiedAt: number;
  expiresAt: number;
  completedAt?: number;
  lineItems: { id: string; subscriptionId: string; quantity: number; billingCycle: string; termDuration: string; friendlyName: string; offerId: string; productType: string; commitmentEndAt: number; status: 'Complete' }[];
}

export interface CustomerUserRecord {
  id: string;
  customerTenantId: string;
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  usageLocation?: string;
  state: 'active' | 'inactive';
  /** Member of Company Administrator (Global Administrator). */
  isGlobalAdmin: boolean;
  /** Other directory roles the user is a member of (Entra role template ids); absent on older saved states. */
  directoryRoles?: string[];
  /** `passwordProfile.forceChangePassword`: the user must change the password at the next sign-in. */
  forceChangePassword?: boolean;
  /** SHA-256 of the current password (the emulator never keeps it in clear); absent on older saved states. */
  passwordSha256?: string;
  /** Assigned sku ids (`productId:skuId`). */
  licenses: string[];
  createdAt: number;
}

export interface GdapAccessAssignmentRecord {
  id: string;
  accessContainerId: string;
  roles: string[];
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  createdAt: number;
  modifiedAt: number;
  /** When pending → active, or deleting → deleted. */
  transitionAt?: number;
  etag: string;
}

export interface GdapRequestRecord {
  id: string;
  action: 'lockForApproval' | 'terminate' | 'approve' | 'reject';
  status: 'created' | 'pending' | 'succeeded' | 'failed';
  createdAt: number;
  modifiedAt: number;
  /** Emulator time at which Graph acts on a `created` request (absent on requests stored before requests were asynchronous). */
  dueAt?: number;
}

/** A long-running operation on a relationship (Graph resource "delegatedAdminRelationshipOperation"). */
export interface GdapOperationRecord {
  id: string;
  operationType: 'delegatedAdminAccessAssignmentUpdate' | 'delegatedAdminRelationshipUpdate';
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  /** The access assignment the update is for (absent for a relationship update), and the roles asked for. */
  assignmentId?: string;
  roles: string[];
  createdAt: number;
  modifiedAt: number;
  /** When it moves to `running`, then ends. */
  startAt: number;
  doneAt: number;
  etag: string;
}

export interface GdapRelationshipRecord {
  id: string;
  partnerTenantId: string;
  displayName: string;
  duration: string;
  customerTenantId?: string;
  customerDisplayName?: string;
  roles: string[];
  autoExtendDuration: string;
  status: 'created' | 'approvalPending' | 'approved' | 'activating' | 'active' | 'expiring' | 'expired' | 'terminationRequested' | 'terminating' | 'terminated';
  createdAt: number;
  modifiedAt: number;
  lockedAt?: number;
  approvedAt?: number;
  activatedAt?: number;
  endAt?: number;
  terminationRequestedAt?: number;
  etag: string;
  requests: GdapRequestRecord[];
  accessAssignments: GdapAccessAssignmentRecord[];
  /** Long-running operations (access assignment updates); absent in states stored before they were modelled. */
  operations?: GdapOperationRecord[];
  /** Created by Microsoft at customer creation (enableGDAPByDefault). */
  isDefault: boolean;
}

export interface WebhookRegistrationRecord {
  subscriberId: string;
  partnerTenantId: string;
  webhookUrl: string;
  webhookEvents: string[];
  signatureInMsSignatureHeader: boolean;
}

export interface WebhookDeliveryRecord {
  id: string;
  partnerTenantId: string;
  url: string;
  eventName: string;
  body: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'parked';
  nextAttemptAt: number;
  lastResponseStatus?: number;
  lastError?: string;
  createdAt: number;
  correlationId?: string;
}

export interface ValidationEventRecord {
  correlationId: string;
  partnerTenantId: string;
  deliveryId: string;
  createdAt: number;
}

export interface AuditRecordRecord {
  id: string;
  partnerTenantId: string;
  customerTenantId?: string;
  customerName?: string;
  userPrincipalName?: string;
  applicationId?: string;
  resourceType: string;
  operationType: string;
  operationStatus: 'succeeded' | 'failed';
  at: number;
  resourceNewValue?: string;
}

export interface ReplayRecord {
  at: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CallRecord {
  at: string;
  operation: string;
  method: string;
  path: string;
  status: number;
  partnerTenantId?: string;
  requestId?: string;
  correlationId?: string;
  replayed?: boolean;
  fault?: string;
}

export interface FaultRule {
  id: string;
  /** `METHOD /path`, where path segments may be `:param` or `*`; method may be `*`. */
  route: string;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  drop?: boolean;
  body?: unknown;
  /** Remaining number of times this fault fires; undefined = unlimited. */
  remaining?: number;
  /** Probability in [0,1] that a matching request is faulted (default 1). */
  probability?: number;
  fired: number;
}

export type CatalogProduct = ScenarioProduct;
