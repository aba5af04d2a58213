import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { PERMISSIONS, ROLES, hasPermission } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded } from '../http/protected-route';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { SESSION_COOKIE, authenticate, clientAddress } from './authenticate';
import { signIn } from './sign-in';
import type { Principal } from './principal';
import { json } from '../http/json-content';

const LoginSchema = z
  .object({
    email: z.string().min(1).max(254).openapi({ example: 'reseller@demo.test' }),
    password: z.string().min(1).max(1024).openapi({ example: 'the password printed at start' }),
  })
  .openapi('LoginRequest');

/** The signed-in caller, as the UI needs it. */
export const SessionSchema = z
  .object({
    via: z.enum(['session', 'api_token']),
    user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), role: z.enum(ROLES) }),
    company: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['distributor', 'reseller', 'customer']) }),
    permissions: z.array(z.enum(PERMISSIONS)),
    csrfToken: z.string().optional().openapi({ description: 'Send it as X-CSRF-Token on every change made with the session cookie.' }),
    mustChangePassword: z.boolean().openapi({ description: 'An administrator set the password: every other route answers 403 PASSWORD_CHANGE_REQUIRED until POST /auth/password' }),
  })
  .openapi('Session');

function sessionBody(p: Principal): z.infer<typeof SessionSchema> {
  return {
    via: p.via,
    user: { id: p.id, name: p.name, email: p.email, role: p.role },
    company: { id: p.company.id, name: p.company.name, kind: p.company.kind },
    permissions: PERMISSIONS.filter((perm) => hasPermission(p.role, perm)),
    ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
    mustChangePassword: Boolean(p.mustChangePassword),
  };
}

/** POST /auth/login, POST /auth/logout, GET /auth/session. */
export function authRoutes(deps: ServerDeps) {
  // Signing out and asking who one is stay open to a person who must first change their password.
  const auth = authenticate(deps, { duringPasswordChange: true });
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        tags: ['Auth'],
        summary: 'Sign in with e-mail and password; sets the HttpOnly session cookie',
        description: 'Backs off per account and address (5 free failures, then 30 s doubling up to 15 minutes) and per address over all accounts (20 free failures), answering 429 with Retry-After; the real person from another address is not held up. Answers the session, with the CSRF token for later changes.',
        request: { body: { required: true, content: json(LoginSchema) } },
        responses: {
          200: { description: 'Signed in', content: json(SessionSchema) },
          400: problem('The body is not an e-mail and a password'),
          401: problem('The e-mail or password is not right (SIGN_IN_FAILED)'),
          429: problem('Too many failed attempts for this account from this address, or from this address; Retry-After says when to retry (RATE_LIMITED)'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const now = deps.clock.now();
        // Not in a transaction: a failed attempt must stay counted although the request fails.
        const session = await signIn(reposOf(deps), { email: body.email, password: body.password, ip: clientAddress(c, deps.trustProxy), userAgent: c.req.header('user-agent') ?? null, now });
        setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/', expires: session.expiresAt });
        const company = (await reposOf(deps).companies.get(session.user.companyId))!;
        const principal: Principal = {
          via: 'session',
          id: session.user.id,
          label: session.user.email,
          userId: session.user.id,
          name: session.user.name,
          email: session.user.email,
          role: session.user.role as Principal['role'],
          company,
          csrfToken: session.csrfToken,
          mustChangePassword: session.user.mustChangePassword,
        };
        return c.json(sessionBody(principal), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/auth/logout',
        tags: ['Auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        responses: { 204: { description: 'Signed out' }, ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        if (p.sessionIdHash) await reposOf(deps).sessions.revoke(p.sessionIdHash, deps.clock.now());
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/auth/session',
        tags: ['Auth'],
        summary: 'Who is signed in, their company, role and permissions',
        responses: { 200: { description: 'The caller', content: json(SessionSchema) }, ...authErrors },
      }),
      (c) => c.json(sessionBody(c.var.principal), 200),
    );
}
