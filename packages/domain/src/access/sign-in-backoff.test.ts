import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACCOUNT_SOURCE_BACKOFF,
  SIGN_IN_BACKOFF,
  admitSignIn,
  afterSuccess,
  backoffDelayMs,
  countAttempt,
  signInKeys,
  waitMs,
  type BackoffPolicy,
  type BackoffState,
} from './sign-in-backoff';

const policyArb: fc.Arbitrary<BackoffPolicy> = fc
  .record({ freeFailures: fc.integer({ min: 0, max: 30 }), baseDelayMs: fc.integer({ min: 1, max: 120_000 }), extra: fc.integer({ min: 0, max: 3_600_000 }), forgetAfterMs: fc.integer({ min: 1, max: 7 * 86_400_000 }) })
  .map(({ extra, ...p }) => ({ ...p, maxDelayMs: p.baseDelayMs + extra }));

/** A store of key states, as the database keeps them, driven only through the rule. */
function attempt(store: Map<string, BackoffState>, email: string, source: string, now: Date, passwordRight: boolean): boolean {
  const keys = signInKeys(email, source).map((k) => ({ ...k, state: store.get(`${k.scope}|${k.key}`) ?? null }));
  const d = admitSignIn(keys, now);
  for (const k of d.next) {
    const state = d.admitted && passwordRight ? afterSuccess(k.state, k.scope, SIGN_IN_BACKOFF[k.scope]) : k.state;
    if (state) store.set(`${k.scope}|${k.key}`, state);
    else store.delete(`${k.scope}|${k.key}`);
  }
  return d.admitted;
}

describe('sign-in back-off', () => {
  it('waits nothing for the free failures, then doubles up to the cap and never beyond', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 200 }), (policy, n) => {
        const d = backoffDelayMs(n, policy);
        if (n < policy.freeFailures) expect(d).toBe(0);
        else expect(d).toBe(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - policy.freeFailures)));
        expect(d).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(backoffDelayMs(n + 1, policy)).toBeGreaterThanOrEqual(d);
      }),
    );
  });

  it('counts every attempt of a burst at one instant, and admits only the free ones', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 150 }), (policy, burst) => {
        const now = new Date('2026-03-01T09:00:00Z');
        let state: BackoffState | null = null;
        let admitted = 0;
        for (let i = 0; i < burst; i++) {
          const ok = waitMs(state, now, policy) === 0;
          if (ok) admitted++;
          state = countAttempt(state, now, policy, ok);
        }
        expect(state!.failures).toBe(burst);
        expect(admitted).toBe(Math.min(burst, Math.max(1, policy.freeFailures)));
      }),
    );
  });

  it('admits the next attempt exactly when the announced wait has passed', () => {
    fc.assert(
      fc.property(policyArb, fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 40 }), (policy, gaps) => {
        let t = Date.parse('2026-03-01T09:00:00Z');
        let state: BackoffState | null = null;
        for (const gap of gaps) {
          t += gap;
          const now = new Date(t);
          const wait = waitMs(state, now, policy);
          state = countAttempt(state, now, policy, wait === 0);
          if (wait > 0) {
            // The announced wait holds until its last millisecond, and not one longer (unless forgotten sooner).
            expect(waitMs(state, new Date(t + wait - 1), policy) > 0 || wait - 1 + (t - state.lastAttemptAt.getTime()) >= policy.forgetAfterMs).toBe(true);
            expect(waitMs(state, new Date(t + wait), policy)).toBe(0);
          }
        }
      }),
    );
  });

  it('forgets a key that stayed silent for the policy memory', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 100 }), (policy, n) => {
        const now = new Date('2026-03-01T09:00:00Z');
        let state: BackoffState | null = null;
        for (let i = 0; i < n; i++) state = countAttempt(state, now, policy, waitMs(state, now, policy) === 0);
        const later = new Date(now.getTime() + policy.forgetAfterMs);
        expect(waitMs(state, later, policy)).toBe(0);
        expect(countAttempt(state, later, policy, true).failures).toBe(1);
      }),
    );
  });

  it('never refuses the real person from an address of their own, whatever others do to the account', () => {
    const attackArb = fc.array(fc.record({ source: fc.constantFrom('203.0.113.1', '203.0.113.2', '198.51.100.9'), gapMs: fc.integer({ min: 0, max: 120_000 }) }), { maxLength: 300 });
    fc.assert(
      fc.property(attackArb, fc.integer({ min: 0, max: ACCOUNT_SOURCE_BACKOFF.freeFailures - 1 }), (attacks, ownTypos) => {
        const store = new Map<string, BackoffState>();
        let t = Date.parse('2026-03-01T09:00:00Z');
        for (const a of attacks) {
          t += a.gapMs;
          attempt(store, 'Victim@Example.test', a.source, new Date(t), false);
        }
        for (let i = 0; i < ownTypos; i++) expect(attempt(store, 'victim@example.test', '192.0.2.50', new Date(t), false)).toBe(true);
        expect(attempt(store, 'victim@example.test', '192.0.2.50', new Date(t), true)).toBe(true);
        // ...and the success clears that person's slate from their address.
        expect(store.has(`account_source|victim@example.test 192.0.2.50`)).toBe(false);
      }),
    );
  });

  it('gives an address its provisional failure back on success, without wiping failures on other accounts', () => {
    const store = new Map<string, BackoffState>();
    const now = new Date('2026-03-01T09:00:00Z');
    for (let i = 0; i < 7; i++) attempt(store, `other${i}@example.test`, '192.0.2.7', now, false);
    expect(attempt(store, 'me@example.test', '192.0.2.7', now, true)).toBe(true);
    expect(store.get('source|192.0.2.7')!.failures).toBe(7);
  });
});
