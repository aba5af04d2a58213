import type { TimerClock } from '@csphub/domain';
import { PartnerCenterError } from './partner-center-error';
import { SharedBudgetGate, type SharedBudgetOptions } from './shared-rate-budget';

/**
 * Which queued calls leave first. `normal` (the default): provisioning runs, orders and everything
 * that changes something; `low`: reads a person can simply repeat (subscription and licence lists).
 * A `low` call waits while any `normal` call is queued; within a priority, arrival order.
 */
export type CallPriority = 'normal' | 'low';

const RANK: Record<CallPriority, number> = { normal: 0, low: 1 };

/** How long a caller refused by a full queue should wait: the time the queue needs to drain. */
function drainSeconds(queued: number, rate: RateLimit): number {
  return Math.max(1, Math.ceil((queued * rate.windowMs) / rate.limit / 1000));
}

/** The error a call gets when the limiter's queue is full (or it was pushed out by a more urgent call). */
export function queueFullError(queued: number, rate: RateLimit): PartnerCenterError {
  const seconds = drainSeconds(queued, rate);
  return new PartnerCenterError({
    code: 'QUEUE_FULL',
    message: `Too many Partner Center calls are already waiting on this connection (${queued}); try again in ${seconds} s.`,
    transient: true,
    retryAfterSeconds: seconds,
  });
}

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
  rank: number;
  /** Called with the clock time at which the limiter released this caller. */
  resolve: (releasedAt: number) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A sliding-window limiter that queues callers instead of refusing them: it keeps the client under
 * Partner Center's published limits (500 requests per minute per tenant, docs/PARTNER-CENTER-REFERENCE.md §14)
 * rather than bouncing off 429s.
 *
 * It keeps the start times of the last `limit` calls it let through and releases queued callers by
 * priority, then in arrival order (FIFO within a priority), only while fewer than `limit` of those fall in the last
 * `windowMs`, and no faster than `limit/windowMs` once a small burst is spent (token bucket). Starts are recorded when a caller is actually released, not when it queued: if the
 * process falls behind (a busy event loop fires timers late), late callers are not released in a
 * bunch. A 429 that reaches the client anyway pauses the limiter for the Retry-After
 * (`pauseUntil`), so the other queued calls do not walk into the same wall.
 *
 * The queue is bounded (`maxQueued`): a caller arriving at a full queue takes the place of the
 * newest queued caller of lower priority, which is refused, or is refused itself with `QUEUE_FULL`
 * (transient, with a Retry-After of the time the queue needs to drain). A caller whose signal
 * aborts leaves the queue at once and is never released, so calls of a request whose client went
 * away are never sent.
 */
export class RateLimiter {
  #rate: RateLimit;
  readonly #clock: TimerClock;
  /** Release times of the calls let through, oldest first; only the last `limit` matter. */
  #starts: number[] = [];
  #queue: Waiter[] = [];
  #pausedUntil = 0;
  /** Token bucket for spacing: tokens available at `#tokensAt`. */
  #tokens: number;
  #tokensAt: number;
  /** Cancels the single pending wake-up timer. */
  #timer: AbortController | undefined;
  #maxQueued: number;
  /** The budget shared with other workers, taken after this limiter releases a call. */
  readonly #shared: SharedBudgetGate | undefined;

  constructor(rate: RateLimit, clock: TimerClock, options: { maxQueued?: number; shared?: { key: string } & SharedBudgetOptions } = {}) {
    assertRate(rate);
    this.#rate = { ...rate };
    this.#clock = clock;
    this.#maxQueued = options.maxQueued ?? Number.POSITIVE_INFINITY;
    if (!(this.#maxQueued >= 0)) throw new RangeError(`Queue bound must be zero or more (got ${options.maxQueued})`);
    this.#tokens = this.#burst();
    this.#tokensAt = clock.now().getTime();
    this.#shared = options.shared && new SharedBudgetGate(options.shared, options.shared.key, clock);
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

  /** Calls queued of each priority. */
  get waitingByPriority(): Record<CallPriority, number> {
    const out: Record<CallPriority, number> = { normal: 0, low: 0 };
    for (const w of this.#queue) out[w.rank === RANK.normal ? 'normal' : 'low']++;
    return out;
  }

  /**
   * Waits for a slot; resolves with the milliseconds waited. Rejects with the signal's reason when
   * it aborts while queued, and with a `QUEUE_FULL` PartnerCenterError when the queue is full of
   * calls at least as urgent (or when a more urgent call takes its place).
   */
  async acquire(signal?: AbortSignal, priority: CallPriority = 'normal'): Promise<number> {
    signal?.throwIfAborted();
    const rank = RANK[priority];
    const asked = this.#clock.now().getTime();
    if (!this.#queue.some((w) => w.rank <= rank) && this.#canRelease(asked)) {
      this.#take(asked);
      this.#trim();
      return this.#shared ? this.#shared.take(this.#rate, signal) : 0;
    }
    // The wait is measured to the release the limiter decided, not to when this continuation
    // happens to run (a busy event loop, or a test clock that has moved on, would inflate it).
    const releasedAt = await new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { rank, resolve, reject, signal };
      if (this.#queue.length >= this.#maxQueued) {
        // Full: push out the newest caller of lower priority, or refuse this one.
        let victim = -1;
        for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]!.rank > rank) {
          victim = i;
          break;
        }
        if (victim < 0) {
          reject(queueFullError(this.#queue.length, this.#rate));
          return;
        }
        const [out] = this.#queue.splice(victim, 1);
        if (out!.signal && out!.onAbort) out!.signal.removeEventListener('abort', out!.onAbort);
        out!.reject(queueFullError(this.#queue.length + 1, this.#rate));
      }
      if (signal) {
        waiter.onAbort = () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(signal.reason);
          this.#pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // After every queued caller of the same or a higher priority (FIFO within a priority).
      let at = this.#queue.length;
      while (at > 0 && this.#queue[at - 1]!.rank > rank) at--;
      this.#queue.splice(at, 0, waiter);
      this.#pump();
    });
    return releasedAt - asked + (this.#shared ? await this.#shared.take(this.#rate, signal) : 0);
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
    const now = this.#clock.now().getTime();
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

/**
 * A new, empty registry. `maxQueued` bounds each limiter's queue (unbounded when absent; the server
 * passes `CSPHUB_PC_MAX_QUEUED`, docs/CONFIGURATION.md). With `shared`, every limiter also takes
 * each call from the budget shared by all workers (shared-rate-budget.ts), after its own.
 */
export function createLimiterRegistry(options: { clock: TimerClock; maxQueued?: number; shared?: SharedBudgetOptions }): LimiterRegistry {
  const limiters = new Map<string, RateLimiter>();
  return {
    get(key, rate) {
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = new RateLimiter(rate, options.clock, {
          ...(options.maxQueued === undefined ? {} : { maxQueued: options.maxQueued }),
          ...(options.shared ? { shared: { ...options.shared, key } } : {}),
        });
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
