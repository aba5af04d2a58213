/**
 * New-tenant provisioning throughput: complete runs of the durable workflow (validate address,
 * check domain, find reseller, create customer, MCA, default GDAP, link, credentials to the outbox,
 * notify) per minute, in one process on embedded PGlite (application folder and DBOS folder as
 * decision 0005 says), against the emulator over loopback HTTP.
 *
 * - "no throttle": the emulator's limit and the client's limiter raised out of the way, so the
 *   figure is CSP Hub's own cost per run.
 * - "documented limit": the emulator throttles at Partner Center's documented 500 requests per
 *   minute per partner tenant (docs/PARTNER-CENTER-REFERENCE.md §14) and the client keeps its default limiter
 *   (450/min, a 10 % margin); a run makes about ten Partner Center calls, so this is the ceiling a
 *   single connection can reach, whatever the hardware.
 */
import { openNewTenantWorld } from './new-tenant-world';

type Report = (name: string, value: number, unit: string) => void;

const RUNS = Number(process.env.BENCH_PROVISIONING_RUNS ?? 60);

export default async function bench(report: Report): Promise<void> {
  const world = await openNewTenantWorld({ accounts: RUNS * 2, name: 'Bench', executorId: 'bench' });
  const tag = Date.now().toString(36);
  async function measure(label: string, offset: number) {
    const started = performance.now();
    const { succeeded, failed } = await world.runAll(RUNS, offset, `b${offset === 0 ? 'u' : 'd'}${tag}`);
    const minutes = (performance.now() - started) / 60_000;
    report(`new-tenant runs per minute, ${label} (${RUNS} concurrent runs)`, succeeded / minutes, 'runs/min');
    report(`  ${label}: failed runs`, failed, 'runs');
  }

  await world.limits('free');
  await measure('no throttle', 0);

  await world.limits('documented');
  const throttledBefore = await throttledCount(world);
  await measure('documented limit 500/min', RUNS);
  report('  documented limit: 429 answers from the emulator', (await throttledCount(world)) - throttledBefore, 'responses');

  await world.close();
}

async function throttledCount(world: { control: { calls(): Promise<{ calls: { status: number }[] }> } }): Promise<number> {
  return (await world.control.calls()).calls.filter((c) => c.status === 429).length;
}
