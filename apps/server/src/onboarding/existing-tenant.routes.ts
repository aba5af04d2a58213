import { createRoute } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createTenantAuthorizationsRepo, createWorkflowRunsRepo, type CompanyRow, type Repos, type TenantAuthorizationRow } from '@csphub/db';
import { linkExistingTenantRunId, type McaSignatoryInput } from '@csphub/provisioning';
import type { McaSignatory } from './mca-signatory.schema';
import { mcaSignatoryInput } from './mca-signatory-input';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { actorOf, staffLanguageOf } from '../auth/principal';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { inTransaction, reposOf } from '../app/server-deps';
import { openAuthorization, verifyAndRecord } from './existing-tenant-service';
import { invitationText } from './invitation-text';
import { requireOrderAccess } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';
import { CompanyIdParamSchema, RunStartedSchema } from './onboarding.schema';
import { ensureRelationshipWebhook, webhookUrlFor } from './partner-center-webhook';
import {
  CheckoutBodySchema,
  OpenAuthorizationBodySchema,
  OpenAuthorizationSchema,
  SendRequestBodySchema,
  VerifyBodySchema,
  VerifySchema,
  AuthorizationSchema,
} from './existing-tenant.schema';
import { authorizationDto } from './authorization-dto';

import { json } from '../http/json-content';
import { onboardingGdapTemplate } from '../gdap/gdap-templates';

/**
 * The existing-tenant branch of the wizard: open the authorization with the
 * invitation link and ready text, send the "customer authorization request" e-mail, verify the
 * authorization by the customer's default domain (linking, with confirmation when the tenant is
 * linked elsewhere), and check out, which starts the durable link run.
 */
export function existingTenantRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const load = async (principal: Parameters<typeof companyInScope>[1], id: number) => {
    const repos = reposOf(deps);
    const company = await companyInScope(repos, principal, id);
    requireOrderAccess(principal, company);
    return { repos, company };
  };
  const openOf = async (companyId: number, connectionId: string): Promise<TenantAuthorizationRow> => {
    const open = await createTenantAuthorizationsRepo(deps.db).findOpen(companyId, connectionId);
    if (!open) throw new AppError('CONFLICT', 'Open the existing-tenant authorization first (the invitation link), then try again.');
    return open;
  };

  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/existing-tenant/authorization',
        tags: ['Existing tenant'],
        summary: 'Open (or reuse) the authorization: invitation link from Partner Center and the ready invitation text',
        request: { params: CompanyIdParamSchema, body: { content: json(OpenAuthorizationBodySchema), required: true } },
        responses: { 200: { description: 'The pending (or accepted) authorization', content: json(OpenAuthorizationSchema) }, ...scopedErrors, 422: problem('The reseller Partner ID is missing or not in the network'), 502: problem('Partner Center did not answer') },
      }),
      async (c) => {
        const { company } = await load(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const p = c.var.principal;
        const { authorization, ctx, reseller } = await openAuthorization(deps, {
          principal: p,
          company,
          connectionId: body.connectionId,
          resellerPartnerId: body.resellerPartnerId ?? null,
          domain: body.domain ?? null,
          requestedBy: { id: p.userId ?? p.id, label: p.name, email: p.email },
        });
        // Partner Center tells us about acceptances by webhook; register it once per connection (best effort).
        const { client } = await deps.clients.forConnection(body.connectionId);
        await ensureRelationshipWebhook(client, webhookUrlFor(deps.publicUrl, body.connectionId)).catch((e: unknown) => c.var.logger.warn({ err: e }, 'webhook registration failed'));
        const partnerName = reseller?.name ?? ctx.distributor.name;
        return c.json(
          {
            authorization: authorizationDto(authorization, company.name),
            direct: reseller === null,
            resellerName: reseller?.name ?? null,
            invitation: invitationText(company.language, { partnerName, customerName: company.name, url: authorization.invitationUrl }),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/existing-tenant/authorization/request',
        tags: ['Existing tenant'],
        summary: 'Send the "customer authorization request" e-mail (fixed body) to the Global Admin: TO required, CC optional',
        request: { params: CompanyIdParamSchema, body: { content: json(SendRequestBodySchema), required: true } },
        responses: { 200: { description: 'Sent; recorded on the authorization and in the audit log', content: json(AuthorizationSchema) }, ...scopedErrors, 409: problem('No authorization is open') },
      }),
      async (c) => {
        const { repos, company } = await load(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const open = await openOf(company.id, body.connectionId);
        return c.json(authorizationDto(await sendRequest(deps, c, repos, company, open, body.to, body.cc), company.name), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/existing-tenant/verify',
        tags: ['Existing tenant'],
        summary: "Verify the authorization by the customer's default domain (onmicrosoft.com or custom); link when verified",
        request: { params: CompanyIdParamSchema, body: { content: json(VerifyBodySchema), required: true } },
        responses: {
          200: { description: 'Verified (and whether the link was recorded), or what is missing', content: json(VerifySchema) },
          ...scopedErrors,
          403: problem('RELINK_NOT_ALLOWED: the tenant is held by an account the caller may not take it from (named nowhere); PARTNER_ID_NOT_ALLOWED: the authorization names a Partner ID the caller may not use'),
          409: problem('No authorization is open'),
        },
      }),
      async (c) => {
        const { company } = await load(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const open = await openOf(company.id, body.connectionId);
        const outcome = await verifyAndRecord(deps, { principal: c.var.principal, authorization: open, company, domain: body.domain, confirmRelink: body.confirmRelink, actor: actorOf(c.var.principal), requestId: c.var.requestId });
        if (outcome.status !== 'verified') return c.json({ status: outcome.status, message: outcome.message }, 200);
        return c.json(outcome, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/existing-tenant/checkout',
        tags: ['Existing tenant'],
        summary: 'Finish the existing-tenant order: starts the durable link run (store link, MCA, optional GDAP, notify)',
        request: { params: CompanyIdParamSchema, body: { content: json(CheckoutBodySchema), required: true } },
        responses: {
          202: { description: 'The run (started now, or already running for this authorization)', content: json(RunStartedSchema) },
          ...scopedErrors,
          409: problem('The authorization is not verified yet: checkout stays disabled'),
        },
      }),
      async (c) => {
        const { repos, company } = await load(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const open = await openOf(company.id, body.connectionId);
        if (open.state !== 'accepted' || !open.tenantId || !open.defaultDomain) {
          throw new AppError('CONFLICT', 'The customer has not authorized the relationship yet (or it was not verified). Verify the authorization first; checkout stays disabled until then.');
        }
        if (body.signatory && body.attestation) {
          throw new AppError('VALIDATION_FAILED', 'Give either the signatory or a recorded attestation, not both.', [{ field: 'signatory', message: 'Give either the signatory or a recorded attestation, not both.' }]);
        }
        const p = c.var.principal;
        // A second Finish (double click, retried API call) attaches to the run of this authorization
        // while it runs or once it succeeded; after a failure (e.g. no MCA) it starts the retry run.
        const base = linkExistingTenantRunId({ companyId: company.id, connectionId: open.connectionId, authorizationId: open.id });
        const earlier = (await createWorkflowRunsRepo(deps.db).listRunsForSubject(String(company.id))).filter((r) => r.id === base || r.id.startsWith(`${base}:retry-`));
        const live = earlier.find((r) => r.state === 'running' || r.state === 'succeeded');
        if (live) return c.json({ runId: live.id }, 202);
        const runId = earlier.length === 0 ? base : `${base}:retry-${earlier.length}`;
        const start = deps.runs.startLinkExistingTenant;
        if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the order cannot start; nothing was ordered. Start CSP Hub normally (npm start).');
        const input = {
          companyId: company.id,
          companyName: company.name,
          connectionId: open.connectionId,
          authorizationId: open.id,
          tenantId: open.tenantId,
          defaultDomain: open.defaultDomain,
          resellerPartnerId: open.resellerPartnerId,
          attestation: body.attestation,
          signatory: body.signatory ? await signatoryInputOf(repos, company, open, body.signatory) : null,
          requestGdap: body.requestGdap,
          // The customer's administrators approve the GDAP request: those the invitation went to, else the company's address.
          gdapApprover: body.requestGdap ? await gdapApproverOf(repos, company, open) : null,
          gdapTemplate: body.requestGdap ? await onboardingGdapTemplate(repos, open.connectionId, body.gdapTemplateId, deps.clock.now()) : null,
          // The staff member's notice goes in their own language, not the customer's.
          notify: body.notifyMe && p.email ? { name: p.name, email: p.email, language: staffLanguageOf(p) } : null,
          accountUrl: `${deps.publicUrl}/companies/${company.id}`,
        };
        await writeAudit(c, repos, {
          at: deps.clock.now(),
          companyId: company.id,
          action: 'tenant.link_ordered',
          targetType: 'company',
          targetId: company.id,
          summary: `Existing-tenant order for ${open.defaultDomain} (tenant ${open.tenantId})${body.attestation ? `; MCA attested: ${body.attestation.firstName} ${body.attestation.lastName} <${body.attestation.email}> accepted on ${body.attestation.acceptedAt.slice(0, 10)}` : ''}${input.signatory ? `; MCA acceptance to be requested from ${input.signatory.firstName} ${input.signatory.lastName} <${input.signatory.email}>` : ''}${input.gdapTemplate ? `; GDAP requested from template "${input.gdapTemplate.name}" v${input.gdapTemplate.version}` : ''}.`,
          after: { runId, attestation: body.attestation, signatory: input.signatory, requestGdap: body.requestGdap, gdapTemplateId: input.gdapTemplate?.id ?? null },
        });
        await start(input, runId);
        return c.json({ runId }, 202);
      },
    );
}

/** Sends the authorization request e-mail and records it (authorization row and audit log). */
export async function sendRequest(
  deps: OnboardingDeps,
  c: Parameters<typeof writeAudit>[0],
  repos: ReturnType<typeof reposOf>,
  company: { id: number; name: string; language: string },
  open: TenantAuthorizationRow,
  to: string[],
  cc: string[],
): Promise<TenantAuthorizationRow> {
  if (open.state !== 'pending') throw new AppError('CONFLICT', 'This authorization is no longer pending; nothing to send.');
  const [distributor, reseller] = await Promise.all([repos.companies.root(), open.resellerCompanyId ? repos.companies.get(open.resellerCompanyId) : Promise.resolve(undefined)]);
  const partnerName = reseller?.name ?? distributor?.name ?? 'Your partner';
  await deps.notifier.send({
    template: 'customer-authorization-request',
    language: company.language,
    to,
    cc,
    fields: { customerName: company.name, partnerName, invitationUrl: open.invitationUrl },
    dedupeKey: `authorization-request:${open.id}:${open.sendCount + 1}`,
    subjectId: String(company.id),
  });
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, db) => {
    const updated = await createTenantAuthorizationsRepo(db).recordSent(open.id, { to, cc, at: now });
    await writeAudit(c, tx, {
      at: now,
      companyId: company.id,
      action: 'tenant_authorization.request_sent',
      targetType: 'tenant_authorization',
      targetId: open.id,
      summary: `Customer authorization request sent to ${to.join(', ')}${cc.length > 0 ? ` (cc ${cc.join(', ')})` : ''}.`,
      after: { to, cc, invitationUrl: open.invitationUrl, sendCount: updated.sendCount },
    });
    return updated;
  });
}

/**
 * The signatory as the run needs it (docs/PARTNER-CENTER-REFERENCE.md §5.5): company, country and
 * language default to the account's; the partner named in the e-mail is the reseller, else the distributor.
 */
async function signatoryInputOf(repos: Repos, company: CompanyRow, open: TenantAuthorizationRow, s: McaSignatory): Promise<McaSignatoryInput> {
  const partner = open.resellerCompanyId ? await repos.companies.get(open.resellerCompanyId) : await repos.companies.root();
  return mcaSignatoryInput(company, s, { partnerName: partner?.name ?? company.name });
}

/** Who approves an onboarding GDAP request, in the account's language, and the partner asking (the reseller, else the distributor). */
async function gdapApproverOf(repos: Repos, company: CompanyRow, open: TenantAuthorizationRow): Promise<{ to: string[]; language: string; partnerName: string } | null> {
  const to = open.sentTo.length > 0 ? open.sentTo : company.email ? [company.email] : [];
  if (to.length === 0) return null;
  const partner = open.resellerCompanyId ? await repos.companies.get(open.resellerCompanyId) : await repos.companies.root();
  return { to, language: company.language, partnerName: partner?.name ?? company.name };
}
