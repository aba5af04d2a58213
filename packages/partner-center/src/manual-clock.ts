import type { TimerClock } from '@csphub/domain';

interface PendingSleep {
  wakeAt: number;
  order: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** A clock that only moves when told to; see {@link createManualClock}. */
export interface ManualClock extends TimerClock {
  /**
   * Moves time forward by `ms`, waking every sleeper whose time has come, in wake-up order, and
   * letting each one's continuation run before the next wakes.
   */
  advance(ms: number): Promise<void>;
  /** Number of sleeps not yet woken. */
  pendingSleeps(): number;
  /** Every duration passed to `sleep`, in call order: what a retry test asserts on. */
  readonly sleeps: readonly number[];
}

/**
 * A deterministic clock for tests of retries, token expiry and rate limiting.
 *
 * With `autoAdvance`, a sleep moves time forward by its own duration and resolves at once: a
 * single sequential caller (one retry loop) then runs instantly while `sleeps` records every wait.
 * Without it, sleepers wait for {@link ManualClock.advance}.
 */
export function createManualClock(options: { start?: number; autoAdvance?: boolean } = {}): ManualClock {
  let now = options.start ?? Date.parse('2026-01-01T00:00:00Z');
  let counter = 0;
  const pending: PendingSleep[] = [];
  const sleeps: number[] = [];

  const wakeDue = async () => {
    for (;;) {
      pending.sort((a, b) => a.wakeAt - b.wakeAt || a.order - b.order);
      const next = pending[0];
      if (!next || next.wakeAt > now) return;
      pending.shift();
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
      // Let the woken continuation run to its next wait (every queued microtask drains before a
      // macrotask) before waking the next sleeper or moving time further.
      await new Promise<void>((r) => setImmediate(r));
    }
  };

  return {
    now: () => new Date(now),
    sleeps,
    pendingSleeps: () => pending.length,
    sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (options.autoAdvance) {
        now += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const entry: PendingSleep = {
          wakeAt: now + Math.max(0, ms),
          order: counter++,
          resolve,
          reject,
          signal,
          onAbort: () => {
            const i = pending.indexOf(entry);
            if (i >= 0) pending.splice(i, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', entry.onAbort, { once: true });
        pending.push(entry);
      });
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        pending.sort((a, b) => a.wakeAt - b.wakeAt || a.order - b.order);
        const next = pending[0];
        if (!next || next.wakeAt > target) break;
        now = Math.max(now, next.wakeAt);
        await wakeDue();
      }
      now = target;
      await wakeDue();
    },
  };
}
