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
import { GDAP_TEMPLATES, readDistributorSettings, writeDistributorSettings } from './distributor-settings';

export const PolicySchema = z
  .object({
    requireCorporateEmail: z.boolean().openapi({ description: 'Refuse free-mail addresses as a company e-mail' }),
    requireSubCustomerBillingAddress: z.boolean().openapi({ description: "Sub-customers need their own billing address (no reseller fallback)" }),
  })
  .openapi('DistributorPolicy');

export const DistributorSettingsSchema = z
  .object({
    credentialsRecipient: z.enum(['customer', 'reseller']).openapi({ description: "Who receives a new tenant's administrator sign-in name and temporary password in the welcome notification: the customer, or its reseller (direct customers always receive their own)" }),
    requireSubCustomerBillingAddress: z.boolean().openapi({ description: "Sub-customers need their own billing address before provisioning or checkout (no fallback to the reseller's)" }),
    requireCorporateEmail: z.boolean().openapi({ description: 'Refuse free-mail addresses as a company e-mail' }),
    defaultGdapTemplate: z.enum(GDAP_TEMPLATES).openapi({ description: "The GDAP a new tenant's order starts with: Microsoft's default GDAP roles at creation, or none" }),
    notifyOrdererByDefault: z.boolean().openapi({ description: '"Notify me when it is done" starts ticked on new orders' }),
    subscriptionNotices: z.boolean().openapi({ description: 'Send customers and resellers the notices about their subscriptions (7-day window closing, term ending)' }),
    resellersEditNotifications: z.boolean().openapi({ description: "Resellers' administrators may change the wording of the notifications about their customers (otherwise only the distributor's)" }),
  })
  .openapi('DistributorSettings');
export type DistributorSettingsView = z.infer<typeof DistributorSettingsSchema>;

/**
 * The settings as the audit log keeps them: the audit masks any key that names credentials, so the
 * recipient (a choice, not a secret) is recorded as `adminSignInSentTo`.
 */
function auditView({ credentialsRecipient, ...rest }: DistributorSettingsView): Record<string, unknown> {
  return { adminSignInSentTo: credentialsRecipient, ...rest };
}

/**
 * GET and PATCH /settings/policy (the prerequisites policy, everyone reads it) and
 * /settings/distributor (every distributor setting; distributor admins only, each change audited).
 */
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
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/settings/distributor',
        tags: ['Settings'],
        summary: "The distributor's settings: credentials recipient, billing-address rule, default GDAP, notification defaults (distributor admins)",
        responses: { 200: { description: 'The settings', content: json(DistributorSettingsSchema) }, ...authErrors },
      }),
      async (c) => {
        requirePermission(c.var.principal, 'settings.manage', "see the distributor's settings");
        return c.json(await readDistributorSettings(reposOf(deps)), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/settings/distributor',
        tags: ['Settings'],
        summary: "Change the distributor's settings (distributor admins; audited with the values before and after)",
        request: { body: { required: true, content: json(DistributorSettingsSchema.partial().strict()) } },
        responses: { 200: { description: 'The settings now', content: json(DistributorSettingsSchema) }, 400: problem('A field is not valid'), ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'settings.manage', "change the distributor's settings");
        const now = deps.clock.now();
        const patch = c.req.valid('json');
        const settings = await inTransaction(deps, async (repos) => {
          const before = await readDistributorSettings(repos);
          const after = { ...before, ...patch };
          await writeDistributorSettings(repos, after);
          const changed = Object.keys(patch).filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after]);
          const root = (await repos.companies.root())!;
          await writeAudit(c, repos, { at: now, companyId: root.id, action: 'settings.updated', targetType: 'settings', targetId: 'distributor', summary: `Changed the distributor settings${changed.length ? `: ${changed.join(', ')}` : ' (no change)'}`, before: auditView(before), after: auditView(after) });
          return after;
        });
        return c.json(settings, 200);
      },
    );
}
