/**
 * Time, passed in so that rules, workflows, sessions and the Partner Center client are testable and
 * replayable (docs/ARCHITECTURE.md): every package takes a `Clock` (or, where it waits, a
 * `TimerClock`) and the composition roots pass {@link systemClock}.
 */
export interface Clock {
  now(): Date;
}

/** A clock that can also wait: retries, back-off and rate limiting in the Partner Center client. */
export interface TimerClock extends Clock {
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason when the signal aborts first.
   * A non-positive `ms` resolves on the next turn.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock and real timers; the default outside tests. */
export const systemClock: TimerClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
