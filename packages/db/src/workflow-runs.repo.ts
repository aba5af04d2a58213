import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AttemptFinish, AttemptStart, RunUpdate } from '@csphub/domain';
import type { Database } from './database';
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
  return {
    async saveRun(u: WorkflowRunUpdate): Promise<void> {
      await upsertRun(db, u);
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
     * remote service.
     */
    async beginAttempt(a: AttemptStart): Promise<{ attempt: number; interruptedRequestIds: string[] }> {
      return db.transaction(async (tx) => {
        if (a.run) await upsertRun(tx, a.run);
        const cut = await tx
          .update(workflowStepAttempts)
          .set({ state: 'interrupted', finishedAt: a.at })
          .where(and(eq(workflowStepAttempts.runId, a.runId), eq(workflowStepAttempts.stepId, a.stepId), eq(workflowStepAttempts.state, 'running')))
          .returning({ requestId: workflowStepAttempts.requestId });
        const [last] = await tx
          .select({ n: sql<number>`coalesce(max(${workflowStepAttempts.attempt}), 0)`.mapWith(Number) })
          .from(workflowStepAttempts)
          .where(and(eq(workflowStepAttempts.runId, a.runId), eq(workflowStepAttempts.stepId, a.stepId)));
        const attempt = (last?.n ?? 0) + 1;
        await tx.insert(workflowStepAttempts).values({
          runId: a.runId,
          stepId: a.stepId,
          attempt,
          state: 'running',
          requestId: a.requestId ?? null,
          correlationId: a.correlationId ?? null,
          startedAt: a.at,
        });
        return { attempt, interruptedRequestIds: cut.map((r) => r.requestId).filter((r): r is string => !!r) };
      });
    },

    async finishAttempt(f: AttemptFinish): Promise<void> {
      const set: Partial<typeof workflowStepAttempts.$inferInsert> = {
        state: f.state,
        errorCode: f.errorCode ?? null,
        errorMessage: f.errorMessage ?? null,
        retryAt: f.retryAt ?? null,
        finishedAt: f.at,
      };
      if (f.correlationId) set.correlationId = f.correlationId;
      await db
        .update(workflowStepAttempts)
        .set(set)
        .where(
          and(eq(workflowStepAttempts.runId, f.runId), eq(workflowStepAttempts.stepId, f.stepId), eq(workflowStepAttempts.attempt, f.attempt)),
        );
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
/** Creates the run row or updates it; facts merge into those already there. */
async function upsertRun(db: Pick<Database, 'insert'>, u: WorkflowRunUpdate): Promise<void> {
  const values = {
    id: u.id,
    kind: u.kind,
    subjectId: u.subjectId,
    connectionId: u.connectionId ?? null,
    state: u.state,
    currentStep: u.currentStep ?? null,
    failedStep: u.failedStep ?? null,
    errorCode: u.errorCode ?? null,
    errorMessage: u.errorMessage ?? null,
    startedAt: u.at,
    updatedAt: u.at,
    finishedAt: u.state === 'running' ? null : u.at,
  };
  const set: Partial<typeof workflowRuns.$inferInsert> = {
    state: values.state,
    currentStep: values.currentStep,
    failedStep: values.failedStep,
    errorCode: values.errorCode,
    errorMessage: values.errorMessage,
    updatedAt: values.updatedAt,
    finishedAt: values.finishedAt,
  };
  if (u.facts) {
    // Merge rather than replace: facts accumulate as steps finish.
    set.facts = sql`${workflowRuns.facts} || ${JSON.stringify(u.facts)}::jsonb`;
  }
  await db
    .insert(workflowRuns)
    .values({ ...values, facts: u.facts ?? {} })
    .onConflictDoUpdate({ target: workflowRuns.id, set });
}

export type WorkflowRunsRepo = ReturnType<typeof createWorkflowRunsRepo>;
