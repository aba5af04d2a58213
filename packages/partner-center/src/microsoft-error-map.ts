import type { PartnerCenterErrorCode } from './partner-center-error-code';

/**
 * Microsoft's documented Partner Center error codes to CSP Hub codes.
 * docs/PARTNER-CENTER-REFERENCE.md §15 (error table), §7 (MPN / MPA checks), §5 (MCA), §10 (NCE window),
 * §11 (licenses). Codes not listed fall back on the HTTP status (below).
 */
const byMicrosoftCode: Record<string, PartnerCenterErrorCode> = {
  // §15 access
  '2032': 'ACCESS_DENIED',
  '900308': 'ACCESS_DENIED',
  '900309': 'ACCESS_DENIED',
  '600006': 'ACCESS_DENIED',
  '900316': 'ACCESS_DENIED',
  '20002': 'NO_RELATIONSHIP',
  '900329': 'APP_USER_REQUIRED',
  // §15 not found
  '1000': 'NOT_FOUND',
  '60003': 'NOT_FOUND',
  '20000': 'NOT_FOUND',
  '20003': 'NOT_FOUND',
  // §7 Partner ID (MPN) and MPA status
  '2000': 'INVALID_REQUEST',
  '2001': 'INVALID_REQUEST',
  '2200': 'PARTNER_ID_UNKNOWN',
  '2201': 'PARTNER_ID_NOT_IN_NETWORK',
  '2203': 'MPA_NOT_SIGNED',
  '2204': 'PARTNER_ID_NOT_IN_NETWORK',
  '2205': 'PARTNER_ID_UNKNOWN',
  '800015': 'PARTNER_ID_UNKNOWN',
  '800016': 'PARTNER_ID_NOT_IN_NETWORK',
  '2071': 'PARTNER_ID_NOT_IN_NETWORK',
  '2072': 'PARTNER_ID_NOT_IN_NETWORK',
  '900123': 'MPA_NOT_SIGNED',
  '900124': 'MPA_NOT_SIGNED',
  '800039': 'RESELLER_NOT_ACTIVE',
  // §7.1 partner of record by location ID
  '900400': 'PARTNER_OF_RECORD_NOT_VALID',
  // §2.2 company registration / phone rules
  '600002': 'COMPANY_REGISTRATION_INVALID',
  '600049': 'COMPANY_REGISTRATION_INVALID',
  '600050': 'COMPANY_REGISTRATION_INVALID',
  '600051': 'PHONE_NUMBER_REQUIRED',
  '27002': 'INVALID_REQUEST',
  // §10.2 transfers (the emulator's codes, docs/EMULATOR-DIFFERENCES.md "Transfers")
  '800120': 'TRANSFER_NOT_ELIGIBLE',
  '800121': 'TRANSFER_NOT_ACTIVE',
  '800122': 'ACCESS_DENIED',
  '800123': 'TRANSFER_ALREADY_REQUESTED',
  '800124': 'TRANSFER_NOT_ELIGIBLE',
  '800125': 'NOT_FOUND',
  // §5 MCA
  '13605': 'MCA_MISSING',
  '600061': 'MCA_ALREADY_CONFIRMED',
  // §15 offers and quantities
  '2006': 'OFFER_NOT_AVAILABLE',
  '2085': 'OFFER_NOT_AVAILABLE',
  '2091': 'OFFER_NOT_AVAILABLE',
  '800020': 'OFFER_NOT_AVAILABLE',
  '2030': 'OFFER_NOT_AVAILABLE',
  '800070': 'OFFER_NOT_AVAILABLE',
  '2002': 'QUANTITY_OUT_OF_RANGE',
  '800017': 'QUANTITY_OUT_OF_RANGE',
  '900275': 'QUANTITY_OUT_OF_RANGE',
  '800066': 'SEAT_LIMIT_REACHED',
  '800067': 'SEAT_LIMIT_REACHED',
  '800068': 'SEAT_LIMIT_REACHED',
  '800088': 'SEAT_LIMIT_REACHED',
  '800089': 'SEAT_LIMIT_REACHED',
  '800069': 'CUSTOMER_UNDER_REVIEW',
  '800073': 'CUSTOMER_UNDER_REVIEW',
  '800074': 'CUSTOMER_UNDER_REVIEW',
  '800075': 'CUSTOMER_UNDER_REVIEW',
  // §9 carts and orders
  '800060': 'ORDER_IN_PROGRESS',
  '800064': 'ORDER_IN_PROGRESS',
  '800065': 'CART_ALREADY_SUBMITTED',
  '400013': 'CATALOG_ITEM_NOT_FOUND',
  '400018': 'CATALOG_ITEM_NOT_FOUND',
  '400019': 'CATALOG_ITEM_NOT_FOUND',
  '800018': 'SANDBOX_LIMIT',
  '10009': 'SANDBOX_LIMIT',
  // §10 NCE 7-day window
  '800090': 'NCE_WINDOW_PASSED',
  '900213': 'NCE_WINDOW_PASSED',
  '900214': 'NCE_WINDOW_PASSED',
  '900257': 'NCE_WINDOW_PASSED',
  '900117': 'NCE_WINDOW_PASSED',
  '2055': 'ETAG_STALE',
  // §11 licenses
  '60012': 'LICENSES_EXHAUSTED',
};

/** Graph error code names (docs/PARTNER-CENTER-REFERENCE.md §12; GDAP-specific codes are not documented, so only the generic ones). */
const byGraphCode: Record<string, PartnerCenterErrorCode> = {
  authorization_requestdenied: 'ACCESS_DENIED',
  forbidden: 'ACCESS_DENIED',
  accessdenied: 'ACCESS_DENIED',
  unauthorized: 'RECONNECT_REQUIRED',
  invalidauthenticationtoken: 'RECONNECT_REQUIRED',
  request_resourcenotfound: 'NOT_FOUND',
  resourcenotfound: 'NOT_FOUND',
  notfound: 'NOT_FOUND',
  itemnotfound: 'NOT_FOUND',
  badrequest: 'INVALID_REQUEST',
  request_badrequest: 'INVALID_REQUEST',
  invalidrequest: 'INVALID_REQUEST',
  preconditionfailed: 'ETAG_STALE',
  conflict: 'CONFLICT',
  toomanyrequests: 'THROTTLED',
};

const own = (
  table: Record<string, PartnerCenterErrorCode>,
  key: string,
): PartnerCenterErrorCode | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** Statuses retried by the client (the list: 408, 429, 500, 502, 503, 504). */
export const transientStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Fallback when the Microsoft code is unknown or absent. */
function byStatus(status: number): PartnerCenterErrorCode {
  if (status === 429) return 'THROTTLED';
  if (transientStatuses.has(status)) return 'PARTNER_CENTER_UNAVAILABLE';
  if (status === 501) return 'NOT_IMPLEMENTED';
  if (status === 400 || status === 422) return 'INVALID_REQUEST';
  if (status === 401) return 'RECONNECT_REQUIRED';
  if (status === 403) return 'ACCESS_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 412) return 'ETAG_STALE';
  // Other 5xx (505, 507, ...) are outside the retry list: reported as they are.
  if (status >= 500) return 'UNKNOWN';
  return 'UNKNOWN';
}

// §3: no code is documented for a taken domain; this is the wording the service (and [3rd-party]
// CloudBlue KB 133047) uses.
const domainTakenPattern =
  /domain\b.*\b(already (used|in use|exists|taken)|is taken|not available|unavailable)/i;

/**
 * The CSP Hub code for an error answer.
 * `status` wins over the code for throttling and outages (a 5xx is transient whatever its code);
 * 3000 is "invalid property" on a 400 but "Partner ID not found" on the MPN lookup's 404 (docs/PARTNER-CENTER-REFERENCE.md §7, §15);
 * every 401 asks for a reconnect (the pipeline already retried it once with a fresh token).
 */
export function mapMicrosoftError(input: {
  status: number;
  code?: string;
  description?: string;
  envelope?: string;
}): PartnerCenterErrorCode {
  const { status, code, description } = input;
  if (status === 429) return 'THROTTLED';
  if (transientStatuses.has(status)) return 'PARTNER_CENTER_UNAVAILABLE';
  // An App+User token without the MFA claim (docs/PARTNER-CENTER-REFERENCE.md §1.2): fixed by a new sign-in with MFA, not by a retry.
  if (status === 401 && code === '900421') return 'MFA_REQUIRED';
  // Any other 401 that survives a fresh token (the pipeline retries once) is a credentials
  // problem, whatever its code (docs/PARTNER-CENTER-REFERENCE.md §15 lists 401/400 "Access denied", 401/800001).
  if (status === 401) return 'RECONNECT_REQUIRED';
  if (code !== undefined) {
    if (code === '3000') return status === 404 ? 'PARTNER_ID_UNKNOWN' : 'INVALID_REQUEST';
    // Own properties only: a code such as "constructor" must not hit Object.prototype.
    const mapped = own(byMicrosoftCode, code) ?? own(byGraphCode, code.toLowerCase());
    if (mapped) return mapped;
  }
  if ((status === 400 || status === 409) && description && domainTakenPattern.test(description))
    return 'DOMAIN_PREFIX_TAKEN';
  return byStatus(status);
}

/** Whether a response status is worth retrying with the same MS-RequestId. */
export function isTransientStatus(status: number): boolean {
  return transientStatuses.has(status);
}
