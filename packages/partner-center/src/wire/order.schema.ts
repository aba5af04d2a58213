import { z } from 'zod';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

/** OrderStatus (docs/PARTNER-CENTER-REFERENCE.md §9.3). Multi-word spellings are not shown in examples. */
export const OrderStatusSchema = z.enum([
  'unknown',
  'completed',
  'pending',
  'cancelled',
  'suspended',
  'pending review',
  'pending po upload',
  'po upload complete',
  'po review rejected',
  'partial success',
  'error',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderLineItemSchema = z.looseObject({
  lineItemNumber: z.number().int(),
  offerId: z.string(),
  subscriptionId: z.string().optional(),
  parentSubscriptionId: z.string().optional(),
  friendlyName: z.string().optional().nullable(),
  quantity: z.number().int(),
  termDuration: z.string().optional(),
  transactionType: z.string().optional(),
  partnerIdOnRecord: z.string().optional(),
  provisioningContext: z.record(z.string(), z.string()).optional(),
  customTermEndDate: z.string().optional(),
  renewsTo: z.looseObject({ termDuration: z.string() }).optional().nullable(),
  links: LinksSchema.optional(),
});
export type OrderLineItem = z.infer<typeof OrderLineItemSchema>;

export const OrderSchema = z.looseObject({
  id: z.string(),
  alternateId: z.string().optional(),
  referenceCustomerId: z.string(),
  billingCycle: z.string(),
  transactionType: z.string().optional(),
  lineItems: z.array(OrderLineItemSchema),
  currencyCode: z.string(),
  currencySymbol: z.string().optional(),
  creationDate: z.string(),
  status: OrderStatusSchema,
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema,
});
export type Order = z.infer<typeof OrderSchema>;
export const OrderCollectionSchema = collectionSchema(OrderSchema);

/** `POST …/carts/{cartId}/checkout` result (docs/PARTNER-CENTER-REFERENCE.md §9.2). */
export const CartCheckoutResultSchema = z.looseObject({
  orders: z.array(OrderSchema),
  orderErrors: z.array(z.looseObject({ orderGroupId: z.string(), code: z.number().int(), description: z.string() })),
  attributes: ResourceAttributesSchema.optional(),
});
export type CartCheckoutResult = z.infer<typeof CartCheckoutResultSchema>;

export const ProvisioningStatusValueSchema = z.enum(['fulfilled', 'unfulfilled', 'prefulfillmentPending']);

/** `GET …/orders/{orderId}/provisioningstatus` item (docs/PARTNER-CENTER-REFERENCE.md §9.3). */
export const OrderLineItemProvisioningStatusSchema = z.looseObject({
  orderLineItemId: z.number().int(),
  lineItemNumber: z.number().int(),
  status: ProvisioningStatusValueSchema,
  quantityProvisioningInformation: z.array(z.looseObject({ quantity: z.number().int(), status: ProvisioningStatusValueSchema })),
});
export type OrderLineItemProvisioningStatus = z.infer<typeof OrderLineItemProvisioningStatusSchema>;
export const OrderProvisioningStatusCollectionSchema = collectionSchema(OrderLineItemProvisioningStatusSchema);
