import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  WebhookRegistrationSchema,
  WebhookValidationEventSchema,
  WebhookValidationStatusSchema,
  type WebhookEventName,
} from './wire/webhook.schema';
import { z } from 'zod';

/** The partner's webhook registration (§16). */
export interface WebhookRegistration {
  subscriberId: string;
  url: string;
  events: string[];
}

/** Result of a test delivery (§16 validation events). */
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

/** Partner Center webhook registration (partner-center-api.md §16). The webhook API speaks PascalCase. */
export function createWebhookOps(pipeline: RequestPipeline) {
  const write = (
    method: 'POST' | 'PUT',
    registration: { url: string; events: WebhookEventName[] },
    options?: CallOptions,
  ) =>
    pipeline.send(
      {
        operation: method === 'POST' ? 'webhooks.register' : 'webhooks.update',
        api: 'partnerCenter',
        method,
        path: '/webhooks/v1/registration',
        body: { WebhookUrl: registration.url, WebhookEvents: registration.events },
        auth: 'any',
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
          operation: 'webhooks.get',
          api: 'partnerCenter',
          method: 'GET',
          path: '/webhooks/v1/registration',
          okStatuses: [404],
          auth: 'any',
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
          operation: 'webhooks.delete',
          api: 'partnerCenter',
          method: 'DELETE',
          path: '/webhooks/v1/registration',
          auth: 'any',
          parse: () => undefined,
        },
        options,
      );
    },

    /** Event names Partner Center can deliver. */
    async listWebhookEvents(options?: CallOptions): Promise<string[]> {
      return pipeline.send(
        {
          operation: 'webhooks.events',
          api: 'partnerCenter',
          method: 'GET',
          path: '/webhooks/v1/registration/events',
          auth: 'any',
          parse: ({ body }) => z.array(z.string()).parse(body),
        },
        options,
      );
    },

    /** Asks Partner Center to send a `test-created` event (at most 2 per minute, §16); returns its correlation id. */
    async sendWebhookTestEvent(options?: CallOptions): Promise<string> {
      return pipeline.send(
        {
          operation: 'webhooks.test',
          api: 'partnerCenter',
          method: 'POST',
          path: '/webhooks/v1/registration/validationEvents',
          auth: 'any',
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
          operation: 'webhooks.testStatus',
          api: 'partnerCenter',
          method: 'GET',
          path: '/webhooks/v1/registration/validationEvents/{correlationId}',
          params: { correlationId },
          auth: 'any',
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
