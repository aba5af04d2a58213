import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock';
import { isPartnerCenterError } from './partner-center-error';
import { RateLimiter, type CallPriority } from './rate-limiter';

const RANK: Record<CallPriority, number> = { normal: 0, low: 1 };

interface Op {
  priority: CallPriority;
  /** Its caller goes away while it waits. */
  abandons: boolean;
}

/**
 * The queue's rules, written out plainly: a full queue pushes out its newest caller of lower
 * priority or refuses the newcomer; then abandoned callers leave; the rest go by priority, then
 * arrival.
 */
function expected(ops: Op[], maxQueued: number) {
  let queue: number[] = [];
  const refused = new Set<number>();
  ops.forEach((op, i) => {
    if (queue.length >= maxQueued) {
      let victim = -1;
      for (let j = queue.length - 1; j >= 0; j--) if (RANK[ops[queue[j]!]!.priority] > RANK[op.priority]) {
        victim = j;
        break;
      }
      if (victim < 0) {
        refused.add(i);
        return;
      }
      refused.add(queue[victim]!);
      queue.splice(victim, 1);
    }
    queue.push(i);
  });
  queue = queue.filter((i) => !ops[i]!.abandons);
  const released = [...queue].sort((a, b) => RANK[ops[a]!.priority] - RANK[ops[b]!.priority] || a - b);
  return { refused, released };
}

describe('RateLimiter queue: priority, bound, cancellation', () => {
  it('releases by priority then arrival, never holds more than maxQueued, refuses with QUEUE_FULL, and never releases an abandoned caller', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ priority: fc.constantFrom<CallPriority>('normal', 'low'), abandons: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 12 }),
        async (ops, maxQueued) => {
          const clock = createManualClock({ start: 0 });
          const limiter = new RateLimiter({ limit: 1, windowMs: 1000, burst: 1 }, clock, { maxQueued });
          await limiter.acquire(); // the one slot of this window is taken: everything below queues
          const released: number[] = [];
          const refused = new Set<number>();
          const abandoned = new Set<number>();
          const controllers = ops.map(() => new AbortController());
          let maxSeen = 0;
          const settled = ops.map((op, i) => {
            const p = limiter.acquire(controllers[i]!.signal, op.priority).then(
              () => void released.push(i),
              (e: unknown) => {
                if (isPartnerCenterError(e) && e.code === 'QUEUE_FULL') {
                  expect(e.transient).toBe(true);
                  expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(1);
                  refused.add(i);
                } else abandoned.add(i);
              },
            );
            maxSeen = Math.max(maxSeen, limiter.waiting);
            return p;
          });
          ops.forEach((op, i) => op.abandons && controllers[i]!.abort(new Error('client went away')));
          for (let k = 0; k <= ops.length; k++) await clock.advance(1000);
          await Promise.all(settled);

          const want = expected(ops, maxQueued);
          expect(maxSeen).toBeLessThanOrEqual(maxQueued);
          expect([...refused].sort((a, b) => a - b)).toEqual([...want.refused].sort((a, b) => a - b));
          expect(released).toEqual(want.released);
          for (const i of released) expect(ops[i]!.abandons).toBe(false);
          expect(limiter.waiting).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lets a normal call leave at once past queued low-priority calls when the budget allows', async () => {
    const clock = createManualClock({ start: 0 });
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, burst: 2 }, clock);
    await limiter.acquire(undefined, 'low');
    await limiter.acquire(undefined, 'low');
    const lows = Array.from({ length: 5 }, () => limiter.acquire(undefined, 'low'));
    expect(limiter.waitingByPriority).toEqual({ normal: 0, low: 5 });
    const order: string[] = [];
    const normal = limiter.acquire().then(() => order.push('normal'));
    lows.forEach((l, i) => void l.then(() => order.push(`low${i}`)));
    await clock.advance(1000);
    await normal;
    expect(order[0]).toBe('normal');
    for (let k = 0; k < 5; k++) await clock.advance(1000);
    await Promise.all(lows);
    expect(order).toEqual(['normal', 'low0', 'low1', 'low2', 'low3', 'low4']);
  });
});
