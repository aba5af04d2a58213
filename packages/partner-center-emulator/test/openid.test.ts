import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { Harness, LATAM } from './support/emulator-harness';

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

describe('OpenID discovery, id_token and client_info (Microsoft identity platform, OpenID Connect)', () => {
  it('publishes the v2.0 discovery document of a partner tenant, by id or domain, with endpoints on the public URL', async () => {
    const h = new Harness();
    h.app.emulator.publicUrl = 'https://emulator.example.test';
    for (const tenant of [LATAM.tenantId, LATAM.domain]) {
      const res = await h.app.request(`/login/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc['token_endpoint']).toBe(`https://emulator.example.test/login/${LATAM.tenantId}/oauth2/v2.0/token`);
      expect(doc['jwks_uri']).toBe(`https://emulator.example.test/login/${LATAM.tenantId}/discovery/v2.0/keys`);
      expect(doc['issuer']).toBe(`https://login.microsoftonline.com/${LATAM.tenantId}/v2.0`);
      expect(doc['id_token_signing_alg_values_supported']).toEqual(['RS256']);
    }
    const unknown = await h.app.request('/login/00000000-0000-0000-0000-00000000dead/v2.0/.well-known/openid-configuration');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  it('answers id_token (RS256, verifiable with the published keys) and client_info on a v2 refresh-token grant with openid', async () => {
    const h = new Harness();
    const res = await h.app.request(
      `/login/${LATAM.tenantId}/oauth2/v2.0/token`,
      form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: LATAM.user.refreshToken, scope: 'https://api.partnercenter.microsoft.com/.default openid profile offline_access', client_info: '1' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(JSON.parse(Buffer.from(body['client_info']!, 'base64url').toString('utf8'))).toEqual({ uid: decodeJwt(body['access_token']!)['oid'], utid: LATAM.tenantId });

    const jwks = (await (await h.app.request(`/login/${LATAM.tenantId}/discovery/v2.0/keys`)).json()) as Parameters<typeof createLocalJWKSet>[0];
    const { payload, protectedHeader } = await jwtVerify(body['id_token']!, createLocalJWKSet(jwks), {
      issuer: `https://login.microsoftonline.com/${LATAM.tenantId}/v2.0`,
      audience: LATAM.app.appId,
      currentDate: new Date(h.app.emulator.engine.now()),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ tid: LATAM.tenantId, ver: '2.0', preferred_username: decodeJwt(body['access_token']!)['upn'] });
  });

  it('answers neither on client credentials, nor id_token without openid', async () => {
    const h = new Harness();
    const app = await h.app.request(
      `/login/${LATAM.tenantId}/oauth2/v2.0/token`,
      form({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, scope: 'https://graph.microsoft.com/.default', client_info: '1' }),
    );
    const appBody = (await app.json()) as Record<string, string>;
    expect(appBody['id_token']).toBeUndefined();
    expect(appBody['client_info']).toBeUndefined();
    const user = await h.app.request(
      `/login/${LATAM.tenantId}/oauth2/v2.0/token`,
      form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: LATAM.user.refreshToken, scope: 'https://graph.microsoft.com/.default' }),
    );
    expect(((await user.json()) as Record<string, string>)['id_token']).toBeUndefined();
  });
});
