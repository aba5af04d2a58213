/**
 * Partner Center client under load, against the embedded emulator: a burst of 2,000
 * concurrent calls with Microsoft's limit (500 per minute per partner) on an emulator whose clock
 * runs 30 times faster than the wall clock, shared with the client. Reports how many requests met
 * a 429 and how long the burst took; and the client's raw throughput with limits lifted.
 */
import { createLimiterRegistry, systemClock } from '@csphub/partner-center';
import { createAcceleratedClock, emulatorContractTarget } from '@csphub/testing/partner-center-contract';
import type { Report } from './run';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

const wingtip = 'c2b20003-3d4e-4f60-9b7c-000000000003';

export default async function bench(report: Report): Promise<void> {
  const factor = 30;
  const clock = createAcceleratedClock(factor);
  const throttled = await emulatorContractTarget({ clock });
  try {
    const client = throttled.client('indirect', { clock, limiters: createLimiterRegistry({ clock }), timeoutMs: 30 * 60_000 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 2000 }, () => client.getCustomer(wingtip)));
    const realMs = Date.now() - started;
    const calls = (await throttled.control.calls()).filter((c) => c.operation === 'customers.get');
    report('burst 2000 calls at 500/min: requests answered 429', calls.filter((c) => c.status === 429).length, 'requests');
    report('burst 2000 calls at 500/min: emulated duration', (realMs * factor) / 60_000, 'min');
    report('burst 2000 calls at 500/min: real duration (clock x30)', realMs / 1000, 's');
  } finally {
    await throttled.dispose();
  }

  const open = await emulatorContractTarget();
  try {
    await createEmulatorControl(open.emulator.url).setThrottling({ limitPerMinute: 1_000_000 });
    const unlimited = { limit: 1_000_000, windowMs: 60_000 };
    const client = open.client('indirect', { limiters: createLimiterRegistry({ clock: systemClock }), limits: { customers: unlimited, orders: unlimited, subscriptions: unlimited } });
    await client.getCustomer(wingtip);
    const started = Date.now();
    await Promise.all(Array.from({ length: 1000 }, () => client.getCustomer(wingtip)));
    report('client + emulator throughput, limits lifted (1000 concurrent GET customer)', 1000 / ((Date.now() - started) / 1000), 'calls/s');
  } finally {
    await open.dispose();
  }
}
