// eslint-disable-next-line no-restricted-imports -- test composition root: the workflow journal's database
import { openWorkflowSystemPool, type WorkflowSystemPool } from '@csphub/db';
import { launchWorkflowRuntime, randomIds, systemClock, type StepTimeline, type SystemDatabase, type WorkflowDefinition } from '../../src/index';
import { createThrowawayPostgres } from '../crash/throwaway-postgres';
import { inProcessCrash } from './in-process-crash';

export interface ReplayRuntime {
  crash: ReturnType<typeof inProcessCrash>;
  /** Shuts the runtime down and drops its journal (the PGlite pool, or the throwaway PostgreSQL database). */
  stop(): Promise<void>;
}

/**
 * The set-up every `*-replay.test.ts` shares: a workflow journal (a throwaway PostgreSQL database
 * named after `journalName` when DATABASE_URL is set, else an embedded pool) and one workflow run by
 * {@link inProcessCrash} under `executorId`, started.
 */
export async function startReplayRuntime(opts: {
  journalName: string;
  executorId: string;
  workflow: WorkflowDefinition<never, unknown>;
  timeline: StepTimeline;
}): Promise<ReplayRuntime> {
  let sys: WorkflowSystemPool | undefined;
  let dropSys = async () => {};
  let systemDatabase: SystemDatabase;
  if (process.env.DATABASE_URL) {
    const pgdb = await createThrowawayPostgres(process.env.DATABASE_URL, opts.journalName);
    dropSys = pgdb.drop;
    systemDatabase = { kind: 'url', url: pgdb.url };
  } else {
    sys = await openWorkflowSystemPool({});
    systemDatabase = { kind: 'pool', pool: sys.pool };
  }
  const crash = inProcessCrash((onBoundary) =>
    launchWorkflowRuntime({
      systemDatabase,
      executorId: opts.executorId,
      workflows: [opts.workflow],
      timeline: opts.timeline,
      clock: systemClock,
      ids: randomIds,
      onBoundary,
    }),
  );
  await crash.start();
  return {
    crash,
    async stop() {
      await crash.shutdown();
      await sys?.close();
      await dropSys();
    },
  };
}
