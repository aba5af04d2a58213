/**
 * How long a connection's App+User refresh token has left. Entra ID ends a refresh token after 90
 * days without use, and hands out a new one on every use ("Refresh tokens in the Microsoft identity
 * platform", https://learn.microsoft.com/entra/identity-platform/refresh-tokens: "The default
 * lifetime for the refresh tokens is ... 90 days"; AADSTS700082 "expired due to inactivity").
 * CSP Hub cannot read a token's real expiry, so the estimate counts 90 days from when the stored
 * token was issued (consent or rotation); revocation (password reset, admin) can end it sooner.
 */
export const REFRESH_TOKEN_INACTIVITY_DAYS = 90;
/** The connection page warns this many days before the estimated expiry. */
export const REFRESH_TOKEN_ALERT_DAYS = 14;

const DAY_MS = 86_400_000;

export type RefreshTokenState = 'none' | 'unknown' | 'ok' | 'expiring' | 'expired';

export interface RefreshTokenHealth {
  /** `none`: no refresh token; `unknown`: stored before CSP Hub recorded its dates. */
  state: RefreshTokenState;
  consentedAt: string | null;
  issuedAt: string | null;
  /** Whole days since the partner user signed in (consent). */
  ageDays: number | null;
  expiresAt: string | null;
  /** Whole days left before the estimated expiry (0 or less once expired). */
  daysLeft: number | null;
}

/** The refresh-token health of a connection at `now`. */
export function refreshTokenHealth(
  input: { hasRefreshToken: boolean; refreshTokenConsentedAt: Date | null; refreshTokenIssuedAt: Date | null },
  now: Date,
): RefreshTokenHealth {
  if (!input.hasRefreshToken) return { state: 'none', consentedAt: null, issuedAt: null, ageDays: null, expiresAt: null, daysLeft: null };
  const issued = input.refreshTokenIssuedAt ?? input.refreshTokenConsentedAt;
  const consented = input.refreshTokenConsentedAt ?? input.refreshTokenIssuedAt;
  if (!issued || !consented) return { state: 'unknown', consentedAt: null, issuedAt: null, ageDays: null, expiresAt: null, daysLeft: null };
  const expires = issued.getTime() + REFRESH_TOKEN_INACTIVITY_DAYS * DAY_MS;
  const leftMs = expires - now.getTime();
  const daysLeft = Math.ceil(leftMs / DAY_MS);
  return {
    state: leftMs <= 0 ? 'expired' : leftMs <= REFRESH_TOKEN_ALERT_DAYS * DAY_MS ? 'expiring' : 'ok',
    consentedAt: consented.toISOString(),
    issuedAt: issued.toISOString(),
    ageDays: Math.max(0, Math.floor((now.getTime() - consented.getTime()) / DAY_MS)),
    expiresAt: new Date(expires).toISOString(),
    daysLeft: leftMs <= 0 ? Math.min(0, daysLeft) : daysLeft,
  };
}
