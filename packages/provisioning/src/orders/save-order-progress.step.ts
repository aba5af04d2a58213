import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { OrderProgress } from './order-ports';
import type { PlaceOrderDeps } from './place-order.input';

/**
 * Writes the order's row (status, Microsoft ids, subscription ids, reason) as a step, so it is done
 * once per transition and the UI and API read it without asking Partner Center.
 */
export function createSaveOrderProgressStep(deps: Pick<PlaceOrderDeps, 'orders'>) {
  return defineStep<{ orderId: string; progress: Omit<OrderProgress, 'at'> }, { saved: true }>({
    id: 'order-save-progress',
    retry: defaultStepRetryPolicy,
    timeoutMs: 30_000,
    async run(input, ctx) {
      await deps.orders.saveProgress(input.orderId, { ...input.progress, at: ctx.now() });
      return { saved: true };
    },
  });
}
