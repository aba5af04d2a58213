import { z } from 'zod';

/**
 * The events CSP Hub publishes to webhook subscribers (docs/WEBHOOKS.md): names in dotted past
 * tense, each with a versioned payload. A payload version only ever gains optional fields; a
 * change that removes or retypes a field is a new version, published beside the old one.
 *
 * Every event is about one company (`companyId`): subscribers of that company's distributor, or of
 * a reseller above it, receive it; a reseller never receives another reseller's events.
 */

const companyRef = z.object({ id: z.number().int(), name: z.string() });

const base = {
  /** The company the event is about (an end customer, usually). */
  companyId: z.number().int(),
  companyName: z.string(),
  /** The reseller above the company, when there is one. */
  reseller: companyRef.nullable(),
};

const tenant = {
  connectionId: z.string(),
  tenantId: z.string(),
  defaultDomain: z.string(),
};

const orderFields = {
  orderId: z.string(),
  reference: z.string(),
  customerTenantId: z.string(),
  lines: z.array(z.object({ productTitle: z.string(), skuTitle: z.string(), quantity: z.number().int() })),
};

export const EVENT_CATALOGUE = {
  'tenant.ready': {
    version: 1,
    description:
      'Onboarding of a new tenant completed: the tenant exists, is linked to the company, its MCA is accepted or attested and the account is synced. Published once per company, connection and tenant.',
    data: z.object({
      ...base,
      ...tenant,
      resellerPartnerId: z.string().nullable(),
      mca: z.enum(['accepted', 'attested']).describe('accepted: the customer signed the MCA online; attested: the partner recorded the signer and date.'),
      gdap: z
        .enum(['default', 'requested', 'unknown'])
        .describe("default: Microsoft's default GDAP relationship was created; requested: a GDAP relationship with chosen roles was requested; unknown: a run started before this field existed."),
    }),
  },
  'tenant.provisioning_failed': {
    version: 1,
    description: 'A new-tenant run stopped on a step that needs a person (Retry on the company page wakes it). Published once per distinct failure.',
    data: z.object({ ...base, connectionId: z.string(), tenantCreated: z.boolean(), reason: z.string() }),
  },
  'tenant.linked': {
    version: 1,
    description:
      "An existing Microsoft tenant was linked to the company (a customer accepted the reseller relationship, an administrator linked it, or the sync found a customer added or a relationship accepted in Partner Center's own portal).",
    data: z.object({ ...base, ...tenant, resellerPartnerId: z.string().nullable() }),
  },
  'tenant.unlinked': {
    version: 1,
    description:
      "The customer's relationship with the partner ended in Partner Center (removed, or the customer deleted), found by the sync; the company keeps its link for history, marked failed with the reason.",
    data: z.object({ ...base, ...tenant, reason: z.enum(['relationship_removed', 'customer_deleted']) }),
  },
  'mca.accepted': {
    version: 1,
    description: "The customer accepted the Microsoft Customer Agreement online; the account is synced.",
    data: z.object({ ...base, ...tenant }),
  },
  'mca.missing': {
    version: 1,
    description: "The tenant exists but the customer has not accepted the Microsoft Customer Agreement yet; orders wait until it does.",
    data: z.object({ ...base, ...tenant }),
  },
  'gdap.active': {
    version: 1,
    description: 'A GDAP relationship with the customer became active.',
    data: z.object({ ...base, ...tenant, relationshipId: z.string(), endsAt: z.string().nullable() }),
  },
  'gdap.expiring': {
    version: 1,
    description: 'A GDAP relationship with the customer ends within 30 days and does not renew itself.',
    data: z.object({ ...base, ...tenant, relationshipId: z.string(), endsAt: z.string() }),
  },
  'gdap.expired': {
    version: 1,
    description: 'A GDAP relationship with the customer ended.',
    data: z.object({ ...base, ...tenant, relationshipId: z.string(), endedAt: z.string() }),
  },
  'order.fulfilled': {
    version: 1,
    description: "Microsoft fulfilled an order placed through CSP Hub; its subscriptions exist.",
    data: z.object({ ...base, ...orderFields, microsoftOrderIds: z.array(z.string()), subscriptionIds: z.array(z.string()) }),
  },
  'order.failed': {
    version: 1,
    description: 'An order placed through CSP Hub failed or needs a person.',
    data: z.object({ ...base, ...orderFields, status: z.enum(['failed', 'needs_attention']), errorCode: z.string().nullable(), errorMessage: z.string().nullable() }),
  },
  'subscription.changed': {
    version: 1,
    description: "A subscription was changed: seats, auto-renewal, suspension, cancellation or a move, through CSP Hub or (seats and status) in Partner Center's own portal, found by the sync.",
    data: z.object({
      ...base,
      connectionId: z.string(),
      tenantId: z.string(),
      subscriptionId: z.string(),
      change: z.enum(['quantity', 'auto_renew', 'status', 'moved', 'renewal']),
      before: z.record(z.string(), z.unknown()),
      after: z.record(z.string(), z.unknown()),
      detectedBy: z
        .enum(['csp-hub', 'partner-center-sync'])
        .optional()
        .describe("csp-hub (or absent): changed through CSP Hub; partner-center-sync: changed outside CSP Hub and found in Partner Center's activity log."),
    }),
  },
  'subscription.ending': {
    version: 1,
    description: 'A subscription term ends within 30 days and will not renew.',
    data: z.object({ ...base, connectionId: z.string(), tenantId: z.string(), subscriptionId: z.string(), offerName: z.string(), endsAt: z.string() }),
  },
  'authorization.accepted': {
    version: 1,
    description: "A customer accepted the partner's invitation (reseller relationship) for an existing tenant.",
    data: z.object({ ...base, ...tenant, authorizationId: z.string(), detectedBy: z.enum(['verify', 'webhook', 'background-check']) }),
  },
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['data']>;

export function isEventType(s: string): s is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, s);
}

/**
 * The body of a delivery (the Standard Webhooks shape): the event's stable id (also the
 * `webhook-id` header), its type and payload version, when it happened, and its data.
 */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  timestamp: string;
  data: EventData<T>;
}
