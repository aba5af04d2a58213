const DAY_MS = 86_400_000;

/** Days before a term end at which CSP Hub warns that a subscription expires (move path, notifications). */
export const EXPIRY_WARNING_DAYS = 30;

/** Where a subscription's term end stands. */
export interface TermExpiry {
  endsAt: Date;
  /** Whole days left, rounded down; negative once past. */
  daysLeft: number;
  isExpired: boolean;
  /** Within the warning period and not yet expired. */
  isNear: boolean;
}

/**
 * The expiry of a term. A customer moving from another partner must order before the old
 * subscription expires (otherwise the customer is left without licences in between), so the UI warns inside the last {@link EXPIRY_WARNING_DAYS} days.
 */
export function termExpiry(termEndsAt: Date, now: Date, warningDays = EXPIRY_WARNING_DAYS): TermExpiry {
  const ms = termEndsAt.getTime() - now.getTime();
  const isExpired = ms <= 0;
  return { endsAt: termEndsAt, daysLeft: Math.floor(ms / DAY_MS), isExpired, isNear: !isExpired && ms <= warningDays * DAY_MS };
}
