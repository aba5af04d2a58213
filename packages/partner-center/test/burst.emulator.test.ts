import { createLimiterRegistry } from '@csphub/partner-center';
import { createAcceleratedClock, emulatorContractTarget } from '@csphub/testing/partner-center-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A burst of 2,000 concurrent calls against an emulator throttled at 500 per
 * minute; at most 1 % of the calls may meet a 429, and every call completes.
 *
 * The emulator and the client share one clock running 30 times faster than the wall clock, so the
 * real limits apply unchanged (emulator 500 per minute per partner; client default 450 per minute)
 * and the burst takes a few seconds. Nothing here asserts a duration.
 */
const factor = 30; // one emulated minute = 2 s of real time
const calls = 2000;
const wingtip = 'c2b20003-3d4e-4f60-9b7c-000000000003'; // seeded customer of the LATAM provider

describe('burst against the emulator throttled at 500 requests per minute', () => {
  const clock = createAcceleratedClock(factor);
  let target: Awaited<ReturnType<typeof emulatorContractTarget>>;

  beforeAll(async () => {
    target = await emulatorContractTarget({ clock });
    expect((await target.emulatorControl.setThrottling({ limitPerMinute: 500 })).limitPerMinute).toBe(500);
  });
  afterAll(() => target?.dispose());

  it(`completes ${calls} concurrent calls with at most 1% of them answered 429`, async () => {
    const client = target.client('indirect', {
      clock,
      limiters: createLimiterRegistry({ clock }),
      // 30 minutes of emulator time is 30 s of real time: a busy event loop must not time calls out.
      timeoutMs: 30 * 60_000,
    });
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: calls }, () => client.getCustomer(wingtip)),
    );
    const realMs = Date.now() - started;

    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason)).slice(0, 3)).toEqual([]);
    const observed = (await target.control.calls()).filter((c) => c.operation === 'customers.get');
    const throttled = observed.filter((c) => c.status === 429).length;
    const metrics = client.metrics.snapshot().byOperation['customers.get'];
    expect(metrics?.calls).toBe(calls);
    expect(metrics?.throttled).toBe(throttled);
    expect(throttled).toBeLessThanOrEqual(calls / 100);
    // Requests the emulator received per emulated minute (its fixed throttling windows): "ok/429".
    const byWindow = new Map<number, { ok: number; throttled: number }>();
    for (const c of observed) {
      const minute = Math.floor(Date.parse(c.at) / 60_000);
      const entry = byWindow.get(minute) ?? { ok: 0, throttled: 0 };
      if (c.status === 429) entry.throttled++;
      else entry.ok++;
      byWindow.set(minute, entry);
    }
    console.info(
      `burst: ${calls} calls, ${observed.length} requests, ${throttled} answered 429, ${(realMs / 1000).toFixed(1)} s real (${((realMs * factor) / 60_000).toFixed(1)} emulated minutes); per emulated minute ${[...byWindow.values()].map((w) => `${w.ok}/${w.throttled}`).join(' ')}`,
    );
  }, 120_000);
});
