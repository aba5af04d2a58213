import type {
  PartnerCenterClient,
  PartnerCenterClientOptions,
  PartnerCenterConnectionInput,
  PostalAddress,
} from '@csphub/partner-center';

/** Options a test may change on a client it builds (scaled-down limits, a recording logger, ...). */
export type ClientOverrides = Partial<Omit<PartnerCenterClientOptions, 'connection'>> & {
  connection?: Partial<PartnerCenterConnectionInput>;
};

/** Which of the target's connections a client is built for. */
export type ConnectionRole =
  /** An indirect provider with App+User consent: most operations. */
  | 'indirect'
  /** A direct-bill partner. */
  | 'direct'
  /** The indirect provider's app credentials only (no refresh token). */
  | 'indirect-app-only';

/**
 * Data the suite relies on, known to exist in the target: seeded in the emulator's default
 * scenario, or named by environment variables for a live sandbox.
 */
export interface ContractFixtures {
  /** A valid address in a country the target emulates, with contact person and phone. */
  address: PostalAddress & { firstName: string; lastName: string };
  /** Culture and language matching the address's country. */
  culture: string;
  language: string;
  /** The indirect provider's reseller: in its network, active, MPA signed. */
  reseller: { partnerId: string; tenantId: string };
  /** A Partner ID Microsoft does not know. */
  unknownPartnerId: string;
  /** A reseller in the network that has not signed the MPA (absent when the target has none). */
  mpaNotSignedPartnerId?: string;
  /** The global Partner ID (PGA) of `reseller`, which Microsoft refuses as partner of record (absent when unknown). */
  resellerGlobalPartnerId?: string;
  /** The location ID (PLA) of a reseller whose partner-of-record authorization lapsed (absent when the target has none). */
  porIneligiblePartnerId?: string;
  /** The location ID of a second eligible reseller in the network, which the suite may make ineligible and restore (emulator only). */
  spareResellerPartnerId?: string;
  /** A purchasable licence-based NCE product/SKU in the address's country. */
  catalog: { productId: string; skuId: string; country: string };
  /** A security group of the partner tenant for GDAP access assignments. */
  securityGroupId: string;
  /** An existing tenant with no relationship to the indirect provider yet (emulator only). */
  unrelatedTenantId?: string;
  /** A URL the target can deliver webhooks to (or accept as a registration). */
  webhookUrl: string;
  /** Another partner that holds subscriptions of the suite's customers, the source of transfers (emulator only). */
  otherPartner?: { tenantId: string; name: string };
}

/** The address, culture and language every target uses: Microsoft's Redmond address (US). */
export const US_CONTRACT_FIXTURES = {
  address: {
    line1: '1 Microsoft Way',
    city: 'Redmond',
    state: 'WA',
    postalCode: '98052',
    country: 'US',
    firstName: 'Ana',
    lastName: 'Contract',
    phoneNumber: '+1 425 555 0100',
  },
  culture: 'en-US',
  language: 'en',
} satisfies Pick<ContractFixtures, 'address' | 'culture' | 'language'>;

/** One row of the target's request log, as far as the suite needs it. */
export interface ObservedCall {
  /** When the target received it (ISO 8601, the target's clock). */
  at: string;
  operation: string;
  method: string;
  path: string;
  status: number;
  requestId?: string;
}

/** A fault to inject on the next matching calls (emulator control plane). */
export interface FaultSpec {
  /** `METHOD /path`, `:name` for one segment (e.g. `POST /v1/customers`). */
  route: string;
  status: number;
  /** Sent as `Retry-After`. */
  retryAfterSeconds?: number;
  body?: unknown;
  /** How many calls it hits; default 1. */
  times?: number;
}

/**
 * What only an emulator can do: the Partner Center control plane (`/_emulator/*`). A live target
 * has none, and the tests that need it are skipped with that reason.
 */
export interface ContractControl {
  injectFault(fault: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  /** Revokes the App+User refresh token of the connection's partner user (as a password reset would). */
  revokeRefreshToken(role: ConnectionRole): Promise<void>;
  /**
   * Whether the sign-in behind the connection's refresh token passed MFA: with `false` its App+User
   * tokens lack the claim Partner Center requires (docs/PARTNER-CENTER-REFERENCE.md §1.2).
   */
  setRefreshTokenMfa(role: ConnectionRole, mfa: boolean): Promise<void>;
  /**
   * Acts as the partner user on the sign-in page of `consentUrl` (the secure application model's
   * consent), with or without MFA; returns the URL the page redirects to (with `code` and `state`).
   */
  signInForConsent(consentUrl: string, options: { mfa: boolean }): Promise<string>;
  /**
   * What Microsoft says of a reseller's partner-of-record authorization from now on
   * (`validateresellers` and checkout, docs/PARTNER-CENTER-REFERENCE.md §7.1).
   */
  setResellerPartnerOfRecord(partnerId: string, authorization: 'authorized' | 'notAuthorized' | 'expired'): Promise<void>;
  /** Moves the target's clock forward (orders complete, GDAP activates, NCE windows close). */
  advanceClock(ms: number): Promise<void>;
  /** Acts as an existing tenant's Global Admin accepting the indirect provider's invitation link (docs/PARTNER-CENTER-REFERENCE.md §6). */
  acceptRelationship(customerTenantId: string, indirectResellerTenantId?: string): Promise<void>;
  /** Acts as the customer's signatory in Microsoft's MCA component (docs/PARTNER-CENTER-REFERENCE.md §5.5). */
  decideMcaAttestation(attestationId: string, decision: 'accept' | 'decline'): Promise<void>;
  /** Publishes a new MCA version: customers must accept it before their next purchase. */
  publishMcaVersion(): Promise<{ templateId: string }>;
  /** Acts as the customer's Global Admin approving a GDAP relationship. */
  approveGdapRelationship(relationshipId: string): Promise<void>;
  /**
   * Acts as a customer user signing in with a password: whether it is that user's current password,
   * and whether Microsoft would then ask to change it (null when the sign-in failed).
   */
  signIn(customerTenantId: string, userPrincipalName: string, password: string): Promise<{ signedIn: boolean; mustChangePassword: boolean | null }>;
  /**
   * Subscriptions another partner (the fixtures' `otherPartner`) sold to an existing customer, the
   * source of a transfer; answers their ids and term end dates.
   */
  addOtherPartnerSubscriptions(customerTenantId: string, subscriptions: { catalogItemId: string; quantity: number; termEndsAt?: string }[]): Promise<{ id: string; termEndsAt: string }[]>;
  /** Acts as a transfer's source partner accepting it (all its eligible subscriptions, or those named). */
  acceptTransferAsSource(customerTenantId: string, transferId: string, subscriptionIds?: string[]): Promise<void>;
  /** The calls the target received, oldest first. */
  calls(): Promise<ObservedCall[]>;
  /** Restores the seeded state (also clears faults and revocations). */
  reset(): Promise<void>;
}

/** A Partner Center the contract suite runs against. */
export interface ContractTarget {
  name: string;
  fixtures: ContractFixtures;
  /** Builds a client of one of the target's connections. */
  client(role: ConnectionRole, overrides?: ClientOverrides): PartnerCenterClient;
  /** A domain prefix nobody has used, letters and digits only. */
  uniquePrefix(label: string): string;
  control?: ContractControl;
  /** Releases what the target holds (servers, sandbox customers). */
  dispose(): Promise<void>;
}
