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
import type { createPartnerCenterClient } from '@csphub/partner-center';
import { startEmulator } from '@csphub/partner-center-emulator';
import { openDatabase, openWorkflowSystemPool } from '@csphub/db';
import {
  AWAITING_RETRY_EVENT,
  launchWorkflowRuntime,
  randomIds,
  submitNewTenantRun,
  systemClock,
  type NewTenantPartnerCenter,
  type WorkflowDefinition,
} from '../packages/provisioning/src/index';
import { newTenantWorkflow, seedAccounts, timelineOf, wireNewTenantPorts, wizardInput } from '../packages/provisioning/test/new-tenant/new-tenant-wiring';

type Report = (name: string, value: number, unit: string) => void;
type Limits = Parameters<typeof createPartnerCenterClient>[0]['limits'];

const RUNS = Number(process.env.BENCH_PROVISIONING_RUNS ?? 60);
const UNLIMITED: Limits = { customers: { limit: 1e9, windowMs: 60_000 }, orders: { limit: 1e9, windowMs: 60_000 }, subscriptions: { limit: 1e9, windowMs: 60_000 }, graph: { limit: 1e9, windowMs: 60_000 } };

export default async function bench(report: Report): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const control = (method: string, path: string, body: unknown) =>
    fetch(`${emulator.url}/_emulator${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.text());
  const app = await openDatabase({ kind: 'pglite' });
  const sys = await openWorkflowSystemPool({});
  const seeded = await seedAccounts(app.db, RUNS * 2, 'Bench');

  // One workflow registration; the Partner Center port switches client between the two modes.
  const unlimited = wireNewTenantPorts(app.db, emulator.url, { limits: UNLIMITED });
  const documented = wireNewTenantPorts(app.db, emulator.url);
  let current = unlimited;
  const workflow = newTenantWorkflow({ ...unlimited, partnerCenter: (id: string): Promise<NewTenantPartnerCenter> => current.partnerCenter(id) });
  const runtime = await launchWorkflowRuntime({
    systemDatabase: { kind: 'pool', pool: sys.pool },
    executorId: 'bench',
    workflows: [workflow as WorkflowDefinition<never, unknown>],
    timeline: timelineOf(app.db),
    clock: systemClock,
    ids: randomIds,
  });

  const tag = Date.now().toString(36);
  async function measure(label: string, offset: number) {
    const started = performance.now();
    const handles = await Promise.all(
      Array.from({ length: RUNS }, (_, i) =>
        submitNewTenantRun(runtime, workflow, wizardInput(seeded.customers[offset + i]!.id, seeded.connectionId, `b${offset === 0 ? 'u' : 'd'}${tag}${i}`)),
      ),
    );
    // A run that stops (it would wait for a person to retry) counts as failed instead of hanging the bench.
    const results = await Promise.all(
      handles.map((h) =>
        Promise.race([
          h.handle.result(),
          runtime.getEvent<{ errorCode: string }>(h.runId, AWAITING_RETRY_EVENT, 3_600_000).then((w) => ({ state: `stopped: ${w?.errorCode}` })),
        ]),
      ),
    );
    const minutes = (performance.now() - started) / 60_000;
    const ok = results.filter((r) => r.state === 'succeeded').length;
    report(`new-tenant runs per minute, ${label} (${RUNS} concurrent runs)`, ok / minutes, 'runs/min');
    report(`  ${label}: failed runs`, RUNS - ok, 'runs');
  }

  await control('PUT', '/throttling', { limitPerMinute: 1_000_000 });
  current = unlimited;
  await measure('no throttle', 0);

  await control('PUT', '/throttling', { limitPerMinute: 500 });
  current = documented;
  const throttledBefore = await throttledCount(emulator.url);
  await measure('documented limit 500/min', RUNS);
  report('  documented limit: 429 answers from the emulator', (await throttledCount(emulator.url)) - throttledBefore, 'responses');

  await runtime.shutdown();
  await sys.close();
  await app.close();
  await emulator.close();
}

async function throttledCount(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/calls`);
  const body = (await res.json()) as { calls: { status: number }[] };
  return body.calls.filter((c) => c.status === 429).length;
}
