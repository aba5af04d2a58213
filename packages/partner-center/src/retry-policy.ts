import type { Random } from './random';

/**
 * How hard the client tries before giving up on a transient failure. The defaults suit an
 * interactive call inside a durable workflow step: the step has its own, longer retry policy, so the
 * client gives up after about a minute rather than holding a worker for the 57 seconds Microsoft
 * may ask more than twice.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. 1 disables retries. */
  maxAttempts: number;
  /** Back-off before the second attempt; doubles at each further attempt. */
  baseDelayMs: number;
  /** Upper bound of one exponential back-off. */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` the client waits out in memory. Past it the call fails at once with
   * `THROTTLED` and `retryAfterSeconds`, so a workflow can sleep durably instead (docs/WORKFLOWS.md).
   */
  maxRetryAfterMs: number;
}

/** Five attempts, 0.5 s doubling to at most 30 s; a Retry-After up to 2 minutes is waited out. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Milliseconds to wait according to a `Retry-After` header: delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Partner Center sends seconds (docs/PARTNER-CENTER-REFERENCE.md §14). Returns undefined
 * when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const seconds = Number(v);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  }
  // An HTTP date always names a weekday or month; refuse bare numbers with signs or units.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * The wait a throttling body announces when the header is missing:
 * `"Rate limit is exceeded. Try again in 57 seconds."` (docs/PARTNER-CENTER-REFERENCE.md §14).
 */
export function parseRetryAfterFromMessage(message: string | undefined): number | undefined {
  const m = message?.match(/try again in (\d+(?:\.\d+)?) seconds?/i);
  return m?.[1] === undefined ? undefined : Math.round(Number(m[1]) * 1000);
}

/**
 * Exponential back-off with "equal jitter": the ceiling doubles per attempt up to `maxDelayMs`, the
 * wait is uniformly drawn from its upper half. Half keeps a floor so a retry storm still spreads
 * out; jitter keeps many clients that failed together from retrying together.
 * `failedAttempts` counts attempts made so far (1 after the first failure).
 */
export function computeBackoff(failedAttempts: number, policy: RetryPolicy, random: Random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/**
 * The wait before the next attempt. A Retry-After is honoured as given, plus up to one base delay
 * of jitter so that the requests throttled together do not all come back in the same millisecond.
 * Returns undefined when the client must not wait in memory (Retry-After over the policy's cap).
 */
export function computeRetryDelay(
  failedAttempts: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: Random,
): number | undefined {
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
    const r = Math.min(Math.max(random(), 0), 1);
    return retryAfterMs + Math.round(r * Math.min(policy.baseDelayMs, 1000));
  }
  return computeBackoff(failedAttempts, policy, random);
}
