/**
 * CSP Hub's order status. `submitted` until Partner Center has the order,
 * `in_progress` while Microsoft provisions it, then `fulfilled` or `failed` with Microsoft's reason.
 * `needs_attention` when the outcome is unknown and an operator must look (never a guess).
 */
export const ORDER_STATUSES = ['submitted', 'in_progress', 'fulfilled', 'failed', 'needs_attention'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** True once the order will not change any more. */
export function isFinalOrderStatus(status: OrderStatus): boolean {
  return status === 'fulfilled' || status === 'failed';
}

/**
 * Maps Partner Center's order status and the per-line fulfilment (docs/PARTNER-CENTER-REFERENCE.md §9.3) to
 * ours. An order is fulfilled when Microsoft says `completed` and every line carries its
 * subscription id; `partial success`, `error`, `cancelled` and the PO rejections are failures;
 * anything else is still in progress.
 */
export function orderStatusFromMicrosoft(microsoftStatus: string, lines: readonly { subscriptionId?: string | undefined }[]): OrderStatus {
  const s = microsoftStatus.toLowerCase().replace(/[\s_]+/g, '');
  if (s === 'completed') return lines.length > 0 && lines.every((l) => !!l.subscriptionId) ? 'fulfilled' : 'in_progress';
  if (s === 'partialsuccess' || s === 'error' || s === 'cancelled' || s === 'poreviewrejected') return 'failed';
  return 'in_progress';
}
