import type { Context, Hono } from 'hono';
import { TokenRequestSchema } from '@csphub/partner-center/wire';
import type { EmulatorRuntime } from '../runtime';
import type { AppEnv } from '../protocol/app-env';
import { EmulatorError } from '../errors/emulator-error';
import * as tokenErrors from '../errors/token-errors';
import { audienceOf, type TokenAudience, type UserSession } from '../protocol/tokens';
import { json, renderError } from '../protocol/respond';
import { escapeHtml, page } from '../admin/html';

/** Entra's authorization codes are short-lived (about ten minutes). */
const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60_000;
import { clientInfo, issueIdToken } from '../protocol/id-tokens';

/**
 * Entra ID token endpoint, mounted under `/login` (docs/PARTNER-CENTER-REFERENCE.md §1.2):
 * `/{tenant}/oauth2/token` (v1: `resource`, numbers as strings) and `/{tenant}/oauth2/v2.0/token`
 * (v2: `scope`). Grants: `client_credentials` (app-only) and `refresh_token` (app+user, the secure
 * application model's stored refresh token). `{tenant}` is the partner tenant id or its domain.
 */
export function registerTokenRoutes(app: Hono<AppEnv>, runtime: EmulatorRuntime): void {
  const handle = (version: 'v1' | 'v2') => async (c: Context<AppEnv>) => {
    let response: Response;
    try {
      response = await issueToken(runtime, c.req.param('tenant') ?? '', version, await readForm(c.req.raw));
    } catch (error) {
      if (!(error instanceof EmulatorError)) throw error;
      response = renderError(error);
    }
    runtime.recordCall({ at: runtime.engine.iso(), operation: `token.${version}`, method: 'POST', path: c.req.path, status: response.status });
    runtime.afterRequest();
    return response;
  };
  app.post('/login/:tenant/oauth2/token', handle('v1'));
  app.post('/login/:tenant/oauth2/v2.0/token', handle('v2'));
  for (const path of ['/login/:tenant/oauth2/authorize', '/login/:tenant/oauth2/v2.0/authorize']) {
    app.get(path, (c) => authorizePage(runtime, c.req.param('tenant') ?? '', Object.fromEntries(new URL(c.req.url).searchParams)));
    app.post(path, async (c) => signIn(runtime, c.req.param('tenant') ?? '', await readForm(c.req.raw)));
  }
}

/** The checks of an authorization request, or the page that says what is wrong (Entra shows an error page, never redirects). */
function authorizeTarget(runtime: EmulatorRuntime, tenant: string, q: Record<string, string>) {
  const partner = runtime.engine.partnerByTenant(tenant);
  if (!partner) return { error: `AADSTS90002: Tenant '${tenant}' not found.` };
  if ((q['client_id'] ?? '').toLowerCase() !== partner.appId) return { error: `AADSTS700016: Application with identifier '${q['client_id'] ?? ''}' was not found in the directory '${tenant}'.` };
  if (q['response_type'] !== 'code') return { error: "AADSTS900144: The request body must contain the following parameter: 'response_type' (code)." };
  let redirect: URL;
  try {
    redirect = new URL(q['redirect_uri'] ?? '');
  } catch {
    return { error: "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'." };
  }
  if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') return { error: 'AADSTS50011: The redirect URI must be http or https.' };
  return { partner, redirect };
}

/**
 * `GET /{tenant}/oauth2/authorize`: the partner user's sign-in of the secure application model
 * (https://learn.microsoft.com/partner-center/developer/enable-secure-app-model), played by a page:
 * sign in with MFA (or, to test what Partner Center does then, with the password only).
 */
function authorizePage(runtime: EmulatorRuntime, tenant: string, q: Record<string, string>): Response {
  const target = authorizeTarget(runtime, tenant, q);
  if ('error' in target) return page('Sign in', `<h1>Sign in</h1><p class="err">${escapeHtml(target.error ?? '')}</p>`, 400);
  const hidden = ['client_id', 'redirect_uri', 'state', 'response_type', 'scope', 'resource']
    .filter((k) => q[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k]!)}">`)
    .join('');
  return page(
    'Sign in',
    `<h1>Sign in to consent the app</h1>
<dl><dt>Account</dt><dd>${escapeHtml(target.partner.userPrincipalName)}</dd><dt>Application</dt><dd>${escapeHtml(target.partner.appId)}</dd><dt>Returns to</dt><dd>${escapeHtml(target.redirect.origin)}</dd></dl>
<form method="post">${hidden}<input type="hidden" name="mfa" value="true"><button type="submit">Sign in with multi-factor authentication</button></form>
<form method="post" style="margin-top:12px">${hidden}<input type="hidden" name="mfa" value="false"><button type="submit" style="background:#8a8886">Sign in with the password only (no MFA)</button></form>
<p class="note">Emulator page: the account signs in as the partner's seeded user; the code it returns is redeemed at the token endpoint (grant_type=authorization_code).</p>`,
  );
}

/** `POST /{tenant}/oauth2/authorize`: the user signed in; redirect back with a one-time code and the caller's state. */
function signIn(runtime: EmulatorRuntime, tenant: string, form: Record<string, string>): Response {
  const target = authorizeTarget(runtime, tenant, form);
  if ('error' in target) return page('Sign in', `<h1>Sign in</h1><p class="err">${escapeHtml(target.error ?? '')}</p>`, 400);
  const engine = runtime.engine;
  const code = engine.token(32);
  const codes = (engine.state.authorizationCodes ??= {});
  // Codes never redeemed are dropped once expired, so the state does not grow with abandoned sign-ins.
  for (const [key, grant] of Object.entries(codes)) if (grant.expiresAt <= engine.now()) delete codes[key];
  codes[code] = {
    partnerTenantId: target.partner.tenantId,
    clientId: target.partner.appId,
    redirectUri: form['redirect_uri']!,
    mfa: form['mfa'] !== 'false',
    expiresAt: engine.now() + AUTHORIZATION_CODE_LIFETIME_MS,
  };
  engine.markDirty();
  runtime.recordCall({ at: engine.iso(), operation: 'token.authorize', method: 'POST', path: `/login/${tenant}/oauth2/authorize`, status: 302 });
  runtime.afterRequest();
  const back = new URL(target.redirect);
  back.searchParams.set('code', code);
  if (form['state'] !== undefined) back.searchParams.set('state', form['state']);
  return new Response(null, { status: 302, headers: { Location: back.toString() } });
}

async function readForm(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  return Object.fromEntries(new URLSearchParams(text));
}

async function issueToken(runtime: EmulatorRuntime, tenant: string, version: 'v1' | 'v2', form: Record<string, string>): Promise<Response> {
  const engine = runtime.engine;
  if (!form['grant_type']) throw tokenErrors.missingParameter('grant_type');
  if (!form['client_id']) throw tokenErrors.missingParameter('client_id');
  const parsed = TokenRequestSchema.safeParse(form);
  if (!parsed.success) throw tokenErrors.unsupportedGrant(form['grant_type']);
  const request = parsed.data;
  const partner = engine.partnerByTenant(tenant);
  if (!partner) throw tokenErrors.tenantNotFoundToken(tenant);
  if (request.client_id.toLowerCase() !== partner.appId) throw tokenErrors.unknownClient(request.client_id, tenant);
  if (request.client_secret !== partner.appSecret) throw tokenErrors.invalidClientSecret(request.client_id);

  const target = version === 'v1' ? request.resource : request.scope;
  if (!target) throw tokenErrors.missingParameter(version === 'v1' ? 'resource' : 'scope');
  const audience: TokenAudience | undefined = audienceOf(target);
  if (!audience) throw tokenErrors.invalidResource(target);

  let kind: 'app' | 'user';
  let session: UserSession | undefined;
  let newRefreshToken: string | undefined;
  switch (request.grant_type) {
    case 'client_credentials':
      if (version === 'v2' && !target.trim().endsWith('/.default')) throw tokenErrors.invalidScope(target);
      kind = 'app';
      break;
    case 'refresh_token': {
      if (!request.refresh_token) throw tokenErrors.missingParameter('refresh_token');
      const owner =
        Object.values(engine.state.partners).find((p) => p.refreshToken === request.refresh_token) ??
        engine.partnerByTenant(engine.state.issuedRefreshTokens?.[request.refresh_token]?.partnerTenantId ?? '');
      if (!owner) throw tokenErrors.unknownRefreshToken();
      if (owner.tenantId !== partner.tenantId) throw tokenErrors.refreshTokenOtherClient();
      if (engine.state.revokedRefreshTokens.includes(request.refresh_token)) throw tokenErrors.revokedRefreshToken();
      kind = 'user';
      session = { refreshToken: request.refresh_token, mfa: !(engine.state.refreshTokensWithoutMfa ?? []).includes(request.refresh_token) };
      break;
    }
    case 'authorization_code': {
      // The partner user signed in at /oauth2/authorize (secure application model consent); the
      // code is redeemed once, by the same app and redirect URI, for tokens and a new refresh token.
      if (!request.code) throw tokenErrors.missingParameter('code');
      const codes = (engine.state.authorizationCodes ??= {});
      const grant = codes[request.code];
      if (!grant || grant.partnerTenantId !== partner.tenantId || grant.clientId !== request.client_id.toLowerCase()) throw tokenErrors.invalidAuthorizationCode();
      delete codes[request.code];
      engine.markDirty();
      if (grant.expiresAt <= engine.now()) throw tokenErrors.expiredAuthorizationCode();
      if ((request.redirect_uri ?? '') !== grant.redirectUri) throw tokenErrors.redirectUriMismatch();
      newRefreshToken = `emu-rt-${engine.token(24)}`;
      (engine.state.issuedRefreshTokens ??= {})[newRefreshToken] = { partnerTenantId: partner.tenantId, mfa: grant.mfa, issuedAt: engine.now() };
      if (!grant.mfa) (engine.state.refreshTokensWithoutMfa ??= []).push(newRefreshToken);
      kind = 'user';
      session = { refreshToken: newRefreshToken, mfa: grant.mfa };
      break;
    }
    case 'password':
      // ROPC fails since MFA is required for partner users (docs/PARTNER-CENTER-REFERENCE.md §1.2).
      throw tokenErrors.mfaRequired();
    default:
      throw tokenErrors.unsupportedGrant(request.grant_type);
  }
  const { token, iat, exp } = await runtime.tokens.issue(partner, audience, kind, version, session);
  const resource = audience === 'pc' ? 'https://api.partnercenter.microsoft.com' : 'https://graph.microsoft.com';
  const scope = kind === 'user' ? (audience === 'pc' ? 'user_impersonation' : 'DelegatedAdminRelationship.ReadWrite.All') : undefined;
  const refresh = kind === 'user' ? { refresh_token: newRefreshToken ?? session?.refreshToken ?? partner.refreshToken } : {};
  // A user grant answers, as Entra does, an id_token when `openid` is among the scopes (v2) and
  // `client_info` when the client asks for it with `client_info=1` (MSAL does, to key its cache).
  const identity: Record<string, string> = {};
  if (kind === 'user') {
    if (version === 'v2' && /(^|\s)openid(\s|$)/.test(target)) identity['id_token'] = await issueIdToken(engine, partner, iat, exp);
    if (form['client_info'] === '1') identity['client_info'] = clientInfo(partner);
  }
  if (version === 'v1') {
    return json(200, {
      token_type: 'Bearer',
      ...(scope ? { scope } : {}),
      expires_in: String(exp - iat),
      ext_expires_in: String(exp - iat),
      expires_on: String(exp),
      not_before: String(iat),
      resource,
      access_token: token,
      ...refresh,
      ...identity,
    });
  }
  return json(200, { token_type: 'Bearer', scope: scope ?? `${resource}/.default`, expires_in: exp - iat, ext_expires_in: exp - iat, access_token: token, ...refresh, ...identity });
}
