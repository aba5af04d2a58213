/**
 * Path builders for every emulated operation (partner-center-api.md §0–§16). Partner Center paths
 * are relative to `https://api.partnercenter.microsoft.com`, Graph paths to
 * `https://graph.microsoft.com/v1.0`, token paths to `https://login.microsoftonline.com`.
 * The emulator mounts the same paths under one origin: Partner Center at `/`, Graph at
 * `/graph/v1.0`, login at `/login`.
 */
const e = encodeURIComponent;

export const EmulatorMount = { graph: '/graph/v1.0', login: '/login', admin: '/admin', control: '/_emulator' } as const;

export const TokenPath = {
  v1: (tenant: string) => `/${e(tenant)}/oauth2/token`,
  v2: (tenant: string) => `/${e(tenant)}/oauth2/v2.0/token`,
};

export const PcPath = {
  customers: () => '/v1/customers',
  customer: (customerId: string) => `/v1/customers/${e(customerId)}`,
  companyProfile: (customerId: string) => `/v1/customers/${e(customerId)}/profiles/company`,
  billingProfile: (customerId: string) => `/v1/customers/${e(customerId)}/profiles/billing`,
  customerRelationships: (customerId: string) => `/v1/customers/${e(customerId)}/relationships`,
  domain: (domain: string) => `/v1/domains/${e(domain)}`,
  addressValidation: () => '/v1/validations/address',
  countryValidationRules: (iso2: string) => `/v1/countryvalidationrules/${e(iso2)}`,
  agreementMetadata: () => '/v1/agreements',
  customerAgreements: (customerId: string) => `/v1/customers/${e(customerId)}/agreements`,
  directSignStatus: (customerId: string) => `/v1/customers/${e(customerId)}/directSignedMicrosoftCustomerAgreementStatus`,
  relationshipRequests: () => '/v1/customers/relationshiprequests',
  relationships: () => '/v1/relationships',
  mpnProfile: () => '/v1/profiles/mpn',
  agreementStatus: () => '/v1/compliance/csp/agreementstatus',
  products: () => '/v1/products',
  product: (productId: string) => `/v1/products/${e(productId)}`,
  skus: (productId: string) => `/v1/products/${e(productId)}/skus`,
  sku: (productId: string, skuId: string) => `/v1/products/${e(productId)}/skus/${e(skuId)}`,
  availabilities: (productId: string, skuId: string) => `/v1/products/${e(productId)}/skus/${e(skuId)}/availabilities`,
  availability: (productId: string, skuId: string, availabilityId: string) =>
    `/v1/products/${e(productId)}/skus/${e(skuId)}/availabilities/${e(availabilityId)}`,
  carts: (customerId: string) => `/v1/customers/${e(customerId)}/carts`,
  cart: (customerId: string, cartId: string) => `/v1/customers/${e(customerId)}/carts/${e(cartId)}`,
  checkout: (customerId: string, cartId: string) => `/v1/customers/${e(customerId)}/carts/${e(cartId)}/checkout`,
  orders: (customerId: string) => `/v1/customers/${e(customerId)}/orders`,
  order: (customerId: string, orderId: string) => `/v1/customers/${e(customerId)}/orders/${e(orderId)}`,
  orderProvisioningStatus: (customerId: string, orderId: string) =>
    `/v1/customers/${e(customerId)}/orders/${e(orderId)}/provisioningstatus`,
  subscriptions: (customerId: string) => `/v1/customers/${e(customerId)}/subscriptions`,
  subscription: (customerId: string, subscriptionId: string) => `/v1/customers/${e(customerId)}/subscriptions/${e(subscriptionId)}`,
  subscriptionProvisioningStatus: (customerId: string, subscriptionId: string) =>
    `/v1/customers/${e(customerId)}/subscriptions/${e(subscriptionId)}/provisioningstatus`,
  users: (customerId: string) => `/v1/customers/${e(customerId)}/users`,
  user: (customerId: string, userId: string) => `/v1/customers/${e(customerId)}/users/${e(userId)}`,
  userLicenses: (customerId: string, userId: string) => `/v1/customers/${e(customerId)}/users/${e(userId)}/licenses`,
  licenseUpdates: (customerId: string, userId: string) => `/v1/customers/${e(customerId)}/users/${e(userId)}/licenseupdates`,
  directoryRoles: (customerId: string) => `/v1/customers/${e(customerId)}/directoryroles`,
  directoryRoleUserMembers: (customerId: string, roleId: string) => `/v1/customers/${e(customerId)}/directoryroles/${e(roleId)}/usermembers`,
  subscribedSkus: (customerId: string) => `/v1/customers/${e(customerId)}/subscribedskus`,
  auditRecords: () => '/v1/auditrecords',
  webhookRegistration: () => '/webhooks/v1/registration',
  webhookEvents: () => '/webhooks/v1/registration/events',
  webhookValidationEvents: () => '/webhooks/v1/registration/validationEvents',
  webhookValidationEvent: (correlationId: string) => `/webhooks/v1/registration/validationEvents/${e(correlationId)}`,
};

/** Graph GDAP paths, relative to the Graph version root (`/v1.0`). */
export const GraphPath = {
  relationships: () => '/tenantRelationships/delegatedAdminRelationships',
  relationship: (id: string) => `/tenantRelationships/delegatedAdminRelationships/${e(id)}`,
  requests: (id: string) => `/tenantRelationships/delegatedAdminRelationships/${e(id)}/requests`,
  request: (id: string, requestId: string) => `/tenantRelationships/delegatedAdminRelationships/${e(id)}/requests/${e(requestId)}`,
  accessAssignments: (id: string) => `/tenantRelationships/delegatedAdminRelationships/${e(id)}/accessAssignments`,
  accessAssignment: (id: string, assignmentId: string) =>
    `/tenantRelationships/delegatedAdminRelationships/${e(id)}/accessAssignments/${e(assignmentId)}`,
  operations: (id: string) => `/tenantRelationships/delegatedAdminRelationships/${e(id)}/operations`,
  customers: () => '/tenantRelationships/delegatedAdminCustomers',
  customer: (id: string) => `/tenantRelationships/delegatedAdminCustomers/${e(id)}`,
};

/** The customer's GDAP approval link (partner-center-api.md §12.3). `adminBase` is admin.microsoft.com or the emulator's `/admin`. */
export function gdapApprovalUrl(adminBase: string, relationshipId: string): string {
  return `${adminBase}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}`;
}
