import { DBOS } from '@dbos-inc/dbos-sdk';
import type { Clock } from '@csphub/domain';
import { WORKFLOW_APPLICATION_NAME } from './workflow-runtime';

/** Where the app keeps its own rows of a run (the timeline), deleted with the run. */
export interface FinishedRunStore {
  deleteRuns(ids: string[]): Promise<void>;
}

/**
 * Deletes at most `limit` runs of `workflowNames` that succeeded before `completedBefore`: first the
 * app's timeline rows, then the workflow journal's (DBOS's status, input, output and step rows), so
 * a pass cut between the two finds the same runs again next time. Runs still pending, failed or
 * cancelled are kept. Resolves with how many runs it deleted.
 */
export async function deleteFinishedRuns(opts: { workflowNames: string[]; completedBefore: Date; limit: number; store: FinishedRunStore }): Promise<number> {
  const done = await DBOS.listWorkflows({
    workflowName: opts.workflowNames,
    status: 'SUCCESS',
    completedBefore: opts.completedBefore.toISOString(),
    applicationName: WORKFLOW_APPLICATION_NAME,
    limit: opts.limit,
    loadInput: false,
    loadOutput: false,
  });
  const ids = done.map((w) => w.workflowID);
  if (ids.length === 0) return 0;
  await opts.store.deleteRuns(ids);
  await DBOS.deleteWorkflows(ids);
  return ids.length;
}

export interface RunRetention {
  /** One pass now (also what the timer runs): deletes in batches until none is left. Resolves with how many. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Keeps the journal of frequent housekeeping runs (the customer sync's slot runs and passes) from
 * growing without end: every `everyMs`, deletes those that succeeded more than `keepMs` ago, in
 * batches of `batch`. Safe in several processes at once (a run deleted twice is deleted once).
 */
export function startRunRetention(opts: {
  workflowNames: string[];
  keepMs: number;
  everyMs: number;
  batch?: number;
  store: FinishedRunStore;
  clock: Clock;
  onSwept?: (deleted: number) => void;
  onError?: (error: unknown) => void;
}): RunRetention {
  const batch = opts.batch ?? 500;
  let running: Promise<number> | undefined;
  let stopped = false;
  const sweep = async () => {
    let total = 0;
    const completedBefore = new Date(opts.clock.now().getTime() - opts.keepMs);
    for (;;) {
      const n = await deleteFinishedRuns({ workflowNames: opts.workflowNames, completedBefore, limit: batch, store: opts.store });
      total += n;
      if (n < batch || stopped) return total;
    }
  };
  const once = () => (running ??= sweep().finally(() => (running = undefined)));
  const timer = setInterval(() => {
    once().then(
      (n) => (n > 0 ? opts.onSwept?.(n) : undefined),
      (e: unknown) => opts.onError?.(e),
    );
  }, opts.everyMs);
  timer.unref();
  return {
    sweep: once,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
