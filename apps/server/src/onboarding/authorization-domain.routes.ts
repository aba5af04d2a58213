import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createRepos, createTenantAuthorizationsRepo, type Database } from '@csphub/db';
import { normalizeCustomerDomain } from '@csphub/provisioning';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { detectAcceptances } from './acceptance-detector';
import { authorizationDto } from './authorization-dto';
import { AuthorizationIdParamSchema, AuthorizationSchema } from './existing-tenant.schema';
import { requireOrderAccess } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

export const AuthorizationDomainSchema = z
  .object({
    domain: z.string().min(1).max(253).openapi({ description: 'The customer\'s default domain: a custom domain (contoso.com) or its onmicrosoft.com prefix or domain.', example: 'contoso.com' }),
  })
  .openapi('AuthorizationDomain');

/**
 * The customer's domain on a pending authorization (the Pending authorizations page): an
 * authorization opened without one can be matched by the background check once it is known. The
 * check runs for the authorization's connection right away, so an acceptance already given shows.
 */
export function authorizationDomainRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'put',
      path: '/existing-tenant/authorizations/{authorizationId}/domain',
      tags: ['Existing tenant'],
      summary: 'Set the customer\'s domain on a pending authorization, then check it',
      request: { params: AuthorizationIdParamSchema, body: { required: true, content: json(AuthorizationDomainSchema) } },
      responses: { 200: { description: 'The authorization after the check', content: json(AuthorizationSchema) }, ...scopedErrors, 409: problem('Not pending') },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const auths = createTenantAuthorizationsRepo(deps.db);
      const { authorizationId } = c.req.valid('param');
      const a = await auths.get(authorizationId);
      if (!a) throw new AppError('NOT_FOUND', `There is no authorization ${authorizationId} among those you can see.`);
      const company = await companyInScope(repos, c.var.principal, a.companyId);
      requireOrderAccess(c.var.principal, company);
      const domain = normalizeCustomerDomain(c.req.valid('json').domain);
      if (!domain) {
        throw new AppError('VALIDATION_FAILED', 'Enter the customer\'s default domain, for example contoso.com or contoso.onmicrosoft.com.', [{ field: 'domain', message: 'Not a domain name' }]);
      }
      if (a.state !== 'pending') throw new AppError('CONFLICT', `This authorization is ${a.state}, not pending; its domain cannot change.`);
      const now = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        await createTenantAuthorizationsRepo(db).updatePending(a.id, { domain }, now);
        await writeAudit(c, createRepos(db, deps.box), {
          at: now,
          companyId: company.id,
          action: 'tenant_authorization.domain_set',
          targetType: 'tenant_authorization',
          targetId: a.id,
          summary: `The customer's domain ${domain} was added to the pending existing-tenant authorization.`,
          before: { domain: a.domain },
          after: { domain },
        });
      });
      await detectAcceptances(deps, { detectedBy: 'background-check', connectionId: a.connectionId, requestId: c.var.requestId });
      return c.json(authorizationDto((await auths.get(a.id))!, company.name), 200);
    },
  );
}
