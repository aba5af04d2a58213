/**
 * The API's shapes, for the web app: the route schemas (from where they are defined) and the types
 * inferred from them. The web imports the types with `import type` (nothing of the server enters its
 * bundle); in development it checks answers against the schema-only modules (`contract-schemas.ts`).
 * A route's shapes are added here when the web reads them; see docs/ARCHITECTURE.md.
 */
import type { z } from '@hono/zod-openapi';
import type { PriceRulesResponseSchema, PricesResponseSchema } from './commerce/pricing.schema';
import { AuditEntrySchema, type AuditLogPageSchema } from './audit/audit-log.routes';
import { SessionSchema } from './auth/auth.routes';
import { ApiTokenSchema } from './channel/api-tokens.routes';
import { PasswordResetSchema, UserListSchema, UserSchema } from './channel/company-users.routes';
import { ConnectionSchema, TestResultSchema } from './channel/connections.routes';
import type { BranchNodeSchema, BranchSchema, CompanySearchSchema, ReadinessSchema, SearchMatchSchema } from './channel/company-tree.routes';
import { PolicySchema, type DistributorSettingsSchema } from './channel/settings.routes';
import { SyncOptionsSchema } from './channel/sync-options.routes';
import { HealthSchema } from './system/health.routes';
import { LicensesResponseSchema } from './commerce/licenses.routes';
import { OutboxMessageSchema } from './onboarding/outbox.routes';
import { MoveItemSchema, type MoveViewSchema } from './commerce/subscriptions-move.routes';
import type { TransferViewSchema, TransfersViewSchema } from './commerce/subscription-transfers.routes';
import {
  AttestationSchema,
  AuthorizationSchema,
  CatalogResponseSchema,
  CatalogSkuSchema,
  CompanySchema,
  DomainCheckSchema,
  OnboardingContextSchema,
  OpenAuthorizationSchema,
  OrderSchema,
  ServiceSchema,
  PartnerIdVerdictSchema,
  PrerequisitesSchema,
  RunSchema,
  SubscriptionSchema,
  SubscriptionsResponseSchema,
  TreeNodeSchema,
  TreeSchema,
  VerifySchema,
} from './contract-schemas';

export {
  HealthSchema,
  LicensesResponseSchema,
  MoveItemSchema,
  OutboxMessageSchema,
  PolicySchema,
  ServiceSchema,
  ApiTokenSchema,
  AttestationSchema,
  AuditEntrySchema,
  AuthorizationSchema,
  CatalogResponseSchema,
  CatalogSkuSchema,
  CompanySchema,
  ConnectionSchema,
  DomainCheckSchema,
  OnboardingContextSchema,
  OpenAuthorizationSchema,
  OrderSchema,
  PartnerIdVerdictSchema,
  PasswordResetSchema,
  PrerequisitesSchema,
  RunSchema,
  SessionSchema,
  SubscriptionSchema,
  SubscriptionsResponseSchema,
  SyncOptionsSchema,
  TestResultSchema,
  TreeNodeSchema,
  TreeSchema,
  UserListSchema,
  UserSchema,
  VerifySchema,
};

/** The answer of every list route (`listOf(...)`): `ListOf<Order>` is `{ items: Order[] }`. */
export type { ListOf } from './http/json-content';

// System
import type { SystemSchema } from './system/system.routes';
export type SystemInfo = z.infer<typeof SystemSchema>;

// Channel and accounts
export type SessionInfo = z.infer<typeof SessionSchema>;
export type TreeNode = z.infer<typeof TreeNodeSchema>;
export type CompanyTree = z.infer<typeof TreeSchema>;
export type CompanyBranch = z.infer<typeof BranchSchema>;
export type BranchNode = z.infer<typeof BranchNodeSchema>;
export type CompanySearchMatch = z.infer<typeof SearchMatchSchema>;
export type CompanySearch = z.infer<typeof CompanySearchSchema>;
export type ChannelReadiness = z.infer<typeof ReadinessSchema>;
export type Company = z.infer<typeof CompanySchema>;
export type Prerequisites = z.infer<typeof PrerequisitesSchema>;
export type PrerequisiteProblem = Prerequisites['items'][number]['problems'][number];
export type User = z.infer<typeof UserSchema>;
export type UserList = z.infer<typeof UserListSchema>;
export type PasswordReset = z.infer<typeof PasswordResetSchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type SyncOptions = z.infer<typeof SyncOptionsSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
export type Connection = z.infer<typeof ConnectionSchema>;
export type ConnectionTestResult = z.infer<typeof TestResultSchema>;
export type DistributorPolicy = z.infer<typeof PolicySchema>;
export type DistributorSettings = z.infer<typeof DistributorSettingsSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type { RevalidationPassDto as ResellerRevalidation } from './channel/reseller-revalidation.routes';
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

// Commerce
export type Catalog = z.infer<typeof CatalogResponseSchema>;
export type CatalogSku = z.infer<typeof CatalogSkuSchema>;
export type CatalogProduct = Catalog['categories'][number]['groups'][number]['products'][number];
export type Order = z.infer<typeof OrderSchema>;
export type OrderStatus = Order['status'];
export type Subscription = z.infer<typeof SubscriptionSchema>;
export type SubscriptionAction = keyof Subscription['actions'];
export type Subscriptions = z.infer<typeof SubscriptionsResponseSchema>;
export type TenantSubscriptions = Subscriptions['tenants'][number];
export type TenantLicenses = z.infer<typeof LicensesResponseSchema>;
export type SubscriptionMoveItem = z.infer<typeof MoveItemSchema>;
export type SubscriptionMoves = z.infer<typeof MoveViewSchema>;
export type SubscriptionTransfer = z.infer<typeof TransferViewSchema>;
export type SubscriptionTransfers = z.infer<typeof TransfersViewSchema>;

// Onboarding
export type OnboardingContext = z.infer<typeof OnboardingContextSchema>;
export type DomainCheck = z.infer<typeof DomainCheckSchema>;
export type PartnerIdVerdict = z.infer<typeof PartnerIdVerdictSchema>;
export type PartnerIdStatus = PartnerIdVerdict['status'];
export type Authorization = z.infer<typeof AuthorizationSchema>;
export type OpenAuthorization = z.infer<typeof OpenAuthorizationSchema>;
export type VerifyResult = z.infer<typeof VerifySchema>;
export type Attestation = z.infer<typeof AttestationSchema>;
export type Run = z.infer<typeof RunSchema>;
import type { McaStatusSchema } from './onboarding/mca-acceptance.routes';
export type McaStatus = z.infer<typeof McaStatusSchema>;
export type OnboardingService = z.infer<typeof ServiceSchema>;

import type { WizardDraftSchema, WizardDraftStateSchema } from './onboarding/wizard-draft.schema';
export type WizardDraft = z.infer<typeof WizardDraftSchema>;
export type WizardDraftState = z.infer<typeof WizardDraftStateSchema>;

// Onboarding requests (what the web sends, `z.input`: defaults may be left out) and their answers
import type { PartnerIdCheckBodySchema, RunStartedSchema, TermsSchema } from './onboarding/onboarding.schema';
import type { NewTenantOrderSchema, NewTenantStartedSchema } from './onboarding/onboarding-new-tenant.routes';
import type { AcceptanceRequestBodySchema } from './onboarding/mca-acceptance.routes';
import type { McaCheckAcceptedSchema, RevealedCredentialsSchema, RunRetryAcceptedSchema } from './onboarding/onboarding-run-actions.routes';
import type { CheckoutBodySchema, LinkVisibleBodySchema, OpenAuthorizationBodySchema, SendRequestBodySchema, VerifyBodySchema } from './onboarding/existing-tenant.schema';
import type { SavedWizardDraftSchema, WizardDraftBodySchema } from './onboarding/wizard-draft.schema';
export type CustomerAgreementTerms = z.infer<typeof TermsSchema>;
export type PartnerIdCheckRequest = z.input<typeof PartnerIdCheckBodySchema>;
export type NewTenantOrder = z.input<typeof NewTenantOrderSchema>;
export type NewTenantStarted = z.infer<typeof NewTenantStartedSchema>;
export type RunStarted = z.infer<typeof RunStartedSchema>;
export type McaAcceptanceRequest = z.input<typeof AcceptanceRequestBodySchema>;
export type RunRetryAccepted = z.infer<typeof RunRetryAcceptedSchema>;
export type McaCheckAccepted = z.infer<typeof McaCheckAcceptedSchema>;
export type RevealedCredentials = z.infer<typeof RevealedCredentialsSchema>;
export type OpenAuthorizationRequest = z.input<typeof OpenAuthorizationBodySchema>;
export type SendAuthorizationRequest = z.input<typeof SendRequestBodySchema>;
export type VerifyRequest = z.input<typeof VerifyBodySchema>;
export type LinkVisibleRequest = z.input<typeof LinkVisibleBodySchema>;
export type ExistingTenantCheckout = z.input<typeof CheckoutBodySchema>;
export type WizardDraftBody = z.input<typeof WizardDraftBodySchema>;
export type SavedWizardDraft = z.infer<typeof SavedWizardDraftSchema>;

export type { WebhookDelivery, WebhookSubscription } from './webhooks/webhooks.schema';
import type { EventCatalogueSchema } from './webhooks/webhooks.schema';
export type WebhookEventCatalogue = z.infer<typeof EventCatalogueSchema>;
// Notification templates
import type { NotificationTemplateListSchema, TemplatePreviewSchema, TemplateTextSchema, TestSendResultSchema } from './notifications/notification-templates.schema';
export type NotificationTemplateList = z.infer<typeof NotificationTemplateListSchema>;
export type NotificationTemplatePreview = z.infer<typeof TemplatePreviewSchema>;
export type NotificationTemplateText = z.infer<typeof TemplateTextSchema>;
export type NotificationTestSend = z.infer<typeof TestSendResultSchema>;
export type { NotificationTemplateView, NotificationTemplateWording } from './notifications/notification-templates.schema';
// GDAP
import type { GdapCatalogueRoleSchema, GdapRelationshipSchema, GdapTemplateSchema, GdapUpgradePreviewSchema } from './gdap/gdap.schema';
export type GdapTemplate = z.infer<typeof GdapTemplateSchema>;
export type GdapCatalogueRole = z.infer<typeof GdapCatalogueRoleSchema>;
export type GdapRelationship = z.infer<typeof GdapRelationshipSchema>;
export type GdapUpgradePreview = z.infer<typeof GdapUpgradePreviewSchema>;
// Cockpit
import type { CockpitListSchema, CockpitSummarySchema } from './cockpit/cockpit.schema';
import type { BulkJobSchema, BulkPlanSchema, GdapRefreshSchema } from './cockpit/cockpit-bulk.routes';
export type CockpitSummary = z.infer<typeof CockpitSummarySchema>;
export type CockpitList = z.infer<typeof CockpitListSchema>;
export type BulkPlan = z.infer<typeof BulkPlanSchema>;
export type BulkJob = z.infer<typeof BulkJobSchema>;
export type GdapRefresh = z.infer<typeof GdapRefreshSchema>;
export { PriceLineSchema, PriceRuleSchema, PriceRulesResponseSchema, PricesResponseSchema } from './commerce/pricing.schema';
export type PriceRuleList = z.infer<typeof PriceRulesResponseSchema>;
export type Prices = z.infer<typeof PricesResponseSchema>;
import type { MoneySchema } from './commerce/pricing.schema';
/** An amount on the wire: `{ currency, amount: "12.50" }`. */
export type WireMoney = z.infer<typeof MoneySchema>;
export { PromotionEligibilitySchema, TermEndDatesSchema } from './commerce/checkout-options.schema';
import type { PromotionEligibilitySchema, TermEndDatesSchema } from './commerce/checkout-options.schema';
/** What the order dialog offers before checkout (co-terming, promotions). */
export type TermEndDates = z.infer<typeof TermEndDatesSchema>;
export type PromotionEligibility = z.infer<typeof PromotionEligibilitySchema>;

// The import of existing customers (customer-import/).
import type { ImportDecisionSchema, ImportItemSchema, ImportItemsPageSchema, ImportRunSchema } from './customer-import/customer-import.schema';
export type CustomerImportRun = z.infer<typeof ImportRunSchema>;
export type CustomerImportItem = z.infer<typeof ImportItemSchema>;
export type CustomerImportItemsPage = z.infer<typeof ImportItemsPageSchema>;
export type CustomerImportDecision = z.infer<typeof ImportDecisionSchema>;
