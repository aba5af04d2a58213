import type { MiddlewareHandler } from 'hono';
import { AppError } from '@csphub/domain';
import type { AppEnv } from './app-env';

export interface AdmissionLimits {
  /** Requests worked on at once. */
  maxConcurrent: number;
  /** Requests that may wait for a turn; past it a request is refused at once. */
  maxQueued: number;
}

/**
 * Admission control for the API: at most `maxConcurrent` requests are worked on at once, at most
 * `maxQueued` wait for a turn (first come, first served), and any request past both is answered
 * at once with 503 SERVER_BUSY and a Retry-After of the time the queue needs to drain at the pace
 * requests have recently finished. A saturated server thus says "come back in N s" instead of
 * letting every request wait ten seconds behind the others (RFC 9110 §15.6.4, §10.2.3). A queued
 * request whose client goes away leaves the queue without being worked on.
 */
export function admission(limits: AdmissionLimits): MiddlewareHandler<AppEnv> {
  let running = 0;
  const queue: (() => void)[] = [];
  /** Moving average of how long an admitted request held its turn, in ms. */
  let averageMs = 50;

  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };

  return async (c, next) => {
    if (running >= limits.maxConcurrent) {
      if (queue.length >= limits.maxQueued) {
        const seconds = Math.max(1, Math.ceil(((queue.length + 1) * averageMs) / limits.maxConcurrent / 1000));
        throw new AppError('SERVER_BUSY', `The server is busy with other requests; nothing was done. Try again in ${seconds} s.`, undefined, seconds);
      }
      const signal = c.req.raw.signal;
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = queue.indexOf(turn);
          if (i >= 0) queue.splice(i, 1);
          reject(new AppError('SERVER_BUSY', 'The client went away while the request waited for its turn.', undefined, 1));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        queue.push(turn);
      });
    } else running++;
    const started = performance.now();
    try {
      await next();
    } finally {
      averageMs = averageMs * 0.9 + (performance.now() - started) * 0.1;
      release();
    }
  };
}
