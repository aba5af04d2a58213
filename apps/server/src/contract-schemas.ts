/**
 * The route schemas that live in schema-only modules (zod and `@csphub/domain`, nothing of the
 * server's I/O), so the web app can load them in development to check each answer
 * (`apps/web/src/api/contract-check.ts`). Types for every route are in `contract.ts`.
 */
export { CompanySchema, PrerequisitesSchema, TreeNodeSchema, TreeSchema } from './channel/company.schema';
export { CatalogResponseSchema, CatalogSkuSchema, OrderSchema, SubscriptionSchema, SubscriptionsResponseSchema } from './commerce/commerce.schema';
export { AttestationSchema, AuthorizationSchema, LinkVisibleSchema, OpenAuthorizationSchema, VerifySchema } from './onboarding/existing-tenant.schema';
export { DomainCheckSchema, OnboardingContextSchema, PartnerIdVerdictSchema, RunSchema, ServiceSchema } from './onboarding/onboarding.schema';
