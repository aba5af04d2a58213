import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { Harness, LATAM } from './support/emulator-harness';

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
const APRIL_2026 = Date.parse('2026-04-01T00:00:00Z');
const RESELLERS = '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf';

async function userToken(h: Harness, refreshToken: string): Promise<{ access: string; refresh: string }> {
  const res = await h.app.request(
    `/login/${LATAM.tenantId}/oauth2/token`,
    form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: refreshToken, resource: 'https://api.partnercenter.microsoft.com' }),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, string>;
  return { access: body['access_token']!, refresh: body['refresh_token']! };
}

describe('MFA claim on App+User tokens (docs/PARTNER-CENTER-REFERENCE.md §1.2)', () => {
  it('App+User tokens carry amr with mfa unless the refresh token is switched to a sign-in without MFA', async () => {
    const h = new Harness();
    expect(decodeJwt((await userToken(h, LATAM.user.refreshToken)).access)['amr']).toEqual(['pwd', 'mfa']);
    expect((await h.control('POST', '/refresh-tokens/mfa', { partner: 'distributor-latam', mfa: false })).status).toBe(200);
    expect(decodeJwt((await userToken(h, LATAM.user.refreshToken)).access)['amr']).toEqual(['pwd']);
    expect((await h.control('POST', '/refresh-tokens/mfa', { refreshToken: LATAM.user.refreshToken, mfa: true })).status).toBe(200);
    expect(decodeJwt((await userToken(h, LATAM.user.refreshToken)).access)['amr']).toEqual(['pwd', 'mfa']);
  });

  it('the control plane names what is wrong with a bad switch', async () => {
    const h = new Harness();
    expect((await h.control('POST', '/refresh-tokens/mfa', { partner: 'distributor-latam' })).status).toBe(400);
    expect((await h.control('POST', '/refresh-tokens/mfa', { mfa: false })).status).toBe(400);
    expect((await h.control('POST', '/refresh-tokens/mfa', { refreshToken: 'emu-rt-unknown', mfa: false })).status).toBe(404);
  });

  it('from 1 April 2026 Partner Center refuses an App+User token without MFA with 401/900421; app-only and MFA tokens are unaffected', async () => {
    const h = new Harness();
    await h.control('POST', '/refresh-tokens/mfa', { partner: 'distributor-latam', mfa: false });
    const before = (await userToken(h, LATAM.user.refreshToken)).access;
    // Before the enforcement date the call goes through (Microsoft only reported the claim then).
    expect((await h.call('GET', RESELLERS, { token: before })).status).toBe(200);

    h.clock.ms = APRIL_2026 + 3_600_000;
    const without = (await userToken(h, LATAM.user.refreshToken)).access;
    const refused = await h.call<{ code: number; description: string }>('GET', RESELLERS, { token: without });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe(900421);
    expect(refused.body.description).toMatch(/multi-factor authentication/i);
    // An `any` operation called with the same App+User token is refused too: the rule is on the token.
    expect((await h.call('GET', '/v1/customers', { token: without })).status).toBe(401);
    // App-only tokens are not affected.
    expect((await h.call('GET', '/v1/customers', { token: await h.token(LATAM) })).status).toBe(200);
    // Graph has no such Partner Center rule.
    expect((await h.call('GET', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', { token: await h.token(LATAM, 'user', 'graph') })).status).toBe(200);

    await h.control('POST', '/refresh-tokens/mfa', { partner: 'distributor-latam', mfa: true });
    expect((await h.call('GET', RESELLERS, { token: (await userToken(h, LATAM.user.refreshToken)).access })).status).toBe(200);
  });

  it('re-consent: the authorize page signs the partner user in with MFA and the code is redeemed once for a new refresh token with the claim', async () => {
    const h = new Harness();
    h.clock.ms = APRIL_2026 + 86_400_000;
    await h.control('POST', '/refresh-tokens/mfa', { partner: 'distributor-latam', mfa: false });
    const redirect = 'http://localhost:3000/api/v1/connections/consent/callback';
    const query = new URLSearchParams({ client_id: LATAM.app.appId, response_type: 'code', redirect_uri: redirect, state: 'abc', resource: 'https://api.partnercenter.microsoft.com' });
    const pageRes = await h.app.request(`/login/${LATAM.tenantId}/oauth2/authorize?${query}`);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain(LATAM.user.userPrincipalName);

    const signIn = await h.app.request(`/login/${LATAM.tenantId}/oauth2/authorize`, form({ ...Object.fromEntries(query), mfa: 'true' }));
    expect(signIn.status).toBe(302);
    const back = new URL(signIn.headers.get('Location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('abc');
    const code = back.searchParams.get('code')!;

    const redeem = (fields: Record<string, string>) =>
      h.app.request(
        `/login/${LATAM.tenantId}/oauth2/token`,
        form({ grant_type: 'authorization_code', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com', ...fields }),
      );
    expect((await redeem({ code, redirect_uri: 'http://elsewhere.example/cb' })).status).toBe(400);
    // A code is spent by its first redemption, even a failed one.
    const second = await h.app.request(`/login/${LATAM.tenantId}/oauth2/authorize`, form({ ...Object.fromEntries(query), mfa: 'true' }));
    const code2 = new URL(second.headers.get('Location')!).searchParams.get('code')!;
    const ok = await redeem({ code: code2, redirect_uri: redirect });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as Record<string, string>;
    expect(tokens['refresh_token']).toMatch(/^emu-rt-/);
    expect(tokens['refresh_token']).not.toBe(LATAM.user.refreshToken);
    expect(decodeJwt(tokens['access_token']!)['amr']).toEqual(['pwd', 'mfa']);
    expect((await redeem({ code: code2, redirect_uri: redirect })).status).toBe(400);

    // The new refresh token works at once and keeps the claim; the old one still lacks it.
    const renewed = await userToken(h, tokens['refresh_token']!);
    expect(renewed.refresh).toBe(tokens['refresh_token']);
    expect((await h.call('GET', RESELLERS, { token: renewed.access })).status).toBe(200);
    expect((await h.call('GET', RESELLERS, { token: (await userToken(h, LATAM.user.refreshToken)).access })).status).toBe(401);
  });

  it('an authorization code expires after ten minutes (AADSTS70008)', async () => {
    const h = new Harness();
    const redirect = 'http://localhost:3000/cb';
    const signIn = await h.app.request(`/login/${LATAM.tenantId}/oauth2/authorize`, form({ client_id: LATAM.app.appId, response_type: 'code', redirect_uri: redirect, mfa: 'true' }));
    const code = new URL(signIn.headers.get('Location')!).searchParams.get('code')!;
    h.clock.advance(11 * 60_000);
    const res = await h.app.request(
      `/login/${LATAM.tenantId}/oauth2/token`,
      form({ grant_type: 'authorization_code', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com', code, redirect_uri: redirect }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([70008]);
  });

  it('a sign-in without MFA at the authorize page yields a refresh token without the claim', async () => {
    const h = new Harness();
    const redirect = 'http://localhost:3000/cb';
    const query = { client_id: LATAM.app.appId, response_type: 'code', redirect_uri: redirect };
    const signIn = await h.app.request(`/login/${LATAM.tenantId}/oauth2/v2.0/authorize`, form({ ...query, mfa: 'false' }));
    const code = new URL(signIn.headers.get('Location')!).searchParams.get('code')!;
    const res = await h.app.request(
      `/login/${LATAM.tenantId}/oauth2/v2.0/token`,
      form({ grant_type: 'authorization_code', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, scope: 'https://api.partnercenter.microsoft.com/.default offline_access', code, redirect_uri: redirect }),
    );
    const tokens = (await res.json()) as Record<string, string>;
    expect(decodeJwt(tokens['access_token']!)['amr']).toEqual(['pwd']);
    expect(decodeJwt((await userToken(h, tokens['refresh_token']!)).access)['amr']).toEqual(['pwd']);
    // A wrong client id gets Entra's error page, not a redirect.
    expect((await h.app.request(`/login/${LATAM.tenantId}/oauth2/authorize?${new URLSearchParams({ ...query, client_id: '00000000-0000-0000-0000-000000000000' })}`)).status).toBe(400);
  });
});
