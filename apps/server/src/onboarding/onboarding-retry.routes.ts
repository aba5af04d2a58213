import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { PROVISION_TENANT_KIND } from '@csphub/provisioning';
import { createWorkflowRunsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { requirePartnerIdChoice } from '../access/tenant-ownership';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyRunParamSchema } from './onboarding.schema';
import { withBoundedWait } from '../workflows/bounded-wait';

import { json } from '../http/json-content';

/** How long the route waits for the durable-run engine before answering 503 (docs/decisions/0005). */
export const RETRY_ENGINE_WAIT_MS = 15_000;

const RetryAcceptedSchema = z
  .object({
    runId: z.string(),
    outcome: z.literal('retried').openapi({ description: 'The run was woken; it goes on from the failed step (or starts over when nothing was created yet)' }),
  })
  .openapi('RunRetryAccepted');

/**
 * "Retry" on the company page: wakes a new-tenant run that stopped, "not synced" before
 * the tenant exists (it starts over, reading the fixed account and its current sync options) or
 * "needs attention" after (it goes on from the failed step). Authorised exactly like the wizard's
 * Finish. A run that is not waiting (running, or finished) answers 409 RUN_NOT_WAITING; two quick
 * clicks wake it once (the retry message is keyed by the failure's occurrence).
 */
export function onboardingRetryRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/companies/{id}/onboarding/runs/{runId}/retry',
      tags: ['Onboarding'],
      summary: 'Retry a stopped new-tenant provisioning run (not synced, or needs attention)',
      request: { params: CompanyRunParamSchema },
      responses: {
        202: { description: 'The run was woken and goes on; follow it on the timeline', content: json(RetryAcceptedSchema) },
        ...scopedErrors,
        409: problem('RUN_NOT_WAITING: the run is not stopped waiting for a retry (it is running, or it has finished)'),
        503: problem('WORKFLOWS_UNAVAILABLE or WORKFLOWS_BUSY: durable runs are not running here, or did not answer in time (safe to repeat)'),
      },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const p = c.var.principal;
      const { id, runId } = c.req.valid('param');
      const company = await companyInScope(repos, p, id);
      requireOrderAccess(p, company);
      const run = await createWorkflowRunsRepo(deps.db).getRun(runId);
      if (!run || run.subjectId !== String(company.id) || run.kind !== PROVISION_TENANT_KIND) {
        throw new AppError('NOT_FOUND', `${company.name} has no provisioning run ${runId}.`);
      }
      if (run.state === 'running' || run.state === 'succeeded') {
        throw new AppError(
          'RUN_NOT_WAITING',
          run.state === 'running' ? 'This run is already in progress; there is nothing to retry. Follow it on the timeline.' : 'This run has finished: the tenant is synced; there is nothing to retry.',
        );
      }
      // Before the tenant exists the run starts over with the account's current sync options: a
      // prefix or Partner ID corrected on the company page is what the retry uses.
      const options = run.connectionId ? await repos.syncOptions.get(company.id, run.connectionId) : undefined;
      const patch = options?.domainPrefix ? { domainPrefix: options.domainPrefix, resellerPartnerId: options.resellerPartnerId } : {};
      // The Partner ID on file must be one this caller may name (only the distributor picks another reseller).
      if (patch.resellerPartnerId) await requirePartnerIdChoice(repos, p, company, patch.resellerPartnerId, 'A retried new-tenant run');
      const retry = deps.runs.retryNewTenant;
      if (!retry) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the run cannot be retried now. Start CSP Hub normally (npm start).');
      const woken = await withBoundedWait(retry(run.id, patch), deps.runs.engineWaitMs ?? RETRY_ENGINE_WAIT_MS, 'wake the run');
      if (!woken) throw new AppError('RUN_NOT_WAITING', 'This run is not waiting for a retry (it is running again, or it has ended). Reload the timeline to see where it is.');
      await writeAudit(c, repos, {
        at: deps.clock.now(),
        companyId: company.id,
        action: 'tenant.provisioning_retried',
        targetType: 'company',
        targetId: company.id,
        summary: `Provisioning retried after ${run.failedStep ?? 'a failed step'}${run.errorCode ? ` (${run.errorCode})` : ''}.`,
        after: { runId: run.id, connectionId: run.connectionId, failedStep: run.failedStep, errorCode: run.errorCode, ...patch },
      });
      return c.json({ runId: run.id, outcome: 'retried' as const }, 202);
    },
  );
}
