// size: one feature's eight routes (subscriptions, secret rotation, delivery log, redelivery, the catalogue), each short, in the file style of the other *.routes.ts
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, EVENT_CATALOGUE, EVENT_TYPES, type Clock } from '@csphub/domain';
import type { CompanyRow, Repos, WebhookDeliveryRow, WebhookSubscriptionRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from '../channel/scoped-mutation';
import { IdParamSchema } from '../channel/company.schema';
import type { Principal } from '../auth/principal';
import { json, listOf } from '../http/json-content';
import { targetUrlProblem, type TargetPolicy } from './target-policy';
import {
  DeliveryParams,
  EventCatalogueSchema,
  NewWebhookSubscriptionSchema,
  SubscriptionParams,
  WebhookDeliverySchema,
  WebhookSecretSchema,
  WebhookSubscriptionPatchSchema,
  WebhookSubscriptionSchema,
} from './webhooks.schema';

export interface WebhooksDeps extends ServerDeps {
  webhookPolicy: TargetPolicy;
}

/** How long the previous secret keeps signing after a rotation. */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const TAG = 'Webhooks';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function subscriptionDto(s: WebhookSubscriptionRow, clock: Clock) {
  const rotating = s.previousSecretExpiresAt && s.previousSecretExpiresAt > clock.now() ? s.previousSecretExpiresAt : null;
  return {
    id: s.id,
    companyId: s.companyId,
    url: s.url,
    description: s.description,
    events: s.events,
    enabled: s.enabled,
    disabledAt: iso(s.disabledAt),
    disabledReason: s.disabledReason ?? null,
    secretRotatingUntil: iso(rotating),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function deliveryDto(d: WebhookDeliveryRow & { eventType: string; occurredAt: Date }) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    occurredAt: d.occurredAt.toISOString(),
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: iso(d.nextAttemptAt),
    lastAttemptAt: iso(d.lastAttemptAt),
    lastResponseCode: d.lastResponseCode,
    lastError: d.lastError,
    succeededAt: iso(d.succeededAt),
  };
}

/** A new signing secret in Standard Webhooks' form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function checkUrl(url: string, policy: TargetPolicy): void {
  const problemText = targetUrlProblem(url, policy);
  if (problemText) throw new AppError('VALIDATION_FAILED', `The webhook URL is refused: ${problemText}.`, [{ field: 'url', message: problemText }]);
}

/** Webhooks belong to a distributor or a reseller: they receive the events of their subtree. */
function requireOwner(company: CompanyRow): void {
  if (company.kind === 'customer') throw new AppError('HIERARCHY_INVALID', 'Webhook subscriptions belong to a distributor or a reseller; choose that company instead of a customer.');
}

async function subscriptionIn(repos: Repos, p: Principal, companyId: number, subscriptionId: string) {
  const company = await companyInScope(repos, p, companyId);
  const subscription = await repos.webhooks.getSubscription(subscriptionId);
  if (!subscription || subscription.companyId !== company.id) throw new AppError('NOT_FOUND', `There is no webhook subscription ${subscriptionId} in ${company.name}.`);
  return { company, subscription };
}

/** Webhook subscriptions of a distributor or reseller: CRUD, secret rotation, the delivery log and redelivery; and the event catalogue. */
export function webhooksRoutes(deps: WebhooksDeps) {
  const auth = authenticate(deps);
  const manage = { permission: 'webhooks.manage' as const, what: 'manage webhooks' };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/webhooks/event-types',
        tags: [TAG],
        summary: 'The event catalogue: every event type, its payload version and the JSON Schema of its data',
        description: 'Deliveries carry `{ id, type, version, timestamp, data }`; `id` is also the `webhook-id` header, stable across retries and redeliveries.',
        responses: { 200: { description: 'The catalogue', content: json(EventCatalogueSchema) }, ...authErrors },
      }),
      (c) =>
        c.json(
          {
            items: EVENT_TYPES.map((type) => {
              const e = EVENT_CATALOGUE[type];
              return { type, version: e.version, description: e.description, dataSchema: z.toJSONSchema(e.data, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown> };
            }),
          },
          200,
        ),
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/webhooks',
        tags: [TAG],
        summary: "A distributor's or reseller's webhook subscriptions (never their secrets)",
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Subscriptions', content: json(listOf(WebhookSubscriptionSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, manage.permission, manage.what);
        return c.json({ items: (await repos.webhooks.listSubscriptions(company.id)).map((s) => subscriptionDto(s, deps.clock)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/webhooks',
        tags: [TAG],
        summary: 'Subscribe a URL to events of this company and everything under it; the signing secret is in this answer only',
        request: { params: IdParamSchema, body: { required: true, content: json(NewWebhookSubscriptionSchema) } },
        responses: {
          201: { description: 'Created', content: json(WebhookSubscriptionSchema.extend({ secret: z.string() }).openapi('NewWebhookSubscriptionResult')) },
          400: problem('A field is not valid, or the URL is refused (not https, a private address)'),
          ...scopedErrors,
          422: problem('The company is a customer: webhooks belong to a distributor or a reseller'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        checkUrl(body.url, deps.webhookPolicy);
        const secret = newWebhookSecret();
        const row = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          ...manage,
          run: async ({ repos, now, scoped: company, audit }) => {
            requireOwner(company);
            const created = await repos.webhooks.createSubscription({ companyId: company.id, url: body.url, events: [...new Set(body.events)], description: body.description ?? '', secret, now });
            await audit({
              companyId: company.id,
              action: 'webhook_subscription.created',
              targetType: 'webhook_subscription',
              targetId: created.id,
              summary: `Subscribed ${body.url} to ${created.events.join(', ')}`,
              after: { url: created.url, events: created.events, description: created.description },
            });
            return created;
          },
        });
        return c.json({ ...subscriptionDto(row, deps.clock), secret }, 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/companies/{id}/webhooks/{subscriptionId}',
        tags: [TAG],
        summary: 'Change a subscription: URL, events, description, or turn it off and on',
        request: { params: SubscriptionParams, body: { required: true, content: json(WebhookSubscriptionPatchSchema) } },
        responses: { 200: { description: 'Changed', content: json(WebhookSubscriptionSchema) }, 400: problem('A field is not valid, or the URL is refused'), ...scopedErrors },
      }),
      async (c) => {
        const { id, subscriptionId } = c.req.valid('param');
        const body = c.req.valid('json');
        if (body.url !== undefined) checkUrl(body.url, deps.webhookPolicy);
        const row = await scopedMutation(deps, c, {
          scope: (repos, p) => subscriptionIn(repos, p, id, subscriptionId),
          ...manage,
          run: async ({ repos, now, scoped: { company, subscription }, audit }) => {
            const patch = { ...body, ...(body.events ? { events: [...new Set(body.events)] } : {}) };
            const updated = await repos.webhooks.updateSubscription(subscription.id, patch, now);
            await audit({
              companyId: company.id,
              action: 'webhook_subscription.updated',
              targetType: 'webhook_subscription',
              targetId: subscription.id,
              summary: `Changed the webhook to ${updated.url}`,
              before: { url: subscription.url, events: subscription.events, description: subscription.description, enabled: subscription.enabled },
              after: { url: updated.url, events: updated.events, description: updated.description, enabled: updated.enabled },
            });
            return updated;
          },
        });
        return c.json(subscriptionDto(row, deps.clock), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'delete',
        path: '/companies/{id}/webhooks/{subscriptionId}',
        tags: [TAG],
        summary: 'Delete a subscription: nothing more is sent to it',
        request: { params: SubscriptionParams },
        responses: { 204: { description: 'Deleted' }, ...scopedErrors },
      }),
      async (c) => {
        const { id, subscriptionId } = c.req.valid('param');
        await scopedMutation(deps, c, {
          scope: (repos, p) => subscriptionIn(repos, p, id, subscriptionId),
          ...manage,
          run: async ({ repos, now, scoped: { company, subscription }, audit }) => {
            await repos.webhooks.deleteSubscription(subscription.id, now);
            await audit({
              companyId: company.id,
              action: 'webhook_subscription.deleted',
              targetType: 'webhook_subscription',
              targetId: subscription.id,
              summary: `Deleted the webhook to ${subscription.url}`,
              before: { url: subscription.url, events: subscription.events },
            });
          },
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/webhooks/{subscriptionId}/rotate-secret',
        tags: [TAG],
        summary: 'Rotate the signing secret: the new one is in this answer only; for 24 hours deliveries carry signatures of both',
        request: { params: SubscriptionParams },
        responses: { 200: { description: 'The new secret', content: json(WebhookSecretSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { id, subscriptionId } = c.req.valid('param');
        const secret = newWebhookSecret();
        await scopedMutation(deps, c, {
          scope: (repos, p) => subscriptionIn(repos, p, id, subscriptionId),
          ...manage,
          run: async ({ repos, now, scoped: { company, subscription }, audit }) => {
            const until = new Date(now.getTime() + ROTATION_OVERLAP_MS);
            await repos.webhooks.rotateSecret(subscription.id, secret, until, now);
            await audit({
              companyId: company.id,
              action: 'webhook_subscription.secret_rotated',
              targetType: 'webhook_subscription',
              targetId: subscription.id,
              summary: `Rotated the signing secret of the webhook to ${subscription.url}; the previous one signs too until ${until.toISOString()}`,
            });
          },
        });
        return c.json({ secret }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/webhooks/{subscriptionId}/deliveries',
        tags: [TAG],
        summary: "A subscription's delivery log, newest first: status, attempts, last response code and time",
        request: { params: SubscriptionParams },
        responses: { 200: { description: 'Deliveries', content: json(listOf(WebhookDeliverySchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const { id, subscriptionId } = c.req.valid('param');
        const p = c.var.principal;
        const repos = reposOf(deps);
        const { subscription } = await subscriptionIn(repos, p, id, subscriptionId);
        requirePermission(p, manage.permission, manage.what);
        return c.json({ items: (await repos.webhooks.listDeliveries(subscription.id)).map(deliveryDto) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/webhooks/{subscriptionId}/deliveries/{deliveryId}/redeliver',
        tags: [TAG],
        summary: 'Send a delivery again now, with the same event id (webhook-id)',
        request: { params: DeliveryParams },
        responses: { 202: { description: 'Queued; the delivery log shows the attempt', content: json(WebhookDeliverySchema) }, ...scopedErrors, 409: problem('The subscription is disabled; turn it on first') },
      }),
      async (c) => {
        const { id, subscriptionId, deliveryId } = c.req.valid('param');
        const row = await scopedMutation(deps, c, {
          scope: async (repos, p) => {
            const scoped = await subscriptionIn(repos, p, id, subscriptionId);
            const delivery = await repos.webhooks.getDelivery(deliveryId);
            if (!delivery || delivery.subscriptionId !== scoped.subscription.id) throw new AppError('NOT_FOUND', `There is no delivery ${deliveryId} in this subscription.`);
            return { ...scoped, delivery };
          },
          ...manage,
          run: async ({ repos, now, scoped: { company, subscription, delivery }, audit }) => {
            if (!subscription.enabled) throw new AppError('CONFLICT', 'The subscription is disabled; turn it on before redelivering.');
            await repos.webhooks.redeliver(delivery.id, now);
            await audit({
              companyId: company.id,
              action: 'webhook_delivery.redelivered',
              targetType: 'webhook_delivery',
              targetId: delivery.id,
              summary: `Asked to redeliver event ${delivery.eventId} to ${subscription.url}`,
            });
            return (await repos.webhooks.listDeliveries(subscription.id, 1000)).find((d) => d.id === delivery.id)!;
          },
        });
        return c.json(deliveryDto(row), 202);
      },
    );
}
