import type { RunUpdate } from '../ports/step-timeline';
import type { StepDefinition } from './step-definition';

/** What a workflow body can do besides computing: every effect goes through here. */
export interface WorkflowContext {
  /** The workflow id (business intent, e.g. `provision-tenant:<accountId>:<connectionId>`). */
  workflowId: string;
  /** Runs a step durably (see `executeStep`). */
  step<I, O>(def: StepDefinition<I, O>, input: I): Promise<O>;
  /**
   * Starts another registered workflow as a child under `workflowId` without waiting for it (the
   * start is journaled; a run that already has the id is attached to, not started again).
   */
  start<I>(def: WorkflowDefinition<I, unknown>, workflowId: string, input: I): Promise<void>;
  /** Writes the run's row (state, current step, facts) as a journaled step. */
  recordRun(update: Omit<RunUpdate, 'id' | 'at'>): Promise<void>;
  /** A durable sleep: survives restarts. */
  sleep(ms: number): Promise<void>;
  /** A durable receive on a topic; null on timeout. */
  recv<T>(topic: string, timeoutMs: number): Promise<T | null>;
  /** The time, journaled (same value on replay). */
  now(): Promise<Date>;
  /**
   * DBOS patching (docs/WORKFLOWS.md §6): true when this run takes the code path added under `name`, false
   * when its journal predates it (replay the old path). Call it at the point where the new path
   * begins, deterministically.
   */
  patch(name: string): Promise<boolean>;
  /** Publishes a value others read with `WorkflowRuntime.getEvent` (e.g. "waiting for a retry"). */
  setEvent(key: string, value: unknown): Promise<void>;
  /**
   * Starts another registered run by its name and business id, journaled (a replay attaches to the
   * run it started; an id already running starts nothing new). A step cannot start a run itself
   * (DBOS refuses it): the step returns what to start and the body starts it.
   */
  startWorkflow(name: string, workflowId: string, input: unknown): Promise<void>;
}

/** A named workflow: a deterministic body over a `WorkflowContext`. */
export interface WorkflowDefinition<I, O> {
  /** Registered with DBOS under this name; never renamed once shipped. */
  name: string;
  run(input: I, wf: WorkflowContext): Promise<O>;
}

/** Declares a workflow (plain data; the runtime registers it with DBOS before launch). */
export function defineWorkflow<I, O>(def: WorkflowDefinition<I, O>): WorkflowDefinition<I, O> {
  return def;
}
