import { defineStep } from '../runtime/step-definition';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { noRetry } from '../runtime/retry-policy';

/** One round of a bulk fix: the job and which round (0 the first; each retry of the failed ones is the next). */
export interface BulkFixInput {
  jobId: string;
  round: number;
}

/** What an item's step asks the run to start after it (a durable run the item handed work to). */
export interface BulkItemFollowUp {
  workflow: string;
  workflowId: string;
  input: unknown;
}

/** One item's result; `start` names a run the body starts (a step cannot start one itself). */
export interface BulkItemResult {
  state: 'succeeded' | 'failed';
  start?: BulkItemFollowUp | undefined;
}

export interface BulkFixResult {
  succeeded: number;
  failed: number;
}

/**
 * What a bulk fix needs from the world. `runItem` does one item and records its result and its audit
 * entry in one transaction; it answers `failed` (never throws) for an item Microsoft or the data
 * refuses, so one bad item does not stop the others. It must be safe to run again for the same item
 * (a crash between the call and the record replays the step): it reads the current state first.
 */
export interface BulkFixPorts {
  /** The item keys still pending in the job, in order. */
  pendingItems(jobId: string): Promise<string[]>;
  runItem(jobId: string, round: number, itemKey: string, ctx: { requestId: string | undefined; signal: AbortSignal; onQueued?: () => () => void }): Promise<BulkItemResult>;
  /** Marks the job finished with its counts. */
  finish(jobId: string): Promise<BulkFixResult>;
}

/** The durable run's id: one per job and round, so a double click starts nothing new. */
export function bulkFixRunId(input: BulkFixInput): string {
  return `bulk-fix:${input.jobId}:${input.round}`;
}

/**
 * A bulk fix from the cockpit (docs/WORKFLOWS.md): reads the pending items once (journaled), then
 * runs one step per item, one at a time, so the job's Partner Center calls queue behind the
 * provisioning runs' (the items call with low priority in the limiter), and finishes the job. A
 * restarted worker resumes at the first item whose step did not complete.
 */
export function createBulkFixWorkflow(ports: BulkFixPorts): WorkflowDefinition<BulkFixInput, BulkFixResult> {
  const list = defineStep<{ jobId: string }, string[]>({
    id: 'bulk-list-items',
    retry: noRetry,
    timeoutMs: 30_000,
    run: (input) => ports.pendingItems(input.jobId),
  });
  // One step id per position (`bulk-item-0`, `bulk-item-1` ...): the timeline shows one row per item.
  const item = (index: number) =>
    defineStep<{ jobId: string; round: number; itemKey: string }, BulkItemResult>({
      id: `bulk-item-${index}`,
      callsPartnerCenter: true,
      retry: noRetry,
      timeoutMs: 5 * 60_000,
      run: (input, ctx) => ports.runItem(input.jobId, input.round, input.itemKey, { requestId: ctx.requestId, signal: ctx.signal, onQueued: ctx.onQueued }),
    });
  const finish = defineStep<{ jobId: string }, BulkFixResult>({
    id: 'bulk-finish',
    retry: noRetry,
    timeoutMs: 30_000,
    run: (input) => ports.finish(input.jobId),
  });
  return defineWorkflow<BulkFixInput, BulkFixResult>({
    name: 'bulk-fix',
    async run(input, wf) {
      const keys = await wf.step(list, { jobId: input.jobId });
      for (const [index, itemKey] of keys.entries()) {
        const done = await wf.step(item(index), { jobId: input.jobId, round: input.round, itemKey });
        // The item's journaled result names the run (e.g. "request GDAP from a template"); its id is
        // business intent, so a replay or a retry round attaches to it rather than starting another.
        if (done.start) await wf.startWorkflow(done.start.workflow, done.start.workflowId, done.start.input);
      }
      return wf.step(finish, { jobId: input.jobId });
    },
  });
}
