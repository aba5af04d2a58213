import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { revealNewTenantCredentials } from './new-tenant-service';
import { reposOf } from '../app/server-deps';
import type { OnboardingDeps } from './onboarding-deps';
import { requireOrderAccess } from './onboarding-access';
import { CompanyRunParamSchema } from './onboarding.schema';

import { json } from '../http/json-content';

/** The new tenant's one-time administrator password, once, to the person who ordered it (`revealNewTenantCredentials`). */
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
      const principal = c.var.principal;
      const { id, runId } = c.req.valid('param');
      const company = await companyInScope(repos, principal, id);
      requireOrderAccess(principal, company);
      return c.json(await revealNewTenantCredentials(deps, { repos, principal, company, requestId: c.var.requestId }, runId), 200);
    },
  );
}
