import { AppError } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import { findOrdersByReference } from './find-orders-by-reference';
import type { PlaceOrderDeps } from './place-order.input';

/** What the checkout step journals. */
export interface CheckoutOutcome {
  /** Microsoft's order ids (one per order group). */
  orderIds: string[];
  /** Order groups Microsoft refused, in its words. */
  errors: { microsoftCode: number; description: string }[];
  /** Partner Center answered 13605: no MCA on record (nothing was ordered). */
  mcaMissing: boolean;
  /** The orders were found by reference (an earlier attempt had placed them). */
  foundByReference: boolean;
}

const codeOf = (e: unknown) => (typeof e === 'object' && e !== null ? String((e as { code?: unknown }).code ?? '') : '');

/**
 * Checks the cart out (docs/PARTNER-CENTER-REFERENCE.md §9.2): the one call that spends money, so it is
 * guarded three ways. The MS-RequestId is fixed before the call (decision 0007) and reused after a crash or a
 * lost answer, so Partner Center replays the first result. From the second attempt on, the step
 * first looks for an order carrying our reference. And "cart already submitted" or "order in
 * progress" (800065, 800060, 800064) means an earlier attempt got through: look again, never order
 * again. Not retried by the runtime on business errors (they are final).
 */
export function createCheckoutCartStep(deps: Pick<PlaceOrderDeps, 'partnerCenterFor'>) {
  return defineStep<{ connectionId: string; customerTenantId: string; cartId: string; reference: string }, CheckoutOutcome>({
    id: 'order-checkout',
    callsPartnerCenter: true,
    irreversible: true,
    retry: { ...defaultStepRetryPolicy, maxAttempts: 8 },
    timeoutMs: 120_000,
    async run(input, ctx) {
      const pc = await deps.partnerCenterFor(input.connectionId);
      const options = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      const lookUp = async () => {
        const found = await findOrdersByReference(pc, input.customerTenantId, input.reference, options);
        return found.length > 0 ? { orderIds: found.map((o) => o.id), errors: [], mcaMissing: false, foundByReference: true } : undefined;
      };
      if (ctx.attempt > 1) {
        const earlier = await lookUp();
        if (earlier) return earlier;
      }
      try {
        const result = await pc.checkoutCart(input.customerTenantId, input.cartId, { ...options, requestId: ctx.requestId });
        return {
          orderIds: result.orders.map((o) => o.id),
          errors: result.errors.map((e) => ({ microsoftCode: e.microsoftCode, description: e.description })),
          mcaMissing: false,
          foundByReference: false,
        };
      } catch (e) {
        const code = codeOf(e);
        if (code === 'MCA_MISSING') return { orderIds: [], errors: [], mcaMissing: true, foundByReference: false };
        if (code === 'CART_ALREADY_SUBMITTED' || code === 'ORDER_IN_PROGRESS') {
          const earlier = await lookUp();
          if (earlier) return earlier;
          // Submitted but not listed yet (NCE orders can take minutes to show, §9.2): look again later.
          throw new AppError('PARTNER_CENTER_UNAVAILABLE', 'The cart was already submitted but its order is not visible yet; looking again shortly.');
        }
        throw e;
      }
    },
  });
}
