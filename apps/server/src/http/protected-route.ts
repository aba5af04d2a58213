import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { problem } from './schemas';

/** Names of the two ways to authenticate, as declared in the OpenAPI document. */
export const SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { apiToken: [] }];

/**
 * The pieces every authenticated route definition spreads in: the authentication middleware and
 * the security requirement, so the OpenAPI document says how to call it.
 * `createRoute({ ...guarded(auth), method, path, ... })`.
 */
export function guarded(auth: MiddlewareHandler<AppEnv>) {
  return { middleware: [auth], security: SECURITY };
}

/** The error answers every authenticated route can give, to spread into `responses`. */
export const authErrors = {
  401: problem('Not signed in, or the session or API token has ended'),
  403: problem('The role may not do this, or a cookie-authenticated change came without the CSRF token'),
} as const;

/** Plus 404 for routes that take an id: outside the caller's subtree looks like "does not exist". */
export const scopedErrors = {
  ...authErrors,
  404: problem('No such resource among those the caller can see'),
} as const;
