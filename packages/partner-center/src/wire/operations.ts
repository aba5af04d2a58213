/**
 * The one catalogue of the Partner Center and Graph operations CSP Hub knows: for each, its stable
 * id (`family.verb`, the name in logs, metrics and the emulator's call log), HTTP method, path
 * template, API, the authentication Microsoft accepts and the throttle class Microsoft enforces.
 * The client builds its requests from it (`fromCatalogue` in `src/api-request.ts`) and the
 * emulator registers its routes from it (`ApiRouter.op`); `operation-catalogue.test.ts` in the
 * emulator checks that both sides use exactly these ids.
 *
 * Paths are templates with `{name}` parameters: Partner Center paths are relative to
 * `https://api.partnercenter.microsoft.com` (they start with `/v1` or `/webhooks/v1`), Graph paths
 * to the Graph version root `https://graph.microsoft.com/v1.0` (docs/PARTNER-CENTER-REFERENCE.md).
 */
export type OperationApi = 'partnerCenter' | 'graph';

/**
 * Who may call it, from the Prerequisites of each Microsoft page (docs/PARTNER-CENTER-REFERENCE.md §1.2):
 * `any` = app-only or App+User; `appUser` = App+User only (Microsoft answers 403/900329 to an
 * app-only token). A client call site may still ask for App+User on an `any` operation where one
 * use of it is App+User only (a customer created for an indirect reseller, the customers of a
 * reseller) or where CSP Hub deliberately uses the partner user's delegated token (Graph GDAP).
 */
export type OperationAuth = 'any' | 'appUser';

export type OperationMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Throttle classes, from Microsoft's "API throttling guidance for partners calling Partner Center
 * APIs" (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance). That page
 * lists the endpoints where throttling is enforced today (orders, order by id and its provisioning
 * status, carts create/update/checkout, customer by id, a customer's subscriptions, a subscription
 * by id and its update, add-ons, Azure entitlements, registrations, upgrades, conversions,
 * transfers, new-commerce migrations) and says the key is the partner tenant for some APIs and the
 * (partner tenant, customer tenant) pair for others, without a per-endpoint number. The numbers
 * come from the resource pages ("Customer resources", "Order resources", "Subscription
 * resources"): 500 requests per minute per tenant identifier. Every listed endpoint CSP Hub calls
 * names the customer in its path, so the key is read as (partner, customer) [inference; the page
 * does not say which endpoint uses which key]. Endpoints not on Microsoft's list have no class and
 * are not limited, by the client or by the emulator.
 */
export type ThrottleClass = 'customers' | 'orders' | 'subscriptions';

export interface ThrottleClassDefinition {
  /** What the budget is counted per. */
  key: 'partner' | 'partnerCustomer';
  /** Microsoft's published limit in `windowMs`. */
  limit: number;
  windowMs: number;
}

export const ThrottleClasses: Readonly<Record<ThrottleClass, ThrottleClassDefinition>> = {
  /** "The Customer resource has a rate limit of 500 requests per minute per tenant identifier." */
  customers: { key: 'partnerCustomer', limit: 500, windowMs: 60_000 },
  /** The Order resource (orders, provisioning status) and the cart endpoints that make orders. */
  orders: { key: 'partnerCustomer', limit: 500, windowMs: 60_000 },
  /** "The Subscription resource has a rate limit of 500 requests per minute per tenant identifier." */
  subscriptions: { key: 'partnerCustomer', limit: 500, windowMs: 60_000 },
};

export interface OperationDefinition {
  method: OperationMethod;
  /** Path template, `{name}` for a parameter. */
  path: string;
  api: OperationApi;
  auth: OperationAuth;
  /** Set only for endpoints on Microsoft's throttling list. */
  throttle?: ThrottleClass;
  /** Section of docs/PARTNER-CENTER-REFERENCE.md the operation follows. */
  doc: string;
  /** Served by the emulator (for tests and Microsoft's own tools) but not called by CSP Hub's client. */
  emulatorOnly?: true;
  /**
   * `partnerApi`: served from Microsoft's partner API host (`https://api.partner.microsoft.com`,
   * the pricing APIs) rather than Partner Center's; the path is relative to that host. The emulator
   * serves both on one origin.
   */
  host?: 'partnerApi';
  /** The answer is a file (CSV), not JSON: the client hands the parser the text. */
  responseText?: true;
}

export const PartnerCenterOperations = {
  'agreements.metadata': { method: 'GET', path: '/v1/agreements', api: 'partnerCenter', auth: 'any', doc: '§5.1' },
  // App+User for the partner-typed confirmation (§5.2), app-only for one made from an attestation (§5.5): the handler tells them apart by the body.
  'agreements.create': { method: 'POST', path: '/v1/customers/{customerId}/agreements', api: 'partnerCenter', auth: 'any', doc: '§5.2, §5.5' },
  'agreements.list': { method: 'GET', path: '/v1/customers/{customerId}/agreements', api: 'partnerCenter', auth: 'appUser', doc: '§5.3' },
  'agreements.directSignStatus': { method: 'GET', path: '/v1/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus', api: 'partnerCenter', auth: 'appUser', doc: '§5.4' },
  'attestations.createEnhanced': { method: 'POST', path: '/v1/attestations/enhanced', api: 'partnerCenter', auth: 'any', doc: '§5.5' },
  'attestations.getEnhanced': { method: 'GET', path: '/v1/attestations/enhanced/{attestationId}', api: 'partnerCenter', auth: 'any', doc: '§5.5' },
  'auditRecords.list': { method: 'GET', path: '/v1/auditrecords', api: 'partnerCenter', auth: 'any', doc: '§14' },
  'catalog.products.list': { method: 'GET', path: '/v1/products', api: 'partnerCenter', auth: 'any', doc: '§8' },
  'catalog.products.get': { method: 'GET', path: '/v1/products/{productId}', api: 'partnerCenter', auth: 'any', doc: '§8' },
  'catalog.skus.list': { method: 'GET', path: '/v1/products/{productId}/skus', api: 'partnerCenter', auth: 'any', doc: '§8' },
  'catalog.skus.get': { method: 'GET', path: '/v1/products/{productId}/skus/{skuId}', api: 'partnerCenter', auth: 'any', doc: '§8' },
  'catalog.availabilities.list': { method: 'GET', path: '/v1/products/{productId}/skus/{skuId}/availabilities', api: 'partnerCenter', auth: 'any', doc: '§8' },
  // Learn "Get a price sheet": the license-based new commerce sheet of a market, a file (CSV) for the
  // current month (default), a past one (timeline=history&month=YYYYMM) or the next (timeline=future).
  'pricing.priceSheets.get': { method: 'GET', path: "/v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value", api: 'partnerCenter', auth: 'appUser', doc: '§8.1', host: 'partnerApi', responseText: true },
  'catalog.availabilities.get': { method: 'GET', path: '/v1/products/{productId}/skus/{skuId}/availabilities/{availabilityId}', api: 'partnerCenter', auth: 'any', doc: '§8' },
  'carts.create': { method: 'POST', path: '/v1/customers/{customerId}/carts', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.1' },
  'carts.get': { method: 'GET', path: '/v1/customers/{customerId}/carts/{cartId}', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.1' },
  'carts.update': { method: 'PUT', path: '/v1/customers/{customerId}/carts/{cartId}', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.1' },
  'carts.checkout': { method: 'POST', path: '/v1/customers/{customerId}/carts/{cartId}/checkout', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.2' },
  'orders.list': { method: 'GET', path: '/v1/customers/{customerId}/orders', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.3' },
  'orders.get': { method: 'GET', path: '/v1/customers/{customerId}/orders/{orderId}', api: 'partnerCenter', auth: 'any', throttle: 'orders', doc: '§9.3' },
  'orders.provisioningStatus': { method: 'GET', path: '/v1/customers/{customerId}/orders/{orderId}/provisioningstatus', api: 'partnerCenter', auth: 'appUser', throttle: 'orders', doc: '§9.3' },
  'relationshipRequests.get': { method: 'GET', path: '/v1/customers/relationshiprequests', api: 'partnerCenter', auth: 'appUser', doc: '§6' },
  'customers.create': { method: 'POST', path: '/v1/customers', api: 'partnerCenter', auth: 'any', doc: '§2.2' },
  'customers.list': { method: 'GET', path: '/v1/customers', api: 'partnerCenter', auth: 'any', doc: '§2.5' },
  'customers.get': { method: 'GET', path: '/v1/customers/{customerId}', api: 'partnerCenter', auth: 'any', throttle: 'customers', doc: '§2.4' },
  'customers.patch': { method: 'PATCH', path: '/v1/customers/{customerId}', api: 'partnerCenter', auth: 'any', doc: '§2.8', emulatorOnly: true },
  'customers.delete': { method: 'DELETE', path: '/v1/customers/{customerId}', api: 'partnerCenter', auth: 'any', doc: '§2.7' },
  'customers.companyProfile.get': { method: 'GET', path: '/v1/customers/{customerId}/profiles/company', api: 'partnerCenter', auth: 'any', doc: '§2.4', emulatorOnly: true },
  'customers.billingProfile.get': { method: 'GET', path: '/v1/customers/{customerId}/profiles/billing', api: 'partnerCenter', auth: 'any', doc: '§2.1', emulatorOnly: true },
  'customers.billingProfile.update': { method: 'PUT', path: '/v1/customers/{customerId}/profiles/billing', api: 'partnerCenter', auth: 'any', doc: '§2.1', emulatorOnly: true },
  'customers.relationships.list': { method: 'GET', path: '/v1/customers/{customerId}/relationships', api: 'partnerCenter', auth: 'appUser', doc: '§6', emulatorOnly: true },
  'domains.check': { method: 'HEAD', path: '/v1/domains/{domain}', api: 'partnerCenter', auth: 'any', doc: '§3' },
  'directoryRoles.list': { method: 'GET', path: '/v1/customers/{customerId}/directoryroles', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'directoryRoles.members.list': { method: 'GET', path: '/v1/customers/{customerId}/directoryroles/{roleId}/usermembers', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'directoryRoles.members.add': { method: 'POST', path: '/v1/customers/{customerId}/directoryroles/{roleId}/usermembers', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'directoryRoles.members.remove': { method: 'DELETE', path: '/v1/customers/{customerId}/directoryroles/{roleId}/usermembers/{userId}', api: 'partnerCenter', auth: 'appUser', doc: '§11', emulatorOnly: true },
  'gdap.relationships.create': { method: 'POST', path: '/tenantRelationships/delegatedAdminRelationships', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.relationships.list': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.relationships.get': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.relationships.update': { method: 'PATCH', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.relationships.delete': { method: 'DELETE', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}', api: 'graph', auth: 'any', doc: '§12.3', emulatorOnly: true },
  'gdap.requests.create': { method: 'POST', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/requests', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.requests.list': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/requests', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.requests.get': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/requests/{requestId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.operations.list': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/operations', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.operations.get': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/operations/{operationId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.accessAssignments.create': { method: 'POST', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.accessAssignments.list': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.accessAssignments.get': { method: 'GET', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.accessAssignments.update': { method: 'PATCH', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}', api: 'graph', auth: 'any', doc: '§12.3' },
  'gdap.accessAssignments.delete': { method: 'DELETE', path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}', api: 'graph', auth: 'any', doc: '§12.3', emulatorOnly: true },
  'gdap.customers.list': { method: 'GET', path: '/tenantRelationships/delegatedAdminCustomers', api: 'graph', auth: 'any', doc: '§12.3', emulatorOnly: true },
  'entra.roleDefinitions.list': { method: 'GET', path: '/roleManagement/directory/roleDefinitions', api: 'graph', auth: 'any', doc: '§12.4' },
  'relationships.list': { method: 'GET', path: '/v1/relationships', api: 'partnerCenter', auth: 'appUser', doc: '§7' },
  'profiles.mpn': { method: 'GET', path: '/v1/profiles/mpn', api: 'partnerCenter', auth: 'appUser', doc: '§7' },
  'compliance.agreementStatus': { method: 'GET', path: '/v1/compliance/csp/agreementstatus', api: 'partnerCenter', auth: 'appUser', doc: '§7' },
  // Not on Microsoft's throttling list (api-throttling-guidance), so no throttle class: neither the client nor the emulator limits it.
  'partners.validateResellers': { method: 'POST', path: '/v1/partners/validateresellers', api: 'partnerCenter', auth: 'any', doc: '§7.1' },
  // Before subscriptions.get: the emulator matches routes in registration order, and this path's last segment is a word, not an id.
  'subscriptions.customTermEndDates': { method: 'GET', path: '/v1/customers/{customerId}/subscriptions/customTermEndDates', api: 'partnerCenter', auth: 'any', doc: '§9.4' },
  'promotions.eligibilities': { method: 'POST', path: '/v1/customers/{customerId}/promotionEligibilities', api: 'partnerCenter', auth: 'any', doc: '§9.4' },
  'subscriptions.list': { method: 'GET', path: '/v1/customers/{customerId}/subscriptions', api: 'partnerCenter', auth: 'any', throttle: 'subscriptions', doc: '§10' },
  'subscriptions.get': { method: 'GET', path: '/v1/customers/{customerId}/subscriptions/{subscriptionId}', api: 'partnerCenter', auth: 'any', throttle: 'subscriptions', doc: '§10' },
  'subscriptions.patch': { method: 'PATCH', path: '/v1/customers/{customerId}/subscriptions/{subscriptionId}', api: 'partnerCenter', auth: 'any', throttle: 'subscriptions', doc: '§10' },
  'subscriptions.provisioningStatus': { method: 'GET', path: '/v1/customers/{customerId}/subscriptions/{subscriptionId}/provisioningstatus', api: 'partnerCenter', auth: 'appUser', doc: '§10' },
  // Learn "Create a transfer for new commerce", "Update a transfer request for new commerce", "Get customer's subscriptions transfer eligibility".
  'transfers.create': { method: 'POST', path: '/v1/customers/{customerId}/transfers', api: 'partnerCenter', auth: 'any', doc: '§10.2' },
  'transfers.list': { method: 'GET', path: '/v1/customers/{customerId}/transfers', api: 'partnerCenter', auth: 'any', doc: '§10.2' },
  'transfers.get': { method: 'GET', path: '/v1/customers/{customerId}/transfers/{transferId}', api: 'partnerCenter', auth: 'any', doc: '§10.2' },
  'transfers.update': { method: 'PATCH', path: '/v1/customers/{customerId}/transfers/{transferId}', api: 'partnerCenter', auth: 'any', doc: '§10.2' },
  'transfers.eligibility': { method: 'GET', path: '/v1/customers/{customerId}/transferseligibility', api: 'partnerCenter', auth: 'any', doc: '§10.2', emulatorOnly: true },
  'users.list': { method: 'GET', path: '/v1/customers/{customerId}/users', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'users.create': { method: 'POST', path: '/v1/customers/{customerId}/users', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'users.get': { method: 'GET', path: '/v1/customers/{customerId}/users/{userId}', api: 'partnerCenter', auth: 'appUser', doc: '§11', emulatorOnly: true },
  'users.update': { method: 'PATCH', path: '/v1/customers/{customerId}/users/{userId}', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'users.delete': { method: 'DELETE', path: '/v1/customers/{customerId}/users/{userId}', api: 'partnerCenter', auth: 'appUser', doc: '§11', emulatorOnly: true },
  'users.licenses.list': { method: 'GET', path: '/v1/customers/{customerId}/users/{userId}/licenses', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'users.licenseUpdates': { method: 'POST', path: '/v1/customers/{customerId}/users/{userId}/licenseupdates', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'subscribedSkus.list': { method: 'GET', path: '/v1/customers/{customerId}/subscribedskus', api: 'partnerCenter', auth: 'appUser', doc: '§11' },
  'validations.address': { method: 'POST', path: '/v1/validations/address', api: 'partnerCenter', auth: 'any', doc: '§4' },
  'validations.countryRules': { method: 'GET', path: '/v1/countryvalidationrules/{country}', api: 'partnerCenter', auth: 'any', doc: '§4' },
  'webhooks.events': { method: 'GET', path: '/webhooks/v1/registration/events', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.get': { method: 'GET', path: '/webhooks/v1/registration', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.register': { method: 'POST', path: '/webhooks/v1/registration', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.update': { method: 'PUT', path: '/webhooks/v1/registration', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.delete': { method: 'DELETE', path: '/webhooks/v1/registration', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.validationEvents.create': { method: 'POST', path: '/webhooks/v1/registration/validationEvents', api: 'partnerCenter', auth: 'any', doc: '§16' },
  'webhooks.validationEvents.get': { method: 'GET', path: '/webhooks/v1/registration/validationEvents/{correlationId}', api: 'partnerCenter', auth: 'any', doc: '§16' },
} as const satisfies Record<string, OperationDefinition>;

/** The id of a catalogued operation. */
export type OperationId = keyof typeof PartnerCenterOperations;

/** Every catalogued id. */
export const operationIds = Object.keys(PartnerCenterOperations) as OperationId[];

/** The catalogue entry of `id`, with its id. */
export function operationDefinition(id: OperationId): OperationDefinition & { id: OperationId } {
  return { id, ...(PartnerCenterOperations[id] as OperationDefinition) };
}
