import { createRoute, z } from '@hono/zod-openapi';
import { MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { reposOf } from '../app/server-deps';
import { requireOrderAccess } from './onboarding-access';
import { finishNewTenantOrder } from './new-tenant-service';
import type { OnboardingDeps } from './onboarding-deps';
import { AttestationSchema } from './existing-tenant.schema';
import { CompanyIdParamSchema } from './onboarding.schema';
import { McaSignatorySchema } from './mca-signatory.schema';

import { json } from '../http/json-content';

export const NewTenantOrderSchema = z
  .object({
    connectionId: z.string().uuid(),
    domainPrefix: z.string().trim().toLowerCase().refine(isValidDomainPrefix, { message: `Letters and digits only, at most ${MAX_DOMAIN_PREFIX_LENGTH}` }),
    culture: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'A culture such as es-MX'),
    adminUsername: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{1,64}$/, 'Letters, digits, dots, dashes and underscores').default('admin'),
    requirePasswordChange: z.boolean().default(true),
    defaultGdap: z.boolean(),
    gdapTemplateId: z.number().int().positive().optional().openapi({ description: "Without defaultGdap: the GDAP template the explicit request asks for (one of the connection's); absent: the connection's default template" }),
    resellerPartnerId: z.string().trim().max(20).nullable().default(null),
    /** Partner-typed attestation (signer and date); `signatory` is the way Microsoft documents today. */
    attestation: AttestationSchema.optional().openapi({ description: 'The signer and date of acceptance the partner records (the older way); give this or signatory' }),
    signatory: McaSignatorySchema.optional().openapi({ description: "The customer's signatory, who accepts the MCA from an e-mailed link; give this or attestation" }),
    notifyMe: z.boolean().default(true),
  })
  .openapi('NewTenantOrder');

export const NewTenantStartedSchema = z.object({ runId: z.string(), outcome: z.enum(['started', 'attached', 'retried']) });

/** Finish of the new-tenant wizard: parsing and access here, the use case in `finishNewTenantOrder`. */
export function onboardingNewTenantRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/companies/{id}/onboarding/new-tenant',
      tags: ['Onboarding'],
      summary: 'Finish the new-tenant order: start (or retry) the provisioning run',
      request: { params: CompanyIdParamSchema, body: { content: json(NewTenantOrderSchema), required: true } },
      responses: {
        202: { description: 'The run', content: json(NewTenantStartedSchema) },
        ...scopedErrors,
        422: problem('Prerequisites missing, or the reseller Partner ID fails the Partner ID check'),
      },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const principal = c.var.principal;
      const company = await companyInScope(repos, principal, c.req.valid('param').id);
      requireOrderAccess(principal, company);
      const run = await finishNewTenantOrder(deps, { repos, principal, company, requestId: c.var.requestId }, c.req.valid('json'));
      return c.json(run, 202);
    },
  );
}
