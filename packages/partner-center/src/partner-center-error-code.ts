/**
 * CSP Hub's own names for what went wrong in a Partner Center call, so that provisioning and the UI
 * branch on a stable code instead of Microsoft's numeric ones. Each entry says when it is used and
 * whether retrying the same request later can succeed. Mapping from Microsoft codes:
 * `microsoft-error-map.ts` (docs/PARTNER-CENTER-REFERENCE.md §15).
 */
export const partnerCenterErrorCodes = {
  DOMAIN_PREFIX_TAKEN: {
    transient: false,
    when: 'The onmicrosoft.com domain is already used by another tenant: pick another prefix.',
  },
  PARTNER_ID_UNKNOWN: { transient: false, when: 'Microsoft does not know this Partner ID (MPN id).' },
  PARTNER_ID_NOT_IN_NETWORK: {
    transient: false,
    when: 'The Partner ID is not an indirect reseller of this provider (or is in another CSP region).',
  },
  MPA_NOT_SIGNED: {
    transient: false,
    when: 'The reseller (or partner) has not accepted the Microsoft Partner Agreement.',
  },
  MCA_MISSING: {
    transient: false,
    when: 'No Microsoft Customer Agreement acceptance is recorded for the customer: attest it before buying.',
  },
  MCA_ALREADY_CONFIRMED: {
    transient: false,
    when: 'The same MCA acceptance was already recorded for this customer.',
  },
  NCE_WINDOW_PASSED: {
    transient: false,
    when: 'A new-commerce subscription can only be reduced or cancelled within 7 days (168 hours) of purchase or renewal.',
  },
  TRANSFER_NOT_ELIGIBLE: {
    transient: false,
    when: 'The other partner holds nothing this transfer can take (no active new-commerce licence-based subscription, or one already transferred).',
  },
  TRANSFER_NOT_ACTIVE: { transient: false, when: 'The transfer was already completed, cancelled or expired.' },
  TRANSFER_ALREADY_REQUESTED: { transient: false, when: 'An active transfer from this partner already exists for the customer.' },
  THROTTLED: { transient: true, when: 'Partner Center answered 429 and the client ran out of attempts.' },
  QUEUE_FULL: {
    transient: true,
    when: "Too many calls already wait for the connection's rate limit (the client's bounded queue); nothing was sent. Retry after Retry-After.",
  },
  APP_USER_REQUIRED: {
    transient: false,
    when: 'The operation needs an App+User token; the connection only has app credentials. Reconnect with a partner user.',
  },
  MFA_REQUIRED: {
    transient: false,
    when: "Partner Center refused an App+User token without the MFA claim (401/900421; enforced from 1 April 2026, Microsoft Learn 'Partner Center authentication'). A partner user must sign in again with MFA (re-consent the connection).",
  },
  RECONNECT_REQUIRED: {
    transient: false,
    when: 'The connection can no longer get a token (refresh token revoked or expired, MFA claim missing, app secret invalid). Reconnect it.',
  },
  ACCESS_DENIED: {
    transient: false,
    when: 'The partner or its user lacks the rights (roles, GDAP, Conditional Access) for this call.',
  },
  NO_RELATIONSHIP: { transient: false, when: 'The partner has no reseller relationship with this customer.' },
  NOT_FOUND: {
    transient: false,
    when: 'The customer, order, subscription or other resource does not exist.',
  },
  CATALOG_ITEM_NOT_FOUND: {
    transient: false,
    when: 'Product, SKU or availability not found (catalog ids change: fetch availabilities again).',
  },
  OFFER_NOT_AVAILABLE: {
    transient: false,
    when: 'The offer cannot be bought by this partner, in this country or any more.',
  },
  QUANTITY_OUT_OF_RANGE: { transient: false, when: 'Quantity outside the SKU minimum/maximum.' },
  SEAT_LIMIT_REACHED: { transient: false, when: 'A subscription, seat or asset count cap was reached.' },
  SANDBOX_LIMIT: {
    transient: false,
    when: 'The integration sandbox limit (customers, subscriptions, licenses) was reached.',
  },
  RESELLER_NOT_ACTIVE: { transient: false, when: "The reseller's programme status is not active." },
  PARTNER_OF_RECORD_NOT_VALID: { transient: false, when: 'The partner of record is not the location ID (PLA) of an authorized indirect reseller (900400, docs/PARTNER-CENTER-REFERENCE.md §7.1).' },
  CUSTOMER_UNDER_REVIEW: {
    transient: false,
    when: 'The customer account is under review, failed a risk check or is not approved.',
  },
  ORDER_IN_PROGRESS: {
    transient: false,
    when: 'Another order or checkout for this cart or customer is still being processed: wait, then look before retrying.',
  },
  CART_ALREADY_SUBMITTED: { transient: false, when: 'The cart was already checked out.' },
  ETAG_STALE: {
    transient: false,
    when: 'The resource changed since it was read: read it again and reapply the change.',
  },
  COMPANY_REGISTRATION_INVALID: {
    transient: false,
    when: 'Organisation registration number missing, malformed, or given for a country that takes none.',
  },
  PHONE_NUMBER_REQUIRED: {
    transient: false,
    when: 'The country requires a phone number on the default address.',
  },
  ADDRESS_INVALID: { transient: false, when: 'Microsoft rejected the address.' },
  LICENSES_EXHAUSTED: { transient: false, when: 'No license of this SKU is left to assign.' },
  INVALID_REQUEST: { transient: false, when: 'Microsoft rejected the request as malformed or invalid.' },
  CONFLICT: {
    transient: false,
    when: 'The resource already exists or is in a state that forbids the change.',
  },
  NOT_IMPLEMENTED: {
    transient: false,
    when: 'The service (or the emulator) does not implement this operation (501).',
  },
  PARTNER_CENTER_UNAVAILABLE: {
    transient: true,
    when: 'Network error or 408/5xx, still failing after the retries.',
  },
  TIMEOUT: { transient: true, when: 'No answer within the per-call timeout, after the retries.' },
  CANCELLED: { transient: false, when: "The caller's AbortSignal fired." },
  INVALID_RESPONSE: {
    transient: false,
    when: "Microsoft's answer did not match the wire model: its format changed or the client is wrong.",
  },
  UNKNOWN: {
    transient: false,
    when: 'An error Partner Center did not describe in a way the client knows; the full body is kept.',
  },
} as const satisfies Record<string, { transient: boolean; when: string }>;

/** A CSP Hub error code for a Partner Center failure. */
export type PartnerCenterErrorCode = keyof typeof partnerCenterErrorCodes;

/** Whether `x` is one of {@link PartnerCenterErrorCode}. */
export function isPartnerCenterErrorCode(x: unknown): x is PartnerCenterErrorCode {
  return typeof x === 'string' && Object.hasOwn(partnerCenterErrorCodes, x);
}
