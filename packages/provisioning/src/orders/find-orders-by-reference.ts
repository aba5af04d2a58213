import { referenceInFriendlyName } from '@csphub/domain';
import type { OrderCallOptions, OrderPartnerCenter, ReportedOrder } from './order-ports';

/**
 * The customer's orders whose lines carry our reference in their friendly name: how a checkout
 * whose answer was lost is found again before anything is ordered twice (look before
 * you create).
 */
export async function findOrdersByReference(pc: OrderPartnerCenter, customerTenantId: string, reference: string, options?: OrderCallOptions): Promise<ReportedOrder[]> {
  const orders = await pc.listOrders(customerTenantId, options);
  return orders.filter((o) => o.lines.some((l) => referenceInFriendlyName(l.friendlyName) === reference));
}
