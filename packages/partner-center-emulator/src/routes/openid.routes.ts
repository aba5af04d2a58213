import type { Hono } from 'hono';
import type { EmulatorRuntime } from '../runtime';
import type { AppEnv } from '../protocol/app-env';
import { json, renderError } from '../protocol/respond';
import * as tokenErrors from '../errors/token-errors';
import { idTokenJwks, issuerV2 } from '../protocol/id-tokens';

/**
 * Entra's OpenID Connect discovery, mounted under `/login` like the token endpoint (Microsoft
 * identity platform, "OpenID Connect on the Microsoft identity platform"): the v2.0 metadata
 * document `/{tenant}/v2.0/.well-known/openid-configuration` and its key set
 * `/{tenant}/discovery/v2.0/keys`. MSAL reads the document to find the token endpoint before its
 * first token request. Endpoints point at the emulator's public URL; `issuer` is Microsoft's, as in
 * the tokens the emulator issues.
 */
export function registerOpenIdRoutes(app: Hono<AppEnv>, runtime: EmulatorRuntime): void {
  const tenantOf = (tenant: string): string | Response => {
    if (['common', 'organizations'].includes(tenant.toLowerCase())) return '{tenantid}';
    const partner = runtime.engine.partnerByTenant(tenant);
    return partner ? partner.tenantId : renderError(tokenErrors.tenantNotFoundToken(tenant));
  };
  app.get('/login/:tenant/v2.0/.well-known/openid-configuration', (c) => {
    const tenantId = tenantOf(c.req.param('tenant'));
    if (tenantId instanceof Response) return tenantId;
    const login = `${runtime.publicUrl}/login/${tenantId === '{tenantid}' ? c.req.param('tenant') : tenantId}`;
    return json(200, {
      token_endpoint: `${login}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${login}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: issuerV2(tenantId),
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${login}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${login}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${login}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${login}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  });
  app.get('/login/:tenant/discovery/v2.0/keys', (c) => {
    const tenantId = tenantOf(c.req.param('tenant'));
    if (tenantId instanceof Response) return tenantId;
    const body = idTokenJwks(runtime.engine);
    runtime.commit();
    return json(200, body);
  });
}
