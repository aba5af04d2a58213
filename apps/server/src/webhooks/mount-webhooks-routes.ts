import type { Router } from '../http/openapi-app';
import { webhooksRoutes, type WebhooksDeps } from './webhooks.routes';

/** Mounts the webhook routes (subscriptions, delivery log, event catalogue) on the /api/v1 router. */
export function mountWebhooksRoutes(api: Router, deps: WebhooksDeps): void {
  api.route('/', webhooksRoutes(deps));
}
