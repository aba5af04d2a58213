import { termExpiry, type TermExpiry } from './term-expiry';

/** A subscription the tenant holds through another partner, as the move view shows it. */
export interface ExistingSubscription {
  quantity: number;
  /** Licenses assigned to users (from the tenant's subscribed SKUs). */
  assigned: number;
  termEndsAt: Date;
  autoRenew: boolean;
}

export type MoveLineProblem =
  /** Order at least as many seats as the customer holds today. */
  | 'below_current_quantity'
  /** Fewer seats than users holding a license: someone would lose theirs. */
  | 'below_assigned'
  /** The old subscription already expired: there is nothing to move without interruption. */
  | 'old_expired';

/** The check of a replacement order and the old subscription's expiry. */
export interface MoveCheck {
  ok: boolean;
  problems: MoveLineProblem[];
  expiry: TermExpiry;
  /** The fewest seats the new order may have. */
  minimumQuantity: number;
}

/**
 * Checks a replacement for a subscription held through another partner:
 * order the same or a higher package with at least the current quantity (and never fewer than the
 * assigned licenses) before the old one expires.
 */
export function checkMoveOrder(old: ExistingSubscription, newQuantity: number, now: Date): MoveCheck {
  const expiry = termExpiry(old.termEndsAt, now);
  const problems: MoveLineProblem[] = [];
  if (newQuantity < old.quantity) problems.push('below_current_quantity');
  if (newQuantity < old.assigned) problems.push('below_assigned');
  if (expiry.isExpired) problems.push('old_expired');
  return { ok: problems.length === 0, problems, expiry, minimumQuantity: Math.max(old.quantity, old.assigned) };
}

/** The steps of the guided path, in order. */
export const MOVE_STEPS = ['review_current', 'order_replacement', 'verify_both', 'assign_licenses', 'retire_old'] as const;
export type MoveStep = (typeof MOVE_STEPS)[number];

/**
 * Where a move stands: the first step not yet done. `verify_both` is done when the replacement is
 * active next to the old one; `assign_licenses` when every user holding the old package also holds
 * the new one (same package: automatic); `retire_old` when the old one is cancelled, expired
 * or no longer renews.
 */
export function currentMoveStep(facts: {
  reviewed: boolean;
  replacementOrdered: boolean;
  replacementActive: boolean;
  samePackage: boolean;
  usersStillOnOldOnly: number;
  oldRetiredOrNotRenewing: boolean;
}): MoveStep | 'done' {
  if (!facts.reviewed) return 'review_current';
  if (!facts.replacementOrdered) return 'order_replacement';
  if (!facts.replacementActive) return 'verify_both';
  if (!facts.samePackage && facts.usersStillOnOldOnly > 0) return 'assign_licenses';
  if (!facts.oldRetiredOrNotRenewing) return 'retire_old';
  return 'done';
}
