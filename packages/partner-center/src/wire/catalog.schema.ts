import { z } from 'zod';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

/** `targetView` values of `GET /v1/products` (docs/PARTNER-CENTER-REFERENCE.md §8). */
export const TargetViewSchema = z.enum([
  'Azure',
  'AzureReservations',
  'AzureReservationsVM',
  'AzureReservationsSQL',
  'AzureReservationsCosmosDb',
  'MicrosoftAzure',
  'OnlineServices',
  'Software',
  'SoftwareSUSELinux',
  'SoftwarePerpetual',
  'SoftwareSubscriptions',
  'SpecializedOffers',
  'MarketplaceSaaS',
]);
export type TargetView = z.infer<typeof TargetViewSchema>;

export const TargetSegmentSchema = z.enum(['commercial', 'education', 'government', 'nonprofit']);
export type TargetSegment = z.infer<typeof TargetSegmentSchema>;

export const TermDurationSchema = z.enum(['P1M', 'P1Y', 'P3Y']);
export type TermDuration = z.infer<typeof TermDurationSchema>;

/** Billing cycles as they appear in catalog terms (PascalCase) and in carts/orders (lowercase). */
export const BillingCycleSchema = z.enum(['unknown', 'monthly', 'annual', 'none', 'one_time', 'triennial']);
export type BillingCycle = z.infer<typeof BillingCycleSchema>;

export const ProductTypeSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  subType: z.looseObject({ id: z.string(), displayName: z.string() }).optional().nullable(),
});

export const ProductSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  productType: ProductTypeSchema,
  isMicrosoftProduct: z.boolean(),
  publisherName: z.string(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type Product = z.infer<typeof ProductSchema>;
export const ProductCollectionSchema = collectionSchema(ProductSchema);

export const SkuSchema = z.looseObject({
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  description: z.string(),
  minimumQuantity: z.number().int(),
  maximumQuantity: z.number().int(),
  isTrial: z.boolean(),
  supportedBillingCycles: z.array(z.string()),
  purchasePrerequisites: z.array(z.string()).optional(),
  inventoryVariables: z.array(z.string()).optional(),
  provisioningVariables: z.array(z.string()).optional(),
  actions: z.array(z.string()).optional(),
  dynamicAttributes: z.record(z.string(), z.unknown()).optional(),
  attestationProperties: z.looseObject({ attestationType: z.string(), enforceAttestation: z.boolean() }).optional(),
  consumptionType: z.string().optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type Sku = z.infer<typeof SkuSchema>;
export const SkuCollectionSchema = collectionSchema(SkuSchema);

export const RefundOptionSchema = z.looseObject({
  sequenceId: z.number().int(),
  type: z.string(),
  expiresAfter: z.string(),
});

export const TermSchema = z.looseObject({
  id: z.string().optional(),
  duration: TermDurationSchema,
  description: z.string(),
  billingCycle: z.string(),
  cancellationPolicies: z.array(z.looseObject({ refundOptions: z.array(RefundOptionSchema) })).optional(),
});
export type Term = z.infer<typeof TermSchema>;

export const AvailabilitySchema = z.looseObject({
  id: z.string(),
  productId: z.string(),
  skuId: z.string(),
  catalogItemId: z.string(),
  defaultCurrency: z.looseObject({ code: z.string(), symbol: z.string() }),
  segment: z.string(),
  country: z.string(),
  isPurchasable: z.boolean(),
  isRenewable: z.boolean(),
  terms: z.array(TermSchema),
  renewalInstructions: z
    .array(
      z.looseObject({
        applicableTermIds: z.array(z.string()),
        renewalOptions: z.array(z.looseObject({ renewToId: z.string(), isAutoRenewable: z.boolean() })),
      }),
    )
    .optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type Availability = z.infer<typeof AvailabilitySchema>;
export const AvailabilityCollectionSchema = collectionSchema(AvailabilitySchema);
