import { describe, expect, it } from 'vitest';
import { Harness, LATAM, EUROPE, SANDBOX, customerBody, freshPrefix, tenant } from './support/emulator-harness';

describe('strictness (the emulator stays faithful to Microsoft)', () => {
  it('answers 501 naming what is not emulated, 405 for a known path with another method', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const unknown = await h.call('GET', '/v1/nothing/here', { token });
    expect(unknown.status).toBe(501);
    expect(unknown.body.description).toContain('GET /v1/nothing/here');
    const legacy = await h.call('POST', `/v1/customers/${tenant('wingtip').tenantId}/orders`, { token, body: {} });
    expect(legacy.status).toBe(501);
    expect(legacy.body.description).toMatch(/legacy order creation/);
    const wrongMethod = await h.call('PUT', '/v1/customers', { token, body: {} });
    expect([wrongMethod.status, wrongMethod.body.code]).toEqual([405, 405]);
    const graph = await h.call('GET', '/graph/v1.0/users', { token });
    expect(graph.status).toBe(501);
    expect(graph.body.error.code).toBe('NotImplemented');
    expect(graph.body.error.innerError['client-request-id']).toBe(graph.headers.get('client-request-id'));
    expect(graph.body.error.innerError['request-id']).toBe(graph.headers.get('request-id'));
    expect((await h.call('GET', '/_emulator/nope')).status).toBe(404);
  });

  it('echoes MS-RequestId and MS-CorrelationId, and makes them up when absent', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const res = await h.call('GET', '/v1/customers', { token, headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1' } });
    expect(res.headers.get('MS-RequestId')).toBe('req-1');
    expect(res.headers.get('MS-CorrelationId')).toBe('corr-1');
    const bare = await h.call('GET', '/v1/customers', { token });
    expect(bare.headers.get('MS-CorrelationId')).toMatch(/^[0-9a-f-]{36}$/);
    const graph = await h.call('GET', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', { token: await h.token(LATAM, 'app', 'graph'), headers: { 'client-request-id': 'g-1' } });
    expect(graph.headers.get('client-request-id')).toBe('g-1');
    expect(graph.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('always answers client-request-id on Graph, and Graph errors carry request-id, date and client-request-id in innerError', async () => {
    // https://learn.microsoft.com/graph/errors: the error resource's innerError.
    const h = new Harness();
    const token = await h.token(LATAM, 'app', 'graph');
    const base = '/graph/v1.0/tenantRelationships/delegatedAdminRelationships';
    const bare = await h.call('GET', base, { token });
    expect(bare.headers.get('client-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await h.call('GET', `${base}/nope`, { token, headers: { 'client-request-id': 'c-42' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('client-request-id')).toBe('c-42');
    expect(missing.body.error.innerError).toEqual({
      'request-id': missing.headers.get('request-id'),
      'client-request-id': 'c-42',
      date: new Date(h.clock.now()).toISOString(),
    });
    // Errors raised before the handler (no token) carry them too, with a client-request-id made up.
    const unauthenticated = await h.call('GET', base);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.error.innerError['client-request-id']).toBe(unauthenticated.headers.get('client-request-id'));
    expect(unauthenticated.body.error.innerError['request-id']).toBe(unauthenticated.headers.get('request-id'));
    // A fault-injected 503 as well.
    await h.control('POST', '/faults', { route: `GET ${base}`, status: 503 });
    const faulted = await h.call('GET', base, { token, headers: { 'client-request-id': 'c-43' } });
    expect(faulted.status).toBe(503);
    expect(faulted.body.error.innerError['client-request-id']).toBe('c-43');
  });
});

describe('MS-RequestId replay (docs/PARTNER-CENTER-REFERENCE.md §14, §17)', () => {
  it('replays within 24 h of emulator time, runs again after, and never keeps 5xx/429 answers', async () => {
    const h = new Harness();
    await h.control('PUT', '/settings', { replayWindowHours: 24 });
    const token = await h.token(LATAM);
    const headers = { 'MS-RequestId': 'replay-window-1' };
    const body = customerBody(freshPrefix());
    const first = await h.call('POST', '/v1/customers', { token, body, headers });
    h.clock.advance(23 * 3600 * 1000);
    const token2 = await h.token(LATAM);
    expect((await h.call('POST', '/v1/customers', { token: token2, body, headers })).body.id).toBe(first.body.id);
    h.clock.advance(2 * 3600 * 1000);
    const token3 = await h.token(LATAM);
    const late = await h.call('POST', '/v1/customers', { token: token3, body, headers });
    // Same body after the window: the domain now exists, so it is a real second attempt.
    expect([late.status, late.body.code]).toEqual([409, 600011]);

    await h.control('POST', '/faults', { route: 'POST /v1/customers', status: 503 });
    const retried = { 'MS-RequestId': 'replay-after-503' };
    const body2 = customerBody(freshPrefix());
    expect((await h.call('POST', '/v1/customers', { token: token3, body: body2, headers: retried })).status).toBe(503);
    expect((await h.call('POST', '/v1/customers', { token: token3, body: body2, headers: retried })).status).toBe(201);
  });

  it('keys replay by partner: the same request id from another partner is a new request', async () => {
    const h = new Harness();
    const headers = { 'MS-RequestId': 'shared-id' };
    const a = await h.call('POST', '/v1/customers', { token: await h.token(LATAM), body: customerBody(freshPrefix()), headers });
    const b = await h.call('POST', '/v1/customers', { token: await h.token(EUROPE), body: customerBody(freshPrefix(), { country: 'ES', state: '', postalCode: '28001', city: 'Madrid' }), headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});

describe('throttling per partner (docs/PARTNER-CENTER-REFERENCE.md §14)', () => {
  it('answers 429 with Retry-After and the throttling body once the per-minute limit is used, per partner and family', async () => {
    const h = new Harness();
    await h.control('PUT', '/throttling', { limitPerMinute: 3 });
    const latam = await h.token(LATAM);
    const id = tenant('wingtip').tenantId;
    for (let i = 0; i < 3; i++) expect((await h.call('GET', `/v1/customers/${id}`, { token: latam })).status).toBe(200);
    const limited = await h.call('GET', `/v1/customers/${id}`, { token: latam });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, message: expect.stringMatching(/^Rate limit is exceeded\. Try again in \d+ seconds\.$/) });
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other families and other partners are counted apart; unthrottled reads are not limited.
    expect((await h.call('GET', `/v1/customers/${id}/subscriptions`, { token: latam })).status).toBe(200);
    expect((await h.call('GET', '/v1/customers', { token: latam })).status).toBe(200);
    expect((await h.call('GET', `/v1/customers/${tenant('alpine').tenantId}`, { token: await h.token(EUROPE) })).status).toBe(200);
    h.clock.advance(retryAfter * 1000);
    expect((await h.call('GET', `/v1/customers/${id}`, { token: latam })).status).toBe(200);
  });

  it('counts per (partner, customer) and throttle class, and leaves operations off Microsoft\'s list alone (create customer)', async () => {
    const h = new Harness();
    await h.control('PUT', '/throttling', { limitPerMinute: 1 });
    const sandbox = await h.token(SANDBOX);
    // Creating customers is not on Microsoft's throttling list.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await h.call('POST', '/v1/customers', { token: sandbox, body: customerBody(freshPrefix('thr')) });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    expect((await h.call('GET', `/v1/customers/${ids[0]}`, { token: sandbox })).status).toBe(200);
    expect((await h.call('GET', `/v1/customers/${ids[0]}`, { token: sandbox })).status).toBe(429);
    // Another customer of the same partner has its own budget.
    expect((await h.call('GET', `/v1/customers/${ids[1]}`, { token: sandbox })).status).toBe(200);
  });

  it('defaults to 500 per minute and can be overridden per partner', async () => {
    const h = new Harness();
    expect((await h.control('GET', '/settings')).body.throttleLimitPerMinute).toBe(500);
    await h.control('PUT', '/throttling', { limitPerMinute: 1, partner: 'distributor-europe' });
    const europe = await h.token(EUROPE);
    const id = tenant('alpine').tenantId;
    expect((await h.call('GET', `/v1/customers/${id}`, { token: europe })).status).toBe(200);
    expect((await h.call('GET', `/v1/customers/${id}`, { token: europe })).status).toBe(429);
    const latam = await h.token(LATAM);
    for (let i = 0; i < 5; i++) expect((await h.call('GET', `/v1/customers/${tenant('wingtip').tenantId}`, { token: latam })).status).toBe(200);
  });
});

describe('fault injection (control plane)', () => {
  it('answers an injected 429 with Retry-After 2 once, then the call succeeds', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const fault = await h.control('POST', '/faults', { route: 'POST /v1/customers', status: 429, retryAfterSeconds: 2 });
    expect(fault.status).toBe(201);
    const body = customerBody(freshPrefix());
    const first = await h.call('POST', '/v1/customers', { token, body });
    expect(first.status).toBe(429);
    expect(first.headers.get('Retry-After')).toBe('2');
    expect(first.body.statusCode).toBe(429);
    const second = await h.call('POST', '/v1/customers', { token, body });
    expect(second.status).toBe(201);
    expect((await h.control('GET', '/faults')).body[0].fired).toBe(1);
    expect((await h.control('GET', '/state')).body.totals.tenants).toBe(6);
  });

  it('injects 500/503 in Partner Center and Graph shapes, by count, on parameterised routes', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    await h.control('POST', '/faults', { route: 'GET /v1/customers/:id', status: 500, count: 2 });
    const id = tenant('wingtip').tenantId;
    const a = await h.call('GET', `/v1/customers/${id}`, { token });
    expect([a.status, a.body.code]).toEqual([500, 800003]);
    expect((await h.call('GET', `/v1/customers/${id}`, { token })).status).toBe(500);
    expect((await h.call('GET', `/v1/customers/${id}`, { token })).status).toBe(200);
    await h.control('POST', '/faults', { route: '* /graph/v1.0/*', status: 503 });
    const g = await h.call('GET', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', { token: await h.token(LATAM, 'app', 'graph') });
    expect([g.status, g.body.error.code]).toEqual([503, 'ServiceUnavailable']);
  });

  it('drops the connection, delays, and fires by probability', async () => {
    const h = new Harness({ random: () => 0.7 });
    const token = await h.token(LATAM);
    await h.control('POST', '/faults', { route: 'GET /v1/customers', drop: true });
    const dropped = await h.app.request('/v1/customers', { headers: { Authorization: `Bearer ${token}` } });
    expect(dropped.type).toBe('error');
    await h.control('DELETE', '/faults');
    await h.control('POST', '/faults', { route: 'GET /v1/customers', delayMs: 150, count: 1 });
    const started = performance.now();
    expect((await h.call('GET', '/v1/customers', { token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await h.control('DELETE', '/faults');
    await h.control('POST', '/faults', { route: 'GET /v1/customers', status: 503, probability: 0.5 });
    // random() = 0.7 ≥ 0.5: never fires.
    for (let i = 0; i < 3; i++) expect((await h.call('GET', '/v1/customers', { token })).status).toBe(200);
    await h.control('DELETE', '/faults');
    await h.control('POST', '/faults', { route: 'GET /v1/customers', status: 503, probability: 0.9 });
    for (let i = 0; i < 3; i++) expect((await h.call('GET', '/v1/customers', { token })).status).toBe(503);
    const bad = await h.control('POST', '/faults', { route: 'nonsense' });
    expect(bad.status).toBe(400);
  });
});

describe('control plane', () => {
  it('returns the scenario with partners, tenant ids, Partner IDs and credentials', async () => {
    const h = new Harness();
    const res = await h.control('GET', '/scenario');
    const latam = res.body.partners.find((p: { key: string }) => p.key === 'distributor-latam');
    expect(latam).toMatchObject({ tenantId: LATAM.tenantId, partnerId: LATAM.partnerId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken });
    expect(res.body.resellers.length).toBeGreaterThanOrEqual(5);
    expect(res.body.catalog.products).toBeGreaterThanOrEqual(15);
  });

  it('reset goes back to the seed; seed loads a custom scenario', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix()) });
    expect((await h.control('GET', '/state')).body.totals.tenants).toBe(6);
    await h.control('POST', '/reset');
    expect((await h.control('GET', '/state')).body.totals.tenants).toBe(5);
    expect((await h.control('GET', '/counters')).body).toEqual({});
    const scenario = (await import('../src/index')).DEFAULT_SCENARIO;
    const small = { ...scenario, name: 'tiny', tenants: [], resellers: [] };
    expect((await h.control('POST', '/seed', small)).status).toBe(200);
    expect((await h.control('GET', '/scenario')).body.name).toBe('tiny');
    expect((await h.control('GET', '/state')).body.totals.tenants).toBe(0);
    expect((await h.control('POST', '/seed', { partners: [] })).status).toBe(400);
  });

  it('moves the clock only forward', async () => {
    const h = new Harness();
    const before = Date.parse((await h.control('GET', '/clock')).body.now);
    await h.control('POST', '/clock/advance', { duration: 'P1D' });
    expect(Date.parse((await h.control('GET', '/clock')).body.now) - before).toBe(86_400_000);
    expect((await h.control('POST', '/clock/advance', { to: '2000-01-01T00:00:00Z' })).status).toBe(400);
    expect((await h.control('POST', '/clock/advance', {})).status).toBe(400);
  });
});

describe('MS-RequestId replay under concurrency', () => {
  it('a retry sent while the first request is still running (delayed) creates nothing new', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    await h.control('POST', '/faults', { route: 'POST /v1/customers', delayMs: 300, count: 1 });
    const headers = { 'MS-RequestId': 'concurrent-retry-1' };
    const body = customerBody(freshPrefix());
    const slow = h.call('POST', '/v1/customers', { token, body, headers });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const retry = await h.call('POST', '/v1/customers', { token, body, headers });
    const first = await slow;
    expect(retry.status).toBe(201);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(retry.body.id);
    expect((await h.control('GET', '/state')).body.effects['add_customer']).toBe(1);
  });

  it('two identical requests in flight at once run the handler once', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const headers = { 'MS-RequestId': 'concurrent-2' };
    const body = customerBody(freshPrefix());
    const [a, b] = await Promise.all([h.call('POST', '/v1/customers', { token, body, headers }), h.call('POST', '/v1/customers', { token, body, headers })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await h.control('GET', '/calls?operation=customers.create')).body.calls.filter((c: { replayed?: boolean }) => c.replayed)).toHaveLength(1);
  });
});
