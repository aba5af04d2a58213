import { DBOS, type DBOSConfig } from '@dbos-inc/dbos-sdk';
import type { Clock } from '@csphub/domain';
import type { Ids } from '../ports/ids';
import type { StepTimeline } from '../ports/step-timeline';
import { executeStep, flushRun, type StepRuntimeDeps } from './execute-step';
import { RunBookkeeping } from './run-bookkeeping';
import type { WorkflowContext, WorkflowDefinition } from './workflow-definition';

/**
 * The application version DBOS records on every workflow. Pinned (docs/WORKFLOWS.md §6): DBOS's default is
 * a hash of the code, which would strand pending runs (an approval waiting for days) after any
 * deploy. Change it only with a migration plan; evolve workflows with `DBOS.patch`.
 */
export const WORKFLOW_APPLICATION_VERSION = 'csphub-workflows-1';

/** The DBOS application name; scopes workflows and queues in the system database. */
export const WORKFLOW_APPLICATION_NAME = 'csphub';

/** Where DBOS keeps its system tables. */
export type SystemDatabase =
  /** Embedded: a node-postgres pool over PGlite (from `openWorkflowSystemPool` in @csphub/db). */
  | { kind: 'pool'; pool: unknown }
  /** A PostgreSQL server: DBOS uses the `dbos` schema of this database. */
  | { kind: 'url'; url: string };

/** A DBOS queue for workflows started with `queueName`. */
export interface QueueSpec {
  name: string;
  concurrency?: number;
  workerConcurrency?: number;
  /** DBOS counts workflow starts, not API calls (docs/WORKFLOWS.md §7). */
  rateLimit?: { limitPerPeriod: number; periodSec: number };
}

/**
 * A DBOS scheduled workflow: every process registers it and DBOS fires it at each cron slot under
 * the id `sched-<name>-<slot ISO time>`, so processes firing the same slot start one run between
 * them. The body gets the slot's time (`scheduledAt`, ISO) as its input.
 */
export interface ScheduleSpec {
  /** The schedule's name in DBOS (never renamed once shipped). */
  name: string;
  /** Registered under its own name; not listed in `workflows` too. */
  workflow: WorkflowDefinition<{ scheduledAt: string }, unknown>;
  /** Crontab, with an optional leading seconds field (DBOS's format). */
  cron: string;
}

export interface WorkflowRuntimeOptions {
  systemDatabase: SystemDatabase;
  /** Unique and stable per worker process (see `resolveWorkerId`). */
  executorId: string;
  applicationVersion?: string;
  /** Every workflow this process may run or recover; registered before launch. */
  workflows: readonly WorkflowDefinition<never, unknown>[];
  /** Scheduled workflows, applied (upserted by name) once DBOS is launched. */
  schedules?: readonly ScheduleSpec[];
  timeline: StepTimeline;
  clock: Clock;
  ids: Ids;
  queues?: QueueSpec[];
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /**
   * How often a waiting `recv`/`getEvent` polls the system database. Embedded mode has no
   * LISTEN/NOTIFY, so this is the latency of a retry click reaching a waiting run (DBOS's default
   * is 10 s). Default 1000 ms.
   */
  pollingIntervalMs?: number;
  /** Test hook, see `StepRuntimeDeps.onBoundary`. */
  onBoundary?: StepRuntimeDeps['onBoundary'];
}

/** A started (or already existing) run. */
export interface WorkflowRunHandle<O> {
  workflowId: string;
  result(): Promise<O>;
  /** DBOS's status: PENDING, ENQUEUED, SUCCESS, ERROR, CANCELLED, MAX_RECOVERY_ATTEMPTS_EXCEEDED ... */
  status(): Promise<string | undefined>;
}

/** The launched runtime. One per process: DBOS is process-wide. */
export interface WorkflowRuntime {
  readonly executorId: string;
  readonly applicationVersion: string;
  /**
   * Starts `def` under `workflowId`, or attaches to the run that already has this id (a double
   * click or a second API call starts nothing new).
   */
  start<I, O>(def: WorkflowDefinition<I, O>, workflowId: string, input: I, opts?: { queueName?: string }): Promise<WorkflowRunHandle<O>>;
  /** Attaches to an existing run. */
  retrieve<O>(workflowId: string): WorkflowRunHandle<O>;
  status(workflowId: string): Promise<string | undefined>;
  /** Delivers a message to a run waiting in `recv` (idempotent on `idempotencyKey`). */
  send(workflowId: string, topic: string, message: unknown, idempotencyKey?: string): Promise<void>;
  /** The latest value a run published with `setEvent`; null when none within `timeoutMs`. */
  getEvent<T>(workflowId: string, key: string, timeoutMs?: number): Promise<T | null>;
  /**
   * Hands the pending runs of another executor (a worker presumed dead, docs/decisions/0006) back
   * to DBOS's queue, where a live worker picks each up and replays it from its last journaled step.
   * Resolves with their ids. Only runs of this application and version, like DBOS's own recovery.
   */
  resumeRunsOf(executorId: string): Promise<string[]>;
  /** Stops DBOS; runs in flight resume on the next launch with the same executor id. */
  shutdown(opts?: { waitMs?: number }): Promise<void>;
}

let launched = false;

/**
 * Configures DBOS, registers the workflows and launches it: pending runs owned by this executor id
 * are recovered at once. Embedded mode needs `useListenNotify: false` (docs/WORKFLOWS.md §4), set here.
 */
export async function launchWorkflowRuntime(opts: WorkflowRuntimeOptions): Promise<WorkflowRuntime> {
  if (launched) throw new Error('The workflow runtime is already launched in this process (DBOS is process-wide).');
  const applicationVersion = opts.applicationVersion ?? WORKFLOW_APPLICATION_VERSION;
  const config: DBOSConfig = {
    name: WORKFLOW_APPLICATION_NAME,
    executorID: opts.executorId,
    applicationVersion,
    logLevel: opts.logLevel ?? 'warn',
    // Workflows evolve with `WorkflowContext.patch` (the pinned version above stays).
    enablePatching: true,
  };
  if (opts.systemDatabase.kind === 'pool') {
    config.systemDatabasePool = opts.systemDatabase.pool as DBOSConfig['systemDatabasePool'];
    config.useListenNotify = false;
    // DBOS still wants a URL to name the database; the pool is what it uses.
    config.systemDatabaseUrl = 'postgresql://postgres@localhost:5432/postgres';
  } else {
    config.systemDatabaseUrl = opts.systemDatabase.url;
    config.systemDatabasePoolSize = 10;
  }
  DBOS.setConfig(config);

  const pollingIntervalMs = opts.pollingIntervalMs ?? 1000;
  const stepDeps: StepRuntimeDeps = { timeline: opts.timeline, clock: opts.clock, ids: opts.ids };
  if (opts.onBoundary) stepDeps.onBoundary = opts.onBoundary;
  const registered = new Map<string, (input: unknown) => Promise<unknown>>();
  const startChild = async (name: string, workflowId: string, input: unknown) => {
    const fn = registered.get(name);
    if (!fn) throw new Error(`Workflow ${name} was not registered with the runtime before launch.`);
    await DBOS.startWorkflow(fn, { workflowID: workflowId })(input);
  };
  // Runs a body with its context; the last queued run-row update is written before the run ends
  // (a failure's before the error is journaled).
  const runBody = async (run: (ctx: WorkflowContext) => Promise<unknown>) => {
    const workflowId = DBOS.workflowID;
    if (!workflowId) throw new Error('A workflow body ran outside DBOS.');
    const books = new RunBookkeeping(workflowId);
    const ctx = createWorkflowContext(stepDeps, books, pollingIntervalMs, startChild);
    let result: unknown;
    try {
      result = await run(ctx);
    } catch (e) {
      await flushRun(stepDeps, books).catch(() => undefined);
      throw e;
    }
    await flushRun(stepDeps, books);
    return result;
  };
  for (const def of opts.workflows) {
    if (registered.has(def.name)) throw new Error(`Workflow ${def.name} is registered twice.`);
    const body = (input: unknown) => runBody((ctx) => (def as WorkflowDefinition<unknown, unknown>).run(input, ctx));
    registered.set(def.name, DBOS.registerWorkflow(body, { name: def.name }));
  }
  const scheduled: Parameters<typeof DBOS.applySchedules>[0] = [];
  for (const spec of opts.schedules ?? []) {
    if (registered.has(spec.workflow.name)) throw new Error(`Workflow ${spec.workflow.name} is registered twice.`);
    // DBOS calls a scheduled workflow with the slot's time (a Date, or its text once journaled);
    // `start` (a test, an operator's run now) passes the workflow's own input.
    const body = async (slot: Date | string | { scheduledAt: string }) => {
      const at = typeof slot === 'object' && !(slot instanceof Date) ? slot.scheduledAt : slot;
      await runBody((ctx) => spec.workflow.run({ scheduledAt: new Date(at).toISOString() }, ctx));
    };
    const fn = DBOS.registerWorkflow(body, { name: spec.workflow.name });
    registered.set(spec.workflow.name, fn as (input: unknown) => Promise<unknown>);
    scheduled.push({ scheduleName: spec.name, workflowFn: fn, schedule: spec.cron });
  }

  if (opts.systemDatabase.kind === 'url') await migrateSystemDatabase(opts.systemDatabase.url);
  await DBOS.launch();
  launched = true;
  for (const q of opts.queues ?? []) {
    const options: Parameters<typeof DBOS.registerQueue>[1] = {};
    if (q.concurrency !== undefined) options.concurrency = q.concurrency;
    if (q.workerConcurrency !== undefined) options.workerConcurrency = q.workerConcurrency;
    if (q.rateLimit) options.rateLimit = q.rateLimit;
    await DBOS.registerQueue(q.name, { ...options, onConflict: 'always_update' });
  }
  // An upsert by name: every process applies the same definitions, and an unchanged one is a no-op.
  if (scheduled.length > 0) await DBOS.applySchedules(scheduled);

  const handleOf = <O>(workflowId: string): WorkflowRunHandle<O> => ({
    workflowId,
    result: () => DBOS.retrieveWorkflow<O>(workflowId).getResult() as Promise<O>,
    status: async () => (await DBOS.getWorkflowStatus(workflowId))?.status,
  });

  return {
    executorId: opts.executorId,
    applicationVersion,
    async start<I, O>(def: WorkflowDefinition<I, O>, workflowId: string, input: I, startOpts: { queueName?: string } = {}) {
      const fn = registered.get(def.name);
      if (!fn) throw new Error(`Workflow ${def.name} was not registered with the runtime before launch.`);
      const params: { workflowID: string; queueName?: string } = { workflowID: workflowId };
      if (startOpts.queueName) params.queueName = startOpts.queueName;
      await DBOS.startWorkflow(fn, params)(input);
      return handleOf<O>(workflowId);
    },
    retrieve: handleOf,
    status: async (workflowId) => (await DBOS.getWorkflowStatus(workflowId))?.status,
    send: (workflowId, topic, message, idempotencyKey) => DBOS.send(workflowId, message, topic, idempotencyKey),
    getEvent: <T>(workflowId: string, key: string, timeoutMs = 0) =>
      DBOS.getEvent<T>(workflowId, key, { timeoutSeconds: Math.max(0, timeoutMs / 1000), pollingIntervalMs }),
    async resumeRunsOf(executorId) {
      if (executorId === opts.executorId) throw new Error('A worker does not take over its own runs; DBOS recovers them at launch.');
      const pending = await DBOS.listWorkflows({
        executorId,
        status: 'PENDING',
        applicationName: WORKFLOW_APPLICATION_NAME,
        applicationVersion,
        loadInput: false,
        loadOutput: false,
      });
      const ids = pending.map((w) => w.workflowID);
      // Public API: resume re-enqueues on DBOS's internal queue and clears the run's owner token, so
      // an execution still alive somewhere fails its next journal write (DBOSWorkflowConflictError)
      // instead of running beside the new one.
      if (ids.length > 0) await DBOS.resumeWorkflows(ids);
      return ids;
    },
    async shutdown({ waitMs } = {}) {
      if (!launched) return;
      launched = false;
      await DBOS.shutdown({ deregister: true, ...(waitMs !== undefined ? { workflowCompletionTimeoutMS: waitMs } : {}) });
    },
  };
}

function createWorkflowContext(deps: StepRuntimeDeps, books: RunBookkeeping, pollingIntervalMs: number, startChild: (name: string, workflowId: string, input: unknown) => Promise<void>): WorkflowContext {
  const workflowId = books.workflowId;
  // Before the run waits or publishes, the row must say where it stands.
  const flush = () => flushRun(deps, books);
  return {
    workflowId,
    start: (def, childId, input) => startChild(def.name, childId, input),
    startWorkflow: (name, childId, input) => startChild(name, childId, input),
    step: (def, input) => executeStep(deps, workflowId, def, input, books),
    recordRun: async (update) => {
      // Lean journal: the row is written only when it changes, by the next step attempt (or a flush).
      if (await books.isLean()) {
        books.queueRun({ ...update, id: workflowId });
        return;
      }
      const done = books.takeSucceeded();
      await DBOS.runStep(() => deps.timeline.saveRun({ ...update, id: workflowId, at: deps.clock.now() }, done), { name: 'record-run' });
    },
    sleep: async (ms) => {
      await flush();
      await DBOS.sleep(ms);
    },
    recv: async (topic, timeoutMs) => {
      await flush();
      return DBOS.recv(topic, { timeoutSeconds: Math.max(1, Math.round(timeoutMs / 1000)), pollingIntervalMs });
    },
    setEvent: async (key, value) => {
      await flush();
      await DBOS.setEvent(key, value);
    },
    patch: (name) => DBOS.patch(name),
    now: async () => new Date(await DBOS.runStep(async () => deps.clock.now().getTime(), { name: 'now' })),
  };
}

/**
 * Creates or upgrades DBOS's schema before launch, retrying when another worker is doing the same:
 * workers started together on a fresh PostgreSQL database race on the migration ("tuple
 * concurrently updated" was seen in the crash suite). The migration is idempotent, so the loser
 * simply runs it again and finds nothing to do.
 */
async function migrateSystemDatabase(url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await DBOS.migrate(url);
      return;
    } catch (e) {
      const message = e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? '')}` : String(e);
      const race = /concurrently updated|already exists|duplicate key|deadlock detected/i.test(message);
      if (!race || attempt >= 6) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.floor(Math.random() * 200)));
    }
  }
}
