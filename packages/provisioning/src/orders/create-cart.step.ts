import { AppError } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { OrderCartLine } from './order-ports';
import type { PlaceOrderDeps } from './place-order.input';

/**
 * Creates the cart (docs/PARTNER-CENTER-REFERENCE.md §9.1) with the journaled MS-RequestId: a retry after a
 * lost answer replays the first cart instead of making a second one. A cart buys nothing by
 * itself (it expires after 7 days), so this step needs no undo. A line Microsoft objects to
 * (CartErrorCode) stops the order with Microsoft's words.
 */
export function createCreateCartStep(deps: Pick<PlaceOrderDeps, 'partnerCenterFor'>) {
  return defineStep<{ connectionId: string; customerTenantId: string; lines: OrderCartLine[] }, { cartId: string }>({
    id: 'order-create-cart',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await deps.partnerCenterFor(input.connectionId);
      const cart = await pc.createCart(
        input.customerTenantId,
        { lines: input.lines, partnerOnRecordAttestationAccepted: true },
        { requestId: ctx.requestId, correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued },
      );
      const objections = cart.lines.filter((l) => l.error);
      if (objections.length > 0) {
        throw new AppError(
          'ORDER_INVALID',
          `Microsoft refused ${objections.length === 1 ? 'a line' : `${objections.length} lines`} of the cart: ${objections.map((l) => `${l.error!.description} (${l.error!.code})`).join('; ')}`,
        );
      }
      return { cartId: cart.id };
    },
  });
}
