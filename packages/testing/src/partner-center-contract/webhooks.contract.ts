import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context';

/** Webhook registration (docs/PARTNER-CENTER-REFERENCE.md §16). */
export function registerWebhookContract(ctx: ContractContext): void {
  describe('webhooks', () => {
    it('registers for events, reads the registration back and sends a test event', async () => {
      const client = ctx.target.client('indirect');
      const events = await client.listWebhookEvents();
      expect(events).toContain('reseller-relationship-accepted-by-customer');
      expect(events).toContain('test-created');

      const wanted = {
        url: ctx.target.fixtures.webhookUrl,
        events: ['reseller-relationship-accepted-by-customer', 'test-created'] as const,
      };
      const existing = await client.getWebhookRegistration();
      const registration = existing
        ? await client.updateWebhookRegistration({ url: wanted.url, events: [...wanted.events] })
        : await client.registerWebhook({ url: wanted.url, events: [...wanted.events] });
      expect(registration.url).toBe(wanted.url);
      expect([...registration.events].sort()).toEqual([...wanted.events].sort());
      expect((await client.getWebhookRegistration())?.subscriberId).toBe(registration.subscriberId);

      const correlationId = await client.sendWebhookTestEvent();
      const status = await client.getWebhookValidationStatus(correlationId);
      expect(status.correlationId).toBe(correlationId);
      expect(status.callbackUrl).toBe(wanted.url);
    });
  });
}
