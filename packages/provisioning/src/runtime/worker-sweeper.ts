import type { WorkerRegistry } from '../ports/worker-registry';
import { checkSweeperTimings } from './worker-claim-rule';

/** What the sweeper reports; the server logs it. */
export type WorkerSweeperEvent =
  | { kind: 'claimed'; deadWorkerId: string; resumedRuns: number }
  | { kind: 'was-claimed'; claimedBy: string }
  | { kind: 'error'; during: 'heartbeat' | 'sweep'; error: unknown };

export interface WorkerSweeperOptions {
  registry: WorkerRegistry;
  /** This process's executor id. */
  workerId: string;
  /**
   * Hands the dead worker's pending runs back to the engine (`WorkflowRuntime.resumeRunsOf`);
   * resolves with their ids. Must be safe to call twice for the same worker.
   */
  resumeRunsOf(deadWorkerId: string): Promise<string[]>;
  heartbeatMs: number;
  graceMs: number;
  onEvent?: (event: WorkerSweeperEvent) => void;
}

/** A running heartbeat and sweeper. */
export interface WorkerSweeper {
  /** One heartbeat now. */
  beat(): Promise<void>;
  /** Claims every claimable dead worker now and resumes its runs; resolves with what was claimed. */
  sweep(): Promise<{ workerId: string; resumedRuns: number }[]>;
  /** Stops the timers and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * The heartbeat and the sweeper of one worker (docs/decisions/0006). Call `registry.beat` once
 * before launching the engine, then start this: every `heartbeatMs` it records that the worker is
 * alive and claims workers silent for longer than `graceMs`, one at a time, each claim atomic.
 * Ticks never overlap; an error is reported and the next tick tries again.
 */
export function startWorkerSweeper(opts: WorkerSweeperOptions): WorkerSweeper {
  const problem = checkSweeperTimings(opts);
  if (problem) throw new Error(`Worker sweeper: ${problem}.`);
  const report = (e: WorkerSweeperEvent) => opts.onEvent?.(e);

  const beat = async () => {
    const { wasClaimedBy } = await opts.registry.beat(opts.workerId);
    // Presumed dead while alive (a long pause): its runs were handed off; it carries on with new ones.
    if (wasClaimedBy) report({ kind: 'was-claimed', claimedBy: wasClaimedBy });
  };

  const sweep = async () => {
    const claimed: { workerId: string; resumedRuns: number }[] = [];
    for (;;) {
      const next = await opts.registry.claimNext(opts.workerId, opts.graceMs, async (dead) => (await opts.resumeRunsOf(dead)).length);
      if (!next) return claimed;
      claimed.push(next);
      report({ kind: 'claimed', deadWorkerId: next.workerId, resumedRuns: next.resumedRuns });
    }
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await beat();
    } catch (error) {
      report({ kind: 'error', during: 'heartbeat', error });
    }
    try {
      await sweep();
    } catch (error) {
      report({ kind: 'error', during: 'sweep', error });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, opts.heartbeatMs);
    timer.unref();
  };
  schedule();

  return {
    beat,
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
