import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createOutboxRepo, createWorkflowRunsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../channel/channel-deps';
import type { OnboardingDeps } from '../onboarding/onboarding-deps';
import { requireOrderAccess } from '../onboarding/onboarding-access';
import { CompanyRunParamSchema } from '../onboarding/onboarding.schema';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/**
 * The new tenant's one-time administrator password, shown at most once and only to the person who
 * ran the order (MISSION.md B5). It lives sealed in the welcome message of the local outbox until
 * this call reveals and wipes it; a second call, anyone else, or an SMTP delivery (nothing kept)
 * gets 404. The reveal is audited without the password.
 */
export function onboardingCredentialsRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/companies/{id}/onboarding/runs/{runId}/reveal-credentials',
      tags: ['Onboarding'],
      summary: "Show the new tenant's one-time admin password, once, to the person who ordered it",
      request: { params: CompanyRunParamSchema },
      responses: { 200: { description: 'The credentials; never again', content: json(z.object({ signInName: z.string().nullable(), password: z.string() })) }, ...scopedErrors },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const p = c.var.principal;
      const { id, runId } = c.req.valid('param');
      const company = await companyInScope(repos, p, id);
      requireOrderAccess(p, company);
      const gone = () => new AppError('NOT_FOUND', 'There is no password to show: it was already shown once, sent by e-mail, or this order is not yours.');
      const run = await createWorkflowRunsRepo(deps.db).getRun(runId);
      if (!run || run.subjectId !== String(company.id) || run.kind !== 'provision-tenant') throw gone();
      const ordered = await repos.auditLog.list({ pathPrefix: company.path, companyId: company.id, action: 'tenant.provisioning_ordered', limit: 20 });
      const mine = ordered.find((e) => e.actorId === p.id && (e.after as { connectionId?: string } | null)?.connectionId === run.connectionId);
      if (!mine) throw gone();
      const outbox = createOutboxRepo(deps.db, deps.box);
      const welcome = (await outbox.list({ subjectId: String(company.id), limit: 200 })).find((m) => m.dedupeKey === `${runId}:welcome`);
      if (!welcome) throw gone();
      const secrets = await outbox.revealSecrets(welcome.id, deps.clock.now());
      if (!secrets?.temporaryPassword) throw gone();
      await writeAudit(c, repos, {
        at: deps.clock.now(),
        companyId: company.id,
        action: 'tenant.credentials_revealed',
        targetType: 'company',
        targetId: company.id,
        summary: `The one-time administrator password was shown to ${p.label} (once; it is no longer stored).`,
      });
      const signInName = /\b[\w.+-]+@[\w.-]+\.onmicrosoft\.com\b/.exec(welcome.text)?.[0] ?? null;
      return c.json({ signInName, password: secrets.temporaryPassword }, 200);
    },
  );
}
