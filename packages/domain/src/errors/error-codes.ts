/**
 * The closed set of CSP Hub error codes. Each entry says when it is thrown, the HTTP status the API
 * answers with, and whether repeating the same request later can succeed (retryable).
 * Add a code here, never a string literal elsewhere; the API edge maps codes to statuses from this table.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, retryable: false, when: 'A request body, query or path parameter does not match its schema.' },
  UNAUTHENTICATED: { status: 401, retryable: false, when: 'No valid session or API token was presented.' },
  CSRF_TOKEN_INVALID: { status: 403, retryable: false, when: 'A cookie-authenticated mutation came without the matching CSRF token.' },
  FORBIDDEN: { status: 403, retryable: false, when: 'The caller can see the resource but their role may not perform this action.' },
  NOT_FOUND: { status: 404, retryable: false, when: 'The resource does not exist or lies outside the caller\'s subtree (no existence leak).' },
  ROUTE_NOT_FOUND: { status: 404, retryable: false, when: 'No API route matches the method and path.' },
  CONFLICT: { status: 409, retryable: false, when: 'The request conflicts with the current state of the resource.' },
  SIGN_IN_FAILED: { status: 401, retryable: false, when: 'The e-mail and password do not match an active user (never says which one is wrong).' },
  SESSION_EXPIRED: { status: 401, retryable: false, when: 'The session cookie or API token has expired or was revoked; sign in again.' },
  HIERARCHY_INVALID: { status: 422, retryable: false, when: 'A company cannot sit under the requested parent (for example a reseller under a customer).' },
  MOVE_NOT_ALLOWED: { status: 422, retryable: false, when: 'A company move breaks the move rules (only customers move, only a distributor admin moves them).' },
  COMPANY_HAS_ACTIVE_CHILDREN: { status: 409, retryable: false, when: 'A company with active companies under it cannot be deactivated; deactivate or move them first.' },
  COMPANY_INACTIVE: { status: 409, retryable: false, when: 'The company is deactivated; reactivate it before changing it or adding to it.' },
  EMAIL_TAKEN: { status: 409, retryable: false, when: 'Another user already signs in with this e-mail address.' },
  CURRENT_PASSWORD_WRONG: { status: 403, retryable: false, when: 'A person changing their own password gave a current password that is not right (counted like a failed sign-in).' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, retryable: false, when: 'An administrator set this person\'s password; they must choose their own (POST /api/v1/auth/password) before anything else.' },
  OWN_ACCESS_LOCKED: { status: 403, retryable: false, when: 'A user tried to disable themself, change their own role or reset their own password; another administrator must do it.' },
  ROLE_NOT_ALLOWED: { status: 422, retryable: false, when: 'The role cannot be held in this kind of company, or is stronger than the granter\'s own.' },
  RATE_LIMITED: { status: 429, retryable: true, when: 'Too many attempts (for example sign-in) in a short time.' },
  DOMAIN_PREFIX_TAKEN: { status: 409, retryable: false, when: 'The onmicrosoft.com prefix already belongs to a tenant.' },
  DOMAIN_PREFIX_INVALID: { status: 400, retryable: false, when: 'The prefix breaks the format rules (letters and digits, length).' },
  ADDRESS_INVALID: { status: 422, retryable: false, when: 'Partner Center or the country rules reject the billing address.' },
  PREREQUISITES_MISSING: { status: 422, retryable: false, when: 'The account lacks phone, corporate e-mail or a valid billing address.' },
  PARTNER_ID_UNKNOWN: { status: 422, retryable: false, when: 'Microsoft does not know the reseller Partner ID.' },
  PARTNER_ID_NOT_IN_NETWORK: { status: 422, retryable: false, when: 'The Partner ID is not in this connection\'s indirect reseller network.' },
  RESELLER_NOT_PARTNER_OF_RECORD: { status: 422, retryable: false, when: "Microsoft last said the reseller's Partner Location ID (PLA) may not be the partner of record (validateresellers); the order is refused before Partner Center is called. The distributor corrects the PLA or the reseller renews its authorization, then revalidates." },
  PARTNER_ID_NOT_ALLOWED: { status: 403, retryable: false, when: "A caller other than the distributor named a Partner ID that is not the account's own reseller's (reseller staff never pick another reseller)." },
  RELINK_NOT_ALLOWED: { status: 403, retryable: false, when: 'The tenant is already linked to another account that the caller may not take it from (a customer, or an account outside the caller\'s subtree); the message names no company.' },
  MPA_NOT_SIGNED: { status: 422, retryable: false, when: 'The reseller has not accepted the Microsoft Partner Agreement.' },
  MCA_MISSING: { status: 422, retryable: false, when: 'The customer has no Microsoft Customer Agreement attestation.' },
  MCA_DECLINED: { status: 422, retryable: false, when: "The customer's signatory declined the Microsoft Customer Agreement in Microsoft's component; a retry sends a new request." },
  MCA_ACCEPTANCE_EXPIRED: { status: 422, retryable: false, when: 'Nobody accepted the Microsoft Customer Agreement within the wait; a retry sends a new request.' },
  MCA_REACCEPTANCE_REQUIRED: { status: 422, retryable: false, when: 'Microsoft published a new version of the Microsoft Customer Agreement after the customer accepted it; the customer accepts again ("Request acceptance" on the company page) before the next purchase.' },
  MCA_ALREADY_ACCEPTED: { status: 409, retryable: false, when: 'An acceptance request for a customer who already accepted the current Microsoft Customer Agreement.' },
  MCA_LINK_UNAVAILABLE: { status: 422, retryable: false, when: "The connection has no link to Microsoft's MCA component configured, so no acceptance request can be sent." },
  QUANTITY_OUT_OF_RANGE: { status: 422, retryable: false, when: "A seat count is not a whole number within the SKU's minimum and maximum." },
  ORDER_INVALID: { status: 422, retryable: false, when: 'An order line names an unknown or unpurchasable item, a term it does not offer, or repeats a line.' },
  PARTNER_OF_RECORD_MISSING: { status: 422, retryable: false, when: "An indirect-provider order needs the reseller's Partner ID on the account's sync options." },
  TENANT_NOT_LINKED: { status: 409, retryable: false, when: 'The account has no Microsoft tenant linked in this connection yet; provision or link one first.' },
  SUBSCRIPTION_ACTION_NOT_ALLOWED: { status: 409, retryable: false, when: "The subscription's status, owner or window does not allow this change (the reason is in the message)." },
  PARTNER_CENTER_REFUSED: { status: 422, retryable: false, when: 'Partner Center refused the change for a business reason; the message explains it.' },
  NCE_WINDOW_PASSED: { status: 409, retryable: false, when: 'The 7-day (168-hour) window to reduce or cancel has passed.' },
  RUN_NOT_WAITING: { status: 409, retryable: false, when: 'A retry was asked for a run that is not stopped waiting for one (it is running, or it has finished).' },
  WORKFLOWS_BUSY: { status: 503, retryable: true, when: 'The durable-run engine did not answer within the request\'s bounded wait; nothing is lost, and repeating the request is safe (it is idempotent).' },
  SERVER_BUSY: { status: 503, retryable: true, when: 'The server already works on and queues as many requests as it is set to (CSPHUB_MAX_CONCURRENT_REQUESTS, CSPHUB_MAX_QUEUED_REQUESTS); nothing was done. Retry-After says when to try again.' },
  WORKFLOWS_UNAVAILABLE: { status: 503, retryable: true, when: 'Durable runs (orders, provisioning) are not running in this process; the request was not accepted.' },
  PARTNER_CENTER_UNAVAILABLE: { status: 503, retryable: true, when: 'Partner Center failed or timed out after retries; Retry-After says when to try again.' },
  PARTNER_CENTER_THROTTLED: { status: 503, retryable: true, when: 'Partner Center kept answering 429 after retries.' },
  PARTNER_CENTER_BUSY: { status: 503, retryable: true, when: "Too many calls already wait for the connection's Partner Center rate limit; nothing was sent. Retry-After says when to try again." },
  CONNECTION_AUTH_FAILED: { status: 502, retryable: false, when: 'The connection\'s credentials were refused; an operator must reconnect.' },
  INTERNAL: { status: 500, retryable: true, when: 'An unexpected failure; logged in full with the request id.' },
} as const satisfies Record<string, { status: number; retryable: boolean; when: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}
