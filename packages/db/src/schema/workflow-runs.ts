import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per durable workflow run (its id is the DBOS workflow id, built from business intent such
 * as `provision-tenant:<accountId>:<connectionId>`). The UI reads it for the run's overall state;
 * DBOS's own tables stay an implementation detail of the runtime.
 */
export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: text().primaryKey(),
    /** The workflow kind, e.g. `provision-tenant`. */
    kind: text().notNull(),
    /** The business subject (for provisioning: the account id). */
    subjectId: text().notNull(),
    connectionId: text(),
    /** running | succeeded | failed | needs_attention */
    state: text().notNull(),
    currentStep: text(),
    /** The step a retry should start from when the run failed or needs attention. */
    failedStep: text(),
    errorCode: text(),
    errorMessage: text(),
    /** Non-secret facts the run produced (tenant id, default domain ...), for the UI. */
    facts: jsonb().notNull().default({}),
    startedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('workflow_runs_subject_idx').on(t.subjectId), index('workflow_runs_kind_state_idx').on(t.kind, t.state)],
);

/**
 * One row per attempt of one step of a run: the timeline the UI shows. A new attempt gets the next
 * number even after a crash (the interrupted attempt stays, marked `interrupted`), so a resumed run
 * tells the truth about what happened instead of hiding the crash or duplicating rows.
 */
export const workflowStepAttempts = pgTable(
  'workflow_step_attempts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    runId: text().notNull(),
    stepId: text().notNull(),
    attempt: integer().notNull(),
    /** running | succeeded | failed | retrying | interrupted */
    state: text().notNull(),
    errorCode: text(),
    errorMessage: text(),
    /** Partner Center MS-RequestId used by this attempt (saved before the call). */
    requestId: text(),
    /** Partner Center MS-CorrelationId of this attempt, to quote to Microsoft support. */
    correlationId: text(),
    /** When the next attempt is due, for `retrying` rows (Retry-After or back-off). */
    retryAt: timestamp({ withTimezone: true, mode: 'date' }),
    startedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('workflow_step_attempts_run_step_attempt_uq').on(t.runId, t.stepId, t.attempt)],
);
