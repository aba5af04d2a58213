import { WebhookEventNameSchema, WebhookRegistrationRequestSchema } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { empty, json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import type { WebhookRegistrationRecord } from '../engine/emulator-state';
import { emitWebhookEvent } from '../engine/events';

function toRegistration(r: WebhookRegistrationRecord) {
  return { SubscriberId: r.subscriberId, WebhookUrl: r.webhookUrl, WebhookEvents: r.webhookEvents };
}

/** Test events: at most 2 per minute per partner (docs/PARTNER-CENTER-REFERENCE.md §14, §16). */
const VALIDATION_EVENTS_PER_MINUTE = 2;

export function registerWebhookRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §16: registration.
  r.op('webhooks.events', () =>
    json(200, WebhookEventNameSchema.options),
  );

  r.op('webhooks.get', (ctx) => {
    const reg = ctx.runtime.engine.state.webhooks[ctx.principal.partnerTenantId];
    if (!reg) throw pcErrors.webhookNotRegistered();
    return json(200, toRegistration(reg));
  });

  r.op('webhooks.register', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(WebhookRegistrationRequestSchema, await ctx.body());
    if (engine.state.webhooks[ctx.principal.partnerTenantId]) throw pcErrors.webhookAlreadyRegistered();
    const reg: WebhookRegistrationRecord = {
      subscriberId: engine.newId(),
      partnerTenantId: ctx.principal.partnerTenantId,
      webhookUrl: input.webhookUrl,
      webhookEvents: [...new Set(input.webhookEvents)],
      signatureInMsSignatureHeader: input.signatureTokenToMsSignatureHeader ?? false,
    };
    engine.state.webhooks[reg.partnerTenantId] = reg;
    engine.markDirty();
    return json(200, toRegistration(reg));
  });

  r.op('webhooks.update', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(WebhookRegistrationRequestSchema, await ctx.body());
    const reg = engine.state.webhooks[ctx.principal.partnerTenantId];
    if (!reg) throw pcErrors.webhookNotRegistered();
    reg.webhookUrl = input.webhookUrl;
    reg.webhookEvents = [...new Set(input.webhookEvents)];
    if (input.signatureTokenToMsSignatureHeader !== undefined) reg.signatureInMsSignatureHeader = input.signatureTokenToMsSignatureHeader;
    engine.markDirty();
    return json(200, toRegistration(reg));
  });

  r.op('webhooks.delete', (ctx) => {
    const engine = ctx.runtime.engine;
    if (!engine.state.webhooks[ctx.principal.partnerTenantId]) throw pcErrors.webhookNotRegistered();
    delete engine.state.webhooks[ctx.principal.partnerTenantId];
    engine.markDirty();
    return empty(204);
  });

  r.op('webhooks.validationEvents.create', (ctx) => {
    const engine = ctx.runtime.engine;
    const partnerTenantId = ctx.principal.partnerTenantId;
    const reg = engine.state.webhooks[partnerTenantId];
    if (!reg) throw pcErrors.webhookNotRegistered();
    if (!reg.webhookEvents.includes('test-created')) throw pcErrors.webhookTestNotRegistered();
    const now = engine.now();
    const recent = (engine.validationEventTimes.get(partnerTenantId) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= VALIDATION_EVENTS_PER_MINUTE) throw pcErrors.webhookTestRateLimited();
    engine.validationEventTimes.set(partnerTenantId, [...recent, now]);
    const correlationId = engine.newId();
    emitWebhookEvent(engine, partnerTenantId, 'test-created', 'test', `https://api.partnercenter.microsoft.com/webhooks/v1/registration/validationEvents/${correlationId}`);
    const delivery = engine.state.webhookDeliveries.at(-1)!;
    delivery.correlationId = correlationId;
    engine.state.validationEvents[correlationId] = { correlationId, partnerTenantId, deliveryId: delivery.id, createdAt: now };
    engine.markDirty();
    return json(200, { correlationId });
  });

  r.op('webhooks.validationEvents.get', (ctx) => {
    const engine = ctx.runtime.engine;
    const event = engine.state.validationEvents[ctx.param('correlationId')];
    if (!event || event.partnerTenantId !== ctx.principal.partnerTenantId) throw pcErrors.notFound(`Validation event ${ctx.param('correlationId')}`);
    const delivery = engine.state.webhookDeliveries.find((d) => d.id === event.deliveryId);
    const partner = engine.partnerByTenant(event.partnerTenantId)!;
    return json(200, {
      correlationId: event.correlationId,
      partnerId: partner.tenantId,
      status: delivery?.status === 'delivered' ? 'completed' : delivery?.status === 'parked' ? 'failed' : 'pending',
      callbackUrl: delivery?.url ?? '',
      results: delivery && delivery.attempts > 0
        ? [{ responseCode: String(delivery.lastResponseStatus ?? 0), responseMessage: delivery.lastError ?? 'OK', systemError: delivery.lastResponseStatus === undefined, dateTimeUtc: new Date(delivery.createdAt).toISOString() }]
        : [],
    });
  });
}
