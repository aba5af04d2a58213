/** The quantity bounds a SKU allows (docs/PARTNER-CENTER-REFERENCE.md §8: `minimumQuantity`, `maximumQuantity`). */
export interface SeatBounds {
  minimum: number;
  maximum: number;
}

/** Why a quantity cannot be ordered or set. */
export type QuantityProblem = 'not_a_whole_number' | 'below_minimum' | 'above_maximum';

/**
 * Checks a seat count against the SKU's bounds before anything reaches Microsoft, which would
 * refuse it with 2002/800017/900275 after a round trip (docs/PARTNER-CENTER-REFERENCE.md §10, §15). A whole number of seats only.
 */
export function quantityProblem(quantity: number, bounds: SeatBounds): QuantityProblem | undefined {
  if (!Number.isSafeInteger(quantity)) return 'not_a_whole_number';
  if (quantity < bounds.minimum) return 'below_minimum';
  if (quantity > bounds.maximum) return 'above_maximum';
  return undefined;
}

/** True when the quantity can be ordered for a SKU with these bounds. */
export function isQuantityAllowed(quantity: number, bounds: SeatBounds): boolean {
  return quantityProblem(quantity, bounds) === undefined;
}
