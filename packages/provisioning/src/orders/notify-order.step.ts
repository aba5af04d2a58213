import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { PlaceOrderDeps, PlaceOrderInput } from './place-order.input';

/**
 * Tells the reseller (or customer) how the order ended: `order-fulfilled` or `order-failed`. The
 * dedupe key makes a repeated send after a crash deliver nothing new.
 */
export function createNotifyOrderStep(deps: Pick<PlaceOrderDeps, 'notifications'>) {
  return defineStep<{ orderId: string; reference: string; outcome: 'fulfilled' | 'failed'; reason: string; notify: PlaceOrderInput['notify']; productSummary: string }, { sent: boolean }>({
    id: 'order-notify',
    retry: defaultStepRetryPolicy,
    timeoutMs: 30_000,
    async run(input) {
      if (input.notify.to.length === 0) return { sent: false };
      const fields: Record<string, string> = {
        recipientName: input.notify.recipientName,
        companyName: input.notify.companyName,
        orderReference: input.reference,
        products: input.productSummary,
        orderUrl: input.notify.orderUrl,
      };
      if (input.outcome === 'failed') fields.reason = input.reason;
      await deps.notifications.send({
        template: input.outcome === 'fulfilled' ? 'order-fulfilled' : 'order-failed',
        language: input.notify.language,
        to: input.notify.to,
        fields,
        dedupeKey: `${input.orderId}:${input.outcome}`,
        subjectId: input.orderId,
      });
      return { sent: true };
    },
  });
}
