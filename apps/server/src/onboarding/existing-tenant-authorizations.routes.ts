import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createTenantAuthorizationsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { inTransaction, reposOf } from '../app/server-deps';
import { detectAcceptances } from './acceptance-detector';
import { authorizationDto } from './authorization-dto';
import { AuthorizationIdParamSchema, AuthorizationSchema } from './existing-tenant.schema';
import { requireOnboardingRead, requireOrderAccess } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';
import { sendRequest } from './existing-tenant.routes';

import { json, listOf } from '../http/json-content';

/**
 * The Pending authorizations page's API: every existing-tenant authorization in the
 * caller's subtree with its customer, domain, when and to whom it was sent, and state; resend the
 * same request, cancel it, or run the acceptance check now.
 */
export function existingTenantAuthorizationsRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const own = async (principal: Parameters<typeof companyInScope>[1], authorizationId: string) => {
    const repos = reposOf(deps);
    const a = await createTenantAuthorizationsRepo(deps.db).get(authorizationId);
    if (!a) throw new AppError('NOT_FOUND', `There is no authorization ${authorizationId} among those you can see.`);
    const company = await companyInScope(repos, principal, a.companyId);
    requireOrderAccess(principal, company);
    return { repos, company, a };
  };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/existing-tenant/authorizations',
        tags: ['Existing tenant'],
        summary: 'Authorizations in your subtree, newest first (the Pending authorizations page)',
        request: { query: z.object({ state: z.enum(['pending', 'accepted', 'cancelled']).optional().openapi({ param: { name: 'state', in: 'query' } }) }) },
        responses: { 200: { description: 'Authorizations', content: json(listOf(AuthorizationSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireOnboardingRead(p);
        const state = c.req.valid('query').state;
        const rows = await createTenantAuthorizationsRepo(deps.db).listInSubtree(p.company.path, state ? { state } : {});
        return c.json({ items: rows.map((r) => authorizationDto(r, r.companyName)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/existing-tenant/authorizations/{authorizationId}/resend',
        tags: ['Existing tenant'],
        summary: 'Send the same authorization request again, to the same recipients',
        request: { params: AuthorizationIdParamSchema },
        responses: { 200: { description: 'Sent again', content: json(AuthorizationSchema) }, ...scopedErrors, 409: problem('Not pending, or never sent') },
      }),
      async (c) => {
        const { repos, company, a } = await own(c.var.principal, c.req.valid('param').authorizationId);
        if (a.sentTo.length === 0) throw new AppError('CONFLICT', 'This request was never sent; send it from the order first, with its recipients.');
        return c.json(authorizationDto(await sendRequest(deps, c, repos, company, a, a.sentTo, a.sentCc), company.name), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/existing-tenant/authorizations/{authorizationId}/cancel',
        tags: ['Existing tenant'],
        summary: 'Cancel a pending authorization',
        request: { params: AuthorizationIdParamSchema },
        responses: { 200: { description: 'Cancelled', content: json(AuthorizationSchema) }, ...scopedErrors, 409: problem('Not pending') },
      }),
      async (c) => {
        const { company, a } = await own(c.var.principal, c.req.valid('param').authorizationId);
        const now = deps.clock.now();
        const cancelled = await inTransaction(deps, async (tx, db) => {
          const row = await createTenantAuthorizationsRepo(db).cancel(a.id, now);
          if (!row) throw new AppError('CONFLICT', `This authorization is ${a.state}, not pending; it cannot be cancelled.`);
          await writeAudit(c, tx, {
            at: now,
            companyId: company.id,
            action: 'tenant_authorization.cancelled',
            targetType: 'tenant_authorization',
            targetId: a.id,
            summary: `Existing-tenant authorization${a.domain ? ` for ${a.domain}` : ''} cancelled.`,
          });
          return row;
        });
        return c.json(authorizationDto(cancelled, company.name), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/existing-tenant/authorizations/check',
        tags: ['Existing tenant'],
        summary: 'Run the background check of pending authorizations now',
        responses: { 200: { description: 'Ids of the authorizations found accepted', content: json(z.object({ accepted: z.array(z.string()) })) }, ...scopedErrors },
      }),
      async (c) => {
        requirePermission(c.var.principal, 'sync.manage', 'check pending authorizations');
        const accepted = await detectAcceptances(deps, { detectedBy: 'background-check', requestId: c.var.requestId });
        return c.json({ accepted }, 200);
      },
    );
}
