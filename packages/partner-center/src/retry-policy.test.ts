import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeBackoff,
  computeRetryDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  parseRetryAfterFromMessage,
  type RetryPolicy,
} from './retry-policy';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds as Partner Center sends them', () => {
    expect(parseRetryAfter('57', now)).toBe(57_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP date relative to the injected clock, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const v of [undefined, null, '', 'soon', '-5', '5s', '1e3'])
      expect(parseRetryAfter(v, now)).toBeUndefined();
  });

  it('round-trips any whole number of seconds', () => {
    fc.assert(fc.property(fc.nat(1_000_000), (s) => parseRetryAfter(String(s), now) === s * 1000));
  });

  it('round-trips any HTTP date within a day of now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (s) => {
        const at = new Date(now + s * 1000).toUTCString();
        return parseRetryAfter(at, now) === s * 1000;
      }),
    );
  });

  it('never throws and never returns a negative or non-finite wait, whatever the header', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const ms = parseRetryAfter(v, now);
        return ms === undefined || (Number.isFinite(ms) && ms >= 0);
      }),
    );
  });

  it('falls back on the throttling body sentence (docs/PARTNER-CENTER-REFERENCE.md §14)', () => {
    expect(parseRetryAfterFromMessage('Rate limit is exceeded. Try again in 57 seconds.')).toBe(57_000);
    expect(parseRetryAfterFromMessage('Something else')).toBeUndefined();
  });
});

const policyArb = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 120_000 }),
  maxRetryAfterMs: fc.integer({ min: 0, max: 600_000 }),
}) satisfies fc.Arbitrary<RetryPolicy>;
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('computeBackoff', () => {
  it('stays within [ceiling/2, ceiling] where the ceiling doubles per attempt up to the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), policyArb, unit, (attempt, policy, r) => {
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const d = computeBackoff(attempt, policy, () => r);
        return d >= Math.floor(ceiling / 2) && d <= Math.ceil(ceiling) && d <= policy.maxDelayMs;
      }),
    );
  });

  it('never shrinks as attempts grow, for the same jitter draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        policyArb,
        unit,
        (attempt, policy, r) =>
          computeBackoff(attempt + 1, policy, () => r) >= computeBackoff(attempt, policy, () => r),
      ),
    );
  });

  it('spreads retries: different jitter draws give different waits', () => {
    const a = computeBackoff(3, defaultRetryPolicy, () => 0);
    const b = computeBackoff(3, defaultRetryPolicy, () => 0.99);
    expect(a).toBe(1000);
    expect(b).toBeGreaterThan(1900);
  });
});

describe('computeRetryDelay', () => {
  it('honours Retry-After (plus at most one second of jitter) instead of the back-off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120_000 }), unit, (retryAfter, r) => {
        const d = computeRetryDelay(1, retryAfter, defaultRetryPolicy, () => r);
        return d !== undefined && d >= retryAfter && d <= retryAfter + 1000;
      }),
    );
  });

  it('refuses to wait in memory past the cap, so a durable workflow can sleep instead', () => {
    expect(
      computeRetryDelay(1, defaultRetryPolicy.maxRetryAfterMs + 1, defaultRetryPolicy, () => 0),
    ).toBeUndefined();
  });
});
