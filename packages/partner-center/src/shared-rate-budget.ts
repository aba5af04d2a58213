import type { TimerClock } from '@csphub/domain';

/** A limit as the limiter holds it (`RateLimit` of rate-limiter.ts). */
interface Rate {
  limit: number;
  windowMs: number;
  burst?: number;
}

/**
 * A rate budget kept outside the process (the database), so that every worker sending calls for
 * one partner draws from the same budget: two server processes each keeping their own limiter
 * would together send twice Microsoft's limit. Implemented in `@csphub/db`
 * (`createPartnerCenterBudgetRepo`).
 *
 * The budget is a token bucket in GCRA form with the limiter's burst (default a tenth of the
 * limit), paced so that any `windowMs` holds at most `limit` calls across all workers, burst
 * included, whatever the service's windows are (fixed or sliding): 450 per minute against
 * Microsoft's 500 (the client's limits keep a 10 % margin), so a call taken at the end of one of
 * Microsoft's windows and arriving in the next is still within it. Sustained, that is 405 per
 * minute per key, against 450 for a single process's own limiter.
 */
export interface SharedRateBudget {
  /**
   * Takes one call from `key`'s budget at `nowMs` (the caller's clock: workers' clocks are kept in
   * step by NTP; one running ahead by a few milliseconds gains that many milliseconds of calls) when
   * it has room and resolves 0; otherwise takes nothing and resolves the milliseconds until it will
   * have room.
   */
  take(key: string, slot: { intervalMs: number; toleranceMs: number }, nowMs: number): Promise<number>;
}

/**
 * GCRA parameters of a limit: the spacing of calls and how far ahead of it a burst may run. Any
 * interval of `windowMs` then holds at most `limit` calls, the burst included (calls spaced
 * `windowMs / (limit - burst)` apart, plus the burst).
 */
export function budgetSlot(rate: Rate): { intervalMs: number; toleranceMs: number } {
  const burst = Math.max(1, Math.min(rate.limit - 1, rate.burst ?? Math.ceil(rate.limit / 10)));
  const intervalMs = rate.windowMs / Math.max(1, rate.limit - burst);
  return { intervalMs, toleranceMs: (burst - 1) * intervalMs };
}

export interface SharedBudgetOptions {
  budget: SharedRateBudget;
  /**
   * Told when the budget cannot be read (the database is down): the call then goes with the
   * process's own limit only, rather than failing a run for the sake of a counter.
   */
  onError?: (error: unknown, key: string) => void;
}

/**
 * One limiter's turn at the shared budget. A call released by the process's limiter takes its
 * shared slot here; the calls of one limiter go one at a time, in the order the limiter released
 * them, so its priorities and arrival order hold across the shared wait too.
 */
export class SharedBudgetGate {
  #chain: Promise<void> = Promise.resolve();
  readonly #options: SharedBudgetOptions;
  readonly #key: string;
  readonly #clock: TimerClock;

  constructor(options: SharedBudgetOptions, key: string, clock: TimerClock) {
    this.#options = options;
    this.#key = key;
    this.#clock = clock;
  }

  /** Waits for one call of `rate` from the shared budget; resolves the milliseconds waited. */
  async take(rate: Rate, signal?: AbortSignal): Promise<number> {
    const previous = this.#chain;
    let done!: () => void;
    this.#chain = new Promise<void>((resolve) => (done = resolve));
    const started = this.#clock.now().getTime();
    try {
      await previous;
      const slot = budgetSlot(rate);
      for (;;) {
        signal?.throwIfAborted();
        let wait: number;
        try {
          wait = await this.#options.budget.take(this.#key, slot, this.#clock.now().getTime());
        } catch (error) {
          this.#options.onError?.(error, this.#key);
          break;
        }
        if (!(wait > 0)) break;
        await this.#clock.sleep(Math.ceil(wait), signal);
      }
      return this.#clock.now().getTime() - started;
    } finally {
      done();
    }
  }
}
