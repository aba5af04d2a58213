import { createRoute, z } from '@hono/zod-openapi';
import { AppError, MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';
import { checkResellerPartnerId, provisionTenantRunId } from '@csphub/provisioning';
import { createWorkflowRunsRepo } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../channel/channel-deps';
import { requireOrderAccess } from '../onboarding/onboarding-access';
import { loadOnboardingContext } from '../onboarding/onboarding-context';
import { requirePartnerIdChoice } from '../access/tenant-ownership';
import type { OnboardingDeps } from '../onboarding/onboarding-deps';
import { AttestationSchema } from '../onboarding/existing-tenant.schema';
import { CompanyIdParamSchema } from '../onboarding/onboarding.schema';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** Where the distributor says who receives new tenants' credentials (B5): the customer or the reseller. */
export const CREDENTIALS_RECIPIENT_KEY = 'distributor.credentialsRecipient';

const NewTenantOrderSchema = z
  .object({
    connectionId: z.string().uuid(),
    domainPrefix: z.string().trim().toLowerCase().refine(isValidDomainPrefix, { message: `Letters and digits only, at most ${MAX_DOMAIN_PREFIX_LENGTH}` }),
    culture: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'A culture such as es-MX'),
    adminUsername: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{1,64}$/, 'Letters, digits, dots, dashes and underscores').default('admin'),
    requirePasswordChange: z.boolean().default(true),
    defaultGdap: z.boolean(),
    resellerPartnerId: z.string().trim().max(20).nullable().default(null),
    attestation: AttestationSchema,
    notifyMe: z.boolean().default(true),
  })
  .openapi('NewTenantOrder');

/**
 * Finish of the new-tenant wizard (issue 6): re-checks what the wizard showed (prerequisites, D1),
 * saves the account's sync options, audits the order with the MCA attestation, and submits the
 * durable provisioning run (engineer 4's `submitNewTenantRun`): a second Finish attaches to the
 * same run, or retries it with the corrected prefix after a failure (B4).
 */
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
        202: { description: 'The run', content: json(z.object({ runId: z.string(), outcome: z.enum(['started', 'attached', 'retried']) })) },
        ...scopedErrors,
        422: problem('Prerequisites missing, or the reseller Partner ID fails the D1 check'),
      },
    }),
    async (c) => {
      const repos = reposOf(deps);
      const p = c.var.principal;
      const company = await companyInScope(repos, p, c.req.valid('param').id);
      requireOrderAccess(p, company);
      const body = c.req.valid('json');
      // Only the distributor names another reseller as partner of record.
      await requirePartnerIdChoice(repos, p, company, body.resellerPartnerId, 'A new tenant');
      // The run sets up another administrator (or Microsoft's admin without a forced password change)
      // through the default GDAP roles (User Administrator, Privileged Role Administrator): without
      // them Partner Center would refuse after the tenant exists.
      if (!body.defaultGdap && (body.adminUsername !== 'admin' || !body.requirePasswordChange)) {
        throw new AppError('VALIDATION_FAILED', 'Another administrator name, or no password change at first sign-in, needs the default GDAP roles: keep defaultGdap on, or keep "admin" with a password change.', [
          { field: 'defaultGdap', message: 'Required for a custom administrator.' },
        ]);
      }
      // A second Finish while the run is under way, or after it succeeded, attaches to it (no new run).
      const existing = await createWorkflowRunsRepo(deps.db).getRun(provisionTenantRunId(company.id, body.connectionId));
      if (existing && (existing.state === 'running' || existing.state === 'succeeded')) return c.json({ runId: existing.id, outcome: 'attached' as const }, 202);
      const ctx = await loadOnboardingContext(repos, company);
      if (!ctx.connections.some((k) => k.id === body.connectionId)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${body.connectionId}.`);
      if (!ctx.prerequisites.ready) {
        const missing = ctx.prerequisites.items.filter((i) => !i.ok).flatMap((i) => i.problems.map((x) => x.message));
        throw new AppError('PREREQUISITES_MISSING', `The account is not ready to provision: ${missing.join(' ')}`);
      }
      const { client } = await deps.clients.forConnection(body.connectionId);
      const verdict = await checkResellerPartnerId(client, { partnerId: body.resellerPartnerId, distributorName: ctx.distributor.name });
      if (verdict.status === 'unknown' || verdict.status === 'invalid-format') throw new AppError('PARTNER_ID_UNKNOWN', verdict.message);
      if (verdict.status === 'not-in-network') throw new AppError('PARTNER_ID_NOT_IN_NETWORK', verdict.message);
      if (verdict.status === 'mpa-not-signed') throw new AppError('MPA_NOT_SIGNED', verdict.message);
      const start = deps.runs.startNewTenant;
      if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the order cannot start; nothing was ordered. Start CSP Hub normally (npm start).');
      const now = deps.clock.now();
      // The run creates the tenant in `<account language>-<billing country>`: the chosen culture's
      // language becomes the account's language (also the language of its notifications).
      const chosenLanguage = body.culture.slice(0, 2).toLowerCase();
      if (chosenLanguage !== company.language.slice(0, 2).toLowerCase()) await repos.companies.update(company.id, { language: chosenLanguage }, now);
      await repos.syncOptions.upsert(
        company.id,
        body.connectionId,
        { domainPrefix: body.domainPrefix, adminUsername: body.adminUsername, resellerPartnerId: verdict.status === 'ok' ? verdict.partnerId : null },
        now,
      );
      const toReseller = (await repos.settings.get<'customer' | 'reseller'>(CREDENTIALS_RECIPIENT_KEY)) === 'reseller' && ctx.reseller?.email;
      const recipient = toReseller ? ctx.reseller! : company;
      if (!recipient.email) throw new AppError('PREREQUISITES_MISSING', `${recipient.name} has no e-mail address to receive the administrator's credentials.`);
      await writeAudit(c, repos, {
        at: now,
        companyId: company.id,
        action: 'tenant.provisioning_ordered',
        targetType: 'company',
        targetId: company.id,
        summary: `New tenant ordered: ${body.domainPrefix}.onmicrosoft.com, admin ${body.adminUsername}; MCA attested: ${body.attestation.firstName} ${body.attestation.lastName} <${body.attestation.email}> accepted on ${body.attestation.acceptedAt.slice(0, 10)}.`,
        after: { connectionId: body.connectionId, domainPrefix: body.domainPrefix, culture: body.culture, adminUsername: body.adminUsername, requirePasswordChange: body.requirePasswordChange, defaultGdap: body.defaultGdap, resellerPartnerId: body.resellerPartnerId, attestation: body.attestation },
      });
      const run = await start({
        companyId: company.id,
        connectionId: body.connectionId,
        domainPrefix: body.domainPrefix,
        defaultGdap: body.defaultGdap,
        resellerPartnerId: verdict.status === 'ok' ? verdict.partnerId : null,
        mca: body.attestation,
        credentialsRecipient: { name: recipient.contactPerson ?? recipient.name, email: recipient.email, language: recipient.language },
        notify: body.notifyMe && p.email ? { name: p.name, email: p.email, language: company.language } : null,
        accountUrl: `${deps.publicUrl}/companies/${company.id}`,
        adminUsername: body.adminUsername,
        requirePasswordChange: body.requirePasswordChange,
      });
      return c.json(run, 202);
    },
  );
}
