import { NEW_TENANT_STAGES, type StageDeclaration } from '@csphub/domain';

/**
 * The company page's timeline of a run: one line per step in run order, with
 * its state, how many attempts it took, the last error and the Partner Center ids to quote to
 * Microsoft. Built from the rows the runtime stores (`workflow_runs`, `workflow_step_attempts`), so
 * it is a pure function the API route calls and the UI polls (or streams).
 */

/** A stored step attempt (the columns of `workflow_step_attempts` the timeline needs). */
export interface StepAttemptRecord {
  stepId: string;
  attempt: number;
  state: string;
  errorCode: string | null;
  errorMessage: string | null;
  requestId: string | null;
  correlationId: string | null;
  retryAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A stored run (the columns of `workflow_runs` the timeline needs). */
export interface RunRecord {
  id: string;
  state: string;
  currentStep: string | null;
  failedStep: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  facts: unknown;
  startedAt: Date;
  updatedAt: Date;
}

export type TimelineStepState = 'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped';

export interface TimelineStep {
  stepId: string;
  state: TimelineStepState;
  attempts: number;
  lastError: { code: string; message: string } | null;
  /** When a retry is scheduled (Retry-After or back-off). */
  retryAt: string | null;
  requestId: string | null;
  correlationId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunTimeline {
  runId: string;
  /** running, succeeded, failed (stopped before anything was created), needs_attention (after). */
  state: string;
  failedStep: string | null;
  error: { code: string; message: string } | null;
  facts: Record<string, unknown>;
  steps: TimelineStep[];
}

/** The new-tenant run's steps, in order: the workflow's own declaration (the UI owns their text, `run.step.<id>`). */
export const NEW_TENANT_TIMELINE_STEPS: readonly StageDeclaration[] = NEW_TENANT_STAGES;

/**
 * Folds the stored attempts into one line per step. Steps not reached are `pending`; the optional
 * ones the run did not take (no reseller, the other GDAP path) are `skipped` once the run is past
 * them. An attempt cut by a crash counts as an attempt.
 */
export function buildRunTimeline(run: RunRecord, attempts: StepAttemptRecord[], steps = NEW_TENANT_TIMELINE_STEPS): RunTimeline {
  const byStep = new Map<string, StepAttemptRecord[]>();
  for (const a of attempts) byStep.set(a.stepId, [...(byStep.get(a.stepId) ?? []), a]);
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const lastReached = Math.max(-1, ...steps.map((s, i) => (byStep.has(s.id) ? i : -1)));
  const lines: TimelineStep[] = steps.map((s, i) => {
    const rows = (byStep.get(s.id) ?? []).sort((x, y) => x.attempt - y.attempt);
    const last = rows[rows.length - 1];
    const failedRow = [...rows].reverse().find((r) => r.errorCode);
    let state: TimelineStepState;
    if (!last) state = s.when && i < lastReached ? 'skipped' : 'pending';
    else if (last.state === 'succeeded') state = 'succeeded';
    else if (last.state === 'failed') state = 'failed';
    else if (last.state === 'retrying') state = 'retrying';
    else state = run.state === 'running' ? 'running' : 'failed';
    return {
      stepId: s.id,
      state,
      attempts: rows.length,
      lastError: failedRow && state !== 'succeeded' ? { code: failedRow.errorCode!, message: failedRow.errorMessage ?? '' } : null,
      retryAt: last?.state === 'retrying' ? iso(last.retryAt) : null,
      requestId: last?.requestId ?? null,
      correlationId: last?.correlationId ?? null,
      startedAt: iso(rows[0]?.startedAt),
      finishedAt: iso(last?.finishedAt),
    };
  });
  return {
    runId: run.id,
    state: run.state,
    failedStep: run.failedStep,
    error: run.errorCode ? { code: run.errorCode, message: run.errorMessage ?? '' } : null,
    facts: typeof run.facts === 'object' && run.facts !== null ? (run.facts as Record<string, unknown>) : {},
    steps: lines,
  };
}
