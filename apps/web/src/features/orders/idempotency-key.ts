/** A stable idempotency key for one submission attempt of the order form. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}
