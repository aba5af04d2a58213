import { z } from 'zod';
import { acceptPascalCase } from './case';

/** Webhook event names (docs/PARTNER-CENTER-REFERENCE.md §16). */
export const WebhookEventNameSchema = z.enum([
  'test-created',
  'subscription-updated',
  'usagerecords-thresholdExceeded',
  'referral-created',
  'referral-updated',
  'related-referral-created',
  'related-referral-updated',
  'granular-admin-relationship-approved',
  'granular-admin-relationship-activated',
  'granular-admin-relationship-terminated',
  'granular-admin-relationship-expired',
  'granular-admin-access-assignment-created',
  'granular-admin-access-assignment-activated',
  'granular-admin-access-assignment-updated',
  'granular-admin-access-assignment-deleted',
  'reseller-relationship-accepted-by-customer',
  'dap-admin-relationship-approved',
  'dap-admin-relationship-terminated',
  'dap-admin-relationship-terminated-by-microsoft',
  'azure-fraud-event-detected',
  'invoice-ready',
  'new-commerce-migration-created',
  'new-commerce-migration-completed',
  'new-commerce-migration-failed',
  'new-commerce-migration-schedule-failed',
]);
export type WebhookEventName = z.infer<typeof WebhookEventNameSchema>;

/** `POST|PUT /webhooks/v1/registration` body (docs/PARTNER-CENTER-REFERENCE.md §16). Accepts PascalCase as the docs send it. */
export const WebhookRegistrationRequestSchema = acceptPascalCase(
  z.object({
    webhookUrl: z.url(),
    webhookEvents: z.array(WebhookEventNameSchema).min(1),
    signatureTokenToMsSignatureHeader: z.boolean().optional(),
  }),
);
export type WebhookRegistrationRequest = z.infer<typeof WebhookRegistrationRequestSchema>;

/**
 * Registration as answered. The webhook API answers PascalCase (`SubscriberId`, `WebhookUrl`,
 * `WebhookEvents`), unlike the rest of Partner Center (docs/PARTNER-CENTER-REFERENCE.md §16 example).
 */
export const WebhookRegistrationSchema = z.looseObject({
  SubscriberId: z.string(),
  WebhookUrl: z.string(),
  WebhookEvents: z.array(z.string()),
});
export type WebhookRegistration = z.infer<typeof WebhookRegistrationSchema>;

/** Body POSTed to the partner's webhook URL (docs/PARTNER-CENTER-REFERENCE.md §16). PascalCase on the wire. */
export const WebhookEventPayloadSchema = z.looseObject({
  EventName: z.string(),
  ResourceUri: z.string().nullable(),
  ResourceName: z.string(),
  AuditUri: z.string().nullable(),
  ResourceChangeUtcDate: z.string(),
});
export type WebhookEventPayload = z.infer<typeof WebhookEventPayloadSchema>;

export const WebhookValidationEventSchema = z.looseObject({ correlationId: z.string() });

export const WebhookValidationStatusSchema = z.looseObject({
  correlationId: z.string(),
  partnerId: z.string(),
  status: z.string(),
  callbackUrl: z.string(),
  results: z.array(
    z.looseObject({
      responseCode: z.string(),
      responseMessage: z.string(),
      systemError: z.boolean(),
      dateTimeUtc: z.string(),
    }),
  ),
});
export type WebhookValidationStatus = z.infer<typeof WebhookValidationStatusSchema>;
