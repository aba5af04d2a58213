import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { problemResponse, toProblem } from '../http/problem';
import { detectAcceptances } from './acceptance-detector';
import type { OnboardingDeps } from './onboarding-deps';
import { createWebhookVerifier, customerIdOf, parseWebhookEvent, RELATIONSHIP_ACCEPTED_EVENT } from './partner-center-webhook';
import { json } from '../http/json-content';

/**
 * The inbound Partner Center webhook: public (Partner Center has no CSP Hub session), so
 * every delivery is authenticated by its RSA signature instead, checked before anything is read.
 * A relationship acceptance is matched to pending authorizations of the connection in the URL.
 */
export function existingTenantWebhookRoutes(deps: OnboardingDeps) {
  const verifier = createWebhookVerifier({ trustedOrigins: [new URL(deps.emulatorUrl).origin], now: () => deps.clock.now().getTime() });
  return createRouter().openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/partner-center/{connectionId}',
      tags: ['Webhooks'],
      summary: "Partner Center event delivery (signature checked); relationship acceptances complete pending authorizations",
      request: { params: z.object({ connectionId: z.string().uuid().openapi({ param: { name: 'connectionId', in: 'path' } }) }) },
      responses: {
        200: { description: 'Accepted (also for events CSP Hub does not act on)', content: json(z.object({ event: z.string(), accepted: z.array(z.string()) })) },
        401: problem('Missing or invalid signature'),
      },
    }),
    async (c) => {
      const body = await c.req.text();
      const check = await verifier.verify(
        {
          authorization: c.req.header('authorization'),
          msSignature: c.req.header('x-ms-signature'),
          certificateUrl: c.req.header('x-ms-certificate-url'),
          algorithm: c.req.header('x-ms-signature-algorithm'),
        },
        body,
      );
      if (!check.ok) {
        c.var.logger.warn({ reason: check.reason }, 'rejected a Partner Center webhook');
        return problemResponse(c, toProblem('UNAUTHENTICATED', `Webhook signature rejected: ${check.reason}`, c.var.requestId)) as never;
      }
      const event = parseWebhookEvent(body);
      if (!event) return c.json({ event: 'unknown', accepted: [] }, 200);
      const tenantId = event.EventName === RELATIONSHIP_ACCEPTED_EVENT ? customerIdOf(event) : undefined;
      if (!tenantId) return c.json({ event: event.EventName, accepted: [] }, 200);
      const accepted = await detectAcceptances(deps, { detectedBy: 'webhook', connectionId: c.req.valid('param').connectionId, tenantId, requestId: c.var.requestId });
      return c.json({ event: event.EventName, accepted }, 200);
    },
  );
}
