import { AppError, isRole } from '@csphub/domain';
import type { Repos, UserRow } from '@csphub/db';
import { verifyPassword } from '../security/password';
import { randomToken, sha256 } from '../security/random-token';
import { SESSION_TTL_MS } from './authenticate';

/** Failed sign-ins an account may have in the window before it is locked for the rest of it. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed sign-ins one address may make in the window (several accounts, password spraying). */
export const ADDRESS_FAILURE_LIMIT = 20;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** A new session: the cookie token (give it to the browser only) and its CSRF token. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
}

/**
 * Checks an e-mail and password, with the rate limit per account and per address, and opens a
 * session. Every failure says the same thing (no account enumeration); a locked account or address
 * answers 429 with when to retry.
 */
export async function signIn(repos: Repos, input: { email: string; password: string; ip: string; userAgent: string | null; now: Date }): Promise<NewSession> {
  const { now } = input;
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([repos.signInAttempts.failuresForEmail(email, since), repos.signInAttempts.failuresForIp(input.ip, since)]);
  const limited = byAccount.count >= ACCOUNT_FAILURE_LIMIT ? byAccount : byAddress.count >= ADDRESS_FAILURE_LIMIT ? byAddress : null;
  if (limited) {
    const retryAfter = Math.max(1, Math.ceil(((limited.oldest?.getTime() ?? now.getTime()) + SIGN_IN_WINDOW_MS - now.getTime()) / 1000));
    throw Object.assign(new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s), or ask an administrator to reset your password.`), {
      retryAfter,
    });
  }
  const user = await repos.users.findByEmail(email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  const company = ok && user ? await repos.companies.get(user.companyId) : undefined;
  const active = ok && user && user.status === 'active' && company?.status === 'active' && isRole(user.role);
  await repos.signInAttempts.record({ email, ip: input.ip, at: now, succeeded: Boolean(active) });
  if (!active || !user) throw new AppError('SIGN_IN_FAILED', 'The e-mail or the password is not right, or the account is disabled.');
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await repos.sessions.create({ idHash: sha256(token), userId: user.id, csrfToken, now, expiresAt, ip: input.ip, userAgent: input.userAgent });
  await repos.users.update(user.id, { lastSignInAt: now });
  return { token, csrfToken, expiresAt, user };
}
