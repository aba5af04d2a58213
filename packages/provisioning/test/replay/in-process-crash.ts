import type { WorkflowRuntime, WorkflowRuntimeOptions } from '../../src/index';

type OnBoundary = NonNullable<WorkflowRuntimeOptions['onBoundary']>;

/**
 * A crash at a step boundary, simulated inside the test process: the run's execution stops for good
 * at the boundary (its promise never settles, as a killed process never continues), the runtime is
 * shut down without waiting for it, and a new runtime is launched with the same executor id, so
 * DBOS recovers the pending run at launch and replays it from its journal, exactly as a worker
 * restarted after SIGKILL does (docs/ARCHITECTURE.md, "Tests").
 *
 * What only a real kill proves (a half-finished call whose answer never arrives, the embedded
 * database reopened after an unclean stop) stays in the crash tier, at the steps that cannot be
 * undone (`*-crash.test.ts`).
 */
export function inProcessCrash(launch: (onBoundary: OnBoundary) => Promise<WorkflowRuntime>) {
  let armed: { boundary: string; stopped: () => void } | undefined;
  const onBoundary: OnBoundary = (stepId, phase) => {
    if (armed?.boundary !== `${phase}:${stepId}`) return;
    armed.stopped();
    armed = undefined;
    return new Promise<void>(() => {}); // this execution never goes on
  };
  let runtime: WorkflowRuntime | undefined;
  return {
    /** The live runtime (launched by `start`, relaunched by `crashAt`). */
    get runtime(): WorkflowRuntime {
      if (!runtime) throw new Error('call start() first');
      return runtime;
    },
    async start(): Promise<WorkflowRuntime> {
      runtime = await launch(onBoundary);
      return runtime;
    },
    /**
     * Stops the run started by `begin` at `boundary` (`before:<step>` / `after:<step>`), shuts the
     * runtime down and launches a new one that recovers the run. Resolves with the new runtime.
     */
    async crashAt(boundary: string, begin: (runtime: WorkflowRuntime) => Promise<unknown>): Promise<WorkflowRuntime> {
      if (!runtime) throw new Error('call start() first');
      const stopped = new Promise<void>((resolve) => (armed = { boundary, stopped: resolve }));
      await begin(runtime);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the run never reached ${boundary}`)), 60_000)));
      try {
        await Promise.race([stopped, late]);
      } finally {
        clearTimeout(timer);
      }
      await runtime.shutdown();
      runtime = await launch(onBoundary);
      return runtime;
    },
    async shutdown() {
      await runtime?.shutdown();
      runtime = undefined;
    },
  };
}
