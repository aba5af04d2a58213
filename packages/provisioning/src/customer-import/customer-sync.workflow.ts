import { defineStep } from '../runtime/step-definition';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';

/** One connection's sync for one slot of the schedule (docs/CUSTOMER-IMPORT.md, "Staying in step"). */
export interface CustomerSyncInput {
  connectionId: string;
  /** The schedule slot's time (ISO): with the connection, the run's id. */
  slot: string;
}

/** What a pass did: `busy` when another run held the connection, `import-pending` while an import of it is not finished. */
export interface CustomerSyncResult {
  state: 'synced' | 'busy' | 'import-pending';
  reconciled: boolean;
}

/**
 * What the sync needs from the world. `holder` is the run's id: a port claims the connection's
 * lease for it before touching anything, and a claim the same run already holds is taken again (a
 * run resumed after a crash is not locked out by its own claim).
 */
export interface CustomerSyncPorts {
  /** The connections the sync follows (those an import started for). */
  connections(): Promise<string[]>;
  /**
   * Claims the connection, then applies Partner Center's activity log since the cursor. Safe to run
   * again after a crash: the cursor moves only after the changes are stored, and each change's
   * events are published in the transaction that stores it, only when what is held differs.
   */
  syncActivity(connectionId: string, holder: string): Promise<{ state: CustomerSyncResult['state']; reconcileDue: boolean; eventsPublished: number }>;
  /** The low-rate full reconciliation, under the same claim (as safe to run again). */
  reconcile(connectionId: string, holder: string): Promise<{ eventsPublished: number }>;
  /** Lets go of the claim if `holder` still has it. */
  release(connectionId: string, holder: string): Promise<void>;
}

/** The schedule's name in DBOS, and its slot runs' prefix there. */
export const CUSTOMER_SYNC_SCHEDULE = 'customer-sync';

/** The id of one connection's sync for one slot: the same in every process that fires the slot. */
export function customerSyncRunId(input: CustomerSyncInput): string {
  return `customer-sync:${input.connectionId}:${input.slot}`;
}

/** The crontab (DBOS's, with a seconds field) that fires every `everyMs`: whole seconds below a minute, whole minutes above. */
export function customerSyncCron(everyMs: number): string {
  const seconds = Math.max(1, Math.round(everyMs / 1000));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.max(1, Math.min(59, Math.round(seconds / 60)))} * * * *`;
}

/**
 * The sync as durable runs: the scheduled `customer-sync-tick` lists the connections and starts one
 * `customer-sync` run per connection under {@link customerSyncRunId}, so two server processes firing
 * the same slot start each connection's sync once. A run claims the connection (so a pass that
 * outlasts the interval does not meet the next slot's), applies the activity log, runs the full
 * reconciliation when it is due, and lets go; a crash resumes at the step that did not complete.
 */
export function createCustomerSyncWorkflows(ports: CustomerSyncPorts): { tick: WorkflowDefinition<{ scheduledAt: string }, { started: number }>; sync: WorkflowDefinition<CustomerSyncInput, CustomerSyncResult> } {
  const list = defineStep<Record<string, never>, string[]>({ id: 'customer-sync-connections', retry: defaultStepRetryPolicy, timeoutMs: 60_000, run: () => ports.connections() });
  const activity = defineStep<{ connectionId: string; holder: string }, Awaited<ReturnType<CustomerSyncPorts['syncActivity']>>>({
    id: 'customer-sync-activity',
    retry: defaultStepRetryPolicy,
    timeoutMs: 30 * 60_000,
    run: (i) => ports.syncActivity(i.connectionId, i.holder),
  });
  const reconcile = defineStep<{ connectionId: string; holder: string }, { eventsPublished: number }>({
    id: 'customer-sync-reconcile',
    retry: defaultStepRetryPolicy,
    timeoutMs: 6 * 3_600_000,
    run: (i) => ports.reconcile(i.connectionId, i.holder),
  });
  const release = defineStep<{ connectionId: string; holder: string }, null>({
    id: 'customer-sync-release',
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    run: async (i) => (await ports.release(i.connectionId, i.holder), null),
  });
  const sync = defineWorkflow<CustomerSyncInput, CustomerSyncResult>({
    name: 'customer-sync',
    async run(input, wf) {
      const held = { connectionId: input.connectionId, holder: wf.workflowId };
      // Release always: it lets go only of this run's own claim (a busy run holds none).
      try {
        const done = await wf.step(activity, held);
        if (done.state !== 'synced') return { state: done.state, reconciled: false };
        if (done.reconcileDue) await wf.step(reconcile, held);
        return { state: 'synced', reconciled: done.reconcileDue };
      } finally {
        await wf.step(release, held);
      }
    },
  });
  const tick = defineWorkflow<{ scheduledAt: string }, { started: number }>({
    name: 'customer-sync-tick',
    async run(input, wf) {
      const connections = await wf.step(list, {});
      for (const connectionId of connections) {
        const child = { connectionId, slot: input.scheduledAt };
        await wf.start(sync, customerSyncRunId(child), child);
      }
      return { started: connections.length };
    },
  });
  return { tick, sync };
}
