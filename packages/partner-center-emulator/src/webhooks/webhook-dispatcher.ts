import { WebhookHeader } from '@csphub/partner-center/wire';
import type { Engine } from '../engine/engine';
import type { WebhookDeliveryRecord } from '../engine/emulator-state';
import { signWebhookBody, webhookKeys } from './webhook-signing';

/** Up to 10 delivery attempts, then parked (docs/PARTNER-CENTER-REFERENCE.md §16). */
export const MAX_DELIVERY_ATTEMPTS = 10;
const DELIVERY_TIMEOUT_MS = 10_000;

/** What the dispatcher needs of the emulator runtime that owns it. */
export interface WebhookDispatcherHost {
  readonly engine: Engine;
  /** The emulator's public origin, for the certificate URL a delivery names. */
  readonly publicUrl: string;
  /** Persists the state after a delivery changed it. */
  commit(): void;
}

/**
 * Sends queued webhook deliveries: signed POSTs to the registered URL. A non-2xx answer or a network
 * error schedules a retry with exponential back-off in emulator time (30 s, 60 s, ... capped at 1 h);
 * after 10 attempts the delivery is parked. Deliveries are never awaited by the API request that
 * caused them; `drain()` waits for them.
 */
export class WebhookDispatcher {
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(
    private readonly runtime: WebhookDispatcherHost,
    private readonly fetchImpl: typeof fetch,
  ) {}

  /** Starts every due delivery that is not already in flight. */
  kick(): void {
    const engine = this.runtime.engine;
    const now = engine.now();
    for (const delivery of engine.state.webhookDeliveries) {
      if (delivery.status !== 'pending' || delivery.nextAttemptAt > now || this.inflight.has(delivery.id)) continue;
      const promise = this.send(delivery).finally(() => this.inflight.delete(delivery.id));
      this.inflight.set(delivery.id, promise);
    }
  }

  async drain(): Promise<void> {
    this.kick();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  private async send(delivery: WebhookDeliveryRecord): Promise<void> {
    const engine = this.runtime.engine;
    const keys = webhookKeys(engine);
    const registration = engine.state.webhooks[delivery.partnerTenantId];
    const signature = signWebhookBody(keys.privateKeyPem, delivery.body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [WebhookHeader.certificateUrl]: `${this.runtime.publicUrl}/_emulator/webhooks/certificate`,
      [WebhookHeader.signatureAlgorithm]: 'rsa-sha256',
    };
    if (registration?.signatureInMsSignatureHeader) headers[WebhookHeader.msSignature] = signature;
    else headers[WebhookHeader.authorization] = `Signature ${signature}`;
    delivery.attempts += 1;
    try {
      const response = await this.fetchImpl(delivery.url, { method: 'POST', headers, body: delivery.body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      delivery.lastResponseStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) delivery.status = 'delivered';
      else this.retryLater(delivery, `HTTP ${response.status}`);
    } catch (error) {
      this.retryLater(delivery, error instanceof Error ? error.message : String(error));
    }
    engine.markDirty();
    this.runtime.commit();
  }

  private retryLater(delivery: WebhookDeliveryRecord, reason: string): void {
    delivery.lastError = reason;
    if (delivery.attempts >= MAX_DELIVERY_ATTEMPTS) {
      delivery.status = 'parked';
      return;
    }
    delivery.nextAttemptAt = this.runtime.engine.now() + Math.min(3_600_000, 30_000 * 2 ** (delivery.attempts - 1));
  }
}
