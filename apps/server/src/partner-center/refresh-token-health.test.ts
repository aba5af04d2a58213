import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFRESH_TOKEN_ALERT_DAYS, REFRESH_TOKEN_INACTIVITY_DAYS, refreshTokenHealth } from './refresh-token-health';

const DAY = 86_400_000;
const base = Date.parse('2026-06-01T00:00:00Z');

describe('refresh-token health (Entra: 90 days of inactivity)', () => {
  it('has nothing to say without a token, and says unknown for a token without dates', () => {
    expect(refreshTokenHealth({ hasRefreshToken: false, refreshTokenConsentedAt: null, refreshTokenIssuedAt: null }, new Date(base)).state).toBe('none');
    expect(refreshTokenHealth({ hasRefreshToken: true, refreshTokenConsentedAt: null, refreshTokenIssuedAt: null }, new Date(base)).state).toBe('unknown');
  });

  it('expires 90 days after the last issue; alerts in the last 14 days; a rotation pushes it back', () => {
    const consented = new Date(base);
    const at = (days: number, issued = consented) => refreshTokenHealth({ hasRefreshToken: true, refreshTokenConsentedAt: consented, refreshTokenIssuedAt: issued }, new Date(base + days * DAY));
    expect(at(0)).toMatchObject({ state: 'ok', ageDays: 0, daysLeft: 90, expiresAt: '2026-08-30T00:00:00.000Z' });
    expect(at(75).state).toBe('ok');
    expect(at(77)).toMatchObject({ state: 'expiring', daysLeft: 13 });
    expect(at(90)).toMatchObject({ state: 'expired', daysLeft: 0 });
    expect(at(100, new Date(base + 60 * DAY))).toMatchObject({ state: 'ok', ageDays: 100, daysLeft: 50 });
  });

  it('property: the state follows the days left, which never exceed the lifetime, and age never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 400 * DAY }), (issuedAfter, elapsed) => {
        const consented = new Date(base);
        const issued = new Date(base + issuedAfter);
        const h = refreshTokenHealth({ hasRefreshToken: true, refreshTokenConsentedAt: consented, refreshTokenIssuedAt: issued }, new Date(base + issuedAfter + elapsed));
        expect(h.daysLeft!).toBeLessThanOrEqual(REFRESH_TOKEN_INACTIVITY_DAYS);
        expect(h.ageDays!).toBeGreaterThanOrEqual(0);
        const leftMs = REFRESH_TOKEN_INACTIVITY_DAYS * DAY - elapsed;
        expect(h.state).toBe(leftMs <= 0 ? 'expired' : leftMs <= REFRESH_TOKEN_ALERT_DAYS * DAY ? 'expiring' : 'ok');
      }),
    );
  });
});
