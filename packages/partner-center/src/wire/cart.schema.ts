import { z } from 'zod';
import { acceptPascalCase } from './case';
import { KeyValueSchema, LinksSchema, ResourceAttributesSchema } from './common.schema';

/** Cart line participants keys (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export const ParticipantKey = {
  transactionReseller: 'transaction_reseller',
  additionalTransactionReseller: 'additional_transaction_reseller',
} as const;

const CartLineItemInputSchema = z.object({
  id: z.number().int().nonnegative(),
  catalogItemId: z.string().min(1),
  quantity: z.number().int(),
  billingCycle: z.string().min(1),
  termDuration: z.string().optional(),
  friendlyName: z.string().optional().nullable(),
  customTermEndDate: z.string().optional().nullable(),
  participants: z.array(KeyValueSchema).optional().nullable(),
  provisioningContext: z.record(z.string(), z.string()).optional().nullable(),
  renewsTo: z.object({ termDuration: z.string() }).optional().nullable(),
  attestationAccepted: z.boolean().optional(),
  promotionId: z.string().optional().nullable(),
  orderGroup: z.string().optional().nullable(),
});

/** `POST /v1/customers/{id}/carts` and `PUT …/carts/{cartId}` body (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export const CreateCartRequestSchema = acceptPascalCase(
  z.object({
    id: z.string().optional(),
    partnerOnRecordAttestationAccepted: z.boolean().optional(),
    lineItems: z.array(CartLineItemInputSchema).min(1),
  }),
);
export type CreateCartRequest = z.infer<typeof CreateCartRequestSchema>;

export const CartLineItemErrorSchema = z.looseObject({
  errorCode: z.number().int(),
  errorDescription: z.string(),
  additionalInformation: z.record(z.string(), z.unknown()).optional(),
});
export type CartLineItemError = z.infer<typeof CartLineItemErrorSchema>;

export const CartLineItemSchema = z.looseObject({
  id: z.number().int(),
  catalogItemId: z.string(),
  quantity: z.number().int(),
  currencyCode: z.string().optional(),
  billingCycle: z.string(),
  termDuration: z.string().optional(),
  friendlyName: z.string().optional().nullable(),
  customTermEndDate: z.string().optional().nullable(),
  promotionId: z.string().optional().nullable(),
  participants: z.array(KeyValueSchema).optional(),
  provisioningContext: z.record(z.string(), z.string()).optional(),
  orderGroup: z.string().optional(),
  renewsTo: z.looseObject({ termDuration: z.string() }).optional().nullable(),
  attestationAccepted: z.boolean().optional(),
  error: CartLineItemErrorSchema.optional(),
});
export type CartLineItem = z.infer<typeof CartLineItemSchema>;

export const CartStatusSchema = z.enum(['Active', 'Ordered']);

/** Cart (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export const CartSchema = z.looseObject({
  id: z.string(),
  creationTimestamp: z.string(),
  lastModifiedTimestamp: z.string(),
  expirationTimestamp: z.string(),
  lastModifiedUser: z.string().optional(),
  status: CartStatusSchema,
  lineItems: z.array(CartLineItemSchema),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema,
});
export type Cart = z.infer<typeof CartSchema>;
