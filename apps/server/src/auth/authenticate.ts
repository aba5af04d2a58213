import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError, capRole, isRole, isWithinPath } from '@csphub/domain';
import type { AppEnv } from '../http/app-env';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from '../security/random-token';
import type { Principal } from './principal';

/** The session cookie's name. HttpOnly, SameSite=Lax; the token inside is only stored hashed. */
export const SESSION_COOKIE = 'csphub_session';
/** Header carrying the CSRF token on cookie-authenticated mutations. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long an idle session lives; each request slides it forward. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Route middleware: resolves the caller from an API token (`Authorization: Bearer csph_...`) or the
 * session cookie, refuses with 401 otherwise, and for cookie sessions refuses mutations without the
 * session's CSRF token (403), and a person who must change their password from everything but the
 * routes made with `duringPasswordChange` (403 PASSWORD_CHANGE_REQUIRED). Sets `c.var.principal`. Attach it to every non-public route (see
 * `protectedRoute`); the access-matrix test fails for a route that answers without it.
 */
export function authenticate(deps: ServerDeps, opts: { duringPasswordChange?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(deps, c);
    // A person whose password an administrator set may only see who they are, sign out, or choose their own.
    if (principal.mustChangePassword && !opts.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'An administrator set your password: choose your own first (POST /api/v1/auth/password).');
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID', 'This change needs the CSRF token of your session in the X-CSRF-Token header; reload the page and try again.');
      }
    }
    c.set('principal', principal);
    await next();
  };
}

async function resolvePrincipal(deps: ServerDeps, c: Context<AppEnv>): Promise<Principal> {
  const repos = reposOf(deps);
  const now = deps.clock.now();
  const authz = c.req.header('authorization');
  if (authz) {
    const match = /^Bearer\s+(\S+)$/i.exec(authz);
    if (!match || !match[1]!.startsWith(API_TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer csph_..." with a CSP Hub API token.');
    const token = await repos.apiTokens.findByHash(sha256(match[1]!));
    if (!token) throw new AppError('UNAUTHENTICATED', 'This API token is not known. Create a token on the company\'s Security tab.');
    if (token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
      throw new AppError('SESSION_EXPIRED', `API token "${token.name}" was revoked or has expired; create a new one.`);
    }
    const company = await repos.companies.get(token.companyId);
    if (!company || company.status !== 'active' || !isRole(token.role)) throw new AppError('SESSION_EXPIRED', `API token "${token.name}" belongs to a deactivated company.`);
    // A token never has more power or a longer life than its owner, judged now, not when it was made:
    // a disabled owner (or one whose company no longer contains the token's) ends it, a demoted one caps it.
    const owner = token.createdByUserId ? await repos.users.get(token.createdByUserId) : undefined;
    const ownerCompany = owner && (await repos.companies.get(owner.companyId));
    if (!owner || owner.status !== 'active' || !isRole(owner.role) || !ownerCompany || ownerCompany.status !== 'active' || !isWithinPath(company.path, ownerCompany.path)) {
      throw new AppError('SESSION_EXPIRED', `API token "${token.name}" stopped working: the person it belongs to is disabled or no longer reaches this company. Create a new token.`);
    }
    await repos.apiTokens.touch(token.id, now);
    return {
      via: 'api_token',
      id: token.id,
      label: `API token "${token.name}"`,
      userId: null,
      name: token.name,
      email: null,
      role: capRole(token.role, owner.role, company.kind),
      company,
      ownerUserId: owner.id,
      tokenExpiresAt: token.expiresAt,
    };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) throw new AppError('UNAUTHENTICATED', 'Sign in first (POST /api/v1/auth/login), or send an API token as "Authorization: Bearer csph_...".');
  const idHash = sha256(cookie);
  const cache = deps.sessionCache;
  const hit = cache?.get(idHash, now);
  if (hit) {
    if (now.getTime() - hit.lastSeenAt.getTime() > 60_000) {
      hit.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      hit.lastSeenAt = now;
      await repos.sessions.touch(idHash, now, hit.expiresAt);
    }
    return { ...hit.principal };
  }
  const generation = cache?.generation ?? 0;
  const session = await repos.sessions.findValid(idHash, now);
  if (!session) throw new AppError('SESSION_EXPIRED', 'Your session has ended; sign in again.');
  const user = await repos.users.get(session.userId);
  const company = user && (await repos.companies.get(user.companyId));
  if (!user || user.status !== 'active' || !company || company.status !== 'active' || !isRole(user.role)) {
    throw new AppError('SESSION_EXPIRED', 'Your account is no longer active; ask your administrator.');
  }
  // Slide the expiry, but write at most once a minute per session.
  let { expiresAt, lastSeenAt } = session;
  if (now.getTime() - lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    lastSeenAt = now;
    await repos.sessions.touch(idHash, now, expiresAt);
  }
  const principal: Principal = {
    via: 'session',
    id: user.id,
    label: user.email,
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    company,
    csrfToken: session.csrfToken,
    sessionIdHash: idHash,
    mustChangePassword: user.mustChangePassword,
  };
  cache?.put(idHash, { principal, expiresAt, lastSeenAt }, generation);
  return principal;
}

/** The caller's network address for the sign-in limit: the socket's, or X-Forwarded-For behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
