import { isPartnerCenterError, systemClock, type TimerClock } from '@csphub/partner-center';
import { describe, expect, it } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';
import { newCustomer, sharedCustomer } from './customers.contract';

/** The real clock, with every sleep recorded: proves a wait happened without asserting timings. */
function recordingClock(): TimerClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => systemClock.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return systemClock.sleep(ms, signal);
    },
  };
}

/**
 * Throttling, transient faults, idempotent retries, token failures (* docs/PARTNER-CENTER-REFERENCE.md §1.2, §14, §15). Runs last: the revoked-token test spoils the connection.
 */
export function registerResilienceContract(ctx: ContractContext): void {
  const controlIt = itWithControl(ctx);

  describe('resilience', () => {
    controlIt('waits out a 429 Retry-After, then succeeds', async () => {
      const customer = await sharedCustomer(ctx);
      const clock = recordingClock();
      const client = ctx.target.client('indirect', { clock });
      await ctx.control.injectFault({
        route: 'GET /v1/customers/:customerId',
        status: 429,
        retryAfterSeconds: 1,
        body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
        times: 1,
      });
      const got = await client.getCustomer(customer.tenantId);
      expect(got.tenantId).toBe(customer.tenantId);
      expect(Math.max(...clock.sleeps.filter((ms) => ms < 30_000))).toBeGreaterThanOrEqual(1000);
      const snapshot = client.metrics.snapshot().byOperation['customers.get'];
      expect(snapshot).toMatchObject({ attempts: 2, throttled: 1, retries: 1, failures: 0 });
    });

    controlIt(
      'retries a 503 on create with the same MS-RequestId and creates exactly one customer',
      async () => {
        const client = ctx.target.client('indirect', { retry: { baseDelayMs: 50 } });
        const request = newCustomer(ctx, ctx.target.uniquePrefix('flaky'));
        await ctx.control.injectFault({ route: 'POST /v1/customers', status: 503, times: 1 });
        const requestId = crypto.randomUUID();
        const created = await client.createCustomer(request, { requestId });
        const posts = (await ctx.control.calls()).filter(
          (c) => c.method === 'POST' && c.path === '/v1/customers' && c.requestId === requestId,
        );
        expect(posts.map((c) => c.status)).toEqual([503, 201]);
        const found = await client.searchCustomers({ by: 'domain', value: request.domainPrefix }).toArray();
        expect(found.filter((c) => c.domain === created.domain)).toHaveLength(1);
      },
    );

    controlIt('does not retry a business error', async () => {
      const client = ctx.target.client('indirect');
      const customer = await sharedCustomer(ctx);
      const before = (await ctx.control.calls()).length;
      const error = await client
        .createCustomer(newCustomer(ctx, customer.domain.split('.')[0]!))
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'DOMAIN_PREFIX_TAKEN')).toBe(true);
      const posts = (await ctx.control.calls())
        .slice(before)
        .filter((c) => c.method === 'POST' && c.path === '/v1/customers');
      expect(posts).toHaveLength(1);
    });

    it('refuses an app-only token on an App+User-only operation, telling the operator to reconnect', async () => {
      const client = ctx.target.client('indirect-app-only');
      // §1.2: listing an indirect reseller's customers is App+User only.
      const error = await client
        .listResellerCustomers(ctx.target.fixtures.reseller.tenantId)
        .toArray()
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'APP_USER_REQUIRED')).toBe(true);
      expect(error).toMatchObject({ status: 403, microsoftCode: '900329', transient: false });
      expect((error as Error).message).toMatch(/reconnect/i);
      // The same client still does what app-only tokens may do.
      expect(typeof (await client.isDomainAvailable(ctx.target.uniquePrefix('apponly')))).toBe('boolean');
    });

    controlIt('turns a revoked refresh token into RECONNECT_REQUIRED naming the connection', async () => {
      await ctx.control.revokeRefreshToken('indirect');
      const client = ctx.target.client('indirect');
      const error = await client.listIndirectResellers().catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'RECONNECT_REQUIRED')).toBe(true);
      expect((error as Error).message).toMatch(/reconnect/i);
      expect((error as Error).message).toContain(client.connection.name);
      expect(error).toMatchObject({ transient: false });
    });
  });
}
