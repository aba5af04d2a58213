import { orderStatusFromMicrosoft, type OrderStatus } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { PlaceOrderDeps } from './place-order.input';

/** What one look at the orders journals. */
export interface OrderStatusReading {
  status: Extract<OrderStatus, 'in_progress' | 'fulfilled' | 'failed'>;
  subscriptionIds: string[];
  /** Microsoft's statuses, for the failure message. */
  microsoftStatuses: string[];
}

/**
 * Reads the orders Partner Center made from the cart (docs/PARTNER-CENTER-REFERENCE.md §9.3) and folds them into one status: failed
 * when any failed, fulfilled when all are, else in progress. Subscription ids are collected as
 * Microsoft attaches them to the lines.
 */
export function createReadOrderStatusStep(deps: Pick<PlaceOrderDeps, 'partnerCenterFor'>) {
  return defineStep<{ connectionId: string; customerTenantId: string; orderIds: string[] }, OrderStatusReading>({
    id: 'order-read-status',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await deps.partnerCenterFor(input.connectionId);
      const orders = [];
      for (const id of input.orderIds) orders.push(await pc.getOrder(input.customerTenantId, id, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued }));
      const each = orders.map((o) => orderStatusFromMicrosoft(o.status, o.lines));
      const status = each.includes('failed') ? 'failed' : each.every((s) => s === 'fulfilled') ? 'fulfilled' : 'in_progress';
      return {
        status,
        subscriptionIds: orders.flatMap((o) => o.lines.flatMap((l) => (l.subscriptionId ? [l.subscriptionId] : []))),
        microsoftStatuses: orders.map((o) => o.status),
      };
    },
  });
}
