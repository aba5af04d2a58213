import type { Context, Hono } from 'hono';
import { TokenRequestSchema } from '@csphub/partner-center/wire';
import type { EmulatorRuntime } from '../runtime';
import type { AppEnv } from '../protocol/app-env';
import { EmulatorError } from '../errors/emulator-error';
import * as tokenErrors from '../errors/token-errors';
import { audienceOf, type TokenAudience } from '../protocol/tokens';
import { json, renderError } from '../protocol/respond';
import { clientInfo, issueIdToken } from '../protocol/id-tokens';

/**
 * Entra ID token endpoint, mounted under `/login` (partner-center-api.md §1.2):
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
  switch (request.grant_type) {
    case 'client_credentials':
      if (version === 'v2' && !target.trim().endsWith('/.default')) throw tokenErrors.invalidScope(target);
      kind = 'app';
      break;
    case 'refresh_token': {
      if (!request.refresh_token) throw tokenErrors.missingParameter('refresh_token');
      const owner = Object.values(engine.state.partners).find((p) => p.refreshToken === request.refresh_token);
      if (!owner) throw tokenErrors.unknownRefreshToken();
      if (owner.tenantId !== partner.tenantId) throw tokenErrors.refreshTokenOtherClient();
      if (engine.state.revokedRefreshTokens.includes(request.refresh_token)) throw tokenErrors.revokedRefreshToken();
      kind = 'user';
      break;
    }
    case 'password':
      // ROPC fails since MFA is required for partner users (§1.2).
      throw tokenErrors.mfaRequired();
    default:
      throw tokenErrors.authorizationCodeNotEmulated();
  }
  const { token, iat, exp } = await runtime.tokens.issue(partner, audience, kind, version);
  const resource = audience === 'pc' ? 'https://api.partnercenter.microsoft.com' : 'https://graph.microsoft.com';
  const scope = kind === 'user' ? (audience === 'pc' ? 'user_impersonation' : 'DelegatedAdminRelationship.ReadWrite.All') : undefined;
  const refresh = kind === 'user' ? { refresh_token: partner.refreshToken } : {};
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
