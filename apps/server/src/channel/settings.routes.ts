import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { inTransaction, reposOf, type ServerDeps } from '../app/server-deps';
import { POLICY_KEY, readPolicy } from './policy';
import { json } from '../http/json-content';

export const PolicySchema = z
  .object({
    requireCorporateEmail: z.boolean().openapi({ description: 'Refuse free-mail addresses as a company e-mail' }),
    requireSubCustomerBillingAddress: z.boolean().openapi({ description: "Sub-customers need their own billing address (no reseller fallback)" }),
  })
  .openapi('DistributorPolicy');

/** GET and PATCH /settings/policy: the distributor's provisioning prerequisites policy. */
export function settingsRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/settings/policy',
        tags: ['Settings'],
        summary: "The distributor's prerequisite policy (everyone may read it: it explains the checklist)",
        responses: { 200: { description: 'The policy', content: json(PolicySchema) }, ...authErrors },
      }),
      async (c) => c.json(await readPolicy(reposOf(deps)), 200),
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/settings/policy',
        tags: ['Settings'],
        summary: 'Change the prerequisite policy (distributor admins)',
        request: { body: { required: true, content: json(PolicySchema.partial().strict()) } },
        responses: { 200: { description: 'The new policy', content: json(PolicySchema) }, 400: problem('A field is not valid'), ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'settings.manage', 'change the distributor policy');
        const now = deps.clock.now();
        const patch = c.req.valid('json');
        const policy = await inTransaction(deps, async (repos) => {
          const before = await readPolicy(repos);
          const after = { ...before, ...patch };
          await repos.settings.set(POLICY_KEY, after);
          const root = (await repos.companies.root())!;
          await writeAudit(c, repos, { at: now, companyId: root.id, action: 'settings.updated', targetType: 'settings', targetId: POLICY_KEY, summary: 'Changed the prerequisite policy', before, after });
          return after;
        });
        return c.json(policy, 200);
      },
    );
}
