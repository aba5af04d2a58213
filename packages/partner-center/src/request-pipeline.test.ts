// size: the pipeline's behaviours in one suite sharing its manual clock and fake fetch.
import { describe, expect, it } from 'vitest';
import type { PartnerCenterLogger } from './logger';
import { createManualClock, type ManualClock } from './manual-clock';
import { isPartnerCenterError, type PartnerCenterError } from './partner-center-error';
import { createPartnerCenterClient, type PartnerCenterClientOptions } from './partner-center-client';

/**
 * Unit tests of the pipeline's policies (retries, Retry-After, timeouts, cancellation, headers,
 * logs) against a scripted fetch and a manual clock. The behaviour against a real server is the
 * contract suite's job (packages/testing/src/partner-center-contract), run on the emulator.
 */

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error' | 'hang';

const customer = {
  id: 'c1',
  companyProfile: { tenantId: 'c1', domain: 'fabrikam.onmicrosoft.com', companyName: 'Fabrikam' },
  relationshipToPartner: 'reseller',
  attributes: { objectType: 'Customer' },
};

function scripted(answers: Answer[]) {
  const sent: Sent[] = [];
  let tokenCalls = 0;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/oauth2/')) {
      tokenCalls++;
      return Response.json({
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: `secret-access-token-${tokenCalls}`,
      });
    }
    sent.push({
      url,
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    });
    const answer = answers.shift() ?? { status: 500 };
    if (answer === 'network-error') throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  }) as typeof globalThis.fetch;
  return { fetch, sent, tokenCalls: () => tokenCalls };
}

function capture(): PartnerCenterLogger & {
  entries: { level: string; fields: Record<string, unknown>; message: string }[];
} {
  const entries: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    entries.push({ level, fields, message });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function makeClient(answers: Answer[], extra: Partial<PartnerCenterClientOptions> = {}) {
  const clock = createManualClock({ start: Date.parse('2026-01-01T00:00:00Z') });
  const server = scripted(answers);
  const logger = capture();
  let n = 0;
  const client = createPartnerCenterClient({
    connection: {
      id: 'conn-1',
      name: 'Contoso LATAM',
      type: 'indirect-provider',
      tenantId: 'partner-tenant',
      appId: 'app',
      appSecret: 'super-secret-app-secret',
      refreshToken: 'super-secret-refresh-token',
      partnerCenterBaseUrl: 'https://pc.test',
      authorityBaseUrl: 'https://login.test',
      graphBaseUrl: 'https://graph.test/v1.0',
    },
    fetch: server.fetch,
    clock,
    random: () => 0.5,
    generateId: () => `id-${++n}`,
    logger,
    ...extra,
  });
  return { client, clock, server, logger };
}

/** Moves the manual clock until `promise` settles. */
async function settle<T>(
  clock: ManualClock,
  promise: Promise<T>,
  stepMs = 250,
): Promise<{ value?: T; error?: PartnerCenterError }> {
  let done = false;
  const result = promise.then(
    (value) => ({ value }),
    (error: PartnerCenterError) => ({ error }),
  );
  void result.finally(() => (done = true));
  for (let i = 0; i < 100_000 && !done; i++) await clock.advance(stepMs);
  return result;
}

describe('request pipeline', () => {
  it('retries a 503 with the same MS-RequestId and correlation id, then succeeds', async () => {
    const { client, clock, server, logger } = makeClient([
      { status: 503 },
      { status: 503 },
      { status: 200, body: customer },
    ]);
    const { value, error } = await settle(clock, client.getCustomer('c1', { requestId: 'saved-request-id' }));
    expect(error).toBeUndefined();
    expect(value?.companyName).toBe('Fabrikam');
    expect(server.sent).toHaveLength(3);
    expect(new Set(server.sent.map((s) => s.headers['ms-requestid']))).toEqual(new Set(['saved-request-id']));
    expect(new Set(server.sent.map((s) => s.headers['ms-correlationid'])).size).toBe(1);
    const delays = logger.entries.filter((e) => e.level === 'warn').map((e) => e.fields.delayMs as number);
    // Equal jitter with random()=0.5: 3/4 of 500 ms, then of 1000 ms.
    expect(delays).toEqual([375, 750]);
    expect(client.metrics.snapshot().total).toMatchObject({ calls: 1, attempts: 3, retries: 2, failures: 0 });
  });

  it('keeps client-request-id through Graph retries and reports Graph\'s request-id and date (learn.microsoft.com/graph/errors)', async () => {
    const inner = (requestId: string) => ({
      error: {
        code: 'Request_ResourceNotFound',
        message: 'gone',
        innerError: { date: '2026-01-01T00:00:01', 'request-id': requestId, 'client-request-id': 'saved-request-id' },
      },
    });
    const { client, clock, server } = makeClient([
      { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'later' } } },
      { status: 404, body: inner('graph-request-2'), headers: { 'request-id': 'graph-request-2' } },
    ]);
    const { error } = await settle(clock, client.getGdapRelationship('r1', { requestId: 'saved-request-id' }));
    expect(server.sent.map((s) => s.headers['client-request-id'])).toEqual(['saved-request-id', 'saved-request-id']);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      requestId: 'saved-request-id',
      serviceRequestId: 'graph-request-2',
      serviceDate: '2026-01-01T00:00:01',
    });
    // The ids survive the workflow journal.
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ serviceRequestId: 'graph-request-2' });
  });

  it('sends the standard headers (docs/PARTNER-CENTER-REFERENCE.md §1.3)', async () => {
    const { client, clock, server } = makeClient([{ status: 200, body: customer }]);
    await settle(clock, client.getCustomer('c1', { locale: 'es-MX' }));
    expect(server.sent[0]!.headers).toMatchObject({
      authorization: 'Bearer secret-access-token-1',
      accept: 'application/json',
      'ms-contract-version': 'v1',
      'x-locale': 'es-MX',
    });
    expect(server.sent[0]!.headers['ms-requestid']).toBeTruthy();
    expect(server.sent[0]!.url).toBe('https://pc.test/v1/customers/c1');
  });

  it('does not retry a business error', async () => {
    const { client, clock, server } = makeClient([
      { status: 400, body: { code: 800090, description: 'Subscription quantity cannot be decreased.' } },
    ]);
    const { error } = await settle(clock, client.getCustomer('c1'));
    expect(server.sent).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'NCE_WINDOW_PASSED',
      status: 400,
      microsoftCode: '800090',
      transient: false,
      attempts: 1,
      requestId: 'id-1',
      description: 'Subscription quantity cannot be decreased.',
    });
    expect(error?.hint).toBeUndefined();
  });

  it('waits out a 429 Retry-After before retrying', async () => {
    const { client, clock, server } = makeClient([
      {
        status: 429,
        body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' },
        headers: { 'Retry-After': '7' },
      },
      { status: 200, body: customer },
    ]);
    const started = clock.now().getTime();
    const { error } = await settle(clock, client.getCustomer('c1'), 100);
    expect(error).toBeUndefined();
    expect(server.sent).toHaveLength(2);
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(7000);
    expect(client.metrics.snapshot().total.throttled).toBe(1);
  });

  it('gives up at once when Retry-After is longer than it may wait in memory', async () => {
    const { client, clock, server } = makeClient([
      { status: 429, body: { statusCode: 429, message: 'x' }, headers: { 'Retry-After': '3600' } },
    ]);
    const { error } = await settle(clock, client.getCustomer('c1'));
    expect(server.sent).toHaveLength(1);
    expect(error).toMatchObject({ code: 'THROTTLED', transient: true, retryAfterSeconds: 3600 });
  });

  it('retries network errors up to the attempt limit, then reports the outage', async () => {
    const { client, clock, server } = makeClient(Array<Answer>(10).fill('network-error'), {
      retry: { maxAttempts: 3 },
    });
    const { error } = await settle(clock, client.isDomainAvailable('contoso'));
    expect(server.sent).toHaveLength(3);
    expect(error).toMatchObject({ code: 'PARTNER_CENTER_UNAVAILABLE', transient: true, attempts: 3 });
    expect(error?.message).toContain('ECONNRESET');
  });

  it('times out an attempt that does not answer, and retries it', async () => {
    const { client, clock, server } = makeClient(['hang', { status: 404 }], { timeoutMs: 5000 });
    const { value, error } = await settle(clock, client.isDomainAvailable('contoso'));
    expect(error).toBeUndefined();
    expect(value).toBe(true);
    expect(server.sent).toHaveLength(2);
  });

  it('reports TIMEOUT when every attempt hangs', async () => {
    const { client, clock } = makeClient(['hang', 'hang'], { timeoutMs: 5000, retry: { maxAttempts: 2 } });
    const { error } = await settle(clock, client.isDomainAvailable('contoso'));
    expect(error).toMatchObject({ code: 'TIMEOUT', transient: true, attempts: 2 });
  });

  it('stops when the caller aborts, even between retries', async () => {
    const { client, clock, server } = makeClient([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const controller = new AbortController();
    const call = client.getCustomer('c1', { signal: controller.signal });
    await clock.advance(0);
    controller.abort(new Error('user left'));
    const { error } = await settle(clock, call);
    expect(error).toMatchObject({ code: 'CANCELLED', transient: false });
    expect(server.sent.length).toBeLessThan(3);
  });

  it('fetches a new token once after a 401, then succeeds', async () => {
    const { client, clock, server } = makeClient([
      { status: 401, body: { code: 400, description: 'Access denied: the token has expired' } },
      { status: 200, body: customer },
    ]);
    const { error } = await settle(clock, client.getCustomer('c1'));
    expect(error).toBeUndefined();
    expect(server.tokenCalls()).toBe(2);
    expect(server.sent.map((s) => s.headers.authorization)).toEqual([
      'Bearer secret-access-token-1',
      'Bearer secret-access-token-2',
    ]);
  });

  it('asks for a reconnect, naming the connection, when a 401 persists', async () => {
    const { client, clock } = makeClient([
      { status: 401, body: { code: 400, description: 'Access denied' } },
      { status: 401, body: { code: 400, description: 'Access denied' } },
    ]);
    const { error } = await settle(clock, client.getCustomer('c1'));
    expect(error?.code).toBe('RECONNECT_REQUIRED');
    expect(error?.message).toContain('Reconnect Partner Center connection "Contoso LATAM"');
    // Microsoft's words and the hint travel as fields too, for the text a person reads.
    expect(error).toMatchObject({ description: 'Access denied', hint: expect.stringMatching(/^Reconnect Partner Center connection "Contoso LATAM"/) });
  });

  it('fails loudly when the answer does not match the wire model, without retrying', async () => {
    const { client, clock, server } = makeClient([
      { status: 200, body: { id: 'c1', companyProfile: { domain: 42 } } },
    ]);
    const { error } = await settle(clock, client.getCustomer('c1'));
    expect(server.sent).toHaveLength(1);
    expect(error?.code).toBe('INVALID_RESPONSE');
    expect(error?.message).toMatch(/companyProfile/);
  });

  it('logs method, path template, status, duration and request id, and never a secret', async () => {
    const { client, clock, logger } = makeClient([{ status: 503 }, { status: 200, body: customer }]);
    await settle(clock, client.getCustomer('c1', { requestId: 'rid-7' }));
    const info = logger.entries.find((e) => e.level === 'info');
    expect(info?.fields).toMatchObject({
      method: 'GET',
      path: '/v1/customers/{customerId}',
      status: 200,
      requestId: 'rid-7',
      connectionId: 'conn-1',
    });
    expect(typeof info?.fields.durationMs).toBe('number');
    const everything = JSON.stringify(logger.entries);
    for (const secret of ['secret-access-token', 'super-secret-app-secret', 'super-secret-refresh-token'])
      expect(everything).not.toContain(secret);
  });

  it('follows `links.next` with its continuation token and seekOperation=Next, one correlation id for all pages (docs/PARTNER-CENTER-REFERENCE.md §2.5)', async () => {
    const page = (id: string, next?: string) => ({
      totalCount: 3,
      items: [{ ...customer, id, companyProfile: { ...customer.companyProfile, tenantId: id } }],
      ...(next
        ? {
            links: {
              next: {
                uri: next,
                method: 'GET',
                headers: [{ key: 'MS-ContinuationToken', value: `token-after-${id}` }],
              },
            },
          }
        : {}),
      attributes: { objectType: 'Collection' },
    });
    const { client, clock, server } = makeClient([
      { status: 200, body: page('a', '/v1/customers?size=1') },
      { status: 200, body: page('b', '/v1/customers?size=1') },
      { status: 200, body: page('c') },
    ]);
    const { value } = await settle(
      clock,
      client.listCustomers({ pageSize: 1, requestId: 'first-page-id' }).toArray(),
    );
    expect(value?.map((c) => c.tenantId)).toEqual(['a', 'b', 'c']);
    expect(server.sent.map((s) => s.url)).toEqual([
      'https://pc.test/v1/customers?size=1',
      'https://pc.test/v1/customers?size=1&seekOperation=Next',
      'https://pc.test/v1/customers?size=1&seekOperation=Next',
    ]);
    expect(server.sent.map((s) => s.headers['ms-continuationtoken'])).toEqual([
      undefined,
      'token-after-a',
      'token-after-b',
    ]);
    expect(new Set(server.sent.map((s) => s.headers['ms-correlationid'])).size).toBe(1);
    const requestIds = server.sent.map((s) => s.headers['ms-requestid']);
    expect(requestIds[0]).toBe('first-page-id');
    expect(new Set(requestIds).size).toBe(3);
  });

  it('refuses to send the token to a paging link on another origin', async () => {
    const page = (next: string) => ({
      totalCount: 2,
      items: [customer],
      links: { next: { uri: next, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 't' }] } },
      attributes: { objectType: 'Collection' },
    });
    const { client, clock, server } = makeClient([
      { status: 200, body: page('https://evil.test/v1/customers') },
    ]);
    const { error } = await settle(clock, client.listCustomers().toArray());
    expect(server.sent).toHaveLength(1);
    expect(error?.code).toBe('INVALID_RESPONSE');
    expect(isPartnerCenterError(error)).toBe(true);
  });
});
