/**
 * New commerce lets a partner reduce seats or cancel only within 168 hours (7 days) of a purchase
 * or renewal (docs/PARTNER-CENTER-REFERENCE.md §10: 800090, 900213, 900214, 900257, 900117).
 */
export const NCE_WINDOW_HOURS = 168;
const HOUR_MS = 3_600_000;
export const NCE_WINDOW_MS = NCE_WINDOW_HOURS * HOUR_MS;

/** When the window closes and how much of it is left at a given moment. */
export interface CancellationWindow {
  endsAt: Date;
  isOpen: boolean;
  /** Milliseconds left (0 once closed). */
  msLeft: number;
  /** Whole hours left, rounded down (what the UI shows next to the action). */
  hoursLeft: number;
}

/**
 * The reduce/cancel window of a subscription. Microsoft's `cancellationAllowedUntilDate` wins
 * when it is given (it already accounts for renewals); otherwise the window is 168 hours from the
 * start of the current term.
 */
export function cancellationWindow(input: { termStartedAt: Date; cancellationAllowedUntil?: Date | undefined }, now: Date): CancellationWindow {
  const endsAt = input.cancellationAllowedUntil ?? new Date(input.termStartedAt.getTime() + NCE_WINDOW_MS);
  const msLeft = Math.max(0, endsAt.getTime() - now.getTime());
  return { endsAt, isOpen: msLeft > 0, msLeft, hoursLeft: Math.floor(msLeft / HOUR_MS) };
}

/** How long before the window closes the "window closing" notice is sent. */
export const WINDOW_CLOSING_NOTICE_MS = 24 * HOUR_MS;

/**
 * True inside the last 24 hours of an open window: the moment to tell the reseller that a
 * reduction or cancellation will soon be impossible.
 */
export function isWindowClosingSoon(window: CancellationWindow): boolean {
  return window.isOpen && window.msLeft <= WINDOW_CLOSING_NOTICE_MS;
}
