import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every answer. The built web app (apps/web, Vite) loads only its
 * own scripts, styles, fonts and images and calls only its own API; Mantine writes its theme into
 * `<style>` elements at run time, hence `'unsafe-inline'` for styles only (never for scripts).
 * `frame-ancestors 'none'` (with X-Frame-Options for older browsers) keeps it out of frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every answer (OWASP's HTTP Headers Cheat Sheet): the policy above,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` (no address leaves for another
 * site; same-origin POSTs keep their Origin header), `X-Frame-Options: DENY`, and
 * `Cache-Control: no-store` on every API answer, so a one-time password, a new API token or a
 * connection secret is never kept by a browser or a proxy cache, whatever the route sets.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    // A page that sets its own policy (the API reference, allowing its one inline script by hash) keeps it.
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'same-origin');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (new URL(c.req.url).pathname.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
  };
}
