// size: one closure, createTokenProvider, holding the token cache and the refresh-token rotation that every flow (app, app+user, both audiences) shares.
import type { TimerClock } from '@csphub/domain';
import type { PartnerCenterLogger } from './logger';
import { parseMicrosoftErrorBody } from './microsoft-error-body';
import type { PartnerCenterConnection } from './partner-center-connection.schema';
import { PartnerCenterError } from './partner-center-error';
import type { PartnerCenterMetrics } from './partner-center-metrics';
import { TokenResponseSchema } from './wire/token.schema';

/** Which API a token is for. */
export type TokenAudience = 'partnerCenter' | 'graph';
/** App-only (client credentials) or App+User (refresh token from the MFA consent), §1.2. */
export type TokenFlow = 'app' | 'appUser';

/** Hands out access tokens for one connection, cached until shortly before they expire. */
export interface TokenProvider {
  /** Which flows the connection's credentials allow. */
  readonly flows: { app: boolean; appUser: boolean };
  /**
   * A valid access token. Concurrent callers for the same audience and flow share one request to
   * the token endpoint. Fails with a {@link PartnerCenterError}: `RECONNECT_REQUIRED` when the
   * credentials no longer work, `PARTNER_CENTER_UNAVAILABLE` (transient) when the endpoint is down.
   */
  getAccessToken(audience: TokenAudience, flow: TokenFlow, signal?: AbortSignal): Promise<string>;
  /** Forgets `token` if it is the cached one (after a 401), so the next call fetches a new one. */
  invalidate(audience: TokenAudience, flow: TokenFlow, token: string): void;
  /** What the provider has learnt about the App+User credentials so far (nothing before the first App+User token). */
  appUserState(): AppUserCredentialState;
  /**
   * Redeems the authorization code of a partner user's new sign-in (the secure application
   * model's consent) for tokens; the new refresh token replaces the old one in this provider and
   * is returned for storing. Fails like {@link getAccessToken}.
   */
  redeemAuthorizationCode(code: string, redirectUri: string): Promise<{ refreshToken: string; mfaClaim: boolean | undefined }>;
}

/** What is known of a connection's App+User sign-in, for its credential health. */
export interface AppUserCredentialState {
  /**
   * Whether the last Partner Center App+User access token carried the MFA claim (`amr` contains
   * `mfa`), which Partner Center requires from 1 April 2026
   * (https://learn.microsoft.com/partner-center/developer/partner-center-authentication);
   * undefined before one was obtained or when the token cannot be read.
   */
  mfaClaim: boolean | undefined;
  /** When (epoch ms) the token endpoint last handed out a new refresh token (rotation or consent). */
  refreshTokenRotatedAt: number | undefined;
}

/** Reads `amr` from a JWT access token without verifying it (the client never verifies Microsoft's tokens). */
export function mfaClaimOf(accessToken: string): boolean | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { amr?: unknown };
    return Array.isArray(claims.amr) ? claims.amr.includes('mfa') : false;
  } catch {
    return undefined;
  }
}

/** Called with a refresh token Microsoft rotated; store it, the old one may stop working. */
export type RefreshTokenCallback = (event: {
  connectionId: string;
  refreshToken: string;
}) => void | Promise<void>;

export interface TokenProviderOptions {
  connection: PartnerCenterConnection;
  fetch: typeof fetch;
  clock: TimerClock;
  logger: PartnerCenterLogger;
  metrics: PartnerCenterMetrics;
  onRefreshToken?: RefreshTokenCallback;
  /** Refresh this long before expiry (capped at half the token's lifetime). Default 5 minutes. */
  refreshMarginMs?: number;
  /** Give up on the token endpoint after this long. Default 30 s. */
  timeoutMs?: number;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  refreshAt: number;
}

/**
 * AADSTS codes seen on token failures and what an operator should be told (Entra ID error reference;
 * docs/PARTNER-CENTER-REFERENCE.md §1.2 for the MFA requirement).
 */
const aadstsReasons: Record<number, string> = {
  70008: 'the refresh token expired after a period of inactivity',
  700082: 'the refresh token expired after a period of inactivity',
  700084: 'the refresh token expired',
  50173: 'the consent was revoked (password change or sign-out everywhere)',
  50076: 'the partner user must sign in with multi-factor authentication',
  50079: 'the partner user must register for multi-factor authentication',
  50078: 'the multi-factor authentication claim expired',
  65001: 'the app is no longer consented in the partner tenant',
  7000215: 'the app secret is wrong',
  7000222: 'the app secret has expired',
  700016: 'the app registration is not found in the partner tenant',
  90002: 'the partner tenant is not found',
};

/** Creates the token cache of one connection. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { connection, clock, logger, metrics } = options;
  const refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cache = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<CachedToken>>();
  let refreshToken = connection.refreshToken;
  // App+User exchanges run one at a time: each may rotate the refresh token the next one uses.
  let userChain: Promise<unknown> = Promise.resolve();
  const appUser: AppUserCredentialState = { mfaClaim: undefined, refreshTokenRotatedAt: undefined };

  const flows = { app: Boolean(connection.appSecret), appUser: Boolean(connection.refreshToken) };

  const reconnect = (
    reason: string,
    extra: { status?: number; microsoftCode?: string; description?: string; cause?: unknown },
  ) =>
    new PartnerCenterError({
      code: 'RECONNECT_REQUIRED',
      message: `Partner Center connection "${connection.name}" must be reconnected: ${reason}. A partner admin has to sign in again (with MFA) to renew its consent${reason.includes('secret') ? ', after the app secret is updated' : ''}.`,
      transient: false,
      connectionId: connection.id,
      operation: 'token',
      ...extra,
    });

  const resourceOf = (audience: TokenAudience) =>
    audience === 'graph' ? connection.graphResource : connection.partnerCenterResource;

  async function requestToken(audience: TokenAudience, flow: TokenFlow, authorization?: { code: string; redirectUri: string }): Promise<CachedToken> {
    const resource = resourceOf(audience);
    const v2 = connection.tokenEndpointVersion === 'v2';
    const url = `${connection.authorityBaseUrl}/${encodeURIComponent(connection.tenantId)}/oauth2/${v2 ? 'v2.0/' : ''}token`;
    const form = new URLSearchParams({ client_id: connection.appId });
    if (connection.appSecret) form.set('client_secret', connection.appSecret);
    if (flow === 'app') {
      form.set('grant_type', 'client_credentials');
      if (v2) form.set('scope', `${resource}/.default`);
      else form.set('resource', resource);
    } else if (authorization) {
      form.set('grant_type', 'authorization_code');
      form.set('code', authorization.code);
      form.set('redirect_uri', authorization.redirectUri);
      if (v2) form.set('scope', `${resource}/.default offline_access`);
      else form.set('resource', resource);
    } else {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', refreshToken ?? '');
      // §1.2: the v1 sample adds scope=openid; v2 names the audience in the scope.
      if (v2) form.set('scope', `${resource}/.default offline_access`);
      else {
        form.set('resource', resource);
        form.set('scope', 'openid');
      }
    }

    const controller = new AbortController();
    const timer = new AbortController();
    void clock.sleep(timeoutMs, timer.signal).then(
      () => controller.abort(new Error('token endpoint timeout')),
      () => {},
    );
    const started = clock.now().getTime();
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      metrics.recordToken(false);
      logger.warn(
        { connectionId: connection.id, audience, flow, durationMs: clock.now().getTime() - started },
        'Partner Center token request failed without an answer',
      );
      throw new PartnerCenterError({
        code: controller.signal.aborted ? 'TIMEOUT' : 'PARTNER_CENTER_UNAVAILABLE',
        message: `The token endpoint for Partner Center connection "${connection.name}" did not answer: ${cause instanceof Error ? cause.message : String(cause)}`,
        transient: true,
        connectionId: connection.id,
        operation: 'token',
        cause,
      });
    } finally {
      timer.abort();
    }

    const durationMs = clock.now().getTime() - started;
    if (!response.ok) {
      metrics.recordToken(false);
      const body = parseMicrosoftErrorBody(text);
      logger.warn(
        {
          connectionId: connection.id,
          audience,
          flow,
          status: response.status,
          error: body.code,
          aadsts: body.aadstsCodes,
          durationMs,
        },
        'Partner Center token request refused',
      );
      if (response.status === 429 || response.status >= 500) {
        throw new PartnerCenterError({
          code: 'PARTNER_CENTER_UNAVAILABLE',
          message: `The token endpoint for Partner Center connection "${connection.name}" is unavailable (HTTP ${response.status}).`,
          status: response.status,
          microsoftCode: body.code,
          description: body.description,
          transient: true,
          connectionId: connection.id,
          operation: 'token',
        });
      }
      const aadsts =
        body.aadstsCodes?.find((c) => aadstsReasons[c]) ??
        Number(body.description?.match(/AADSTS(\d+)/)?.[1]);
      const reason =
        aadstsReasons[aadsts] ??
        (body.code === 'invalid_grant'
          ? 'the refresh token was revoked, expired or is invalid'
          : body.code === 'invalid_client' || body.code === 'unauthorized_client'
            ? 'the app credentials (id or secret) were refused'
            : body.code === 'interaction_required'
              ? 'the partner user must sign in again interactively'
              : `the token endpoint refused the credentials (${body.code ?? `HTTP ${response.status}`})`);
      throw reconnect(reason, {
        status: response.status,
        microsoftCode: body.code,
        description: body.description,
      });
    }

    let parsed;
    try {
      parsed = TokenResponseSchema.parse(JSON.parse(text));
    } catch (cause) {
      metrics.recordToken(false);
      throw new PartnerCenterError({
        code: 'INVALID_RESPONSE',
        message: `The token endpoint for Partner Center connection "${connection.name}" answered something that is not a token response.`,
        status: response.status,
        transient: false,
        connectionId: connection.id,
        operation: 'token',
        cause,
      });
    }
    metrics.recordToken(true);

    if (flow === 'appUser' && audience === 'partnerCenter') appUser.mfaClaim = mfaClaimOf(parsed.access_token);
    if (flow === 'appUser' && parsed.refresh_token && parsed.refresh_token !== refreshToken) {
      refreshToken = parsed.refresh_token;
      appUser.refreshTokenRotatedAt = clock.now().getTime();
      if (authorization) {
        // A code redemption is a new consent: the caller stores its refresh token.
        flows.appUser = true;
      } else {
        try {
          await options.onRefreshToken?.({ connectionId: connection.id, refreshToken: parsed.refresh_token });
        } catch (cause) {
          logger.error(
            { connectionId: connection.id, err: cause instanceof Error ? cause.message : String(cause) },
            'Could not store the rotated Partner Center refresh token; the connection may need to be reconnected when the old one expires',
          );
        }
      }
    }

    const now = clock.now().getTime();
    const lifetimeMs = Number(parsed.expires_in) * 1000;
    const expiresAt =
      Number.isFinite(lifetimeMs) && lifetimeMs > 0
        ? now + lifetimeMs
        : Number(parsed.expires_on) * 1000 || now + 3_600_000;
    const margin = Math.min(refreshMarginMs, (expiresAt - now) / 2);
    logger.debug(
      { connectionId: connection.id, audience, flow, durationMs, expiresInMs: expiresAt - now },
      'Partner Center token acquired',
    );
    return { accessToken: parsed.access_token, expiresAt, refreshAt: expiresAt - margin };
  }

  function load(audience: TokenAudience, flow: TokenFlow): Promise<CachedToken> {
    const key = `${audience}:${flow}`;
    const running = inflight.get(key);
    if (running) return running;
    const run =
      flow === 'appUser'
        ? (userChain = userChain.then(
            () => requestToken(audience, flow),
            () => requestToken(audience, flow),
          ) as Promise<CachedToken>)
        : requestToken(audience, flow);
    const shared = run.then((token) => {
      cache.set(key, token);
      return token;
    });
    const tracked = shared.finally(() => inflight.delete(key));
    inflight.set(key, tracked);
    return tracked;
  }

  return {
    flows,
    async getAccessToken(audience, flow, signal) {
      signal?.throwIfAborted();
      if (flow === 'app' && !flows.app)
        throw reconnect('it has no app secret, so it cannot get an app-only token', {});
      if (flow === 'appUser' && !flows.appUser) {
        throw new PartnerCenterError({
          code: 'APP_USER_REQUIRED',
          message: `Partner Center connection "${connection.name}" has no App+User consent (refresh token); reconnect it with a partner user to use this operation.`,
          transient: false,
          connectionId: connection.id,
          operation: 'token',
        });
      }
      const cached = cache.get(`${audience}:${flow}`);
      if (cached && clock.now().getTime() < cached.refreshAt) return cached.accessToken;
      const pending = load(audience, flow);
      if (!signal) return (await pending).accessToken;
      // The shared request is not cancelled by one caller giving up; only this caller stops waiting.
      return new Promise<string>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.then(
          (t) => {
            signal.removeEventListener('abort', onAbort);
            resolve(t.accessToken);
          },
          (e: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
          },
        );
      });
    },
    invalidate(audience, flow, token) {
      const key = `${audience}:${flow}`;
      if (cache.get(key)?.accessToken === token) cache.delete(key);
    },
    appUserState() {
      return { ...appUser };
    },
    async redeemAuthorizationCode(code, redirectUri) {
      const run = (userChain = userChain.then(
        () => requestToken('partnerCenter', 'appUser', { code, redirectUri }),
        () => requestToken('partnerCenter', 'appUser', { code, redirectUri }),
      ) as Promise<CachedToken>);
      const token = await run;
      // Tokens of the old sign-in are not used again.
      cache.clear();
      cache.set('partnerCenter:appUser', token);
      if (!refreshToken) throw reconnect('the token endpoint returned no refresh token for the sign-in', {});
      return { refreshToken, mfaClaim: appUser.mfaClaim };
    },
  };
}
