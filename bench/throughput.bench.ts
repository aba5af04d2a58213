/**
 * New-tenant throughput against the real bound. In one process on embedded PGlite, against the
 * emulator over loopback HTTP, the same workflow registration measured twice in one run:
 *
 * 1. "no throttle": the emulator's throttle and the client's limits lifted, so runs per minute is
 *    what the CPU allows here: the CPU bound. The emulator's call log of this phase gives the
 *    operations a run makes and which of them Microsoft throttles (wire/operations.ts
 *    `ThrottleClasses`): the documented bound is the tightest limit over the run's calls on a key
 *    that runs share (per partner); calls keyed per (partner, customer) touch the run's own new
 *    customer and bound nothing across runs.
 * 2. "documented limits": the emulator throttles at Microsoft's documented 500 per minute and the
 *    client keeps its default limits (450 per minute, a 10 % margin).
 *
 * The phases alternate over a few rounds, so a change in the machine's load weighs on both alike.
 * Reports runs per minute of each phase, the bound, the ratio `new-tenant runs per minute / bound`
 * (goal at least 0.95) and the share of calls answered 429 (goal under 1 %).
 */
import { PartnerCenterOperations, ThrottleClasses, type OperationId } from '@csphub/partner-center/wire';
import { openNewTenantWorld } from './new-tenant-world';

type Report = (name: string, value: number, unit: string) => void;
interface Call { operation: string; status: number }

const RUNS = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 40);
const ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 2);
/** The client's limit on Graph calls (per partner; Graph publishes no GDAP limit): api-request.ts `defaultRateLimits.graph`. */
const GRAPH_PER_MINUTE = 600;

export default async function bench(report: Report): Promise<void> {
  const world = await openNewTenantWorld({ accounts: RUNS * 2 + 2, name: 'Throughput', executorId: 'bench-throughput' });

  const tag = Date.now().toString(36);
  async function measure(label: string, offset: number, count: number) {
    await world.control.clearCalls();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { succeeded } = await world.runAll(count, offset, `t${label[0]}${tag}${offset}x`);
    const minutes = (performance.now() - started) / 60_000;
    const used = process.cpuUsage(cpu);
    const calls: Call[] = (await world.control.calls()).calls.filter((c) => c.operation !== 'token.v1');
    return { minutes, failed: count - succeeded, cpuMsPerRun: (used.user + used.system) / 1000 / count, calls };
  }

  // Warm-up: the first runs pay for compiling and caches.
  await world.limits('free');
  await measure('warm', RUNS * 2, 2);

  // The two phases alternate over ROUNDS rounds (default 2), so that a change in the machine's load during the
  // bench weighs on both alike; each phase's figure is its runs over its total time.
  const phases = { free: { runs: 0, minutes: 0, failed: 0, cpuMs: 0, calls: [] as Call[] }, limited: { runs: 0, minutes: 0, failed: 0, cpuMs: 0, calls: [] as Call[] } };
  const perRound = Math.ceil(RUNS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    // ABBA: each phase goes first in every other round, so neither gains from going second.
    for (const phase of round % 2 === 0 ? (['free', 'limited'] as const) : (['limited', 'free'] as const)) {
      const count = Math.min(perRound, RUNS - round * perRound);
      if (count <= 0) continue;
      await world.limits(phase === 'free' ? 'free' : 'documented');
      const m = await measure(phase, (phase === 'free' ? 0 : RUNS) + round * perRound, count);
      const p = phases[phase];
      p.runs += count - m.failed;
      p.failed += m.failed;
      p.minutes += m.minutes;
      p.cpuMs += m.cpuMsPerRun * count;
      p.calls.push(...m.calls);
    }
  }
  const free = phases.free;
  const limited = phases.limited;
  const freePerMinute = free.runs / free.minutes;
  report(`new-tenant runs per minute, no throttle: the CPU bound (${perRound} concurrent runs, ${ROUNDS} rounds)`, freePerMinute, 'runs/min');
  report('  no throttle: CPU per run (app + embedded database)', free.cpuMs / RUNS, 'ms');
  report('  no throttle: failed runs', free.failed, 'runs');

  // The documented bound from the run's own calls.
  const perRun = (n: number) => n / RUNS;
  let partnerKeyed = 0;
  let customerKeyed = 0;
  let graph = 0;
  for (const c of free.calls) {
    const entry = Object.hasOwn(PartnerCenterOperations, c.operation) ? PartnerCenterOperations[c.operation as OperationId] : undefined;
    if (!entry) continue;
    if (entry.api === 'graph') graph++;
    else if ('throttle' in entry && entry.throttle) {
      if (ThrottleClasses[entry.throttle].key === 'partner') partnerKeyed++;
      else customerKeyed++;
    }
  }
  report('  Partner Center calls per run', perRun(free.calls.length), 'calls');
  report('  throttled calls per run keyed per partner (shared by runs)', perRun(partnerKeyed), 'calls');
  report('  throttled calls per run keyed per partner and customer (its own)', perRun(customerKeyed), 'calls');
  report('  Graph calls per run (client limit per partner)', perRun(graph), 'calls');
  const limits = [
    ...(partnerKeyed > 0 ? [Math.min(...Object.values(ThrottleClasses).map((t) => (t.limit * 60_000) / t.windowMs)) / perRun(partnerKeyed)] : []),
    ...(graph > 0 ? [GRAPH_PER_MINUTE / perRun(graph)] : []),
  ];
  const documentedBound = limits.length > 0 ? Math.min(...limits) : Number.POSITIVE_INFINITY;
  if (Number.isFinite(documentedBound)) report('  documented bound (Microsoft\'s limits over the run\'s shared-key calls)', documentedBound, 'runs/min');
  else console.log('  documented bound: none (no call of a run is on a key runs share)');
  const bound = Math.min(documentedBound, freePerMinute);

  const limitedPerMinute = limited.runs / limited.minutes;
  const throttled = limited.calls.filter((c) => c.status === 429).length;
  report(`new-tenant runs per minute, documented limits (${perRound} concurrent runs, ${ROUNDS} rounds)`, limitedPerMinute, 'runs/min');
  report('  documented limits: CPU per run', limited.cpuMs / RUNS, 'ms');
  report('  documented limits: failed runs', limited.failed, 'runs');
  report('bound: min(documented bound, CPU bound)', bound, 'runs/min');
  report('new-tenant runs per minute / bound', limitedPerMinute / bound, 'x');
  report('calls answered 429 / calls, documented limits', limited.calls.length === 0 ? 0 : throttled / limited.calls.length, 'x');

  await world.close();
}
