import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { PlaceOrderDeps } from './place-order.input';

/**
 * First step of an order: is a Microsoft Customer Agreement acceptance on record? Partner Center
 * would refuse the checkout with 403/13605 otherwise (docs/PARTNER-CENTER-REFERENCE.md §9.2); asking first
 * turns that into a fixable message before any cart exists, rather than a failed order.
 */
export function createCheckMcaStep(deps: Pick<PlaceOrderDeps, 'partnerCenterFor'>) {
  return defineStep<{ connectionId: string; customerTenantId: string }, { present: boolean }>({
    id: 'order-check-mca',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await deps.partnerCenterFor(input.connectionId);
      return { present: await pc.hasMca(input.customerTenantId, { requestId: ctx.requestId, correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued }) };
    },
  });
}
