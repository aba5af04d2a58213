import { createRoute } from '@hono/zod-openapi';
import { createTenantAuthorizationsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { json } from '../http/json-content';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { actorOf } from '../auth/principal';
import { companyInScope } from '../access/scope';
import { reposOf } from '../app/server-deps';
import { openAuthorization, verifyAndRecord } from './existing-tenant-service';
import { invitationText } from './invitation-text';
import { requireOrderAccess } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';
import { CompanyIdParamSchema } from './onboarding.schema';
import { LinkVisibleBodySchema, LinkVisibleSchema } from './existing-tenant.schema';
import { authorizationDto } from './authorization-dto';

/**
 * POST /companies/{id}/existing-tenant/link-visible: the one-click link of a tenant the
 * connection already serves, under the same rules as the wizard's open-then-verify.
 */
export function linkVisibleTenantRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const load = async (principal: Parameters<typeof companyInScope>[1], id: number) => {
    const company = await companyInScope(reposOf(deps), principal, id);
    requireOrderAccess(principal, company);
    return { company };
  };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/existing-tenant/link-visible',
        tags: ['Existing tenant'],
        summary: 'Link a tenant the connection already serves in one action: opens the authorization and verifies it by the domain, under the same ownership rules as Verify',
        request: { params: CompanyIdParamSchema, body: { content: json(LinkVisibleBodySchema), required: true } },
        responses: {
          200: { description: 'The authorization and the verdict: linked (recorded), a move to confirm (recorded false, alreadyLinkedTo), or what is missing', content: json(LinkVisibleSchema) },
          ...scopedErrors,
          403: problem('RELINK_NOT_ALLOWED: the tenant is held by an account the caller may not take it from (named nowhere); PARTNER_ID_NOT_ALLOWED'),
          422: problem('The reseller Partner ID is missing or not in the network'),
        },
      }),
      async (c) => {
        const { company } = await load(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const p = c.var.principal;
        const domain = body.domain.includes('.') ? body.domain.toLowerCase() : `${body.domain.toLowerCase()}.onmicrosoft.com`;
        const { authorization, ctx, reseller } = await openAuthorization(deps, {
          principal: p,
          company,
          connectionId: body.connectionId,
          resellerPartnerId: body.resellerPartnerId ?? null,
          domain,
          requestedBy: { id: p.userId ?? p.id, label: p.name, email: p.email },
        });
        const outcome = await verifyAndRecord(deps, { principal: p, authorization, company, domain, confirmRelink: body.confirmRelink, actor: actorOf(p), requestId: c.var.requestId });
        const verify = outcome.status === 'verified' ? outcome : { status: outcome.status, message: outcome.message };
        const now = outcome.status === 'verified' && outcome.recorded ? ((await createTenantAuthorizationsRepo(deps.db).get(authorization.id)) ?? authorization) : authorization;
        const partnerName = reseller?.name ?? ctx.distributor.name;
        return c.json(
          {
            authorization: {
              authorization: authorizationDto(now, company.name),
              direct: reseller === null,
              resellerName: reseller?.name ?? null,
              invitation: invitationText(company.language, { partnerName, customerName: company.name, url: now.invitationUrl }),
            },
            verify,
          },
          200,
        );
      },
    );
}
