import { createLimiterRegistry } from '@csphub/partner-center';
import { createPartnerCenterBudgetRepo } from '@csphub/db';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createAcceleratedClock, emulatorContractTarget } from '@csphub/testing/partner-center-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Two workers, each with its own limiter registry (two server processes), on one database: together
 * they stay within one partner's documented limit. Each sends a burst of calls on an operation
 * Microsoft throttles (customers.get, counted per partner and customer) against the emulator
 * throttled at that limit; with only their own limiters they would send twice the limit between
 * them.
 *
 * The emulator and both clients share one clock running 3 times faster than the wall clock, so the
 * real limits apply unchanged and the burst takes about half a minute. Nothing here asserts a duration.
 */
// Slow enough that a loaded machine's delay between taking a slot and the request arriving stays small in emulated time.
const factor = 3;
// A partner whose limit is 100 per minute (the emulator's throttle can be set per partner); the
// client keeps to it less 10 %, as it keeps to Microsoft's 500. Low rates keep the test about the
// limit, not about how fast a loaded machine can send.
const limitPerMinute = 100;
const limits = { limit: 90, windowMs: 60_000 };
const callsPerWorker = 60;
const wingtip = 'c2b20003-3d4e-4f60-9b7c-000000000003'; // seeded customer of the LATAM provider

describe(`two workers sharing one Partner Center budget (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const clock = createAcceleratedClock(factor);
  let target: Awaited<ReturnType<typeof emulatorContractTarget>>;
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    target = await emulatorContractTarget({ clock });
    expect((await target.emulatorControl.setThrottling({ limitPerMinute })).limitPerMinute).toBe(limitPerMinute);
  }, 120_000);
  afterAll(async () => {
    await target?.dispose();
    await t?.dispose();
  });

  it('sends no more than the limit per window: the emulator answers no call 429', async () => {
    const budget = createPartnerCenterBudgetRepo(t.db);
    const worker = () =>
      target.client('indirect', {
        clock,
        limiters: createLimiterRegistry({ clock, shared: { budget } }),
        limits: { customers: limits, orders: limits, subscriptions: limits, graph: limits },
        // Minutes of emulator time are seconds of real time: a busy event loop must not time calls out.
        timeoutMs: 30 * 60_000,
      });
    const workers = [worker(), worker()];
    const results = await Promise.allSettled(workers.flatMap((client) => Array.from({ length: callsPerWorker }, () => client.getCustomer(wingtip))));

    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)).slice(0, 3)).toEqual([]);
    const observed = (await target.control.calls()).filter((c) => c.operation === 'customers.get');
    expect(observed.length).toBeGreaterThanOrEqual(2 * callsPerWorker);
    // Requests the emulator received per emulated minute (its fixed throttling windows).
    const byWindow = new Map<number, number>();
    for (const c of observed) byWindow.set(Math.floor(Date.parse(c.at) / 60_000), (byWindow.get(Math.floor(Date.parse(c.at) / 60_000)) ?? 0) + 1);
    console.info(`shared budget: ${observed.length} requests; per emulated minute ${[...byWindow.values()].join(' ')}`);
    expect(observed.filter((c) => c.status === 429).length).toBe(0);
  }, 180_000);
});
