import { describe, expect, it } from 'vitest';
import { silentLogger, type PartnerCenterLogger } from './logger';
import { createManualClock } from './manual-clock';
import { parsePartnerCenterConnection } from './partner-center-connection.schema';
import { isPartnerCenterError } from './partner-center-error';
import { createPartnerCenterMetrics } from './partner-center-metrics';
import { createTokenProvider } from './token-provider';

const connection = parsePartnerCenterConnection({
  id: 'conn-eu',
  name: 'Contoso Europe',
  type: 'indirect-provider',
  tenantId: 'partner-tenant',
  appId: 'app-id',
  appSecret: 'app-secret',
  refreshToken: 'rt-1',
});

/** A stand-in for Entra's token endpoint: records every form it receives, answers by script. */
function tokenEndpoint(answer: (form: URLSearchParams, n: number) => { status: number; body: unknown }) {
  const forms: URLSearchParams[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    forms.push(form);
    await new Promise((r) => setImmediate(r));
    const { status, body } = answer(form, forms.length);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, forms };
}

const ok = (token: string, extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: { token_type: 'Bearer', expires_in: '3600', access_token: token, ...extra },
});

describe('token provider', () => {
  it('caches a token until shortly before it expires', async () => {
    const clock = createManualClock({ start: 0 });
    const endpoint = tokenEndpoint((_f, n) => ok(`access-${n}`));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock,
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    expect(await tokens.getAccessToken('partnerCenter', 'app')).toBe('access-1');
    await clock.advance(50 * 60_000);
    expect(await tokens.getAccessToken('partnerCenter', 'app')).toBe('access-1');
    await clock.advance(6 * 60_000); // 56 minutes: inside the 5-minute margin
    expect(await tokens.getAccessToken('partnerCenter', 'app')).toBe('access-2');
    expect(endpoint.forms).toHaveLength(2);
    expect(endpoint.forms[0]!.get('grant_type')).toBe('client_credentials');
    expect(endpoint.forms[0]!.get('resource')).toBe('https://api.partnercenter.microsoft.com');
  });

  it('refreshes once for many concurrent callers', async () => {
    const clock = createManualClock();
    const endpoint = tokenEndpoint((_f, n) => ok(`access-${n}`));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock,
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    const all = await Promise.all(
      Array.from({ length: 25 }, () => tokens.getAccessToken('partnerCenter', 'appUser')),
    );
    expect(new Set(all)).toEqual(new Set(['access-1']));
    expect(endpoint.forms).toHaveLength(1);
  });

  it('keeps separate tokens per audience and flow', async () => {
    const endpoint = tokenEndpoint((f, n) => ok(`${f.get('grant_type')}-${f.get('resource')}-${n}`));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    const graph = await tokens.getAccessToken('graph', 'appUser');
    const pc = await tokens.getAccessToken('partnerCenter', 'appUser');
    expect(graph).toContain('https://graph.microsoft.com');
    expect(pc).toContain('https://api.partnercenter.microsoft.com');
  });

  it('hands a rotated refresh token back and uses it for the next exchange', async () => {
    const clock = createManualClock({ start: 0 });
    const endpoint = tokenEndpoint((f, n) => ok(`access-${n}`, { refresh_token: `rt-${n + 1}` }));
    const stored: string[] = [];
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock,
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
      onRefreshToken: ({ connectionId, refreshToken }) => {
        expect(connectionId).toBe('conn-eu');
        stored.push(refreshToken);
      },
    });
    await tokens.getAccessToken('partnerCenter', 'appUser');
    await tokens.getAccessToken('graph', 'appUser');
    expect(endpoint.forms.map((f) => f.get('refresh_token'))).toEqual(['rt-1', 'rt-2']);
    expect(stored).toEqual(['rt-2', 'rt-3']);
  });

  it('still returns the token when storing the rotated refresh token fails, and says so', async () => {
    const errors: string[] = [];
    const logger: PartnerCenterLogger = { ...silentLogger, error: (_f, m) => errors.push(m) };
    const endpoint = tokenEndpoint((_f, n) => ok(`access-${n}`, { refresh_token: 'rt-new' }));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger,
      metrics: createPartnerCenterMetrics(),
      onRefreshToken: () => {
        throw new Error('vault down');
      },
    });
    expect(await tokens.getAccessToken('partnerCenter', 'appUser')).toBe('access-1');
    expect(errors.join()).toMatch(/rotated Partner Center refresh token/);
  });

  it('turns a revoked grant into RECONNECT_REQUIRED naming the connection, for every waiting caller', async () => {
    const endpoint = tokenEndpoint(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'AADSTS50173: The provided grant has expired due to it being revoked.',
        error_codes: [50173],
      },
    }));
    const metrics = createPartnerCenterMetrics();
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger: silentLogger,
      metrics,
    });
    const results = await Promise.allSettled([
      tokens.getAccessToken('partnerCenter', 'appUser'),
      tokens.getAccessToken('partnerCenter', 'appUser'),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const error = (r as PromiseRejectedResult).reason;
      expect(isPartnerCenterError(error, 'RECONNECT_REQUIRED')).toBe(true);
      expect(error.message).toContain('"Contoso Europe"');
      expect(error.message).toMatch(/reconnect/i);
      expect(error.message).toMatch(/revoked/);
      expect(error.transient).toBe(false);
    }
    expect(endpoint.forms).toHaveLength(1);
    expect(metrics.snapshot().tokenFailures).toBe(1);
  });

  it('reports a token endpoint outage as transient, so the call is retried', async () => {
    const endpoint = tokenEndpoint(() => ({ status: 503, body: { error: 'temporarily_unavailable' } }));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    await expect(tokens.getAccessToken('partnerCenter', 'app')).rejects.toMatchObject({
      code: 'PARTNER_CENTER_UNAVAILABLE',
      transient: true,
    });
  });

  it('refuses App+User without a refresh token with APP_USER_REQUIRED', async () => {
    const appOnly = parsePartnerCenterConnection({ ...connection, refreshToken: undefined });
    const endpoint = tokenEndpoint((_f, n) => ok(`access-${n}`));
    const tokens = createTokenProvider({
      connection: appOnly,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    expect(tokens.flows).toEqual({ app: true, appUser: false });
    await expect(tokens.getAccessToken('partnerCenter', 'appUser')).rejects.toMatchObject({
      code: 'APP_USER_REQUIRED',
    });
    expect(endpoint.forms).toHaveLength(0);
  });

  it('forgets an invalidated token', async () => {
    const endpoint = tokenEndpoint((_f, n) => ok(`access-${n}`));
    const tokens = createTokenProvider({
      connection,
      fetch: endpoint.fetch,
      clock: createManualClock(),
      logger: silentLogger,
      metrics: createPartnerCenterMetrics(),
    });
    const first = await tokens.getAccessToken('partnerCenter', 'app');
    tokens.invalidate('partnerCenter', 'app', first);
    expect(await tokens.getAccessToken('partnerCenter', 'app')).toBe('access-2');
  });
});
