/**
 * What the new-tenant benches share: the emulator (and its typed control client), an embedded
 * application database and workflow journal, seeded accounts, and one registration of the
 * new-tenant workflow whose Partner Center client switches between limits lifted (`free`) and the
 * client's default limits (`documented`). `runAll` starts runs and waits for each to end.
 */
import type { createPartnerCenterClient } from '@csphub/partner-center';
import { startEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
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

type Limits = NonNullable<Parameters<typeof createPartnerCenterClient>[0]['limits']>;
const UNLIMITED: Limits = { customers: { limit: 1e9, windowMs: 60_000 }, orders: { limit: 1e9, windowMs: 60_000 }, subscriptions: { limit: 1e9, windowMs: 60_000 }, graph: { limit: 1e9, windowMs: 60_000 } };

export type NewTenantWorld = Awaited<ReturnType<typeof openNewTenantWorld>>;

export async function openNewTenantWorld(opts: { accounts: number; name: string; executorId: string }) {
  const emulator = await startEmulator({ port: 0 });
  const control = createEmulatorControl(emulator.url);
  const app = await openDatabase({ kind: 'pglite' });
  const sys = await openWorkflowSystemPool({});
  const seeded = await seedAccounts(app.db, opts.accounts, opts.name);
  const clients = { free: wireNewTenantPorts(app.db, emulator.url, { limits: UNLIMITED }), documented: wireNewTenantPorts(app.db, emulator.url) };
  let current = clients.free;
  const workflow = newTenantWorkflow({ ...clients.free, partnerCenter: (id: string): Promise<NewTenantPartnerCenter> => current.partnerCenter(id) });
  const runtime = await launchWorkflowRuntime({
    systemDatabase: { kind: 'pool', pool: sys.pool },
    executorId: opts.executorId,
    workflows: [workflow as WorkflowDefinition<never, unknown>],
    timeline: timelineOf(app.db),
    clock: systemClock,
    ids: randomIds,
  });
  return {
    emulator,
    control,
    /** `free`: the emulator's throttle and the client's limits lifted; `documented`: Microsoft's 500 per minute and the client's defaults. */
    async limits(mode: 'free' | 'documented') {
      await control.setThrottling({ limitPerMinute: mode === 'free' ? 1_000_000 : 500 });
      current = clients[mode];
    },
    /**
     * Starts `count` runs for the seeded accounts from `offset`, with domain prefixes `<prefix><n>`,
     * and waits for each to end. A run that stops (it would wait for a person to retry) counts as
     * failed instead of hanging the bench.
     */
    async runAll(count: number, offset: number, prefix: string): Promise<{ succeeded: number; failed: number }> {
      const handles = await Promise.all(
        Array.from({ length: count }, (_, i) => submitNewTenantRun(runtime, workflow, wizardInput(seeded.customers[offset + i]!.id, seeded.connectionId, `${prefix}${i}`))),
      );
      const results = await Promise.all(
        handles.map((h) =>
          Promise.race([h.handle.result(), runtime.getEvent<{ errorCode: string }>(h.runId, AWAITING_RETRY_EVENT, 3_600_000).then((w) => ({ state: `stopped: ${w?.errorCode}` }))]),
        ),
      );
      const succeeded = results.filter((r) => r.state === 'succeeded').length;
      return { succeeded, failed: count - succeeded };
    },
    async close() {
      await runtime.shutdown();
      await sys.close();
      await app.close();
      await emulator.close();
    },
  };
}
