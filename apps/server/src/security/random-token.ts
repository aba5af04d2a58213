import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token in base64url (256 bits unless told). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 in hex: how session and API tokens are stored (the token itself is never stored). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prefix of CSP Hub API tokens, so secret scanners and people can recognise them. */
export const API_TOKEN_PREFIX = 'csph_';
