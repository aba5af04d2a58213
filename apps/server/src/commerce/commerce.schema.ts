import { z } from '@hono/zod-openapi';
import { ORDER_STATUSES, SUBSCRIPTION_ACTIONS, SUBSCRIPTION_STATUSES } from '@csphub/domain';
import { MoneySchema } from './pricing.schema';

export const CompanyIdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 12 }) });

export const TermSchema = z.object({ duration: z.string().openapi({ example: 'P1Y' }), billingCycle: z.string().openapi({ example: 'monthly' }), description: z.string() });

export const CatalogSkuSchema = z
  .object({
    catalogItemId: z.string().openapi({ example: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01' }),
    skuId: z.string(),
    title: z.string(),
    description: z.string(),
    minimumQuantity: z.number().int(),
    maximumQuantity: z.number().int(),
    isTrial: z.boolean(),
    isPurchasable: z.boolean(),
    currency: z.string(),
    listPrice: z.number().nullable().openapi({ description: "Microsoft's list price per seat when the availability carries one" }),
    terms: z.array(TermSchema),
  })
  .openapi('CatalogSku');

export const CatalogResponseSchema = z
  .object({
    connection: z.object({ id: z.string(), name: z.string(), type: z.enum(['direct-bill', 'indirect-provider']) }).nullable(),
    country: z.string().nullable(),
    snapshot: z.object({
      refreshedAt: z.string().nullable(),
      entryCount: z.number().int(),
      partnerCenterCalls: z.number().int(),
      durationMs: z.number().int(),
      lastError: z.string().nullable(),
      refreshing: z.boolean(),
    }),
    categories: z.array(
      z.object({
        name: z.string(),
        groups: z.array(z.object({ name: z.string(), products: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), hidden: z.boolean(), skus: z.array(CatalogSkuSchema) })) })),
      }),
    ),
  })
  .openapi('Catalog');
export type CatalogResponse = z.infer<typeof CatalogResponseSchema>;

export const OrderLineInputSchema = z.object({
  catalogItemId: z.string().min(3).max(100),
  quantity: z.number().int(),
  termDuration: z.enum(['P1M', 'P1Y', 'P3Y']),
  billingCycle: z.string().min(3).max(20).openapi({ example: 'monthly' }),
  customTermEndDate: z
    .string()
    .min(10)
    .max(40)
    .optional()
    .openapi({ description: 'Co-terming: one of the end dates `GET /companies/{id}/checkout/term-end-dates` offers for this term, to end the first term there' }),
});

export const OrderSubmissionSchema = z
  .object({
    connectionId: z.string().uuid(),
    lines: z.array(OrderLineInputSchema).max(50),
    idempotencyKey: z.string().min(8).max(100).optional().openapi({ description: 'A repeated submission with the same key returns the first order' }),
    partnerOfRecordAttested: z.boolean().optional().openapi({ description: "Indirect connections: the caller confirms the reseller's Partner ID is the partner of record" }),
  })
  .strict()
  .openapi('OrderSubmission');

/** Prices at the levels the reader may see, per seat (a line) or for all seats (a total), per billing period. */
export const OrderPriceSchema = z
  .object({
    currency: z.string().length(3),
    billingPlan: z.enum(['monthly', 'annual']),
    distributorCost: MoneySchema.optional().openapi({ description: "Only the distributor's staff see it" }),
    resellerCost: MoneySchema.optional().openapi({ description: "The distributor's and the reseller's staff see it" }),
    customerPrice: MoneySchema.optional(),
  })
  .openapi('OrderPrice');

export const OrderSchema = z
  .object({
    id: z.string(),
    reference: z.string().openapi({ example: 'CSPH-3F2A9C01B7' }),
    companyId: z.number().int(),
    connectionId: z.string(),
    customerTenantId: z.string(),
    status: z.enum(ORDER_STATUSES),
    lines: z.array(
      z.object({
        catalogItemId: z.string(),
        productTitle: z.string(),
        skuTitle: z.string(),
        quantity: z.number().int(),
        termDuration: z.string(),
        billingCycle: z.string(),
        resellerPartnerId: z.string().optional(),
        customTermEndDate: z.string().optional().openapi({ description: 'The first term ends on this date (co-terming)' }),
        listPrice: z.number().nullable().optional(),
        currency: z.string().optional(),
        price: OrderPriceSchema.nullable().openapi({ description: 'Unit price per seat, frozen when the order was submitted; null when the price sheet had none' }),
      }),
    ),
    totals: z.array(OrderPriceSchema).openapi({ description: 'Unit price × seats over the priced lines, per currency and billing plan, frozen at order time' }),
    unpricedLines: z.number().int().openapi({ description: 'Lines without a price (left out of the totals)' }),
    microsoftOrderIds: z.array(z.string()),
    subscriptionIds: z.array(z.string()),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    runId: z.string().openapi({ description: 'The durable run placing the order (its timeline)' }),
  })
  .openapi('Order');

const ActionSchema = z.object({ allowed: z.boolean(), reason: z.string().nullable() });

export const SubscriptionSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    customerTenantId: z.string(),
    catalogItemId: z.string(),
    productName: z.string(),
    friendlyName: z.string(),
    quantity: z.number().int(),
    assigned: z.number().int().nullable(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    termDuration: z.string(),
    billingCycle: z.string(),
    startsAt: z.string(),
    termEndsAt: z.string(),
    autoRenew: z.boolean(),
    isTrial: z.boolean(),
    partnerOfRecord: z.string().nullable(),
    orderId: z.string().nullable(),
    window: z.object({ endsAt: z.string(), isOpen: z.boolean(), hoursLeft: z.number().int(), closingSoon: z.boolean() }),
    expiry: z.object({ daysLeft: z.number().int(), isNear: z.boolean(), isExpired: z.boolean() }),
    bounds: z.object({ minimum: z.number().int(), maximum: z.number().int() }),
    endOfTerm: z
      .object({
        outcome: z.enum(['renew', 'cancel', 'extended_service_term', 'expire', 'none']),
        at: z.string(),
        next: z.object({ catalogItemId: z.string(), quantity: z.number().int(), termDuration: z.string(), billingCycle: z.string() }).nullable(),
        changed: z.boolean().openapi({ description: 'Changes are scheduled for the renewal' }),
      })
      .openapi({ description: 'What the end of the current term brings: renewal (with its scheduled changes), the paid Extended Service Term (auto-renew off), or the end' }),
    extendedServiceTerm: z
      .object({
        from: z.string(),
        monthly: z
          .object({
            currency: z.string().length(3),
            billingPlan: z.literal('monthly'),
            distributorCost: MoneySchema.optional(),
            resellerCost: MoneySchema.optional(),
            customerPrice: MoneySchema.optional(),
          })
          .nullable()
          .openapi({ description: "A month of the term for the subscription's licences, at the levels the caller may see: the monthly term's price plus 3 % (the annual term billed monthly plus 23 % without a monthly term); null without a price sheet" }),
      })
      .nullable()
      .openapi({ description: 'The paid Extended Service Term the subscription rolls into at `from` (auto-renew off, no cancellation); null otherwise' }),
    actions: z.object(Object.fromEntries(SUBSCRIPTION_ACTIONS.map((a) => [a, ActionSchema])) as Record<(typeof SUBSCRIPTION_ACTIONS)[number], typeof ActionSchema>),
  })
  .openapi('Subscription');

export const TenantRefSchema = z.object({
  connection: z.object({ id: z.string(), name: z.string(), type: z.enum(['direct-bill', 'indirect-provider']), region: z.string() }),
  tenantId: z.string(),
  defaultDomain: z.string().nullable(),
});

export const SubscriptionsResponseSchema = z
  .object({
    tenants: z.array(
      TenantRefSchema.extend({
        subscriptions: z.array(SubscriptionSchema),
        /** Seats the tenant holds through other partners (licenses minus ours), when visible. */
        heldElsewhere: z.array(z.object({ skuId: z.string(), name: z.string(), purchased: z.number().int(), assigned: z.number().int() })).nullable(),
        error: z.string().nullable().openapi({ description: 'Why this tenant could not be read from Partner Center' }),
        licensesError: z.string().nullable().openapi({ description: "Why the tenant's licenses (assigned counts, other partners' seats) are not visible" }),
        asOf: z.string().nullable().openapi({ description: 'When Partner Center gave these subscriptions (ISO 8601); null when it did not answer' }),
        refreshing: z.boolean().openapi({ description: 'The stored read is older than its bound and is being read again in the background' }),
      }),
    ),
  })
  .openapi('Subscriptions');

export const SubscriptionChangeSchema = z
  .object({
    connectionId: z.string().uuid(),
    quantity: z.number().int().optional(),
    autoRenew: z.boolean().optional(),
    status: z.enum(['active', 'suspended', 'deleted']).optional().openapi({ description: 'suspended = suspend, active = reactivate, deleted = cancel (inside the 7-day window)' }),
  })
  .strict()
  .openapi('SubscriptionChange');

export const RenewalChangeSchema = z
  .object({
    connectionId: z.string().uuid(),
    outcome: z
      .enum(['renew', 'cancel', 'extended_service_term'])
      .openapi({ description: 'renew (auto-renew on, with `next`), cancel at term end, or run on in the paid Extended Service Term (both auto-renew off)' }),
    next: z
      .object({
        quantity: z.number().int(),
        termDuration: z.enum(['P1M', 'P1Y', 'P3Y']).optional().openapi({ description: 'Default: the current term' }),
        billingCycle: z.enum(['monthly', 'annual', 'triennial']).optional().openapi({ description: 'Default: the current billing' }),
      })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: 'For renew: the next term (seats, term, billing), or null to renew unchanged' }),
  })
  .strict()
  .openapi('RenewalChange');
