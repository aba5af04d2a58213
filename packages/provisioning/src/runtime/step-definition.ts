import type { StepRetryPolicy } from './retry-policy';

/** What a step's `run` gets besides its input. */
export interface StepContext {
  runId: string;
  stepId: string;
  /** 1 for the first attempt; keeps counting across crashes. */
  attempt: number;
  /**
   * The MS-RequestId for this call, fixed before the call (derived, or journaled in older runs): the same value after a crash or a
   * timeout (so Partner Center replays instead of acting twice), a new one after any response.
   * Undefined for steps that make no Partner Center call.
   */
  requestId: string | undefined;
  /** A fresh MS-CorrelationId for this attempt. */
  correlationId: string;
  /**
   * Request ids of earlier attempts of this step that were cut by a crash while running: their call
   * may have reached the remote service. A create step uses this to ask for the first response
   * again (idempotent replay) rather than trusting "not found".
   */
  interruptedRequestIds: string[];
  /** Fires when the attempt's timeout expires; pass it to fetch. */
  signal: AbortSignal;
  /**
   * Pass it with `signal` to Partner Center calls: the client calls it when a call starts waiting
   * in its rate limiter and the returned function when the wait ends, and the attempt's timeout
   * is paused in between (time queued behind other runs is not the step being slow).
   */
  onQueued: () => () => void;
  now(): Date;
}

/**
 * A durable step: a stable kebab-case id (never renamed once shipped: it keys the
 * journal and the timeline), `run` returning its output plus the minimum data to undo it, an
 * optional `compensate`, a retry policy and a timeout.
 */
export interface StepDefinition<I, O> {
  /** Its text is the UI's: the web's `run.step.<id>` messages and the failure e-mail's step names. */
  id: string;
  /** The step's effect cannot be undone (a created tenant): a later failure needs attention, never a fake rollback. */
  irreversible?: boolean;
  /** The step calls Partner Center and needs a journaled MS-RequestId. */
  callsPartnerCenter?: boolean;
  retry: StepRetryPolicy;
  /** Upper bound of one attempt, not counting time its calls wait in the client's rate limiter. */
  timeoutMs: number;
  run(input: I, ctx: StepContext): Promise<O>;
  /** Undoes a completed, reversible step when a later one fails permanently. */
  compensate?(output: O, ctx: StepContext): Promise<void>;
}

const STEP_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Declares a step, checking its id is kebab-case. */
export function defineStep<I, O>(def: StepDefinition<I, O>): StepDefinition<I, O> {
  if (!STEP_ID.test(def.id)) throw new Error(`Step id "${def.id}" must be kebab-case (letters, digits, single dashes).`);
  if (def.retry.maxAttempts < 1) throw new Error(`Step ${def.id}: maxAttempts must be at least 1.`);
  return def;
}
