import { z } from 'zod';

/**
 * A scenario is the seed of an emulator: the partner accounts that call the API (with their app
 * credentials), the indirect reseller network, the customer tenants that already exist in the
 * Microsoft cloud and the new-commerce catalog. Dates are given relative to the emulator clock at
 * seed time (`...DaysAgo`), so one scenario stays valid whatever day it is loaded.
 */
export const PartnerKindSchema = z.enum(['indirect_provider', 'direct_bill']);
export type PartnerKind = z.infer<typeof PartnerKindSchema>;

/** CSP regions used for reseller/provider matching (MPA status codes 2201/2203). */
export const CspRegionSchema = z.enum(['LATAM', 'Europe', 'NorthAmerica', 'AsiaPacific']);
export type CspRegion = z.infer<typeof CspRegionSchema>;

export const ScenarioPartnerSchema = z.object({
  /** Stable short key, e.g. `distributor-latam`; used in docs, tests and the CLI printout. */
  key: z.string().min(1),
  name: z.string().min(1),
  kind: PartnerKindSchema,
  tenantId: z.guid(),
  /** The partner's own domain, accepted by the token endpoint in place of the tenant id. */
  domain: z.string().min(1),
  /** Partner ID (formerly MPN ID). */
  partnerId: z.string().regex(/^\d+$/),
  region: CspRegionSchema,
  country: z.string().length(2),
  /** Integration sandbox accounts have limits (75 customers, ...) and may delete customers. */
  sandbox: z.boolean().default(false),
  app: z.object({ appId: z.guid(), appSecret: z.string().min(8) }),
  /** The partner user behind app+user tokens, with the stored refresh token of the secure app model. */
  user: z.object({ objectId: z.guid(), userPrincipalName: z.string().min(3), refreshToken: z.string().min(8) }),
});
export type ScenarioPartner = z.infer<typeof ScenarioPartnerSchema>;

/** Whether Microsoft authorizes a reseller's PLA as partner of record (emulator model, docs/EMULATOR-DIFFERENCES.md). */
export const PorAuthorizationSchema = z.enum(['authorized', 'notAuthorized', 'expired']);
export type PorAuthorization = z.infer<typeof PorAuthorizationSchema>;

export const ScenarioResellerSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  tenantId: z.guid(),
  /** The reseller's Partner Location ID (PLA): what an order names as partner of record. */
  partnerId: z.string().regex(/^\d+$/),
  /** The reseller's global Partner ID (PGA): known to Microsoft, refused as partner of record. */
  globalPartnerId: z.string().regex(/^\d+$/).optional(),
  country: z.string().length(2),
  region: CspRegionSchema,
  /** Regions in which the reseller signed the Microsoft Partner Agreement (empty = not signed). */
  mpaSignedRegions: z.array(CspRegionSchema),
  /** Keys of the indirect providers whose network the reseller belongs to. */
  providers: z.array(z.string()),
  /** `Active` unless the partnership was ended. */
  state: z.enum(['Active', 'Inactive']).default('Active'),
  /**
   * Microsoft's authorization of the PLA as partner of record (docs/PARTNER-CENTER-REFERENCE.md §7.1):
   * `notAuthorized` or `expired` make `validateresellers` answer false and checkout refuse it;
   * absent means `authorized`.
   */
  porAuthorization: PorAuthorizationSchema.optional(),
});
export type ScenarioReseller = z.infer<typeof ScenarioResellerSchema>;

export const ScenarioAddressSchema = z.object({
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  city: z.string(),
  state: z.string().optional(),
  postalCode: z.string(),
  country: z.string().length(2),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phoneNumber: z.string().optional(),
});

export const ScenarioSubscriptionSchema = z.object({
  /** Key of the partner that sold it. */
  partner: z.string(),
  catalogItemId: z.string(),
  quantity: z.number().int().positive(),
  termDuration: z.enum(['P1M', 'P1Y', 'P3Y']),
  billingCycle: z.enum(['monthly', 'annual']),
  startedDaysAgo: z.number().int().nonnegative(),
  autoRenewEnabled: z.boolean().default(true),
  /** Reseller key when sold through an indirect reseller. */
  reseller: z.string().optional(),
});
export type ScenarioSubscription = z.infer<typeof ScenarioSubscriptionSchema>;

export const ScenarioTenantSchema = z.object({
  key: z.string().min(1),
  tenantId: z.guid(),
  companyName: z.string(),
  /** The part before `.onmicrosoft.com`. */
  domainPrefix: z.string().regex(/^[a-zA-Z0-9]+$/),
  /** Verified custom domains, the first one being the default domain. */
  customDomains: z.array(z.string()).default([]),
  email: z.string(),
  culture: z.string().default('en-US'),
  language: z.string().default('en'),
  address: ScenarioAddressSchema,
  /** The customer accepted the MCA directly in the Microsoft 365 admin center. */
  mcaDirectlySigned: z.boolean().default(false),
  /** Existing reseller relationships: partner key and, for indirect, the reseller key. */
  relationships: z.array(z.object({ partner: z.string(), reseller: z.string().optional(), sinceDaysAgo: z.number().int().nonnegative() })).default([]),
  subscriptions: z.array(ScenarioSubscriptionSchema).default([]),
  /**
   * Active GDAP relationships the partner already has with this tenant: Entra role template ids,
   * when it became active and how many days it has left, with one access assignment per entry of
   * `assignedGroups` (security group ids).
   */
  gdap: z
    .array(
      z.object({
        partner: z.string(),
        displayName: z.string().min(1).max(50),
        roles: z.array(z.guid()).min(1),
        activatedDaysAgo: z.number().int().nonnegative(),
        endsInDays: z.number().int().positive(),
        autoExtend: z.boolean().optional(),
        assignedGroups: z.array(z.guid()).optional(),
      }),
    )
    .optional(),
  /** The customer's Global Admin (signs in on the emulator's /admin pages). */
  globalAdmin: z.object({ displayName: z.string(), userName: z.string() }),
});
export type ScenarioTenant = z.infer<typeof ScenarioTenantSchema>;

export const ScenarioTermSchema = z.object({
  duration: z.enum(['P1M', 'P1Y', 'P3Y']),
  billingCycle: z.enum(['monthly', 'annual']),
});

export const ScenarioSkuSchema = z.object({
  id: z.string(),
  title: z.string(),
  skuPartNumber: z.string(),
  availabilityId: z.string(),
  minimumQuantity: z.number().int().positive().default(1),
  maximumQuantity: z.number().int().positive().default(300),
  isTrial: z.boolean().default(false),
  /** Monthly list price per seat in USD; converted for display only. */
  unitPriceUsd: z.number().nonnegative(),
  terms: z.array(ScenarioTermSchema),
});

export const ScenarioProductSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** `OnlineServicesNCE` for license-based new commerce, `Azure` for the Azure plan. */
  productType: z.enum(['OnlineServicesNCE', 'Azure']),
  category: z.string(),
  skus: z.array(ScenarioSkuSchema).min(1),
});
export type ScenarioProduct = z.infer<typeof ScenarioProductSchema>;

export const ScenarioSchema = z.object({
  name: z.string(),
  partners: z.array(ScenarioPartnerSchema).min(1),
  resellers: z.array(ScenarioResellerSchema).default([]),
  tenants: z.array(ScenarioTenantSchema).default([]),
  catalog: z.array(ScenarioProductSchema).default([]),
  /**
   * When Partner Center stops taking the partner-typed MCA confirmation (ISO 8601); absent = it
   * still takes it, as Microsoft Learn documents both today (docs/EMULATOR-DIFFERENCES.md).
   */
  legacyMcaAttestationRetiredAt: z.iso.datetime({ offset: true }).optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
