/**
 * @csphub/partner-center: the typed client for Partner Center REST, Graph GDAP and the token
 * endpoint. The only CSP Hub code that speaks to Microsoft; wire models are exported
 * separately as `@csphub/partner-center/wire`.
 */
export {
  createPartnerCenterClient,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
  type PartnerCenterConnectionInfo,
} from './partner-center-client';
export {
  PartnerCenterConnectionSchema,
  parsePartnerCenterConnection,
  microsoftEndpoints,
  type PartnerCenterConnection,
  type PartnerCenterConnectionInput,
} from './partner-center-connection.schema';
export { emulatorEndpoints } from './emulator-endpoints';
export {
  PartnerCenterError,
  isPartnerCenterError,
  type PartnerCenterErrorJson,
} from './partner-center-error';
export {
  partnerCenterErrorCodes,
  isPartnerCenterErrorCode,
  type PartnerCenterErrorCode,
} from './partner-center-error-code';
export { mapMicrosoftError, isTransientStatus } from './microsoft-error-map';
export { systemClock, type TimerClock } from '@csphub/domain';
export type { Random } from './random';
export { createManualClock, type ManualClock } from './manual-clock';
export { silentLogger, type PartnerCenterLogger } from './logger';
export {
  createPartnerCenterMetrics,
  type PartnerCenterMetrics,
  type PartnerCenterMetricsSnapshot,
  type OperationCounters,
} from './partner-center-metrics';
export { RateLimiter, createLimiterRegistry, queueFullError, type CallPriority, type LimiterRegistry, type RateLimit } from './rate-limiter';
export { budgetSlot, type SharedBudgetOptions, type SharedRateBudget } from './shared-rate-budget';
export {
  defaultRetryPolicy,
  parseRetryAfter,
  computeBackoff,
  computeRetryDelay,
  type RetryPolicy,
} from './retry-policy';
export { defaultRateLimits, type CallOptions, type ClientRateLimits } from './request-pipeline';
export type { RefreshTokenCallback, TokenAudience, TokenFlow } from './token-provider';
export type { PagedResult } from './paged-result';
export type { PostalAddress } from './postal-address';
export type { CustomerTenant, CustomerRelationship, CustomerBillingProfile } from './customer-tenant';
export type { NewCustomer, CreatedCustomer, CustomerSearch } from './customers.ops';
export { toOnMicrosoftDomain } from './domains.ops';
export type { AddressValidation, CountryRules } from './address-validation.ops';
export type { McaTemplate, McaSigner, McaAttestation } from './customer-agreements.ops';
export type { McaSignatoryRequest, McaAcceptanceRequest, McaAttestationStatus } from './mca-attestations.ops';
export type { IndirectReseller, PartnerOfRecordValidation, PartnerProfile, ResellerPartnerIdCheck } from './indirect-resellers.ops';
export type {
  CatalogProduct,
  CatalogSku,
  CatalogAvailability,
  CatalogTerm,
  CatalogScope,
} from './catalog.ops';
export type { PriceSheetEntry, PriceSheetQuery } from './price-sheets.ops';
export type { Cart, CartLine, CartLineInput, CheckoutResult } from './carts.ops';
export type { CustomTermEndDate, PromotionEligibility } from './checkout-options.ops';
export type { Order, OrderLine, OrderLineProvisioning } from './orders.ops';
export type { NextTerm, Subscription, SubscriptionChange } from './subscriptions.ops';
export type { Transfer, TransferRequest, TransferState, TransferredSubscription } from './transfers.ops';
export type { ActivityRecord, ActivityFilter, ActivityQuery } from './audit-records.ops';
export type { CustomerUser, CustomerUserChanges, NewCustomerUser, SubscribedSku, UserLicense } from './customer-users.ops';
export { COMPANY_ADMINISTRATOR_ROLE_NAME, type CustomerDirectoryRole, type DirectoryRoleMember } from './directory-roles.ops';
export type { GdapRelationship, GdapRequest, NewGdapRelationship } from './gdap-relationships.ops';
export type { EntraRoleDefinition } from './entra-roles.ops';
export { isGdapRequestSettled } from './gdap-relationships.ops';
export type { GdapAccessAssignment, GdapAccessAssignmentUpdate, GdapOperation } from './gdap-access-assignments.ops';
export { isGdapOperationSettled } from './gdap-access-assignments.ops';
export type { WebhookRegistration, WebhookValidationStatus } from './webhooks.ops';
