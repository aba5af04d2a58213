import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createWorkflowRunsRepo } from '@csphub/db';
import { MCA_ACCEPTANCE_KIND, mcaAcceptanceRunId } from '@csphub/provisioning';
import { isPartnerCenterError } from '@csphub/partner-center';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { linkedTenantIn, linkedTenantsOf } from '../commerce/linked-tenants';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyIdParamSchema, RunStartedSchema } from './onboarding.schema';
import { McaSignatorySchema } from './mca-signatory.schema';
import { mcaSignatoryInput } from './mca-signatory-input';
import { json } from '../http/json-content';

export const McaStatusSchema = z
  .object({
    items: z.array(
      z.object({
        connectionId: z.string(),
        connectionName: z.string(),
        tenantId: z.string(),
        state: z.enum(['current', 'outdated', 'none', 'unknown']).openapi({
          description: '`outdated`: the customer accepted an older version than the one Microsoft lists now and must accept again before the next purchase; `unknown`: Partner Center did not answer',
        }),
        currentTemplateId: z.string().nullable(),
        request: z.object({ runId: z.string(), state: z.string(), mcaStatus: z.string().nullable() }).nullable().openapi({ description: 'The latest acceptance request run, if any' }),
      }),
    ),
  })
  .openapi('McaStatus');

export const AcceptanceRequestBodySchema = z.object({ connectionId: z.string().uuid(), signatory: McaSignatorySchema }).openapi('McaAcceptanceRequest');

/**
 * The customer's Microsoft Customer Agreement in each linked connection, read live from Partner
 * Center (docs/PARTNER-CENTER-REFERENCE.md §5.6): current, outdated (Microsoft published a new
 * version since the acceptance: "needs re-acceptance"), or none; and "Request acceptance", which
 * starts the acceptance run for the signatory (enhanced attestation, e-mailed link, durable wait,
 * agreement). Orders placed while it waits are held.
 */
export function mcaAcceptanceRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const latestRequest = async (companyId: number, connectionId: string) =>
    (await createWorkflowRunsRepo(deps.db).listRunsForSubject(String(companyId))).filter((r) => r.kind === MCA_ACCEPTANCE_KIND && r.connectionId === connectionId);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/mca',
        tags: ['Onboarding'],
        summary: "The customer's Microsoft Customer Agreement in each linked connection (current, needs re-acceptance, none)",
        request: { params: CompanyIdParamSchema },
        responses: { 200: { description: 'One item per linked tenant', content: json(McaStatusSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const company = await companyInScope(repos, c.var.principal, c.req.valid('param').id);
        requireOrderAccess(c.var.principal, company);
        const items = await Promise.all(
          (await linkedTenantsOf(repos, company)).map(async (t) => {
            let status: { state: 'current' | 'outdated' | 'none' | 'unknown'; currentTemplateId: string | null } = { state: 'unknown', currentTemplateId: null };
            try {
              const { client } = await deps.clients.forConnection(t.connection.id);
              status = await client.mcaStatus(t.tenantId);
            } catch (e) {
              if (!isPartnerCenterError(e)) throw e;
            }
            const [latest] = await latestRequest(company.id, t.connection.id);
            const request = latest ? { runId: latest.id, state: latest.state, mcaStatus: ((latest.facts ?? {}) as { mcaStatus?: string }).mcaStatus ?? null } : null;
            return { connectionId: t.connection.id, connectionName: t.connection.name, tenantId: t.tenantId, ...status, request };
          }),
        );
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/mca/acceptance-request',
        tags: ['Onboarding'],
        summary: "Ask the customer's signatory to accept the current Microsoft Customer Agreement (starts the acceptance run)",
        request: { params: CompanyIdParamSchema, body: { content: json(AcceptanceRequestBodySchema), required: true } },
        responses: {
          202: { description: 'The acceptance run (started now, or already waiting)', content: json(RunStartedSchema) },
          ...scopedErrors,
          409: problem('MCA_ALREADY_ACCEPTED: the customer accepted the current version; TENANT_NOT_LINKED: no tenant in this connection'),
          503: problem('WORKFLOWS_UNAVAILABLE: durable runs are not running here'),
        },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const p = c.var.principal;
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requireOrderAccess(p, company);
        const body = c.req.valid('json');
        const tenant = await linkedTenantIn(repos, company, body.connectionId);
        // A request already waiting is the answer (a double click, a retried call): no second e-mail.
        const earlier = await latestRequest(company.id, body.connectionId);
        const live = earlier.find((r) => r.state === 'running');
        if (live) return c.json({ runId: live.id }, 202);
        const { client } = await deps.clients.forConnection(body.connectionId);
        const status = await client.mcaStatus(tenant.tenantId);
        if (status.state === 'current') throw new AppError('MCA_ALREADY_ACCEPTED', `${company.name} has already accepted the current Microsoft Customer Agreement in this connection; nothing to request.`);
        const start = deps.runs.startMcaAcceptance;
        if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the request cannot start; nothing was sent. Start CSP Hub normally (npm start).');
        const parent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
        const partner = parent?.kind === 'reseller' ? parent : await repos.companies.root();
        const signatory = mcaSignatoryInput(company, body.signatory, { partnerName: partner?.name ?? company.name });
        const runId = mcaAcceptanceRunId(company.id, body.connectionId, earlier.length + 1);
        await writeAudit(c, repos, {
          at: deps.clock.now(),
          companyId: company.id,
          action: 'tenant.mca_acceptance_requested',
          targetType: 'company',
          targetId: company.id,
          summary: `Microsoft Customer Agreement acceptance requested from ${signatory.firstName} ${signatory.lastName} <${signatory.email}> (${status.state === 'outdated' ? 'a new version' : 'no acceptance on record'}).`,
          after: { runId, connectionId: body.connectionId, tenantId: tenant.tenantId, previous: status.state, currentTemplateId: status.currentTemplateId, signatory },
        });
        await start({ companyId: company.id, connectionId: body.connectionId, tenantId: tenant.tenantId, signatory }, runId);
        return c.json({ runId }, 202);
      },
    );
}
