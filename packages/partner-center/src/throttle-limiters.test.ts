import { describe, expect, it } from 'vitest';
import { defaultRateLimits } from './api-request';
import { createManualClock } from './manual-clock';
import { createPartnerCenterClient } from './partner-center-client';
import { createLimiterRegistry } from './rate-limiter';
import { limitersForRequest } from './throttle-limiters';

describe('limitersForRequest (throttle classes of the operation catalogue)', () => {
  const clock = createManualClock({ start: 0 });
  const deps = () => ({ partnerTenantId: 'Partner-T', limiters: createLimiterRegistry({ clock }), limits: defaultRateLimits });
  const keys = (request: Parameters<typeof limitersForRequest>[0]) => {
    const d = deps();
    limitersForRequest(request, d);
    return d.limiters.keys();
  };

  it('counts a throttled operation per class and per (partner, customer)', () => {
    expect(keys({ operation: 'customers.get', api: 'partnerCenter', customerId: 'Cust-A' })).toEqual(['partner-center:partner-t:customers:customer:cust-a']);
    expect(keys({ operation: 'carts.checkout', api: 'partnerCenter', customerId: 'c1' })).toEqual(['partner-center:partner-t:orders:customer:c1']);
    expect(keys({ operation: 'subscriptions.patch', api: 'partnerCenter', params: { customerId: 'c1', subscriptionId: 's' } })).toEqual(['partner-center:partner-t:subscriptions:customer:c1']);
  });

  it('does not limit operations Microsoft does not throttle', () => {
    for (const operation of ['customers.create', 'customers.list', 'domains.check', 'users.list', 'subscriptions.provisioningStatus', 'not.catalogued'])
      expect(keys({ operation, api: 'partnerCenter', customerId: 'c1' }), operation).toEqual([]);
  });

  it('keeps one Graph limiter per partner', () => {
    expect(keys({ operation: 'gdap.relationships.list', api: 'graph' })).toEqual(['graph:partner-t']);
  });

  it('applies the class limit with a 10 % margin under the published 500 per minute', () => {
    const d = deps();
    const [limiter] = limitersForRequest({ operation: 'orders.get', api: 'partnerCenter', customerId: 'c1' }, d);
    expect(limiter?.rate).toEqual({ limit: 450, windowMs: 60_000 });
  });
});

describe('the client limits only what Microsoft throttles', () => {
  function client() {
    const clock = createManualClock({ start: Date.parse('2026-01-01T00:00:00Z') });
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url.includes('/oauth2/')) return Response.json({ token_type: 'Bearer', expires_in: 3600, access_token: 't' });
      if (init?.method === 'HEAD') return new Response(null, { status: 404 });
      const id = url.split('/').pop()!;
      return Response.json({ id, companyProfile: { tenantId: id, domain: `${id}.onmicrosoft.com`, companyName: id }, relationshipToPartner: 'reseller', attributes: { objectType: 'Customer' } });
    }) as typeof globalThis.fetch;
    return createPartnerCenterClient({
      connection: { id: 'c', name: 'T', type: 'direct-bill', tenantId: 'partner', appId: 'a', appSecret: 'secret', partnerCenterBaseUrl: 'https://pc.test', authorityBaseUrl: 'https://login.test', graphBaseUrl: 'https://graph.test/v1.0' },
      fetch,
      clock,
    });
  }
  /** How many of the calls finished while the clock stood still. */
  async function finishedWithoutWaiting(calls: Promise<unknown>[]): Promise<number> {
    let finished = 0;
    for (const call of calls) void call.then(() => finished++);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return finished;
  }

  it('sends 200 domain checks (not on the throttling list) at once', async () => {
    const c = client();
    expect(await finishedWithoutWaiting(Array.from({ length: 200 }, (_, i) => c.isDomainAvailable(`free${i}`)))).toBe(200);
  });

  it('reads 200 different customers at once, as their budgets are per customer', async () => {
    const c = client();
    expect(await finishedWithoutWaiting(Array.from({ length: 200 }, (_, i) => c.getCustomer(`cust${i}`)))).toBe(200);
  });

  it("spreads 200 reads of one customer over Microsoft's window", async () => {
    const c = client();
    const finished = await finishedWithoutWaiting(Array.from({ length: 200 }, () => c.getCustomer('same')));
    expect(finished).toBe(45); // the burst (a tenth of 450); the rest wait for the clock
  });
});
