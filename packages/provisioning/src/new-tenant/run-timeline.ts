/**
 * The company page's timeline of a run (issue 6, Visibility): one line per step in run order, with
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
  title: string;
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

/** The new-tenant run's steps, in order, with the titles the UI shows. */
export const NEW_TENANT_TIMELINE_STEPS: readonly { id: string; title: string; when?: 'reseller' | 'admin-setup' | 'default-gdap' | 'explicit-gdap' }[] = [
  { id: 'validate-prerequisites', title: 'Check the account is ready' },
  { id: 'validate-address', title: 'Validate the billing address with Partner Center' },
  { id: 'check-domain', title: 'Check the domain is free' },
  { id: 'resolve-reseller', title: 'Find the indirect reseller', when: 'reseller' },
  { id: 'create-customer', title: 'Create the customer tenant' },
  // Optional only for runs started before the step existed (DBOS patch): they skip it.
  { id: 'set-up-admin', title: 'Set up the tenant administrator', when: 'admin-setup' },
  { id: 'confirm-mca', title: 'Check the Microsoft Customer Agreement' },
  { id: 'default-gdap', title: 'Default GDAP roles (requested at creation)', when: 'default-gdap' },
  { id: 'request-gdap', title: 'Request delegated administration (GDAP)', when: 'explicit-gdap' },
  { id: 'store-tenant-link', title: 'Link the account to the tenant' },
  { id: 'deliver-credentials', title: 'Deliver the admin credentials' },
  { id: 'notify', title: 'Notify' },
];

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
      title: s.title,
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
