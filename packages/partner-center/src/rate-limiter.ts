import type { Clock } from './clock';

/** At most `limit` requests in any `windowMs` window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
  /**
   * How many calls may leave back to back before the limiter spaces them out at `limit/windowMs`
   * (a token bucket of this size). Default a tenth of `limit`: a few calls go at once, a burst of
   * thousands is spread over the window instead of hitting the service in one block, which would
   * stretch its answers across the service's own window boundary.
   */
  burst?: number;
}

interface Waiter {
  /** Called with the clock time at which the limiter released this caller. */
  resolve: (releasedAt: number) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A sliding-window limiter that queues callers instead of refusing them: it keeps the client under
 * Partner Center's published limits (500 requests per minute per tenant, partner-center-api.md §14)
 * rather than bouncing off 429s.
 *
 * It keeps the start times of the last `limit` calls it let through and releases queued callers in
 * arrival order (FIFO, no starvation) only while fewer than `limit` of those fall in the last
 * `windowMs`, and no faster than `limit/windowMs` once a small burst is spent (token bucket). Starts are recorded when a caller is actually released, not when it queued: if the
 * process falls behind (a busy event loop fires timers late), late callers are not released in a
 * bunch. A 429 that reaches the client anyway pauses the limiter for the Retry-After
 * (`pauseUntil`), so the other queued calls do not walk into the same wall.
 */
export class RateLimiter {
  #rate: RateLimit;
  readonly #clock: Clock;
  /** Release times of the calls let through, oldest first; only the last `limit` matter. */
  #starts: number[] = [];
  #queue: Waiter[] = [];
  #pausedUntil = 0;
  /** Token bucket for spacing: tokens available at `#tokensAt`. */
  #tokens: number;
  #tokensAt: number;
  /** Cancels the single pending wake-up timer. */
  #timer: AbortController | undefined;

  constructor(rate: RateLimit, clock: Clock) {
    assertRate(rate);
    this.#rate = { ...rate };
    this.#clock = clock;
    this.#tokens = this.#burst();
    this.#tokensAt = clock.now();
  }

  #burst(): number {
    return Math.max(1, Math.min(this.#rate.limit, this.#rate.burst ?? Math.ceil(this.#rate.limit / 10)));
  }

  /** Tokens in the bucket at `now` (refilled at limit/windowMs, capped at the burst). */
  #tokensNow(now: number): number {
    const refill = ((now - this.#tokensAt) * this.#rate.limit) / this.#rate.windowMs;
    return Math.min(this.#burst(), this.#tokens + Math.max(0, refill));
  }

  #take(now: number): void {
    this.#tokens = this.#tokensNow(now) - 1;
    this.#tokensAt = now;
    this.#starts.push(now);
  }

  get rate(): RateLimit {
    return { ...this.#rate };
  }

  /** Calls currently queued. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Changes the limit for later releases (e.g. when settings are reloaded). */
  setRate(rate: RateLimit): void {
    assertRate(rate);
    this.#rate = { ...rate };
    this.#pump();
  }

  /** Holds every release until `epochMs` (after a 429 with Retry-After). */
  pauseUntil(epochMs: number): void {
    if (epochMs <= this.#pausedUntil) return;
    this.#pausedUntil = epochMs;
    this.#pump();
  }

  /**
   * Waits for a slot; resolves with the milliseconds waited. Rejects with the signal's reason when
   * it aborts while queued.
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    const asked = this.#clock.now();
    if (this.#queue.length === 0 && this.#canRelease(asked)) {
      this.#take(asked);
      this.#trim();
      return 0;
    }
    // The wait is measured to the release the limiter decided, not to when this continuation
    // happens to run (a busy event loop, or a test clock that has moved on, would inflate it).
    const releasedAt = await new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(signal.reason);
          this.#pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#pump();
    });
    return releasedAt - asked;
  }

  #canRelease(now: number): boolean {
    if (now < this.#pausedUntil) return false;
    if (this.#tokensNow(now) < 1 - 1e-9) return false;
    const { limit, windowMs } = this.#rate;
    if (this.#starts.length < limit) return true;
    return (this.#starts[this.#starts.length - limit] ?? 0) + windowMs <= now;
  }

  /** When the next release may happen, from the window and the pause. */
  #nextReleaseAt(now: number): number {
    const { limit, windowMs } = this.#rate;
    let at = Math.max(now, this.#pausedUntil);
    if (this.#starts.length >= limit)
      at = Math.max(at, (this.#starts[this.#starts.length - limit] ?? 0) + windowMs);
    const missing = 1 - this.#tokensNow(now);
    if (missing > 0) at = Math.max(at, now + Math.ceil((missing * windowMs) / limit));
    return at;
  }

  #trim(): void {
    const excess = this.#starts.length - this.#rate.limit;
    if (excess > this.#rate.limit) this.#starts.splice(0, excess);
  }

  #pump(): void {
    const now = this.#clock.now();
    while (this.#queue.length > 0 && this.#canRelease(now)) {
      const waiter = this.#queue.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.#take(now);
      waiter.resolve(now);
    }
    this.#trim();
    this.#timer?.abort();
    this.#timer = undefined;
    if (this.#queue.length === 0) return;
    const timer = new AbortController();
    this.#timer = timer;
    this.#clock.sleep(this.#nextReleaseAt(now) - now, timer.signal).then(
      () => {
        if (this.#timer === timer) {
          this.#timer = undefined;
          this.#pump();
        }
      },
      () => {},
    );
  }
}

function assertRate(rate: RateLimit) {
  if (!Number.isInteger(rate.limit) || rate.limit < 1)
    throw new RangeError(`Rate limit must be a positive integer (got ${rate.limit})`);
  if (!(rate.windowMs > 0)) throw new RangeError(`Rate window must be positive (got ${rate.windowMs} ms)`);
}

/**
 * The limiters of one process, by key (`partner-center:<partner tenant>`, `…:customer:<tenant>`).
 * Built once in the composition root and passed to every client, so two clients of the same
 * connection (or two connections of one partner tenant) share one budget. No module-level state.
 */
export interface LimiterRegistry {
  /** The limiter for `key`, created with `rate` on first use; a later different `rate` updates it. */
  get(key: string, rate: RateLimit): RateLimiter;
  /** Keys currently held (for diagnostics and tests). */
  keys(): string[];
}

/** A new, empty registry. */
export function createLimiterRegistry(options: { clock: Clock }): LimiterRegistry {
  const limiters = new Map<string, RateLimiter>();
  return {
    get(key, rate) {
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = new RateLimiter(rate, options.clock);
        limiters.set(key, limiter);
      } else if (
        limiter.rate.limit !== rate.limit ||
        limiter.rate.windowMs !== rate.windowMs ||
        limiter.rate.burst !== rate.burst
      ) {
        limiter.setRate(rate);
      }
      return limiter;
    },
    keys: () => [...limiters.keys()],
  };
}
