import { createRoute, z } from '@hono/zod-openapi';
import { AppError, placeOrderWorkflowId } from '@csphub/domain';
import { LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND, PROVISION_TENANT_KIND } from '@csphub/provisioning';
import { createOrdersRepo, createWorkflowRunsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyRunParamSchema } from './onboarding.schema';
import { withBoundedWait } from '../workflows/bounded-wait';
import { RETRY_ENGINE_WAIT_MS } from './onboarding-retry.routes';
import { json } from '../http/json-content';

const McaCheckAcceptedSchema = z
  .object({
    runId: z.string(),
    heldOrders: z.number().int().openapi({ description: 'Orders of the account held for the acceptance that were woken too' }),
  })
  .openapi('McaCheckAccepted');

/** The runs that wait for the customer's signatory (docs/PARTNER-CENTER-REFERENCE.md §5.5). */
const WAITING_KINDS = new Set([PROVISION_TENANT_KIND, LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND]);

/**
 * "Check now" on the timeline: a run waiting for the customer's signatory to accept the MCA looks
 * at the attestation at once instead of at its next periodic check (a durable message on the
 * run's `mca-check` topic), and so do the account's orders held for that acceptance. Authorised
 * like Finish; 409 RUN_NOT_WAITING when the run is not waiting for an acceptance.
 */
export function mcaCheckRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/companies/{id}/onboarding/runs/{runId}/mca-check',
      tags: ['Onboarding'],
      summary: "Check now whether the customer's signatory accepted the Microsoft Customer Agreement (wakes the waiting run and held orders)",
      request: { params: CompanyRunParamSchema },
      responses: {
        202: { description: 'The run (and held orders) look at the acceptance now; follow it on the timeline', content: json(McaCheckAcceptedSchema) },
        ...scopedErrors,
        409: problem('RUN_NOT_WAITING: the run is not waiting for the MCA acceptance'),
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
      if (!run || run.subjectId !== String(company.id) || !WAITING_KINDS.has(run.kind)) throw new AppError('NOT_FOUND', `${company.name} has no onboarding run ${runId}.`);
      if (run.state !== 'running' || (run.facts as { mcaStatus?: unknown } | null)?.mcaStatus !== 'waiting') {
        throw new AppError('RUN_NOT_WAITING', 'This run is not waiting for the customer to accept the Microsoft Customer Agreement; there is nothing to check. Reload the timeline to see where it is.');
      }
      const wake = deps.runs.wakeMcaCheck;
      if (!wake) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the run cannot be woken now. Start CSP Hub normally (npm start).');
      const held = (await createOrdersRepo(deps.db).listForCompany(company.id)).filter((o) => o.status === 'submitted' && o.errorCode === 'MCA_ACCEPTANCE_PENDING' && o.connectionId === run.connectionId);
      // A wake-up message is harmless when repeated (the run only looks once more), so a 503 is safe to retry.
      await withBoundedWait(Promise.all([run.id, ...held.map((o) => placeOrderWorkflowId(o.id))].map((wid) => wake(wid))), deps.runs.engineWaitMs ?? RETRY_ENGINE_WAIT_MS, 'wake the run');
      await writeAudit(c, repos, {
        at: deps.clock.now(),
        companyId: company.id,
        action: 'tenant.mca_check_requested',
        targetType: 'company',
        targetId: company.id,
        summary: `Asked to check the Microsoft Customer Agreement acceptance now${held.length > 0 ? ` (and ${held.length} held order(s))` : ''}.`,
        after: { runId: run.id, heldOrders: held.map((o) => o.id) },
      });
      return c.json({ runId: run.id, heldOrders: held.length }, 202);
    },
  );
}
