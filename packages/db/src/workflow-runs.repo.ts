import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AttemptFinish, AttemptStart, AttemptSucceeded, RunUpdate } from '@csphub/domain';
import type { Database } from './database';
import { rowsOf } from './companies.repo';
import { workflowRuns, workflowStepAttempts } from './schema/index';

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowStepAttemptRow = typeof workflowStepAttempts.$inferSelect;

/** What a run row says at one moment; written by the workflow runtime from inside its steps. */
export type WorkflowRunUpdate = RunUpdate;

/**
 * Stores workflow runs and their step attempts (the UI's timeline). Implements the runtime's
 * `StepTimeline` port. Every write is idempotent or numbered so that a step re-executed after a
 * crash adds a truthful row (the cut attempt becomes `interrupted`) rather than a duplicate.
 */
export function createWorkflowRunsRepo(db: Database) {
  // Every step attempt closes with this statement: built once (and prepared once per connection on PostgreSQL).
  const slot = (name: string) => sql`${sql.placeholder(name)}`;
  const finish = db
    .update(workflowStepAttempts)
    .set({
      state: slot('state'),
      errorCode: slot('errorCode'),
      errorMessage: slot('errorMessage'),
      retryAt: sql`${sql.placeholder('retryAt')}::timestamptz`,
      finishedAt: sql`${sql.placeholder('finishedAt')}::timestamptz`,
      // No correlation id keeps the one the attempt opened with.
      correlationId: sql`coalesce(${sql.placeholder('correlationId')}, ${workflowStepAttempts.correlationId})`,
    })
    .where(and(eq(workflowStepAttempts.runId, slot('runId')), eq(workflowStepAttempts.stepId, slot('stepId')), eq(workflowStepAttempts.attempt, slot('attempt'))))
    .prepare('workflow_step_attempts_finish');
  return {
    async saveRun(u: WorkflowRunUpdate, succeeded: readonly AttemptSucceeded[] = []): Promise<void> {
      await db.execute(succeeded.length > 0 ? sql`with ${succeededSql(u.id, succeeded)} ${runUpsertSql(u)}` : runUpsertSql(u));
    },

    async closeSucceeded(runId: string, succeeded: readonly AttemptSucceeded[]): Promise<void> {
      if (succeeded.length === 0) return;
      await db.execute(sql`with ${succeededSql(runId, succeeded)} select count(*) as n from succeeded`);
    },

    async getRun(id: string): Promise<WorkflowRunRow | undefined> {
      const rows = await db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
      return rows[0];
    },

    async listRunsForSubject(subjectId: string): Promise<WorkflowRunRow[]> {
      return db.select().from(workflowRuns).where(eq(workflowRuns.subjectId, subjectId)).orderBy(desc(workflowRuns.startedAt));
    },

    /**
     * Opens the next attempt of a step. Attempts still `running` for the same step were cut by a
     * crash (only one executor runs a workflow at a time): they become `interrupted`, and their
     * request ids are returned so the step can tell that its call may already have reached the
     * remote service. Attempts closed as `succeeded` by this statement are not cut.
     */
    async beginAttempt(a: AttemptStart): Promise<{ attempt: number; interruptedRequestIds: string[] }> {
      // One statement (one round trip, atomic): the run row's queued update, the earlier attempts
      // that succeeded, the cut attempts, the new one.
      const at = sql`${a.at.toISOString()}::timestamptz`;
      const succeeded = a.succeeded ?? [];
      const sameStep = succeeded.filter((s) => s.stepId === a.stepId).map((s) => s.attempt);
      const result = await db.execute(sql`
        with ${a.run ? sql`run as (${runUpsertSql(a.run)}),` : sql``}
        ${succeeded.length > 0 ? sql`${succeededSql(a.runId, succeeded)},` : sql``}
        cut as (
          update workflow_step_attempts set state = 'interrupted', finished_at = ${at}
          where run_id = ${a.runId} and step_id = ${a.stepId} and state = 'running'
            ${sameStep.length > 0 ? sql`and attempt not in (${sql.join(sameStep.map((n) => sql`${n}::int`), sql`, `)})` : sql``}
          returning request_id),
        next as (select coalesce(max(attempt), 0) + 1 as n from workflow_step_attempts where run_id = ${a.runId} and step_id = ${a.stepId}),
        opened as (
          insert into workflow_step_attempts (run_id, step_id, attempt, state, request_id, correlation_id, started_at)
          select ${a.runId}, ${a.stepId}, n, 'running', ${a.requestId ?? null}, ${a.correlationId ?? null}, ${at} from next
          returning attempt)
        select (select attempt from opened) as attempt,
               (select coalesce(json_agg(request_id) filter (where request_id is not null), '[]'::json) from cut) as cut`);
      const [row] = rowsOf<{ attempt: number; cut: string[] | string }>(result);
      const cut = typeof row!.cut === 'string' ? (JSON.parse(row!.cut) as string[]) : row!.cut;
      return { attempt: Number(row!.attempt), interruptedRequestIds: cut };
    },

    async finishAttempt(f: AttemptFinish): Promise<void> {
      await finish.execute({
        state: f.state,
        errorCode: f.errorCode ?? null,
        errorMessage: f.errorMessage ?? null,
        retryAt: f.retryAt?.toISOString() ?? null,
        finishedAt: f.at.toISOString(),
        correlationId: f.correlationId || null,
        runId: f.runId,
        stepId: f.stepId,
        attempt: f.attempt,
      });
    },

    /** Deletes the timeline of runs that are over (their attempts, then their rows), for the journal's retention. */
    async deleteRuns(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.transaction(async (tx) => {
        await tx.delete(workflowStepAttempts).where(inArray(workflowStepAttempts.runId, ids));
        await tx.delete(workflowRuns).where(inArray(workflowRuns.id, ids));
      });
    },

    async listAttempts(runId: string): Promise<WorkflowStepAttemptRow[]> {
      return db
        .select()
        .from(workflowStepAttempts)
        .where(eq(workflowStepAttempts.runId, runId))
        .orderBy(asc(workflowStepAttempts.startedAt), asc(workflowStepAttempts.id));
    },
  };
}
/** Creates the run row or updates it, as SQL to embed in a statement (facts merge; '{}' merges nothing). */
function runUpsertSql(u: WorkflowRunUpdate) {
  const at = sql`${u.at.toISOString()}::timestamptz`;
  return sql`
    insert into workflow_runs (id, kind, subject_id, connection_id, state, current_step, failed_step, error_code, error_message, facts, started_at, updated_at, finished_at)
    values (${u.id}, ${u.kind}, ${u.subjectId}, ${u.connectionId ?? null}, ${u.state}, ${u.currentStep ?? null}, ${u.failedStep ?? null}, ${u.errorCode ?? null},
            ${u.errorMessage ?? null}, ${JSON.stringify(u.facts ?? {})}::jsonb, ${at}, ${at}, ${u.state === 'running' ? null : at})
    on conflict (id) do update set state = excluded.state, current_step = excluded.current_step, failed_step = excluded.failed_step,
      error_code = excluded.error_code, error_message = excluded.error_message, facts = workflow_runs.facts || excluded.facts,
      updated_at = excluded.updated_at, finished_at = excluded.finished_at
    returning 1`;
}

/**
 * A `succeeded` CTE closing attempts that succeeded (only those still `running`: a replay writing
 * one again changes nothing), for a statement that writes something else too.
 */
function succeededSql(runId: string, succeeded: readonly AttemptSucceeded[]) {
  const rows = JSON.stringify(succeeded.map((s) => ({ step_id: s.stepId, attempt: s.attempt, at: s.at.toISOString() })));
  return sql`succeeded as (
    update workflow_step_attempts a set state = 'succeeded', finished_at = d.at
    from json_to_recordset(${rows}::json) as d(step_id text, attempt int, at timestamptz)
    where a.run_id = ${runId} and a.step_id = d.step_id and a.attempt = d.attempt and a.state = 'running'
    returning 1)`;
}

export type WorkflowRunsRepo = ReturnType<typeof createWorkflowRunsRepo>;
