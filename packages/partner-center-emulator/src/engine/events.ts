import type { Engine } from './engine';
import type { AuditRecordRecord } from './emulator-state';

/**
 * Queues a webhook event for every registration of `partnerTenantId` that subscribed to it
 * (docs/PARTNER-CENTER-REFERENCE.md §16). Delivery (signing, POST, retries) is the runtime's job; the engine
 * only records what must be sent and when.
 */
export function emitWebhookEvent(engine: Engine, partnerTenantId: string, eventName: string, resourceName: string, resourceUri: string | null, auditUri: string | null = null): void {
  const counterKey = `event:${eventName}`;
  engine.state.counters[counterKey] = (engine.state.counters[counterKey] ?? 0) + 1;
  const registration = engine.state.webhooks[partnerTenantId];
  if (!registration || !registration.webhookEvents.includes(eventName)) return;
  const body = JSON.stringify({
    EventName: eventName,
    ResourceUri: resourceUri,
    ResourceName: resourceName,
    AuditUri: auditUri,
    ResourceChangeUtcDate: engine.iso(),
  });
  engine.state.webhookDeliveries.push({
    id: engine.newId(),
    partnerTenantId,
    url: registration.webhookUrl,
    eventName,
    body,
    attempts: 0,
    status: 'pending',
    nextAttemptAt: engine.now(),
    createdAt: engine.now(),
  });
  engine.markDirty();
}

/** Appends an audit record (`GET /v1/auditrecords`, §14). */
export function recordAudit(engine: Engine, record: Omit<AuditRecordRecord, 'id' | 'at' | 'operationStatus'> & { operationStatus?: AuditRecordRecord['operationStatus'] }): void {
  engine.state.audit.push({ id: engine.newId(), at: engine.now(), operationStatus: 'succeeded', ...record });
  engine.markDirty();
}
