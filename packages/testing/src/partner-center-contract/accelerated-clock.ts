import type { TimerClock } from '@csphub/domain';

/**
 * A clock that runs `factor` times faster than the wall clock, for the client and the emulator at
 * once: Partner Center's per-minute limits then play out in a second or two of real time with their
 * real numbers (500 per minute on the emulator, the client's default 450 per minute), so a burst
 * test shows the limiter working without scaling any setting or asserting a timing.
 */
export function createAcceleratedClock(factor: number, start = Date.now()): TimerClock {
  if (!(factor >= 1)) throw new RangeError('factor must be at least 1');
  const realStart = Date.now();
  return {
    now: () => new Date(start + (Date.now() - realStart) * factor),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms / factor),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
