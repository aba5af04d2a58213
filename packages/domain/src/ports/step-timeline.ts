/**
 * Where a workflow's step transitions are stored for the UI's timeline: the port the workflow
 * runtime (@csphub/provisioning) writes through and the database (@csphub/db,
 * `createWorkflowRunsRepo`) implements. Declared here, once, so neither restates the other.
 *
 * The runtime calls it from inside DBOS steps, so a write is repeated only when the step itself is
 * re-executed after a crash; the implementation then numbers the new attempt and marks the cut one
 * `interrupted`.
 */

/** State of one run, as the UI shows it. */
export type RunState = 'running' | 'succeeded' | 'failed' | 'needs_attention';

/** What the runtime writes about a run at one moment. */
export interface RunUpdate {
  id: string;
  kind: string;
  subjectId: string;
  connectionId?: string | null;
  state: RunState;
  currentStep?: string | null;
  failedStep?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** Non-secret facts to merge into the run (tenant id, default domain ...). */
  facts?: Record<string, unknown>;
  at: Date;
}

/** A step attempt beginning. */
export interface AttemptStart {
  runId: string;
  stepId: string;
  requestId?: string | null;
  correlationId?: string | null;
  at: Date;
  /** The run row's update to write with this attempt's row, in the same transaction. */
  run?: RunUpdate;
  /** Earlier attempts of the run that succeeded, closed in the same statement (`AttemptSucceeded`). */
  succeeded?: readonly AttemptSucceeded[];
}

/**
 * An attempt that succeeded, closed late: the runtime does not write a success when it happens but
 * with the run's next timeline write (the next attempt's opening, a run-row write, or before the run
 * waits or ends). Keyed by its number, so writing it again (a replay) changes nothing.
 */
export interface AttemptSucceeded {
  stepId: string;
  attempt: number;
  at: Date;
}

/** A step attempt ending. */
export interface AttemptFinish {
  runId: string;
  stepId: string;
  attempt: number;
  state: 'succeeded' | 'failed' | 'retrying';
  errorCode?: string | null;
  errorMessage?: string | null;
  correlationId?: string | null;
  retryAt?: Date | null;
  at: Date;
}

export interface StepTimeline {
  /** Writes the run row, and closes `succeeded` attempts of the run in the same statement. */
  saveRun(update: RunUpdate, succeeded?: readonly AttemptSucceeded[]): Promise<void>;
  /** Closes attempts of `runId` that succeeded (those still `running`; others are left as they are). */
  closeSucceeded(runId: string, succeeded: readonly AttemptSucceeded[]): Promise<void>;
  beginAttempt(a: AttemptStart): Promise<{ attempt: number; interruptedRequestIds: string[] }>;
  finishAttempt(f: AttemptFinish): Promise<void>;
}
