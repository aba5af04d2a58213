import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfidentialClientApplication, type AuthenticationResult } from '@azure/msal-node';
import { DEFAULT_SCENARIO, loadOrCreateSelfSignedCertificate, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { requestTrusting, trustingFetch, trustingNetworkClient } from './trusting-https';

const PARTNER_CENTER = 'https://api.partnercenter.microsoft.com';
const GRAPH = 'https://graph.microsoft.com';

/** The claims of a JWT, unverified (what a test reads to tell app-only from app+user). */
function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Microsoft's own clients against the emulator, as Azurite is tested with Azure's SDKs: MSAL for
 * Node (`@azure/msal-node`) gets app-only and app+user tokens for Partner Center and Graph from the
 * emulator served over HTTPS (`--tls`; MSAL refuses an http authority), with its real authority
 * validation: `knownAuthorities` names the emulator's host (as for any authority that is not a
 * Microsoft cloud), MSAL fetches `/{tenant}/v2.0/.well-known/openid-configuration`, validates its
 * issuer and parses the id_token and client_info of the refresh-token grant.
 * docs/EMULATOR-DIFFERENCES.md, "Microsoft's libraries", says what a caller configures.
 */
export function registerMicrosoftClientsContract(): void {
  describe('Microsoft clients against the emulator (msal-node)', () => {
    let emulator: RunningEmulator;
    let ca = '';
    let dir = '';
    const partner = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-msal-'));
      const tls = await loadOrCreateSelfSignedCertificate(dir, ['127.0.0.1']);
      ca = tls.cert;
      emulator = await startEmulator({ port: 0, tls });
    }, 60_000);
    afterAll(async () => {
      await emulator?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const msal = () =>
      new ConfidentialClientApplication({
        auth: {
          clientId: partner.app.appId,
          clientSecret: partner.app.appSecret,
          authority: `${emulator.url}/login/${partner.tenantId}`,
          knownAuthorities: [new URL(emulator.url).host],
        },
        system: { networkClient: trustingNetworkClient(ca) },
      });

    const callPartnerCenter = (token: string) =>
      requestTrusting(ca, `${emulator.url}/v1/customers?size=1`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    const callGraph = (token: string) =>
      requestTrusting(ca, `${emulator.url}/graph/v1.0/tenantRelationships/delegatedAdminRelationships?$top=1`, { headers: { Authorization: `Bearer ${token}` } });

    it('client credentials: app-only tokens for Partner Center and Graph that the emulator accepts', async () => {
      const app = msal();
      const pc = (await app.acquireTokenByClientCredential({ scopes: [`${PARTNER_CENTER}/.default`] })) as AuthenticationResult;
      expect(decodeJwt(pc.accessToken)).toMatchObject({ aud: PARTNER_CENTER, tid: partner.tenantId, idtyp: 'app' });
      expect((await callPartnerCenter(pc.accessToken)).status).toBe(200);

      const graph = (await app.acquireTokenByClientCredential({ scopes: [`${GRAPH}/.default`] })) as AuthenticationResult;
      expect(decodeJwt(graph.accessToken)).toMatchObject({ aud: GRAPH, idtyp: 'app' });
      expect((await callGraph(graph.accessToken)).status).toBe(200);

      const cached = (await app.acquireTokenByClientCredential({ scopes: [`${PARTNER_CENTER}/.default`] })) as AuthenticationResult;
      expect(cached.accessToken, 'MSAL serves the second request from its cache').toBe(pc.accessToken);
    });

    it('refresh token: app+user tokens for Partner Center and Graph, with the account MSAL reads from id_token and client_info', async () => {
      const app = msal();
      const pc = (await app.acquireTokenByRefreshToken({ refreshToken: partner.user.refreshToken, scopes: [`${PARTNER_CENTER}/user_impersonation`] })) as AuthenticationResult;
      expect(decodeJwt(pc.accessToken)).toMatchObject({ aud: PARTNER_CENTER, idtyp: 'user', amr: ['pwd', 'mfa'] });
      const oid = String(decodeJwt(pc.accessToken)['oid']);
      expect(pc.account).toMatchObject({ homeAccountId: `${oid}.${partner.tenantId}`, tenantId: partner.tenantId, localAccountId: oid });
      expect(pc.account?.username).toBe(decodeJwt(pc.accessToken)['upn']);
      expect(pc.idTokenClaims).toMatchObject({ tid: partner.tenantId, aud: partner.app.appId, oid });
      expect((await callPartnerCenter(pc.accessToken)).status).toBe(200);

      const graph = (await app.acquireTokenByRefreshToken({ refreshToken: partner.user.refreshToken, scopes: [`${GRAPH}/DelegatedAdminRelationship.ReadWrite.All`] })) as AuthenticationResult;
      expect(decodeJwt(graph.accessToken)).toMatchObject({ aud: GRAPH, idtyp: 'user' });
      expect((await callGraph(graph.accessToken)).status).toBe(200);
    });

    it("MSAL surfaces Entra's error for a wrong secret and for a revoked refresh token", async () => {
      const wrong = new ConfidentialClientApplication({
        auth: { clientId: partner.app.appId, clientSecret: 'wrong', authority: `${emulator.url}/login/${partner.tenantId}`, knownAuthorities: [new URL(emulator.url).host] },
        system: { networkClient: trustingNetworkClient(ca) },
      });
      await expect(wrong.acquireTokenByClientCredential({ scopes: [`${PARTNER_CENTER}/.default`] })).rejects.toMatchObject({ errorCode: 'invalid_client', errorMessage: expect.stringContaining('AADSTS7000215') as unknown });
      const control = createEmulatorControl(emulator.url, { fetch: trustingFetch(ca) });
      await control.revokeRefreshToken({ partner: partner.key });
      try {
        await expect(msal().acquireTokenByRefreshToken({ refreshToken: partner.user.refreshToken, scopes: [`${PARTNER_CENTER}/user_impersonation`] })).rejects.toMatchObject({ errorCode: 'invalid_grant', errorMessage: expect.stringContaining('AADSTS50173') as unknown });
      } finally {
        await control.restoreRefreshToken({ partner: partner.key });
      }
    });
  });
}
