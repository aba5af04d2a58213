// size: one closure, createRequestPipeline: its token flow, limiters, retries with Retry-After and logging share the connection and the per-call state.
import { z } from 'zod';
import type { TimerClock } from '@csphub/domain';
import type { Random } from './random';
import type { PartnerCenterLogger } from './logger';
import { parseMicrosoftErrorBody } from './microsoft-error-body';
import { isTransientStatus, mapMicrosoftError } from './microsoft-error-map';
import { partnerApiBaseOf, type PartnerCenterConnection } from './partner-center-connection.schema';
import { PartnerCenterError } from './partner-center-error';
import type { PartnerCenterMetrics } from './partner-center-metrics';
import type { ApiRequest, CallOptions, ClientRateLimits } from './api-request';
import type { LimiterRegistry } from './rate-limiter';
import { limitersForRequest } from './throttle-limiters';
import {
  computeRetryDelay,
  parseRetryAfter,
  parseRetryAfterFromMessage,
  type RetryPolicy,
} from './retry-policy';
import type { TokenAudience, TokenFlow, TokenProvider } from './token-provider';

export type { ApiRequest, CallOptions, ClientRateLimits, HttpMethod } from './api-request';
export { defaultRateLimits } from './api-request';

export interface RequestPipelineDeps {
  connection: PartnerCenterConnection;
  fetch: typeof fetch;
  clock: TimerClock;
  random: Random;
  generateId: () => string;
  logger: PartnerCenterLogger;
  metrics: PartnerCenterMetrics;
  limiters: LimiterRegistry;
  limits: ClientRateLimits;
  tokens: TokenProvider;
  retry: RetryPolicy;
  timeoutMs: number;
}

/** Why a call's timeout timer stops: the call ended (answered or failed) first. */
const ANSWERED = Object.freeze({ answered: true });

/** Sends one logical call through limiter, token, timeout and retries. */
export interface RequestPipeline {
  send<T>(request: ApiRequest<T>, options?: CallOptions): Promise<T>;
  /** The ids a call will use, fixed before the first attempt (paging reuses the correlation id). */
  ids(options?: CallOptions): { requestId: string; correlationId: string };
  readonly connection: PartnerCenterConnection;
}

class TimeoutSignal extends Error {}

/**
 * The request pipeline (docs/PARTNER-CENTER-REFERENCE.md §1.3 headers, §14 throttling and idempotency, §15
 * errors): every call goes through the connection's limiters, gets a cached token, is sent with the
 * standard headers and a per-attempt timeout, and is retried on transient failures with the same
 * `MS-RequestId`, honouring `Retry-After`. Business errors are never retried. Each call is logged
 * once (and each retry) without tokens or bodies, and counted.
 */
export function createRequestPipeline(deps: RequestPipelineDeps): RequestPipeline {
  const { connection, clock, logger, metrics, tokens } = deps;

  function limitersFor(request: ApiRequest<unknown>) {
    return limitersForRequest(request, { partnerTenantId: connection.tenantId, limiters: deps.limiters, limits: deps.limits });
  }

  function chooseFlow(auth: ApiRequest<unknown>['auth']): TokenFlow {
    // App+User-only operations use the refresh token when there is one; otherwise the app-only
    // token is sent and Microsoft refuses it (900329 → APP_USER_REQUIRED), which names the fix.
    if (auth === 'appUser') return tokens.flows.appUser ? 'appUser' : 'app';
    // Any other operation prefers app-only: it is not subject to the App+User MFA claim checks (docs/PARTNER-CENTER-REFERENCE.md §1.2).
    return tokens.flows.app ? 'app' : 'appUser';
  }

  function buildUrl(request: ApiRequest<unknown>): string {
    const base =
      request.api === 'graph' ? connection.graphBaseUrl : request.host === 'partnerApi' ? partnerApiBaseOf(connection) : connection.partnerCenterBaseUrl;
    if (request.url !== undefined) {
      const target = new URL(request.url, base + '/');
      // A `next` link is relative to the service root; one pointing elsewhere must not get our token.
      if (target.origin !== new URL(base).origin) {
        throw new PartnerCenterError({
          code: 'INVALID_RESPONSE',
          message: `${request.operation}: a paging link points to ${target.origin}, not to ${new URL(base).origin}; not followed.`,
          transient: false,
          operation: request.operation,
          connectionId: connection.id,
        });
      }
      if (request.url.startsWith('/')) {
        // §2.5: `links.next.uri` is root-relative (`/v1/customers?...`); keep a base path prefix
        // (an emulator mounted under one) unless the link already carries it.
        const basePath = new URL(base).pathname.replace(/\/$/, '');
        const path =
          basePath && !request.url.startsWith(`${basePath}/`) ? basePath + request.url : request.url;
        return new URL(base).origin + path;
      }
      return target.toString();
    }
    const path = request.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined || value === '')
        throw new TypeError(`${request.operation}: path parameter "${name}" is missing`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const qs = query.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  function headersFor(
    request: ApiRequest<unknown>,
    token: string,
    ids: { requestId: string; correlationId: string },
    locale: string,
  ) {
    const h: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (request.api === 'partnerCenter') {
      // §1.3 standard request headers.
      h['MS-RequestId'] = ids.requestId;
      h['MS-CorrelationId'] = ids.correlationId;
      h['MS-Contract-Version'] = 'v1';
      h['X-Locale'] = locale;
      h['MS-PartnerCenter-Application'] = 'CSP Hub';
    } else {
      // Graph's tracing header (docs/PARTNER-CENTER-REFERENCE.md §12); Graph has no MS-RequestId idempotency.
      h['client-request-id'] = ids.requestId;
      h['MS-CorrelationId'] = ids.correlationId;
    }
    if (request.body !== undefined) h['Content-Type'] = 'application/json';
    return { ...h, ...request.headers };
  }

  /** What an operator should do, for the codes that have a clear fix on the connection. */
  function operatorHint(code: string): string | undefined {
    if (code === 'MFA_REQUIRED')
      return `Re-consent Partner Center connection "${connection.name}": a partner user must sign in again with multi-factor authentication.`;
    if (code === 'RECONNECT_REQUIRED')
      return `Reconnect Partner Center connection "${connection.name}": a partner admin must sign in again (with MFA).`;
    if (code === 'APP_USER_REQUIRED') {
      return tokens.flows.appUser
        ? `Microsoft refused the App+User token of connection "${connection.name}"; reconnect it with a partner user who has the needed roles.`
        : `This operation needs App+User authentication, and connection "${connection.name}" only has app credentials: reconnect it with a partner user (MFA) to store a refresh token.`;
    }
    return undefined;
  }

  function describe(request: ApiRequest<unknown>) {
    return `Partner Center ${request.operation}`;
  }

  async function attempt<T>(
    request: ApiRequest<T>,
    url: string,
    token: string,
    ids: { requestId: string; correlationId: string },
    options: CallOptions,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
    const stopTimer = new AbortController();
    void clock.sleep(timeoutMs, stopTimer.signal).then(
      () => controller.abort(new TimeoutSignal(`no answer within ${timeoutMs} ms`)),
      () => {},
    );
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    try {
      const response = await deps.fetch(url, {
        method: request.method,
        headers: headersFor(request, token, ids, options.locale ?? connection.locale),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      const text = request.method === 'HEAD' ? '' : await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      if (controller.signal.aborted) throw controller.signal.reason;
      throw cause;
    } finally {
      // With a reason of its own: a bare abort() builds a DOMException (and its stack) per call.
      stopTimer.abort(ANSWERED);
    }
  }

  return {
    connection,
    ids(options) {
      return {
        requestId: options?.requestId ?? deps.generateId(),
        correlationId: options?.correlationId ?? deps.generateId(),
      };
    },
    async send<T>(request: ApiRequest<T>, options: CallOptions = {}): Promise<T> {
      const ids = this.ids(options);
      const audience: TokenAudience = request.api;
      const started = clock.now().getTime();
      const base = {
        connectionId: connection.id,
        operation: request.operation,
        method: request.method,
        path: request.path,
        ...ids,
      };
      let limiterWaitMs = 0;
      let attempts = 0;
      let retriedAfter401 = false;
      let lastStatus: number | 'network' | 'timeout' | 'cancelled' | 'invalid' = 'network';

      const finish = (error: PartnerCenterError | undefined) => {
        const durationMs = clock.now().getTime() - started;
        metrics.recordCall(request.operation, {
          status: lastStatus,
          failed: error !== undefined,
          durationMs,
          limiterWaitMs,
        });
        if (error) {
          logger.error(
            {
              ...base,
              status: error.status,
              code: error.code,
              microsoftCode: error.microsoftCode,
              attempts,
              durationMs,
            },
            `${describe(request)} failed: ${error.code}`,
          );
        } else {
          logger.info(
            { ...base, status: lastStatus, attempts, durationMs, limiterWaitMs },
            `${describe(request)} ${lastStatus}`,
          );
        }
      };
      const fail = (error: PartnerCenterError): never => {
        const full = error.with({
          requestId: ids.requestId,
          correlationId: ids.correlationId,
          operation: request.operation,
          connectionId: connection.id,
          attempts,
        });
        finish(full);
        throw full;
      };
      const cancelled = (cause: unknown): never =>
        fail(
          new PartnerCenterError({
            code: 'CANCELLED',
            message: `${describe(request)} was cancelled by the caller.`,
            transient: false,
            cause,
          }),
        );

      for (;;) {
        attempts++;
        let error: PartnerCenterError;
        let retryAfterMs: number | undefined;
        let token: string | undefined;
        let flow: TokenFlow | undefined;
        try {
          // Token first, then the limiter: a slot is taken just before the request leaves, so a slow
          // token refresh cannot bunch requests that the limiter spread out.
          flow = chooseFlow(request.auth);
          token = await tokens.getAccessToken(audience, flow, options.signal);
          const limiters = limitersFor(request);
          if (limiters.length > 0) {
            const waited = options.onQueued?.();
            try {
              for (const limiter of limiters) limiterWaitMs += await limiter.acquire(options.signal, options.priority);
            } finally {
              waited?.();
            }
          }
          const url = buildUrl(request);
          const attemptStarted = clock.now().getTime();
          const res = await attempt(request, url, token, ids, options);
          lastStatus = res.status;
          metrics.recordAttempt(request.operation, res.status, attempts > 1);
          logger.debug(
            { ...base, status: res.status, attempt: attempts, durationMs: clock.now().getTime() - attemptStarted },
            `${describe(request)} attempt ${attempts}: ${res.status}`,
          );

          if ((res.status >= 200 && res.status < 300) || request.okStatuses?.includes(res.status)) {
            let body: unknown = undefined;
            if (request.responseText) {
              body = res.text;
            } else if (res.text.trim() !== '') {
              try {
                body = JSON.parse(res.text);
              } catch (cause) {
                lastStatus = 'invalid';
                return fail(
                  new PartnerCenterError({
                    code: 'INVALID_RESPONSE',
                    message: `${describe(request)} answered ${res.status} with a body that is not JSON.`,
                    status: res.status,
                    transient: false,
                    cause,
                  }),
                );
              }
            }
            let value: T;
            try {
              value = request.parse({ status: res.status, body, headers: res.headers });
            } catch (cause) {
              lastStatus = 'invalid';
              const detail =
                cause instanceof z.ZodError
                  ? cause.issues
                      .slice(0, 5)
                      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
                      .join('; ')
                  : String(cause);
              return fail(
                new PartnerCenterError({
                  code: 'INVALID_RESPONSE',
                  message: `${describe(request)} answered ${res.status} in a shape the client does not expect (${detail}). Microsoft's wire format may have changed.`,
                  status: res.status,
                  transient: false,
                  cause,
                }),
              );
            }
            finish(undefined);
            return value;
          }

          const body = parseMicrosoftErrorBody(res.text);
          const code = mapMicrosoftError({
            status: res.status,
            code: body.code,
            description: body.description,
            envelope: body.envelope,
          });
          retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), clock.now().getTime());
          if (retryAfterMs === undefined && res.status === 429)
            retryAfterMs = parseRetryAfterFromMessage(body.description);
          const hint = operatorHint(code);
          error = new PartnerCenterError({
            code,
            message: `${describe(request)} failed: ${body.description ?? `HTTP ${res.status}`} (${code}; HTTP ${res.status}${body.code ? `, Microsoft code ${body.code}` : ''}).${hint ? ` ${hint}` : ''}`,
            status: res.status,
            microsoftCode: body.code,
            description: body.description,
            hint,
            serviceRequestId: body.serviceRequestId ?? res.headers.get('request-id') ?? undefined,
            serviceDate: body.date,
            transient: isTransientStatus(res.status),
            retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
          });
          // A 401 on a cached token may mean the token was revoked early: fetch a new one, once.
          if (res.status === 401 && !retriedAfter401 && body.code !== '900421') {
            retriedAfter401 = true;
            tokens.invalidate(audience, flow, token);
            logger.warn(
              { ...base, status: 401, attempt: attempts },
              `${describe(request)} got 401; retrying once with a new token`,
            );
            continue;
          }
        } catch (cause) {
          if (options.signal?.aborted) {
            lastStatus = 'cancelled';
            return cancelled(cause);
          }
          // The local queue is full: nothing was sent; retrying here would only queue again, so the
          // caller gets it at once (with Retry-After) and decides.
          if (cause instanceof PartnerCenterError && cause.code === 'QUEUE_FULL') {
            lastStatus = 'cancelled';
            return fail(cause);
          }
          if (cause instanceof PartnerCenterError) {
            error = cause;
            lastStatus = cause.status ?? 'network';
          } else if (cause instanceof TimeoutSignal) {
            lastStatus = 'timeout';
            metrics.recordAttempt(request.operation, 'timeout', attempts > 1);
            error = new PartnerCenterError({
              code: 'TIMEOUT',
              message: `${describe(request)} got ${cause.message}.`,
              transient: true,
              cause,
            });
          } else if (cause instanceof TypeError && /path parameter/.test(cause.message)) {
            throw cause;
          } else {
            lastStatus = 'network';
            metrics.recordAttempt(request.operation, 'network', attempts > 1);
            error = new PartnerCenterError({
              code: 'PARTNER_CENTER_UNAVAILABLE',
              message: `${describe(request)} could not reach the service: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}.`,
              transient: true,
              cause,
            });
          }
        }

        if (!error.transient || attempts >= deps.retry.maxAttempts) return fail(error);
        const delay = computeRetryDelay(attempts, retryAfterMs, deps.retry, deps.random);
        if (delay === undefined) return fail(error);
        if (error.status === 429 && retryAfterMs !== undefined) {
          // The whole connection waits, not only this call (docs/PARTNER-CENTER-REFERENCE.md §14: honour Retry-After).
          for (const limiter of limitersFor(request)) limiter.pauseUntil(clock.now().getTime() + retryAfterMs);
        }
        logger.warn(
          {
            ...base,
            status: error.status,
            code: error.code,
            attempt: attempts,
            delayMs: delay,
            retryAfterMs,
          },
          `${describe(request)} failed (${error.status ?? error.code}); retrying in ${delay} ms with the same MS-RequestId`,
        );
        try {
          await clock.sleep(delay, options.signal);
        } catch (cause) {
          lastStatus = 'cancelled';
          return cancelled(cause);
        }
      }
    },
  };
}
