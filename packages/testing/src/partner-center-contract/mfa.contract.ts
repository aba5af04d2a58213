import { isPartnerCenterError } from '@csphub/partner-center';
import { afterAll, describe, expect, it } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';

/**
 * The MFA claim on App+User tokens (docs/PARTNER-CENTER-REFERENCE.md §1.2): from 1 April 2026 Partner Center
 * refuses App+User calls whose token lacks it; app-only calls are not affected; a new sign-in with
 * MFA (re-consent, authorization-code grant) fixes it.
 */
export function registerMfaContract(ctx: ContractContext): void {
  describe('MFA claim on App+User tokens', () => {
    const withControl = itWithControl(ctx);
    afterAll(async () => {
      if (ctx.hasControlPlane) await ctx.control.setRefreshTokenMfa('indirect', true);
    });

    it('an App+User token from an MFA sign-in carries the claim, and the client says so', async () => {
      const client = ctx.target.client('indirect');
      await client.listIndirectResellers();
      expect(client.appUserState().mfaClaim).toBe(true);
    });

    withControl('refuses App+User calls without the MFA claim as MFA_REQUIRED (not transient, names the fix); app-only calls still work', async () => {
      await ctx.control.setRefreshTokenMfa('indirect', false);
      const client = ctx.target.client('indirect');
      const error = await client.listIndirectResellers().catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'MFA_REQUIRED')).toBe(true);
      if (!isPartnerCenterError(error)) throw error;
      expect(error.transient).toBe(false);
      expect(error.status).toBe(401);
      expect(error.microsoftCode).toBe('900421');
      expect(error.message).toMatch(/re-consent/i);
      expect(client.appUserState().mfaClaim).toBe(false);
      // App-only (domain availability) is not affected.
      expect(typeof (await client.isDomainAvailable(ctx.target.uniquePrefix('mfa')))).toBe('boolean');
    });

    withControl('re-consent: the partner user signs in with MFA, the code is redeemed for a new refresh token, and App+User calls work again', async () => {
      await ctx.control.setRefreshTokenMfa('indirect', false);
      const client = ctx.target.client('indirect');
      const redirectUri = 'http://127.0.0.1:9/consent/callback';
      const back = new URL(await ctx.control.signInForConsent(client.consentUrl(redirectUri, 'state-1'), { mfa: true }));
      expect(back.searchParams.get('state')).toBe('state-1');
      const redeemed = await client.redeemAuthorizationCode(back.searchParams.get('code')!, redirectUri);
      expect(redeemed.mfaClaim).toBe(true);
      expect(redeemed.refreshToken.length).toBeGreaterThan(8);
      expect(client.appUserState().refreshTokenRotatedAt).toBeTypeOf('number');
      expect((await client.listIndirectResellers()).length).toBeGreaterThan(0);
      // A client built on the new refresh token works as well.
      const fresh = ctx.target.client('indirect', { connection: { refreshToken: redeemed.refreshToken } });
      expect((await fresh.listIndirectResellers()).length).toBeGreaterThan(0);
      expect(fresh.appUserState().mfaClaim).toBe(true);
    });

    withControl('a code is redeemed once; a second redemption is refused as a reconnect', async () => {
      const client = ctx.target.client('indirect');
      const redirectUri = 'http://127.0.0.1:9/consent/callback';
      const back = new URL(await ctx.control.signInForConsent(client.consentUrl(redirectUri, 's'), { mfa: true }));
      const code = back.searchParams.get('code')!;
      await client.redeemAuthorizationCode(code, redirectUri);
      const error = await ctx.target.client('indirect').redeemAuthorizationCode(code, redirectUri).catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'RECONNECT_REQUIRED')).toBe(true);
    });
  });
}
