import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { Harness, LATAM, EUROPE } from './support/emulator-harness';

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

describe('token endpoint (docs/PARTNER-CENTER-REFERENCE.md §1.2)', () => {
  it('issues an app-only v1 token whose claims say app-only and name the partner tenant', async () => {
    const h = new Harness();
    const res = await h.app.request(`/login/${LATAM.tenantId}/oauth2/token`, form({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body['token_type']).toBe('Bearer');
    expect(body['expires_in']).toBe('3600');
    expect(body['resource']).toBe('https://api.partnercenter.microsoft.com');
    const claims = decodeJwt(body['access_token']!);
    expect(claims['tid']).toBe(LATAM.tenantId);
    expect(claims['idtyp']).toBe('app');
    expect(claims['aud']).toBe('https://api.partnercenter.microsoft.com');
    expect(claims['scp']).toBeUndefined();
  });

  it('issues an app+user token from the refresh token, on v1 and v2, by tenant id or domain', async () => {
    const h = new Harness();
    const v1 = await h.app.request(`/login/${LATAM.domain}/oauth2/token`, form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: LATAM.user.refreshToken, resource: 'https://api.partnercenter.microsoft.com', scope: 'openid' }));
    expect(v1.status).toBe(200);
    const b1 = (await v1.json()) as Record<string, string>;
    expect(decodeJwt(b1['access_token']!)['idtyp']).toBe('user');
    expect(decodeJwt(b1['access_token']!)['scp']).toBe('user_impersonation');
    expect(b1['refresh_token']).toBe(LATAM.user.refreshToken);
    const v2 = await h.app.request(`/login/${LATAM.tenantId}/oauth2/v2.0/token`, form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: LATAM.user.refreshToken, scope: 'https://graph.microsoft.com/.default' }));
    const b2 = (await v2.json()) as Record<string, unknown>;
    expect(v2.status).toBe(200);
    expect(b2['expires_in']).toBe(3600);
    expect(decodeJwt(String(b2['access_token']))['aud']).toBe('https://graph.microsoft.com');
  });

  it('answers Entra errors for bad tenant, client, secret, scope and grant', async () => {
    const h = new Harness();
    const base = { client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' };
    const cases: [string, Record<string, string>, number, string, number][] = [
      ['00000000-0000-0000-0000-000000000000', { grant_type: 'client_credentials', ...base }, 400, 'invalid_request', 90002],
      [LATAM.tenantId, { grant_type: 'client_credentials', ...base, client_id: EUROPE.app.appId }, 400, 'unauthorized_client', 700016],
      [LATAM.tenantId, { grant_type: 'client_credentials', ...base, client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
      [LATAM.tenantId, { grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret }, 400, 'invalid_request', 900144],
      [LATAM.tenantId, { grant_type: 'client_credentials', ...base, resource: 'https://example.com' }, 400, 'invalid_resource', 500011],
      [LATAM.tenantId, { grant_type: 'password', ...base }, 400, 'invalid_grant', 50076],
      [LATAM.tenantId, { grant_type: 'refresh_token', ...base, refresh_token: 'nope' }, 400, 'invalid_grant', 9002313],
      [LATAM.tenantId, { grant_type: 'refresh_token', ...base, refresh_token: EUROPE.user.refreshToken }, 400, 'invalid_grant', 70000],
    ];
    for (const [tenantId, fields, status, error, code] of cases) {
      const res = await h.app.request(`/login/${tenantId}/oauth2/token`, form(fields));
      const body = (await res.json()) as { error: string; error_codes: number[]; error_description: string };
      expect({ status: res.status, error: body.error, code: body.error_codes[0] }).toEqual({ status, error, code });
      expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}:`));
    }
    const v2 = await h.app.request(`/login/${LATAM.tenantId}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, scope: 'https://api.partnercenter.microsoft.com/user_impersonation' }));
    expect(((await v2.json()) as { error_codes: number[] }).error_codes[0]).toBe(1002012);
  });

  it('a revoked refresh token gets invalid_grant AADSTS50173 and its live tokens stop working', async () => {
    const h = new Harness();
    const token = await h.token(LATAM, 'user');
    expect((await h.call('GET', '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', { token })).status).toBe(200);
    expect((await h.control('POST', '/refresh-tokens/revoke', { partner: 'distributor-latam' })).status).toBe(200);
    const res = await h.app.request(`/login/${LATAM.tenantId}/oauth2/token`, form({ grant_type: 'refresh_token', client_id: LATAM.app.appId, client_secret: LATAM.app.appSecret, refresh_token: LATAM.user.refreshToken, resource: 'https://api.partnercenter.microsoft.com' }));
    const body = (await res.json()) as { error: string; error_codes: number[] };
    expect(res.status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50173]);
    expect((await h.call('GET', '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', { token })).status).toBe(401);
    // App-only tokens of the same partner are unaffected.
    expect((await h.call('GET', '/v1/customers', { token: await h.token(LATAM) })).status).toBe(200);
    await h.control('POST', '/refresh-tokens/restore', { partner: 'distributor-latam' });
    expect((await h.token(LATAM, 'user')).length).toBeGreaterThan(20);
  });
});

describe('bearer checks (docs/PARTNER-CENTER-REFERENCE.md §1.2, §15)', () => {
  it('answers 401/800001 with WWW-Authenticate without a token, 401/400 with a bad or expired one', async () => {
    const h = new Harness();
    const none = await h.call('GET', '/v1/customers');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe(800001);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^OAuth realm=urn:cpsvc:cpid:/);
    const bad = await h.call('GET', '/v1/customers', { token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe(400);
    expect(bad.headers.get('WWW-Authenticate')).toContain('invalid_token');
    const token = await h.token(LATAM);
    expect((await h.call('GET', '/v1/customers', { token })).status).toBe(200);
    h.clock.advance(3601 * 1000);
    const expired = await h.call('GET', '/v1/customers', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.description).toMatch(/expired/);
  });

  it('refuses a token for another audience and another emulator instance', async () => {
    const h = new Harness();
    const graphToken = await h.token(LATAM, 'app', 'graph');
    expect((await h.call('GET', '/v1/customers', { token: graphToken })).status).toBe(401);
    const other = new Harness();
    expect((await h.call('GET', '/v1/customers', { token: await other.token(LATAM) })).status).toBe(401);
    const graphNoToken = await h.call('GET', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships');
    expect(graphNoToken.status).toBe(401);
    expect(graphNoToken.body.error.code).toBe('InvalidAuthenticationToken');
    expect(graphNoToken.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  });

  it('answers 403/900329 to app-only tokens on app+user-only operations', async () => {
    const h = new Harness();
    const app = await h.token(LATAM);
    for (const path of ['/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', '/v1/profiles/mpn?mpnId=6100001', '/v1/compliance/csp/agreementstatus?mpnId=6100001', '/v1/customers/relationshiprequests']) {
      const res = await h.call('GET', path, { token: app });
      expect(res.status, path).toBe(403);
      expect(res.body.code, path).toBe(900329);
    }
  });
});
