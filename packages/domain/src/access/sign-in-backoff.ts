/**
 * The sign-in back-off rule. Attempts are counted per key: an account seen from one address, and
 * one address across all accounts (password spraying). A key's first failures are free; after
 * that each failure doubles the wait before the next attempt from that key, up to a cap. An attacker
 * hammering an account from their address only delays themself: the real person, from another
 * address, has a clean slate for that account. Every attempt is counted, including one refused
 * while the key waits, and before the password is checked (a provisional failure, undone on
 * success), so that concurrent guesses cannot slip through between a check and a count.
 * See docs/CHANNEL-AND-ACCOUNTS.md ("Sign-in limits").
 */

/** How one kind of key backs off. */
export interface BackoffPolicy {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** A key silent this long starts again from zero. */
  forgetAfterMs: number;
}

/** One key's counted state as stored. */
export interface BackoffState {
  failures: number;
  blockedUntil: Date | null;
  lastAttemptAt: Date;
}

export type SignInKeyScope = 'account_source' | 'source';

/** An account from one address: five tries, then 30 s, 1 min, 2 min ... up to 15 min. */
export const ACCOUNT_SOURCE_BACKOFF: BackoffPolicy = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 };
/** One address over every account: twenty tries, then the same doubling. */
export const SOURCE_BACKOFF: BackoffPolicy = { freeFailures: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 };

export const SIGN_IN_BACKOFF: Record<SignInKeyScope, BackoffPolicy> = { account_source: ACCOUNT_SOURCE_BACKOFF, source: SOURCE_BACKOFF };

/** The keys a sign-in attempt by `email` from address `source` is counted under. */
export function signInKeys(email: string, source: string): { scope: SignInKeyScope; key: string }[] {
  const account = email.trim().toLowerCase();
  return [
    { scope: 'account_source', key: `${account} ${source}` },
    { scope: 'source', key: source },
  ];
}

/** The wait imposed once a key has counted `failures` failures. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // 2^31 already exceeds any sensible cap; avoid Infinity arithmetic.
  if (doublings >= 31) return policy.maxDelayMs;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}

/** The state that counts at `now`: a key silent for longer than the policy's memory is fresh. */
function current(state: BackoffState | null, now: Date, policy: BackoffPolicy): BackoffState | null {
  if (!state || now.getTime() - state.lastAttemptAt.getTime() >= policy.forgetAfterMs) return null;
  return state;
}

/** Milliseconds the key must still wait at `now` (0: an attempt is admitted). */
export function waitMs(state: BackoffState | null, now: Date, policy: BackoffPolicy): number {
  const s = current(state, now, policy);
  if (!s?.blockedUntil) return 0;
  return Math.max(0, s.blockedUntil.getTime() - now.getTime());
}

/**
 * Counts one attempt on a key. An admitted attempt counts as a failure until `afterSuccess` says
 * otherwise and sets the wait its count earns; a refused attempt is counted but keeps the current
 * wait (so a refused burst cannot lengthen the block without bound, but does weigh on the next one).
 */
export function countAttempt(state: BackoffState | null, now: Date, policy: BackoffPolicy, admitted: boolean): BackoffState {
  const s = current(state, now, policy);
  const failures = (s?.failures ?? 0) + 1;
  if (!admitted) return { failures, blockedUntil: s?.blockedUntil ?? null, lastAttemptAt: now };
  const delay = backoffDelayMs(failures, policy);
  return { failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null, lastAttemptAt: now };
}

/**
 * The key after the admitted attempt succeeded: an account's slate from that address is cleared
 * (`null`); an address only gets its provisional failure back, so one good account does not wipe
 * the trace of spraying others.
 */
export function afterSuccess(state: BackoffState, scope: SignInKeyScope, policy: BackoffPolicy): BackoffState | null {
  if (scope === 'account_source') return null;
  const failures = Math.max(0, state.failures - 1);
  return { failures, blockedUntil: failures < policy.freeFailures ? null : state.blockedUntil, lastAttemptAt: state.lastAttemptAt };
}

/** The decision for one attempt over all its keys: admitted only when no key waits; every key counts it. */
export function admitSignIn<K extends { scope: SignInKeyScope }>(
  keys: readonly (K & { state: BackoffState | null })[],
  now: Date,
): { admitted: boolean; retryAfterSeconds: number; next: (K & { state: BackoffState })[] } {
  const wait = Math.max(0, ...keys.map((k) => waitMs(k.state, now, SIGN_IN_BACKOFF[k.scope])));
  const admitted = wait === 0;
  return {
    admitted,
    retryAfterSeconds: admitted ? 0 : Math.max(1, Math.ceil(wait / 1000)),
    next: keys.map((k) => ({ ...k, state: countAttempt(k.state, now, SIGN_IN_BACKOFF[k.scope], admitted) })),
  };
}
