/**
 * Every order CSP Hub places carries a short reference in its lines' friendly name, so that after a
 * crash or a lost answer the order can be found in Partner Center by that reference before anything
 * is ordered again (look before you create: docs/WORKFLOWS.md). Microsoft copies the friendly name onto the
 * order line and the subscription.
 */
export const ORDER_REFERENCE_PREFIX = 'CSPH-';

const REFERENCE = /CSPH-[0-9A-Z]{10}/;

/** A reference from an order id (a UUID): stable, short, upper-case. */
export function orderReferenceOf(orderId: string): string {
  const hex = orderId.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length < 10) throw new Error(`Order id ${orderId} is too short to derive a reference from.`);
  return ORDER_REFERENCE_PREFIX + hex.slice(0, 10);
}

/** The friendly name of a line: the product title and the reference, within Microsoft's 50 characters. */
export function friendlyNameWithReference(title: string, reference: string): string {
  const room = 50 - reference.length - 1;
  return `${title.trim().slice(0, room).trim()} ${reference}`;
}

/** The reference a friendly name carries, if any. */
export function referenceInFriendlyName(friendlyName: string | undefined | null): string | undefined {
  return friendlyName?.match(REFERENCE)?.[0];
}

/**
 * The durable workflow id of placing an order: the business intent (this order of ours), so that
 * starting it twice (a double click, a retried API call) attaches to the same run.
 */
export function placeOrderWorkflowId(orderId: string): string {
  return `place-order:${orderId}`;
}
