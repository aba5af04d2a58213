import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock';
import { RateLimiter, createLimiterRegistry } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets `limit` calls through at once and queues the rest until the window slides', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000, burst: 3 }, clock);
    const started: number[] = [];
    const calls = Array.from({ length: 7 }, () => limiter.acquire().then(() => started.push(clock.now().getTime())));
    await clock.advance(0);
    expect(started).toEqual([0, 0, 0]);
    expect(limiter.waiting).toBe(4);
    await clock.advance(1000);
    expect(started).toEqual([0, 0, 0, 1000, 1000, 1000]);
    await clock.advance(1000);
    await Promise.all(calls);
    expect(started).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('never lets more than `limit` starts into any window, whatever the arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 10, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        async (limit, windowMs, gaps, burst) => {
          const clock = createManualClock({ start: 0 });
          const limiter = new RateLimiter({ limit, windowMs, burst }, clock);
          const starts: number[] = [];
          const all: Promise<unknown>[] = [];
          for (const gap of gaps) {
            await clock.advance(gap);
            const asked = clock.now().getTime();
            // acquire resolves with the time waited: asked + waited is when the call may start.
            all.push(limiter.acquire().then((waited) => starts.push(asked + waited)));
          }
          while (starts.length < gaps.length) await clock.advance(windowMs);
          await Promise.all(all);
          starts.sort((a, b) => a - b);
          for (let i = limit; i < starts.length; i++)
            if (starts[i]! - starts[i - limit]! < windowMs) return false;
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('spreads a burst over the window once the bucket is spent, instead of releasing it in one block', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 100, windowMs: 60_000, burst: 10 }, clock);
    const starts: number[] = [];
    const all = Array.from({ length: 30 }, () => {
      const asked = clock.now().getTime();
      return limiter.acquire().then((waited) => starts.push(asked + waited));
    });
    await clock.advance(0);
    expect(starts).toHaveLength(10);
    await clock.advance(60_000);
    await Promise.all(all);
    // After the first ten, one call every 600 ms (100 per minute).
    const gaps = starts.slice(10).map((t, i) => t - (starts[9 + i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(601);
  });

  it('serves callers in arrival order', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 1, windowMs: 100 }, clock);
    const order: number[] = [];
    const all = [0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i)));
    await clock.advance(1000);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('holds everyone after a 429 until the Retry-After has passed', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 100, windowMs: 1000 }, clock);
    limiter.pauseUntil(5000);
    let startedAt: number | undefined;
    const p = limiter.acquire().then(() => (startedAt = clock.now().getTime()));
    await clock.advance(4999);
    expect(startedAt).toBeUndefined();
    await clock.advance(1);
    await p;
    expect(startedAt).toBe(5000);
  });

  it('gives up waiting when the caller aborts', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('refuses nonsense limits', () => {
    const clock = createManualClock();
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 }, clock)).toThrow(RangeError);
    expect(() => new RateLimiter({ limit: 1, windowMs: 0 }, clock)).toThrow(RangeError);
  });
});

describe('createLimiterRegistry', () => {
  it('returns one shared limiter per key, so two clients share one budget', () => {
    const registry = createLimiterRegistry({ clock: createManualClock() });
    const a = registry.get('partner-center:t1', { limit: 5, windowMs: 1000 });
    const b = registry.get('partner-center:t1', { limit: 5, windowMs: 1000 });
    const c = registry.get('partner-center:t2', { limit: 5, windowMs: 1000 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(registry.keys().sort()).toEqual(['partner-center:t1', 'partner-center:t2']);
  });

  it('applies changed settings to the existing limiter', () => {
    const registry = createLimiterRegistry({ clock: createManualClock() });
    registry.get('k', { limit: 5, windowMs: 1000 });
    expect(registry.get('k', { limit: 9, windowMs: 2000 }).rate).toEqual({ limit: 9, windowMs: 2000 });
  });
});
