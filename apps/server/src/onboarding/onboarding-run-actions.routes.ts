import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError, placeOrderWorkflowId } from '@csphub/domain';
import { LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND, PROVISION_TENANT_KIND } from '@csphub/provisioning';
import { createOrdersRepo, createWorkflowRunsRepo, type CompanyRow, type Repos, type WorkflowRunRow } from '@csphub/db';
import { createRouter, type Router } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import type { AppEnv } from '../http/app-env';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { requirePartnerIdChoice } from '../access/tenant-ownership';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyRunParamSchema } from './onboarding.schema';
import { revealNewTenantCredentials } from './new-tenant-service';
import { withBoundedWait } from '../workflows/bounded-wait';
import { json } from '../http/json-content';

/** How long a run action waits for the durable-run engine before answering 503 (docs/decisions/0005). */
export const RETRY_ENGINE_WAIT_MS = 15_000;

const WORKFLOWS_ERRORS = {
  503: problem('WORKFLOWS_UNAVAILABLE or WORKFLOWS_BUSY: durable runs are not running here, or did not answer in time (safe to repeat)'),
} as const;

export const RunRetryAcceptedSchema = z
  .object({
    runId: z.string(),
    outcome: z.literal('retried').openapi({ description: 'The run was woken; it goes on from the failed step (or starts over when nothing was created yet)' }),
  })
  .openapi('RunRetryAccepted');

export const McaCheckAcceptedSchema = z
  .object({
    runId: z.string(),
    heldOrders: z.number().int().openapi({ description: 'Orders of the account held for the acceptance that were woken too' }),
  })
  .openapi('McaCheckAccepted');

/** The new tenant's administrator sign-in and one-time password. */
export const RevealedCredentialsSchema = z.object({ signInName: z.string().nullable(), password: z.string() });

/** What a run action's handler is given: the company in the caller's scope, already checked like the wizard's Finish. */
interface RunActionContext {
  c: Context<AppEnv>;
  repos: Repos;
  principal: Principal;
  company: CompanyRow;
  runId: string;
}

/**
 * `POST /companies/{id}/onboarding/runs/{runId}/<action>`, authorised like the wizard's Finish
 * (`companyInScope`, so 404 outside the subtree, then `requireOrderAccess`); `handle` does the rest.
 */
function runActionRoute<S extends z.ZodType>(
  deps: OnboardingDeps,
  spec: { action: string; summary: string; status: 200 | 202; description: string; schema: S; errors?: Record<number, ReturnType<typeof problem>>; handle: (ctx: RunActionContext) => Promise<z.infer<S>> },
): Router {
  return createRouter().openapi(
    createRoute({
      ...guarded(authenticate(deps)),
      method: 'post',
      path: `/companies/{id}/onboarding/runs/{runId}/${spec.action}`,
      tags: ['Onboarding'],
      summary: spec.summary,
      request: { params: CompanyRunParamSchema },
      responses: { [spec.status]: { description: spec.description, content: json(spec.schema) }, ...scopedErrors, ...spec.errors },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const principal = c.var.principal;
      const { id, runId } = c.req.valid('param');
      const company = await companyInScope(repos, principal, id);
      requireOrderAccess(principal, company);
      // The answer is declared above from `spec`; zod-openapi cannot follow a status chosen by the caller.
      return c.json(await spec.handle({ c, repos, principal, company, runId }), spec.status) as never;
    },
  ) as unknown as Router;
}

/** The company's run `runId` of one of `kinds`, or 404 (another company's run looks like none). */
async function companyRun(deps: OnboardingDeps, company: CompanyRow, runId: string, kinds: ReadonlySet<string>, noun: string): Promise<WorkflowRunRow> {
  const run = await createWorkflowRunsRepo(deps.db).getRun(runId);
  if (!run || run.subjectId !== String(company.id) || !kinds.has(run.kind)) throw new AppError('NOT_FOUND', `${company.name} has no ${noun} ${runId}.`);
  return run;
}

function engineWait<T>(deps: OnboardingDeps, work: Promise<T>): Promise<T> {
  return withBoundedWait(work, deps.runs.engineWaitMs ?? RETRY_ENGINE_WAIT_MS, 'wake the run');
}

/** The runs that wait for the customer's signatory (docs/PARTNER-CENTER-REFERENCE.md §5.5). */
const MCA_WAITING_KINDS: ReadonlySet<string> = new Set([PROVISION_TENANT_KIND, LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND]);
const NEW_TENANT_KINDS: ReadonlySet<string> = new Set([PROVISION_TENANT_KIND]);

/**
 * The actions on one onboarding run from the company page's timeline:
 * - Retry: wakes a new-tenant run that stopped, "not synced" before the tenant exists (it starts
 *   over, reading the fixed account and its current sync options) or "needs attention" after (it
 *   goes on from the failed step). A run that is not waiting answers 409 RUN_NOT_WAITING; two quick
 *   clicks wake it once (the retry message is keyed by the failure's occurrence).
 * - Check now: a run waiting for the customer's signatory to accept the MCA looks at the attestation
 *   at once (a durable message on its `mca-check` topic), and so do the account's orders held for
 *   that acceptance; 409 RUN_NOT_WAITING when the run is not waiting for an acceptance.
 * - Reveal credentials: the new tenant's one-time administrator password, once, to the person who
 *   ordered it (`revealNewTenantCredentials`).
 */
export function onboardingRunActionRoutes(deps: OnboardingDeps): Router {
  const router = createRouter();
  router.route(
    '/',
    runActionRoute(deps, {
      action: 'retry',
      summary: 'Retry a stopped new-tenant provisioning run (not synced, or needs attention)',
      status: 202,
      description: 'The run was woken and goes on; follow it on the timeline',
      schema: RunRetryAcceptedSchema,
      errors: { 409: problem('RUN_NOT_WAITING: the run is not stopped waiting for a retry (it is running, or it has finished)'), ...WORKFLOWS_ERRORS },
      handle: async ({ c, repos, principal, company, runId }) => {
        const run = await companyRun(deps, company, runId, NEW_TENANT_KINDS, 'provisioning run');
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
        if (patch.resellerPartnerId) await requirePartnerIdChoice(repos, principal, company, patch.resellerPartnerId, 'A retried new-tenant run');
        const retry = deps.runs.retryNewTenant;
        if (!retry) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the run cannot be retried now. Start CSP Hub normally (npm start).');
        const woken = await engineWait(deps, retry(run.id, patch));
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
        return { runId: run.id, outcome: 'retried' as const };
      },
    }),
  );
  router.route(
    '/',
    runActionRoute(deps, {
      action: 'mca-check',
      summary: "Check now whether the customer's signatory accepted the Microsoft Customer Agreement (wakes the waiting run and held orders)",
      status: 202,
      description: 'The run (and held orders) look at the acceptance now; follow it on the timeline',
      schema: McaCheckAcceptedSchema,
      errors: { 409: problem('RUN_NOT_WAITING: the run is not waiting for the MCA acceptance'), ...WORKFLOWS_ERRORS },
      handle: async ({ c, repos, company, runId }) => {
        const run = await companyRun(deps, company, runId, MCA_WAITING_KINDS, 'onboarding run');
        if (run.state !== 'running' || (run.facts as { mcaStatus?: unknown } | null)?.mcaStatus !== 'waiting') {
          throw new AppError('RUN_NOT_WAITING', 'This run is not waiting for the customer to accept the Microsoft Customer Agreement; there is nothing to check. Reload the timeline to see where it is.');
        }
        const wake = deps.runs.wakeMcaCheck;
        if (!wake) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the run cannot be woken now. Start CSP Hub normally (npm start).');
        const held = (await createOrdersRepo(deps.db).listForCompany(company.id)).filter((o) => o.status === 'submitted' && o.errorCode === 'MCA_ACCEPTANCE_PENDING' && o.connectionId === run.connectionId);
        // A wake-up message is harmless when repeated (the run only looks once more), so a 503 is safe to retry.
        await engineWait(deps, Promise.all([run.id, ...held.map((o) => placeOrderWorkflowId(o.id))].map((wid) => wake(wid))));
        await writeAudit(c, repos, {
          at: deps.clock.now(),
          companyId: company.id,
          action: 'tenant.mca_check_requested',
          targetType: 'company',
          targetId: company.id,
          summary: `Asked to check the Microsoft Customer Agreement acceptance now${held.length > 0 ? ` (and ${held.length} held order(s))` : ''}.`,
          after: { runId: run.id, heldOrders: held.map((o) => o.id) },
        });
        return { runId: run.id, heldOrders: held.length };
      },
    }),
  );
  router.route(
    '/',
    runActionRoute(deps, {
      action: 'reveal-credentials',
      summary: "Show the new tenant's one-time admin password, once, to the person who ordered it",
      status: 200,
      description: 'The credentials; never again',
      schema: RevealedCredentialsSchema,
      handle: ({ c, repos, principal, company, runId }) => revealNewTenantCredentials(deps, { repos, principal, company, requestId: c.var.requestId }, runId),
    }),
  );
  return router;
}
