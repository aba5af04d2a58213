import { z } from 'zod';
import { acceptPascalCase } from './case';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

export const SubscriptionStatusSchema = z.enum(['none', 'active', 'pending', 'suspended', 'expired', 'disabled', 'deleted']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

/**
 * Changes that take place at the next renewal (Learn: "Schedule changes for a new commerce
 * subscription"): the product of the next term (SKU, availability, term, billing) and its seats.
 */
export const ScheduledNextTermInstructionsSchema = z.looseObject({
  product: z.looseObject({ productId: z.string(), skuId: z.string(), availabilityId: z.string(), billingCycle: z.string(), termDuration: z.string() }),
  quantity: z.number().int(),
  customTermEndDate: z.string().optional().nullable(),
});
export type ScheduledNextTermInstructions = z.infer<typeof ScheduledNextTermInstructionsSchema>;

/**
 * What happens at the term's end (or a date): renew to a new term, cancel, or renew to the Extended
 * Service Term (docs/EMULATOR-DIFFERENCES.md, "Term end").
 */
export const ScheduledActionSchema = z.looseObject({
  scheduleType: z.string(),
  actionType: z.string(),
  effectiveDate: z.string().optional().nullable(),
});
export type ScheduledAction = z.infer<typeof ScheduledActionSchema>;

/** Subscription (docs/PARTNER-CENTER-REFERENCE.md §10). */
export const SubscriptionSchema = z.looseObject({
  id: z.string(),
  offerId: z.string(),
  offerName: z.string(),
  friendlyName: z.string(),
  productType: z.looseObject({ id: z.string(), displayName: z.string() }).optional(),
  quantity: z.number().int(),
  unitType: z.string(),
  entitlementId: z.string().optional(),
  parentSubscriptionId: z.string().optional().nullable(),
  hasPurchasableAddons: z.boolean().optional(),
  creationDate: z.string(),
  effectiveStartDate: z.string(),
  commitmentEndDate: z.string(),
  commitmentEndDateTime: z.string().optional(),
  status: SubscriptionStatusSchema,
  autoRenewEnabled: z.boolean(),
  isTrial: z.boolean(),
  billingType: z.enum(['none', 'usage', 'license', 'benefit']),
  billingCycle: z.string(),
  termDuration: z.string(),
  renewalTermDuration: z.string().optional(),
  refundOptions: z.array(z.looseObject({ type: z.string(), expiresAt: z.string() })).optional(),
  refundableQuantity: z.looseObject({ totalQuantity: z.number().int() }).optional(),
  isMicrosoftProduct: z.boolean().optional(),
  publisherName: z.string().optional(),
  partnerId: z.string().optional(),
  suspensionReasons: z.array(z.string()).optional(),
  contractType: z.string().optional(),
  orderId: z.string().optional(),
  cancellationAllowedUntilDate: z.string().optional(),
  scheduledNextTermInstructions: ScheduledNextTermInstructionsSchema.optional().nullable(),
  scheduledActions: z.array(ScheduledActionSchema).optional().nullable(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema,
});
export type Subscription = z.infer<typeof SubscriptionSchema>;
export const SubscriptionCollectionSchema = collectionSchema(SubscriptionSchema);

/**
 * `PATCH …/subscriptions/{id}`: the docs ask for the full Subscription; the emulator reads the fields
 * that can change (quantity, status, autoRenewEnabled, friendlyName, scheduledNextTermInstructions)
 * and ignores the rest.
 */
export const PatchSubscriptionRequestSchema = acceptPascalCase(
  z.looseObject({
    quantity: z.number().int().optional(),
    status: SubscriptionStatusSchema.optional(),
    autoRenewEnabled: z.boolean().optional(),
    friendlyName: z.string().optional(),
    scheduledNextTermInstructions: ScheduledNextTermInstructionsSchema.optional().nullable(),
    scheduledActions: z.array(ScheduledActionSchema).optional().nullable(),
    attributes: z.looseObject({ etag: z.string().optional() }).optional(),
  }),
);
export type PatchSubscriptionRequest = z.infer<typeof PatchSubscriptionRequestSchema>;

/** `GET …/subscriptions/{id}/provisioningstatus` (docs/PARTNER-CENTER-REFERENCE.md §10). */
export const SubscriptionProvisioningStatusSchema = z.looseObject({
  skuId: z.string(),
  status: z.enum(['success', 'pending', 'failed']),
  quantity: z.number().int(),
  endDate: z.string(),
  attributes: ResourceAttributesSchema.optional(),
});
export type SubscriptionProvisioningStatus = z.infer<typeof SubscriptionProvisioningStatusSchema>;
