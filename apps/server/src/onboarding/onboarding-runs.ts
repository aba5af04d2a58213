import { createWorkflowRunsRepo, type Database } from '@csphub/db';
import type { z } from '@hono/zod-openapi';
import type { RunSchema } from './onboarding.schema';
import type { LinkExistingTenantInput, McaAcceptanceInput, UpdateGdapAccessInput, NewTenantInput, NewTenantRetry } from '@csphub/provisioning';

/** A run as the timeline shows it (one row per step attempt), as the runs route's schema declares it. */
export type RunView = z.infer<typeof RunSchema>;

/**
 * The durable runs the onboarding routes start and read. The server implements it over the
 * workflow runtime (engineer 4's `launchWorkflowRuntime`) and the workflow-runs repository; when
 * the runtime is not launched (API-only tests), `startLinkExistingTenant` is undefined and the route
 * answers that runs are unavailable rather than pretending.
 */
export interface OnboardingRuns {
  /** Starts the link run under `runId` (default: from business intent), or attaches to it. */
  startLinkExistingTenant?: (input: LinkExistingTenantInput, runId?: string) => Promise<{ runId: string }>;
  /** Submits the new-tenant run (started, attached to, or retried: engineer 4's `submitNewTenantRun`). */
  startNewTenant?: (input: NewTenantInput) => Promise<{ runId: string; outcome: 'started' | 'attached' | 'retried' }>;
  /**
   * "Retry" on the company page: wakes a stopped new-tenant run (engineer 4's `retryNewTenantRun`);
   * false when the run is not waiting for a retry. Idempotent per failure: two clicks wake it once.
   */
  retryNewTenant?: (runId: string, patch: NewTenantRetry) => Promise<boolean>;
  /** Starts the MCA (re-)acceptance run of a linked customer under `runId`, or attaches to it. */
  startMcaAcceptance?: (input: McaAcceptanceInput, runId: string) => Promise<{ runId: string }>;
  /** Starts the run that changes a GDAP access assignment's roles and follows Graph's operation. */
  startGdapAccessUpdate?: (input: UpdateGdapAccessInput, runId: string) => Promise<{ runId: string }>;
  /**
   * "Check now": a run (or an order held for the MCA) waiting for the customer's signatory looks at
   * the acceptance at once (a message on its `mca-check` topic; a run not listening ignores it).
   */
  wakeMcaCheck?: (runId: string) => Promise<void>;
  /** How long a route waits for the engine before answering 503 WORKFLOWS_BUSY (default 15 s). */
  engineWaitMs?: number;
  /** Runs of one account, newest first, with their step attempts. */
  listForCompany(companyId: number): Promise<RunView[]>;
}


/**
 * Reads the runs of an account from the workflow-runs tables (written by the runtime from inside
 * its steps), for the company page's timeline. Every kind of run shows: the new-tenant run and the
 * existing-tenant link run use the same account id as subject.
 */
export async function listRunsOfCompany(db: Database, companyId: number): Promise<RunView[]> {
  const repo = createWorkflowRunsRepo(db);
  const runs = await repo.listRunsForSubject(String(companyId));
  return Promise.all(
    runs.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      state: r.state as RunView['state'],
      currentStep: r.currentStep,
      failedStep: r.failedStep,
      errorCode: r.errorCode,
      errorMessage: r.errorMessage,
      facts: (r.facts ?? {}) as Record<string, unknown>,
      startedAt: r.startedAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      steps: (await repo.listAttempts(r.id)).map((a) => ({
        stepId: a.stepId,
        attempt: a.attempt,
        state: a.state,
        errorCode: a.errorCode,
        errorMessage: a.errorMessage,
        correlationId: a.correlationId,
        startedAt: a.startedAt.toISOString(),
        finishedAt: a.finishedAt?.toISOString() ?? null,
      })),
    })),
  );
}
