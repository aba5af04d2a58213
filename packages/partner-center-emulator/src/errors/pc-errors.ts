import { EmulatorError } from './emulator-error';

/**
 * Partner Center errors, one function per documented code (docs/PARTNER-CENTER-REFERENCE.md §15 and the
 * sections cited). Body shape: `{ code, description, data, source }`. Where the reference gives no
 * HTTP status or no code, the choice is listed in docs/EMULATOR-DIFFERENCES.md.
 */
function pc(status: number, code: number, description: string, data: unknown[] = [], source = 'PartnerFD', extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): EmulatorError {
  return new EmulatorError(status, { code, description, data, source, ...extra }, headers);
}

// §15 / §1.2: authentication
/** 401/800001: no bearer token. `WWW-Authenticate` per §15. */
export const partnerTokenMissing = () =>
  pc(401, 800001, 'Partner token missing. Send Authorization: Bearer <token>.', [], 'PartnerFD', {}, { 'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:csp-emulator' });
/** 401/400: token present but invalid, expired, or for another audience (docs/PARTNER-CENTER-REFERENCE.md §15 "Access denied"). */
export const accessDeniedToken = (reason: string) =>
  pc(401, 400, `Access denied: ${reason}`, [], 'PartnerFD', {}, { 'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:csp-emulator, error="invalid_token"' });
/**
 * 401/900421 (docs/PARTNER-CENTER-REFERENCE.md §1.2): an App+User token whose `amr` claim lacks `mfa`. Microsoft enforces MFA on
 * every App+User call from 1 April 2026 ("Partner Center authentication",
 * https://learn.microsoft.com/partner-center/developer/partner-center-authentication); the page
 * names no status or code, so both follow what partners report (docs/EMULATOR-DIFFERENCES.md).
 */
export const mfaClaimMissing = () =>
  pc(
    401,
    900421,
    'Multi-factor authentication is required: the App+User access token has no MFA claim (amr does not contain mfa). Sign the partner user in again with MFA to get a new refresh token.',
    [],
    'PartnerFD',
    {},
    { 'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:csp-emulator, error="insufficient_claims"' },
  );
/** 403/900329 (docs/PARTNER-CENTER-REFERENCE.md §1.2). */
export const appOnlyNotSupported = () => pc(403, 900329, 'This resource does not support application-only authentication.');
/** 403/2032 (docs/PARTNER-CENTER-REFERENCE.md §15). */
export const accessDenied = (why: string) => pc(403, 2032, `Access denied. ${why}`);
/** 403/900308 (docs/PARTNER-CENTER-REFERENCE.md §15, §11: user and license calls need a GDAP role). */
export const insufficientPrivileges = (why: string) => pc(403, 900308, `Insufficient privileges. ${why}`);
/** 403/600006 (docs/PARTNER-CENTER-REFERENCE.md §15, [3rd-party]). */
export const actionNotAllowed = (why: string) => pc(403, 600006, `The requested action is not allowed. ${why}`);

// §15: not found
export const notFound = (what: string) => pc(404, 1000, `${what} was not found.`);
/** 404/60003 (docs/PARTNER-CENTER-REFERENCE.md §15): no tenant with this id exists at all. */
export const tenantNotFound = (tenantId: string) => pc(404, 60003, `Tenant with id ${tenantId} was not found.`);
/** 403/20002 (docs/PARTNER-CENTER-REFERENCE.md §15): the tenant exists but the partner has no relationship with it. */
export const noCommerceRelationship = (tenantId: string) => pc(403, 20002, `Partner does not have a commerce relationship with customer ${tenantId}.`);
export const orderNotFound = (orderId: string) => pc(404, 20000, `Order ${orderId} was not found.`);
export const subscriptionNotFound = (subscriptionId: string) => pc(404, 20003, `Subscription ${subscriptionId} was not found.`);
export const productNotFound = (productId: string) => pc(404, 400013, `Product ${productId} was not found.`);
export const skuNotFound = (skuId: string) => pc(404, 400018, `Sku ${skuId} was not found.`);
/** 404/400019 (docs/PARTNER-CENTER-REFERENCE.md §8, §9.2): re-GET availabilities and retry. */
export const availabilityNotFound = (id: string) => pc(404, 400019, `Availability not found: ${id}.`);

// §15: body validation
/** 400/3000: invalid or missing property. `data` lists the offending fields. */
export const invalidProperty = (description: string, fields: string[] = []) => pc(400, 3000, description, fields);
/** 400/3000 for a malformed JSON body. */
export const malformedBody = (why: string) => pc(400, 3000, `The request body is not valid: ${why}`);

// §2.2: registration number and phone rules
export const registrationNumberMissing = (country: string) =>
  pc(400, 600049, `organizationRegistrationNumber is required for companies in ${country}.`, ['companyProfile.organizationRegistrationNumber']);
export const registrationNumberInvalid = (regex: string) =>
  pc(400, 600050, `organizationRegistrationNumber is not in a valid format. Expected format: ${regex}`, ['companyProfile.organizationRegistrationNumber']);
export const phoneNumberMissing = (country: string) =>
  pc(400, 600051, `defaultAddress.phoneNumber is required for companies in ${country}.`, ['billingProfile.defaultAddress.phoneNumber']);
export const registrationNumberNotSupported = (country: string) =>
  pc(400, 600002, `organizationRegistrationNumber is not supported for companies in ${country}.`, ['companyProfile.organizationRegistrationNumber']);
/** Domain already used by another tenant ([3rd-party] wording, §3); status/code are an emulator choice. */
export const domainAlreadyExists = (domain: string) =>
  pc(409, 600011, `The domain specified during customer creation is already used by another tenant: ${domain}.`, ['companyProfile.domain']);
/** §1.4 sandbox limits. */
export const sandboxLimitReached = (what: string) => pc(400, 800018, `The sandbox limit has been met: ${what}.`);

// §5: agreements
export const agreementAlreadyExists = () =>
  pc(409, 600061, 'A partner confirmed agreement already exists for the customer.', [], 'PartnerFD', {
    message: 'A partner confirmed agreement already exists for the customer.',
    errorName: 'PartnerConfirmedAgreementAlreadyExists',
    isRetryable: false,
  });
/**
 * The partner-typed MCA confirmation after the emulator's cut-over (settings
 * `legacyMcaAttestationRetiredAt`). Microsoft has not published the code it will answer; the
 * emulator uses the documented "action not allowed" (docs/EMULATOR-DIFFERENCES.md, "Agreements").
 */
export const legacyMcaConfirmationRetired = () =>
  pc(
    403,
    600006,
    'The requested action is not allowed. Partner-provided confirmation of the Microsoft Customer Agreement is retired: create an enhanced attestation (POST /v1/attestations/enhanced), let the customer accept, then create the agreement from the attestation id.',
  );
export const attestationNotFound = (id: string) => pc(404, 1000, `Attestation ${id} was not found.`);
export const attestationNotAccepted = (id: string, status: string) =>
  pc(400, 3000, `Attestation ${id} is ${status}: the signatory has not accepted the Microsoft Customer Agreement.`, ['attestationId']);
export const attestationUsedForAnotherCustomer = (id: string) =>
  pc(400, 3000, `Attestation ${id} was already used to create an agreement for another customer.`, ['attestationId']);
export const mcaNotAccepted = () =>
  pc(
    403,
    13605,
    'Either a partner confirmation of the customer acceptance of the Microsoft Customer Agreement must be provided or the customer must accept the Microsoft Customer Agreement in the Microsoft Admin Center before you can complete this purchase.',
  );

// §7: MPN / MPA
export const mpnNotFound = (mpnId: string) => pc(404, 3000, `Partner Organization with partner_id ${mpnId} could not be found`, []);
export const mpaBadInput = (description: string) => pc(400, 2000, description, [], 'ComplianceController');
export const mpaMissingInput = () => pc(400, 2001, 'Either MPN Id or Tenant Id must be passed.', [], 'ComplianceController');
export const mpaMpnInvalid = (mpnId: string) => pc(400, 2200, `MPN Id ${mpnId} is invalid or not migrated to Partner Center.`, [], 'ComplianceController');
export const mpaRegionMismatch = (mpnId: string) => pc(400, 2201, `The CSP region of partner ${mpnId} does not match the region of the indirect provider.`, [], 'ComplianceController');
export const mpaNotSignedForRegion = (mpnId: string, region: string) =>
  pc(400, 2203, `Microsoft Partner Agreement is not signed by partner ${mpnId} for region ${region}.`, [], 'ComplianceController');
export const mpaNotIndirectReseller = (mpnId: string) =>
  pc(400, 2204, `MPN Id ${mpnId} is not associated with any CSP indirect reseller account.`, [], 'ComplianceController');
export const mpaTenantNotFound = (tenantId: string) => pc(400, 2205, `No CSP account was found for tenant id ${tenantId}.`, [], 'ComplianceController');

// §7: partner of record at order time
export const partnerIdNotFound = (id: string) => pc(404, 800015, `PartnerID ${id} was not found.`);
export const partnerIdNotIndirectReseller = (id: string) => pc(400, 800016, `PartnerID ${id} isn't a valid Indirect Reseller.`);
export const ownPartnerIdOnRecord = (id: string) => pc(404, 2072, `PartnerID ${id} is the provider's own PartnerID and can't be used as partner of record.`);
export const resellerMpaNotAccepted = (id: string) => pc(403, 900123, `The indirect reseller ${id} hasn't accepted the Microsoft Partner Agreement.`);
/**
 * 400/900400: the partner of record is not a valid PLA of an authorized indirect reseller (a global
 * ID, an expired or withdrawn authorization). Microsoft documents 900400 for `validateresellers`
 * (§7.1); that checkout answers the same code is the emulator's choice (docs/EMULATOR-DIFFERENCES.md).
 */
export const partnerOfRecordNotValid = (description: string) => pc(400, 900400, description);

// §8, §9: catalog, carts, orders
export const countryRequired = () => pc(400, 3000, 'The country query parameter is required.', ['country']);
export const targetViewNotAllowed = (view: string) => pc(403, 400036, `targetView ${view} is not allowed.`);
export const targetSegmentNotAllowed = (segment: string) => pc(403, 400030, `targetSegment ${segment} is not allowed.`);
export const offerNotAvailableInCountry = (offer: string, country: string) => pc(400, 800070, `Offer ${offer} is not available in country ${country}.`);
export const cartBusy = (cartId: string) => pc(409, 800064, `Cart ${cartId} is being processed by another request.`);
export const cartAlreadySubmitted = (cartId: string) => pc(400, 800065, `Can't check out an already submitted cart ${cartId}.`);
export const orderInProgress = () => pc(409, 800060, 'Your order is in progress. Please check the order status later.');

// §10: subscriptions
export const quantityOutOfRange = (min: number, max: number) => pc(400, 2002, `Quantity must be between ${min} and ${max}.`, ['quantity']);
export const quantityDecreaseNotAllowed = () => pc(400, 800090, 'Subscription quantity cannot be decreased.');
export const cancellationWindowPassed = () => pc(400, 900117, 'The subscription can only be cancelled within 7 days (168 hours) of purchase or renewal.');
export const deletedSubscriptionUpdate = () => pc(400, 2011, 'A deleted subscription cannot be updated.');
export const etagStale = () => pc(400, 2055, 'The ETag is no longer valid. Get the resource again and retry.');

// §11: users and licenses
export const licensesExhausted = (skuId: string) => pc(400, 60012, `No licenses are available for sku ${skuId}.`);
export const userAlreadyExists = (upn: string) => pc(409, 600000, `A user with userPrincipalName ${upn} already exists.`, ['userPrincipalName']);
/** 400/3000: the UPN's domain is not a domain of the customer's tenant ("Create user accounts for a customer"). */
export const upnDomainNotOwned = (domain: string, owned: string[]) =>
  pc(400, 3000, `The domain ${domain} of userPrincipalName is not a domain of the customer (${owned.join(', ')}).`, ['userPrincipalName']);
/** 400/3000: the password fails Entra's complexity rule (emulator choice of code, docs/EMULATOR-DIFFERENCES.md). */
export const passwordNotComplex = (why: string) => pc(400, 3000, `The password does not meet the complexity requirements. ${why}`, ['passwordProfile.password']);
/** 409/600000: the user is already a member of the directory role (emulator choice of code, docs/EMULATOR-DIFFERENCES.md). */
export const alreadyRoleMember = (upn: string, role: string) => pc(409, 600000, `The user ${upn} is already a member of the directory role ${role}.`, ['id']);
/** 400/3000: removing the last member of Company Administrator would leave the tenant without a Global Administrator. */
export const lastGlobalAdministrator = () => pc(400, 3000, 'The last Company Administrator of a tenant cannot be removed.', ['id']);

// §16: webhooks
export const webhookNotRegistered = () => pc(404, 1000, 'No webhook registration exists for this partner.');
export const webhookAlreadyRegistered = () => pc(409, 1001, 'A webhook registration already exists for this partner; update it with PUT.');
export const webhookTestRateLimited = () => pc(429, 1002, 'Webhook validation events are limited to 2 requests per minute.');
export const webhookTestNotRegistered = () => pc(400, 3000, 'Register for the test-created event before requesting a validation event.');

// §15: strictness
export const methodNotAllowed = (method: string, path: string) => pc(405, 405, `The method ${method} is not supported on ${path}.`);
/** 501: an operation Microsoft has but the emulator does not model (docs/EMULATOR-DIFFERENCES.md). */
export const notEmulated = (what: string) =>
  new EmulatorError(501, { code: 'NotEmulated', description: `Not emulated: ${what}. See docs/EMULATOR-DIFFERENCES.md.`, data: [what], source: 'CspEmulator' });

// §15: server-side faults (used by fault injection when no body is given)
export const unexpectedError = () => pc(500, 800003, 'An unexpected error occurred.');
export const retryLater = (status: number) => pc(status, 900192, 'The service is temporarily unavailable. Retry later.');

/** 429 with the throttling body, which differs from the error schema (docs/PARTNER-CENTER-REFERENCE.md §14). */
export const throttled = (retryAfterSeconds: number) =>
  new EmulatorError(
    429,
    { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` },
    { 'Retry-After': String(retryAfterSeconds) },
  );

// Learn "Create a transfer for new commerce" / "Update a transfer request for new commerce": the
// pages name the conditions (only an active transfer can be cancelled, only by the target partner
// that created it; the source partner accepts with its line items) but no codes; the codes and
// statuses are the emulator's (docs/EMULATOR-DIFFERENCES.md, "Transfers").
/** 400/800120: nothing to transfer, or a line item the transfer cannot take (with Microsoft's eligibility reason). */
export const transferNotEligible = (reason: string) => pc(400, 800120, `The transfer is not eligible: ${reason}`);
/** 400/800121: the transfer is no longer active (completed, cancelled or expired). */
export const transferNotActive = (status: string) => pc(400, 800121, `The transfer is ${status}; only an active transfer can be updated.`);
/** 403/800122: the caller is not the partner this change belongs to (the target cancels, the source accepts). */
export const transferWrongPartner = (why: string) => pc(403, 800122, `The transfer cannot be updated by this partner: ${why}`);
/** 409/800123: the customer already has an active transfer from this source partner to the caller. */
export const transferAlreadyExists = (transferId: string) => pc(409, 800123, `An active transfer from this partner already exists for the customer: ${transferId}.`);
/** 400/800124: a line item's subscription was already transferred to the target partner. */
export const subscriptionAlreadyTransferred = (subscriptionId: string) => pc(400, 800124, `Subscription ${subscriptionId} was already transferred.`);
/** 404/800125: no transfer with this id for the customer. */
export const transferNotFound = (transferId: string) => pc(404, 800125, `Transfer ${transferId} was not found.`);
