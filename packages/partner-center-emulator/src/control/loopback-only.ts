import type { Context } from 'hono';
import type { AppEnv } from '../protocol/app-env';

/**
 * Whether a caller's address is this machine: 127.0.0.0/8 or ::1 (also as IPv4-mapped IPv6).
 * The Node server always knows the peer's address; a request handed to `app.request()` in the same
 * process has no socket at all and counts as local.
 */
export function isLocalCaller(c: Context<AppEnv>): boolean {
  const incoming = c.env?.incoming;
  if (!incoming) return true;
  const address = (incoming.socket?.remoteAddress ?? '').toLowerCase();
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127(\.\d{1,3}){3}$/.test(v4);
}
