import { describe, expect, it } from 'vitest';
import { AppError } from '@csphub/domain';
import { deterministicJitter, nextRetryDelay, type StepRetryPolicy } from './retry-policy';
import { toStepFailure } from './step-failure';

const policy: StepRetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

describe('step retry policy', () => {
  it('honours Retry-After as given, plus at most a second of jitter', () => {
    const d = nextRetryDelay({ code: 'THROTTLED', message: '429', transient: true, status: 429, retryAfterMs: 57_000 }, 1, policy, 0.5);
    expect(d).toBe(57_500);
  });

  it('gives up on a Retry-After beyond the cap, on a business error, and after the last attempt', () => {
    expect(nextRetryDelay({ code: 'THROTTLED', message: '', transient: true, retryAfterMs: 61_000 }, 1, policy, 0)).toBeUndefined();
    expect(nextRetryDelay({ code: 'DOMAIN_PREFIX_TAKEN', message: '', transient: false, status: 409 }, 1, policy, 0)).toBeUndefined();
    expect(nextRetryDelay({ code: 'PARTNER_CENTER_UNAVAILABLE', message: '', transient: true }, 4, policy, 0)).toBeUndefined();
  });

  it('backs off exponentially with equal jitter up to the cap', () => {
    const f = { code: 'PARTNER_CENTER_UNAVAILABLE', message: '', transient: true };
    expect(nextRetryDelay(f, 1, policy, 0)).toBe(500);
    expect(nextRetryDelay(f, 2, policy, 1)).toBe(2000);
    expect(nextRetryDelay(f, 3, { ...policy, maxAttempts: 10 }, 0)).toBe(2000);
    expect(nextRetryDelay(f, 9, { ...policy, maxAttempts: 10 }, 1)).toBe(8000);
  });

  it('derives the same jitter for the same run, step and attempt (replay takes the same decision)', () => {
    expect(deterministicJitter('run-1', 'create-customer', 2)).toBe(deterministicJitter('run-1', 'create-customer', 2));
    expect(deterministicJitter('run-1', 'create-customer', 2)).not.toBe(deterministicJitter('run-2', 'create-customer', 2));
    const j = deterministicJitter('x');
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(1);
  });
});

describe('toStepFailure', () => {
  it('keeps what a Partner Center error says about retrying, from a live error or its JSON', () => {
    const json = { name: 'PartnerCenterError', code: 'THROTTLED', message: 'Rate limit', transient: true, status: 429, retryAfterSeconds: 3, correlationId: 'c-1', requestId: 'r-1' };
    expect(toStepFailure(json)).toEqual({ code: 'THROTTLED', message: 'Rate limit', transient: true, status: 429, retryAfterMs: 3000, correlationId: 'c-1', requestId: 'r-1' });
  });

  it('classifies AppErrors by the error table: a taken prefix is not retried', () => {
    const f = toStepFailure(new AppError('DOMAIN_PREFIX_TAKEN', 'taken', [{ field: 'domainPrefix', message: 'x' }]));
    expect(f).toMatchObject({ code: 'DOMAIN_PREFIX_TAKEN', transient: false, details: [{ field: 'domainPrefix', message: 'x' }] });
    expect(toStepFailure(new AppError('PARTNER_CENTER_UNAVAILABLE', 'down')).transient).toBe(true);
  });

  it('treats network failures as transient and programming errors as permanent', () => {
    const net = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(toStepFailure(net)).toMatchObject({ code: 'NETWORK_ERROR', transient: true });
    expect(toStepFailure(new RangeError('bug'))).toMatchObject({ code: 'INTERNAL', transient: false });
  });
});
