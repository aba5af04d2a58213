import { createHash } from 'node:crypto';
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
  /** App+User only: whether the sign-in behind the token passed MFA (`amr` contains `mfa`). */
  mfa: boolean;
}

/** The App+User sign-in a token comes from: its refresh token and whether it passed MFA. */
export interface UserSession {
  refreshToken: string;
  mfa: boolean;
}

/** Entra's `sid` claim names the sign-in session; here derived from its refresh token so a revoke ends it. */
export function sessionIdOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('base64url').slice(0, 22);
}

export type TokenAudience = 'pc' | 'graph';

const AUDIENCE_URI: Record<TokenAudience, string> = { pc: Audience.partnerCenter, graph: Audience.graph };
const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Issues and verifies the emulator's access tokens: HS256 JWTs signed with a per-state key (Entra
 * signs RS256 with published keys; the client must not verify tokens itself, so the algorithm is an
 * emulator detail). Claims follow Entra's: `tid`, `appid`, `idtyp` (app|user), `oid`, `scp` for
 * app+user. Expiry is checked against emulator time, so moving the clock expires tokens.
 * App+User tokens carry `amr` (authentication methods: `pwd`, plus `mfa` when the sign-in passed
 * multi-factor authentication), the claim Partner Center checks from 1 April 2026
 * (https://learn.microsoft.com/partner-center/developer/partner-center-authentication;
 * https://learn.microsoft.com/powershell/partnercenter/test-partner-security-requirements), and
 * `sid`, the sign-in session.
 */
export class TokenService {
  private readonly cache = new Map<string, { principal: Principal; exp: number }>();

  constructor(private readonly engine: Engine) {}

  private key(): Uint8Array {
    return Buffer.from(this.engine.state.secrets.tokenKey, 'base64url');
  }

  async issue(partner: PartnerRecord, audience: TokenAudience, kind: 'app' | 'user', version: 'v1' | 'v2', session?: UserSession): Promise<{ token: string; iat: number; exp: number }> {
    const iat = Math.floor(this.engine.now() / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const oid = kind === 'user' ? partner.userObjectId : partner.appId;
    const claims: Omit<AccessTokenClaims, 'aud' | 'iss'> = {
      tid: partner.tenantId,
      appid: partner.appId,
      idtyp: kind,
      oid,
      ...(kind === 'user'
        ? { scp: audience === 'pc' ? 'user_impersonation' : 'DelegatedAdminRelationship.ReadWrite.All', upn: partner.userPrincipalName, amr: session?.mfa === false ? ['pwd'] : ['pwd', 'mfa'] }
        : {}),
    };
    const sid = kind === 'user' ? { sid: sessionIdOf(session?.refreshToken ?? partner.refreshToken) } : {};
    const token = await new SignJWT({ ...claims, ...sid, azp: partner.appId, ver: version === 'v1' ? '1.0' : '2.0' })
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
      const sid = typeof payload['sid'] === 'string' ? payload['sid'] : sessionIdOf(partner.refreshToken);
      if (kind === 'user' && this.engine.state.revokedRefreshTokens.some((t) => sessionIdOf(t) === sid)) {
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
        mfa: Array.isArray(payload['amr']) && payload['amr'].includes('mfa'),
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
