import { AppError, SIGN_IN_BACKOFF, admitSignIn, afterSuccess, isRole, signInKeys } from '@csphub/domain';
import type { Repos, UserRow } from '@csphub/db';
import { verifyPassword } from '../security/password';
import { randomToken, sha256 } from '../security/random-token';
import { SESSION_TTL_MS } from './authenticate';

/** A new session: the cookie token (give it to the browser only) and its CSRF token. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
}

/** A refusal while a key backs off: 429 RATE_LIMITED with the seconds to wait (`Retry-After`). */
export function rateLimited(retryAfter: number): AppError {
  const minutes = Math.ceil(retryAfter / 60);
  const when = retryAfter < 60 ? `${retryAfter} second(s)` : `${minutes} minute(s)`;
  return new AppError(
    'RATE_LIMITED',
    `Too many failed attempts from this address. Try again in ${when}, or ask an administrator to reset your password.`,
    [],
    retryAfter,
  );
}

/**
 * Checks `password` for the account `email` seen from address `ip`, under the sign-in back-off
 * (packages/domain/src/access/sign-in-backoff.ts): the attempt is checked against its keys and
 * counted as a failure in one locked step before the password is verified, then given back on
 * success. Throws 429 RATE_LIMITED while a key waits. Answers whether the password is right.
 */
export async function checkPasswordThrottled(repos: Repos, input: { email: string; ip: string; now: Date; passwordHash: string | undefined; password: string }): Promise<boolean> {
  const { now } = input;
  const keys = signInKeys(input.email, input.ip);
  const decision = await repos.signInThrottles.update(keys, now, (current) => {
    const d = admitSignIn(current, now);
    return { result: d, next: d.next };
  });
  if (!decision.admitted) throw rateLimited(decision.retryAfterSeconds);
  const ok = await verifyPassword(input.passwordHash, input.password);
  if (ok) {
    await repos.signInThrottles.update(keys, now, (current) => ({
      result: null,
      next: current.map((k) => ({ ...k, state: k.state ? afterSuccess(k.state, k.scope, SIGN_IN_BACKOFF[k.scope]) : null })),
    }));
  }
  return ok;
}

/**
 * Checks an e-mail and password under the sign-in back-off and opens a session. Every failure says
 * the same thing (no account enumeration); a key that must wait answers 429 with when to retry.
 */
export async function signIn(repos: Repos, input: { email: string; password: string; ip: string; userAgent: string | null; now: Date }): Promise<NewSession> {
  const { now } = input;
  const email = input.email.trim().toLowerCase();
  const user = await repos.users.findByEmail(email);
  const ok = await checkPasswordThrottled(repos, { email, ip: input.ip, now, passwordHash: user?.passwordHash, password: input.password });
  const company = ok && user ? await repos.companies.get(user.companyId) : undefined;
  const active = ok && user && user.status === 'active' && company?.status === 'active' && isRole(user.role);
  if (!active || !user) throw new AppError('SIGN_IN_FAILED', 'The e-mail or the password is not right, or the account is disabled.');
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await repos.sessions.create({ idHash: sha256(token), userId: user.id, csrfToken, now, expiresAt, ip: input.ip, userAgent: input.userAgent });
  await repos.users.update(user.id, { lastSignInAt: now });
  return { token, csrfToken, expiresAt, user };
}
