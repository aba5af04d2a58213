import { createHash } from 'node:crypto';
import type { StepFailure } from './step-failure';

/**
 * How a step retries transient failures. Waits happen as durable DBOS sleeps in the workflow, so a
 * long Retry-After survives a restart instead of holding memory (docs/WORKFLOWS.md).
 */
export interface StepRetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Back-off ceiling for the second attempt; doubles per attempt. */
  baseDelayMs: number;
  /** Cap of one back-off. */
  maxDelayMs: number;
  /** The longest Retry-After honoured; a longer one fails the step (an operator decides). */
  maxRetryAfterMs: number;
}

/** Six attempts, 1 s doubling to 60 s, Retry-After honoured up to 10 minutes. */
export const defaultStepRetryPolicy: StepRetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 600_000 };

/** A step that must not be repeated by the runtime (its own logic decides). */
export const noRetry: StepRetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };

/**
 * A number in [0, 1) derived from the run, step and attempt. Jitter has to be deterministic: the
 * workflow body is replayed after a crash and must take the same decisions, yet runs that failed
 * together should still spread their retries.
 */
export function deterministicJitter(...parts: (string | number)[]): number {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/**
 * The wait before attempt `failedAttempts + 1`, or undefined when the failure must not be retried
 * (permanent, attempts used up, or a Retry-After beyond the cap). A Retry-After is honoured as given
 * plus a little jitter; otherwise exponential back-off with equal jitter.
 */
export function nextRetryDelay(failure: StepFailure, failedAttempts: number, policy: StepRetryPolicy, jitter: number): number | undefined {
  if (!failure.transient || failedAttempts >= policy.maxAttempts) return undefined;
  if (failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return undefined;
    return failure.retryAfterMs + Math.round(jitter * Math.min(policy.baseDelayMs, 1000));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failedAttempts - 1, 30));
  return Math.round(ceiling / 2 + (jitter * ceiling) / 2);
}
