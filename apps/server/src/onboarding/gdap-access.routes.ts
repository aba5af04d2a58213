import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createWorkflowRunsRepo } from '@csphub/db';
import { GDAP_ACCESS_UPDATE_KIND } from '@csphub/provisioning';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { linkedTenantIn } from '../commerce/linked-tenants';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyIdParamSchema } from './onboarding.schema';
import { json } from '../http/json-content';

const GUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'A GUID');
const Params = CompanyIdParamSchema.extend({
  relationshipId: z.string().min(1).max(100).regex(/^[0-9A-Za-z-]+$/, 'A relationship id').openapi({ param: { name: 'relationshipId', in: 'path' } }),
  assignmentId: z.string().min(1).max(100).regex(/^[0-9A-Za-z-]+$/, 'An access assignment id').openapi({ param: { name: 'assignmentId', in: 'path' } }),
});
const BodySchema = z.object({ connectionId: z.string().uuid(), roleIds: z.array(GUID).min(1).max(72).openapi({ description: 'The Entra role definition ids the security group gets' }) }).openapi('GdapAccessUpdate');

/**
 * Changing the roles of a GDAP access assignment of the account's tenant: starts the run that sends
 * the PATCH and follows Graph's long-running operation until it succeeded or failed
 * (`gdap/update-gdap-access.workflow.ts`). The relationship must be one of the account's tenant in
 * that connection (404 otherwise); a run already under way for the assignment is the answer.
 */
export function gdapAccessRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/companies/{id}/gdap/relationships/{relationshipId}/access-assignments/{assignmentId}/roles',
      tags: ['Onboarding'],
      summary: "Change the roles of a GDAP access assignment (the run follows Graph's 202 operation)",
      request: { params: Params, body: { content: json(BodySchema), required: true } },
      responses: {
        202: { description: 'The run (started now, or already under way for this assignment)', content: json(z.object({ runId: z.string() })) },
        ...scopedErrors,
        409: problem('TENANT_NOT_LINKED: the account has no tenant in this connection'),
        503: problem('WORKFLOWS_UNAVAILABLE: durable runs are not running here'),
      },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const p = c.var.principal;
      const { id, relationshipId, assignmentId } = c.req.valid('param');
      const company = await companyInScope(repos, p, id);
      requireOrderAccess(p, company);
      const body = c.req.valid('json');
      const tenant = await linkedTenantIn(repos, company, body.connectionId);
      const prefix = `${GDAP_ACCESS_UPDATE_KIND}:${company.id}:${assignmentId}:`;
      const earlier = (await createWorkflowRunsRepo(deps.db).listRunsForSubject(String(company.id))).filter((r) => r.id.startsWith(prefix));
      const live = earlier.find((r) => r.state === 'running');
      if (live) return c.json({ runId: live.id }, 202);
      const { client } = await deps.clients.forConnection(body.connectionId);
      const relationship = await client.getGdapRelationship(relationshipId).catch(() => undefined);
      if (!relationship || relationship.customerTenantId?.toLowerCase() !== tenant.tenantId.toLowerCase()) {
        throw new AppError('NOT_FOUND', `${company.name}'s tenant has no GDAP relationship ${relationshipId} in this connection.`);
      }
      const start = deps.runs.startGdapAccessUpdate;
      if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the change cannot start; nothing was changed. Start CSP Hub normally (npm start).');
      const runId = `${prefix}${earlier.length + 1}`;
      await writeAudit(c, repos, {
        at: deps.clock.now(),
        companyId: company.id,
        action: 'gdap.access_roles_change_requested',
        targetType: 'company',
        targetId: company.id,
        summary: `GDAP access assignment ${assignmentId} of relationship ${relationshipId}: roles to be changed to ${body.roleIds.length} role(s).`,
        after: { runId, relationshipId, assignmentId, roleIds: body.roleIds },
      });
      await start({ companyId: company.id, connectionId: body.connectionId, relationshipId, assignmentId, roleIds: body.roleIds }, runId);
      return c.json({ runId }, 202);
    },
  );
}
