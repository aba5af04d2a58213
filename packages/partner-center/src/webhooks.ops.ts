import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  WebhookRegistrationSchema,
  WebhookValidationEventSchema,
  WebhookValidationStatusSchema,
  type WebhookEventName,
} from './wire/webhook.schema';
import { z } from 'zod';

const EventNamesSchema = z.array(z.string());

/** The partner's webhook registration (docs/PARTNER-CENTER-REFERENCE.md §16). */
export interface WebhookRegistration {
  subscriberId: string;
  url: string;
  events: string[];
}

/** Result of a test delivery (docs/PARTNER-CENTER-REFERENCE.md §16 validation events). */
export interface WebhookValidationStatus {
  correlationId: string;
  status: string;
  callbackUrl: string;
  results: { responseCode: string; responseMessage: string; systemError: boolean; at: string }[];
}

const toRegistration = (body: unknown): WebhookRegistration => {
  const r = WebhookRegistrationSchema.parse(body);
  return { subscriberId: r.SubscriberId, url: r.WebhookUrl, events: r.WebhookEvents };
};

/** Partner Center webhook registration (docs/PARTNER-CENTER-REFERENCE.md §16). The webhook API speaks PascalCase. */
export function createWebhookOps(pipeline: RequestPipeline) {
  const write = (
    method: 'POST' | 'PUT',
    registration: { url: string; events: WebhookEventName[] },
    options?: CallOptions,
  ) =>
    pipeline.send(
      {
        ...fromCatalogue(method === 'POST' ? 'webhooks.register' : 'webhooks.update'),
        body: { WebhookUrl: registration.url, WebhookEvents: registration.events },
        parse: ({ body }) => toRegistration(body),
      },
      options,
    );
  return {
    /** Registers the URL Partner Center posts events to (e.g. `reseller-relationship-accepted-by-customer`). */
    registerWebhook(
      registration: { url: string; events: WebhookEventName[] },
      options?: CallOptions,
    ): Promise<WebhookRegistration> {
      return write('POST', registration, options);
    },

    /** Replaces the registration's URL and events. */
    updateWebhookRegistration(
      registration: { url: string; events: WebhookEventName[] },
      options?: CallOptions,
    ): Promise<WebhookRegistration> {
      return write('PUT', registration, options);
    },

    /** The current registration; undefined when none. */
    async getWebhookRegistration(options?: CallOptions): Promise<WebhookRegistration | undefined> {
      return pipeline.send(
        {
          ...fromCatalogue('webhooks.get'),
          okStatuses: [404],
          parse: ({ status, body }) =>
            status === 404 || body === undefined ? undefined : toRegistration(body),
        },
        options,
      );
    },

    /** Removes the registration. */
    async deleteWebhookRegistration(options?: CallOptions): Promise<void> {
      await pipeline.send(
        {
          ...fromCatalogue('webhooks.delete'),
          parse: () => undefined,
        },
        options,
      );
    },

    /** Event names Partner Center can deliver. */
    async listWebhookEvents(options?: CallOptions): Promise<string[]> {
      return pipeline.send(
        {
          ...fromCatalogue('webhooks.events'),
          parse: ({ body }) => EventNamesSchema.parse(body),
        },
        options,
      );
    },

    /** Asks Partner Center to send a `test-created` event (at most 2 per minute, §16); returns its correlation id. */
    async sendWebhookTestEvent(options?: CallOptions): Promise<string> {
      return pipeline.send(
        {
          ...fromCatalogue('webhooks.validationEvents.create'),
          parse: ({ body }) => WebhookValidationEventSchema.parse(body).correlationId,
        },
        options,
      );
    },

    async getWebhookValidationStatus(
      correlationId: string,
      options?: CallOptions,
    ): Promise<WebhookValidationStatus> {
      return pipeline.send(
        {
          ...fromCatalogue('webhooks.validationEvents.get'),
          params: { correlationId },
          parse: ({ body }) => {
            const s = WebhookValidationStatusSchema.parse(body);
            return {
              correlationId: s.correlationId,
              status: s.status,
              callbackUrl: s.callbackUrl,
              results: s.results.map((r) => ({
                responseCode: r.responseCode,
                responseMessage: r.responseMessage,
                systemError: r.systemError,
                at: r.dateTimeUtc,
              })),
            };
          },
        },
        options,
      );
    },
  };
}
