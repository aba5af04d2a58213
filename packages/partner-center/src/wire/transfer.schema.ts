import { z } from 'zod';
import { acceptPascalCase } from './case';
import { ResourceAttributesSchema, collectionSchema } from './common.schema';

/**
 * New-commerce transfers between partners (Learn: "Create a transfer for new commerce", "Update a
 * transfer request for new commerce", "TransferEntity resources", "Get customer's subscriptions
 * transfer eligibility"). The target partner creates the request; the source partner accepts it
 * with its line items (or the target cancels it); it is `Active` until then.
 */
export const TransferStatusSchema = z.enum(['Active', 'Complete', 'Completed', 'Cancel', 'Canceled', 'Cancelled', 'Expired', 'InProgress']);
export type TransferStatus = z.infer<typeof TransferStatusSchema>;

/** `transferType`: 3 (ModernAzure) and 5 (NewCommerce) are accepted for partner to partner; Learn says standardise on 5. */
export const NEW_COMMERCE_TRANSFER_TYPE = 5;

/** TransferLineItem: one subscription moved by the transfer. */
export const TransferLineItemSchema = z.looseObject({
  id: z.string().optional(),
  subscriptionId: z.string(),
  quantity: z.number().int().optional(),
  billingCycle: z.string().optional(),
  termDuration: z.string().optional(),
  friendlyName: z.string().optional(),
  offerId: z.string().optional(),
  catalogItemId: z.string().optional(),
  productType: z.string().optional(),
  /** The subscription created for the target partner when the transfer completed. */
  transferredSubscriptionId: z.string().optional().nullable(),
  /** End of the subscription's term, kept by the transfer. */
  commitmentEndDate: z.string().optional().nullable(),
  status: z.string().optional(),
});
export type TransferLineItem = z.infer<typeof TransferLineItemSchema>;

/** TransferEntity as Partner Center answers it. */
export const TransferEntitySchema = z.looseObject({
  id: z.string(),
  status: TransferStatusSchema,
  transferType: z.union([z.number(), z.string()]),
  customerEmailId: z.string().optional().nullable(),
  createdTime: z.string(),
  lastModifiedTime: z.string().optional().nullable(),
  expirationTime: z.string().optional().nullable(),
  completedTime: z.string().optional().nullable(),
  customerName: z.string().optional().nullable(),
  customerTenantId: z.string(),
  partnerTenantId: z.string().optional().nullable(),
  sourcePartnerName: z.string().optional().nullable(),
  sourcePartnerTenantId: z.string(),
  targetPartnerName: z.string().optional().nullable(),
  targetPartnerTenantId: z.string().optional().nullable(),
  targetPartnerEmailId: z.string().optional().nullable(),
  partnerOnRecord: z.string().optional().nullable(),
  targetProductTypes: z.array(z.string()).optional().nullable(),
  lineItems: z.array(TransferLineItemSchema).default([]),
  attributes: ResourceAttributesSchema.optional(),
});
export type TransferEntity = z.infer<typeof TransferEntitySchema>;
export const TransferEntityCollectionSchema = collectionSchema(TransferEntitySchema);

/** `POST /v1/customers/{id}/transfers`: the target partner's request. */
export const CreateTransferRequestSchema = acceptPascalCase(
  z.looseObject({
    sourcePartnerTenantId: z.guid(),
    sourcePartnerName: z.string().min(1),
    customerEmailId: z.string().min(1),
    customerName: z.string().optional().nullable(),
    targetPartnerTenantId: z.guid().optional().nullable(),
    targetPartnerEmailId: z.string().optional().nullable(),
    targetProductTypes: z.array(z.string()).optional().nullable(),
    partnerOnRecord: z.string().optional().nullable(),
    transferType: z.union([z.literal(3), z.literal(5), z.literal('3'), z.literal('5')]),
  }),
);
export type CreateTransferRequest = z.infer<typeof CreateTransferRequestSchema>;

/**
 * `PATCH /v1/customers/{id}/transfers/{transferId}`: `Cancel` by the target partner while it is
 * active, or `Complete` with the line items by the source partner (its acceptance).
 */
export const UpdateTransferRequestSchema = acceptPascalCase(
  z.looseObject({
    status: z.enum(['Cancel', 'Complete']),
    lineItems: z.array(z.looseObject({ subscriptionId: z.string().min(1), quantity: z.number().int().optional() })).optional().nullable(),
  }),
);
export type UpdateTransferRequest = z.infer<typeof UpdateTransferRequestSchema>;

/** TransferEligibility: whether one of the customer's subscriptions can be transferred, and why not. */
export const TransferEligibilitySchema = z.looseObject({
  id: z.string(),
  isEligible: z.boolean(),
  reason: z.string().optional().nullable(),
});
export type TransferEligibility = z.infer<typeof TransferEligibilitySchema>;
export const TransferEligibilityListSchema = z.array(TransferEligibilitySchema);
