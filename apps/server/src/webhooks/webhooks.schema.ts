import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '@csphub/domain';

export const EventTypeSchema = z.enum(EVENT_TYPES as [string, ...string[]]).openapi('WebhookEventType');

export const WebhookSubscriptionSchema = z
  .object({
    id: z.string(),
    companyId: z.number().int(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledAt: z.string().nullable(),
    disabledReason: z.enum(['manual', 'failing']).nullable().openapi({ description: 'failing: turned off by CSP Hub after deliveries kept failing for three days' }),
    secretRotatingUntil: z.string().nullable().openapi({ description: 'Until then deliveries are signed with the previous secret too' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookSubscription');

export const NewWebhookSubscriptionSchema = z
  .object({
    url: z.string().min(1).max(2000).openapi({ description: 'https:// (http:// only to a loopback host in development); no private address unless configured', example: 'https://hooks.example.com/csphub' }),
    events: z.array(EventTypeSchema).min(1).max(50),
    description: z.string().max(200).optional(),
  })
  .strict()
  .openapi('NewWebhookSubscription');

export const WebhookSubscriptionPatchSchema = z
  .object({
    url: z.string().min(1).max(2000).optional(),
    events: z.array(EventTypeSchema).min(1).max(50).optional(),
    description: z.string().max(200).optional(),
    enabled: z.boolean().optional().openapi({ description: 'true turns a disabled subscription back on; parked deliveries are not resent until redelivered' }),
  })
  .strict()
  .openapi('WebhookSubscriptionPatch');

export const WebhookSecretSchema = z
  .object({ secret: z.string().openapi({ description: 'The signing secret (whsec_...): shown in this answer only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) })
  .openapi('WebhookSecret');

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: 'The webhook-id header: the same on every attempt and redelivery' }),
    eventType: z.string(),
    occurredAt: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastResponseCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    succeededAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

export const EventCatalogueSchema = z
  .object({
    items: z.array(
      z.object({
        type: z.string(),
        version: z.number().int(),
        description: z.string(),
        dataSchema: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema of the `data` member of the delivery body' }),
      }),
    ),
  })
  .openapi('WebhookEventCatalogue');

export const SubscriptionParams = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 100001 }),
  subscriptionId: z.string().uuid().openapi({ param: { name: 'subscriptionId', in: 'path' } }),
});
export const DeliveryParams = SubscriptionParams.extend({ deliveryId: z.string().uuid().openapi({ param: { name: 'deliveryId', in: 'path' } }) });

export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
