import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { Audience, type AccessTokenClaims } from '@csphub/partner-center/wire';
import type { Engine } from '../engine/engine';
import type { PartnerRecord } from '../engine/emulator-state';

/** Who is calling, read from a verified access token. */
export interface Principal {
  partnerTenantId: string;
  appId: string;
  /** `app` = app-only (client credentials); `user` = app+user (refresh token of a partner user). */
  kind: 'app' | 'user';
  objectId: string;
  userPrincipalName?: string;
  audience: string;
}

export type TokenAudience = 'pc' | 'graph';

const AUDIENCE_URI: Record<TokenAudience, string> = { pc: Audience.partnerCenter, graph: Audience.graph };
const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Issues and verifies the emulator's access tokens: HS256 JWTs signed with a per-state key (Entra
 * signs RS256 with published keys; the client must not verify tokens itself, so the algorithm is an
 * emulator detail). Claims follow Entra's: `tid`, `appid`, `idtyp` (app|user), `oid`, `scp` for
 * app+user. Expiry is checked against emulator time, so moving the clock expires tokens.
 */
export class TokenService {
  private readonly cache = new Map<string, { principal: Principal; exp: number }>();

  constructor(private readonly engine: Engine) {}

  private key(): Uint8Array {
    return Buffer.from(this.engine.state.secrets.tokenKey, 'base64url');
  }

  async issue(partner: PartnerRecord, audience: TokenAudience, kind: 'app' | 'user', version: 'v1' | 'v2'): Promise<{ token: string; iat: number; exp: number }> {
    const iat = Math.floor(this.engine.now() / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const oid = kind === 'user' ? partner.userObjectId : partner.appId;
    const claims: Omit<AccessTokenClaims, 'aud' | 'iss'> = {
      tid: partner.tenantId,
      appid: partner.appId,
      idtyp: kind,
      oid,
      ...(kind === 'user'
        ? { scp: audience === 'pc' ? 'user_impersonation' : 'DelegatedAdminRelationship.ReadWrite.All', upn: partner.userPrincipalName, amr: ['pwd', 'mfa'] }
        : {}),
    };
    const token = await new SignJWT({ ...claims, azp: partner.appId, ver: version === 'v1' ? '1.0' : '2.0' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'csp-emulator' })
      .setIssuer(version === 'v1' ? `https://sts.windows.net/${partner.tenantId}/` : `https://login.microsoftonline.com/${partner.tenantId}/v2.0`)
      .setAudience(AUDIENCE_URI[audience])
      .setSubject(oid)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .sign(this.key());
    return { token, iat, exp };
  }

  /** Verifies a bearer token for `audience`; returns the principal or a reason it is refused. */
  async verify(token: string, audience: TokenAudience): Promise<{ principal: Principal } | { reason: string }> {
    const nowSeconds = this.engine.now() / 1000;
    const cached = this.cache.get(token);
    if (cached && cached.exp > nowSeconds && cached.principal.audience === AUDIENCE_URI[audience]) return { principal: cached.principal };
    try {
      const { payload } = await jwtVerify(token, this.key(), {
        audience: AUDIENCE_URI[audience],
        currentDate: new Date(this.engine.now()),
        algorithms: ['HS256'],
      });
      const tid = String(payload['tid'] ?? '');
      const partner = this.engine.partnerByTenant(tid);
      if (!partner) return { reason: `tenant ${tid} is not a partner of this emulator` };
      const kind = payload['idtyp'] === 'user' ? 'user' : 'app';
      if (kind === 'user' && this.engine.state.revokedRefreshTokens.includes(partner.refreshToken)) {
        // Revoking the user's grant also ends the sessions it backed, as Entra does on password reset.
        return { reason: 'the user session behind this token was revoked' };
      }
      const principal: Principal = {
        partnerTenantId: partner.tenantId,
        appId: String(payload['appid'] ?? ''),
        kind,
        objectId: String(payload['oid'] ?? ''),
        userPrincipalName: typeof payload['upn'] === 'string' ? payload['upn'] : undefined,
        audience: AUDIENCE_URI[audience],
      };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, { principal, exp: Number(payload.exp ?? 0) });
      return { principal };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { reason: 'the token has expired' };
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') return { reason: `the token is not for ${AUDIENCE_URI[audience]}` };
      return { reason: 'the token signature or format is invalid' };
    }
  }

  /** Forget cached verifications (after a revoke or a reset). */
  clearCache(): void {
    this.cache.clear();
  }
}

/** Maps a v1 `resource` or a v2 `scope` to the audience it names, or undefined. */
export function audienceOf(resourceOrScope: string): TokenAudience | undefined {
  const value = resourceOrScope.trim().toLowerCase();
  const first = value.split(/\s+/).find((s) => s.startsWith('https://') || s.startsWith('00000003-') || s.includes('.')) ?? value;
  if (first.startsWith('https://api.partnercenter.microsoft.com') || first.startsWith('https://api.partner.microsoft.com')) return 'pc';
  if (first.startsWith('https://graph.microsoft.com') || first.startsWith('00000003-0000-0000-c000-000000000000')) return 'graph';
  if (/^delegatedadminrelationship\./.test(first)) return 'graph';
  return undefined;
}
