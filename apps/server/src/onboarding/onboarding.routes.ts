import { createRoute } from '@hono/zod-openapi';
import { AppError, MAX_DOMAIN_PREFIX_LENGTH, domainPrefixProblem, partnerIdChoice, relinkDecision, type DomainPrefixProblem, partnerOfRecordIdOf } from '@csphub/domain';
import { createTenantLinksRepo } from '@csphub/db';
import { checkResellerPartnerId, notAllowedPartnerIdVerdict, GDAP_REQUEST_AUTO_EXTEND_DAYS, GDAP_REQUEST_DURATION_DAYS, GDAP_REQUEST_ROLES } from '@csphub/provisioning';
import { DEFAULT_GDAP_RELATIONSHIP } from '@csphub/partner-center/wire';
import { onboardingTemplateChoices } from '../gdap/gdap-templates';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf } from '../app/server-deps';
import { orderDefaults } from '../channel/distributor-settings';
import { suggestDomainPrefixes } from './domain-suggestions';
import { requireOnboardingRead, requireOrderAccess } from './onboarding-access';
import { loadOnboardingContext } from './onboarding-context';
import type { OnboardingDeps } from './onboarding-deps';
import { listRunsOfCompany } from './onboarding-runs';
import { ownResellerPartnerId, partnerNameVisibleTo, tenantCallerOf } from '../access/tenant-ownership';
import {
  CompanyIdParamSchema,
  ConnectionQuerySchema,
  DomainCheckQuerySchema,
  DomainCheckSchema,
  OnboardingContextSchema,
  PartnerIdCheckBodySchema,
  PartnerIdVerdictSchema,
  RunSchema,
  ServiceSchema,
  TermsSchema,
} from './onboarding.schema';

import { json, listOf } from '../http/json-content';

/** The one rule of the domain package, said so that a person can fix the prefix (the web shows its own translation). */
const PREFIX_PROBLEM_MESSAGES: Record<DomainPrefixProblem, string> = {
  empty: 'Enter a domain prefix.',
  characters: 'Use only letters and digits (no spaces, dots or hyphens).',
  'too-long': `Use at most ${MAX_DOMAIN_PREFIX_LENGTH} letters or digits.`,
};

/**
 * The "New service" wizard's API: the services to pick from, the account's
 * onboarding context, the MCA terms, the live domain-prefix check with free suggestions, the
 * reseller Partner ID check, and the runs of an account for the timeline.
 */
export function onboardingRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const connectionOf = async (ctx: Awaited<ReturnType<typeof loadOnboardingContext>>, connectionId: string) => {
    const connection = ctx.connections.find((c) => c.id === connectionId);
    if (!connection) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId} for ${ctx.company.name}.`);
    return (await deps.clients.forConnection(connection.id)).client;
  };
  const orderable = async (principal: Parameters<typeof companyInScope>[1], id: number) => {
    const repos = reposOf(deps);
    const company = await companyInScope(repos, principal, id);
    requireOrderAccess(principal, company);
    return { repos, company, ctx: await loadOnboardingContext(repos, company) };
  };

  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/onboarding/services',
        tags: ['Onboarding'],
        summary: 'Services the "New service" wizard offers',
        responses: { 200: { description: 'Services; names are translated by the UI', content: json(listOf(ServiceSchema)) }, ...scopedErrors },
      }),
      (c) => {
        requirePermission(c.var.principal, 'company.read', 'see services');
        return c.json({ items: [{ id: 'microsoft-tenant' as const, vendor: 'Microsoft' as const, keywords: ['microsoft', 'tenant', 'office 365', 'microsoft 365', 'onmicrosoft', 'csp'] }] }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/onboarding',
        tags: ['Onboarding'],
        summary: "What the wizard needs about an account: channel, connections, sync options, checklist, GDAP defaults",
        request: { params: CompanyIdParamSchema },
        responses: { 200: { description: 'The onboarding context', content: json(OnboardingContextSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { ctx } = await orderable(c.var.principal, c.req.valid('param').id);
        return c.json(
          {
            company: {
              id: ctx.company.id,
              name: ctx.company.name,
              kind: ctx.company.kind,
              country: ctx.company.billingCountry ?? ctx.company.country,
              language: ctx.company.language,
              email: ctx.company.email,
              domain: ctx.company.domain,
            },
            distributor: { id: ctx.distributor.id, name: ctx.distributor.name },
            reseller: ctx.reseller ? { id: ctx.reseller.id, name: ctx.reseller.name, partnerId: partnerOfRecordIdOf(ctx.reseller) } : null,
            direct: ctx.reseller === null,
            resellerChoice: c.var.principal.company.kind === 'distributor' ? ('any' as const) : ('own' as const),
            connections: ctx.connections.map((k) => ({ id: k.id, name: k.name, region: k.region, type: k.type })),
            defaultConnectionId: ctx.defaultConnectionId,
            syncOptions: ctx.syncOptions.map((o) => ({
              connectionId: o.connectionId,
              adminUsername: o.adminUsername,
              domainPrefix: o.domainPrefix,
              resellerPartnerId: o.resellerPartnerId,
              syncStatus: o.syncStatus,
              failureReason: o.failureReason,
              tenantId: o.tenantId,
              defaultDomain: o.defaultDomain,
            })),
            cultures: ctx.cultures,
            defaultCulture: ctx.defaultCulture,
            prerequisites: { ready: ctx.prerequisites.ready, items: ctx.prerequisites.items },
            gdap: {
              newTenant: { roles: DEFAULT_GDAP_RELATIONSHIP.roles.map((r) => ({ id: r.id, name: r.name })), durationDays: DEFAULT_GDAP_RELATIONSHIP.durationDays, autoExtendDays: DEFAULT_GDAP_RELATIONSHIP.autoExtendDays },
              existingTenant: { roles: GDAP_REQUEST_ROLES.map((r) => ({ id: r.id, name: r.name })), durationDays: GDAP_REQUEST_DURATION_DAYS, autoExtendDays: GDAP_REQUEST_AUTO_EXTEND_DAYS },
              templates: (await Promise.all(ctx.connections.map((k) => onboardingTemplateChoices(reposOf(deps), k.id, deps.clock.now())))).flat(),
            },
            defaults: await orderDefaults(reposOf(deps)),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/onboarding/terms',
        tags: ['Onboarding'],
        summary: 'The Microsoft Customer Agreement to accept, from Partner Center',
        request: { params: CompanyIdParamSchema, query: ConnectionQuerySchema },
        responses: { 200: { description: 'Template id and link', content: json(TermsSchema) }, ...scopedErrors, 502: problem('Partner Center did not answer') },
      }),
      async (c) => {
        const { ctx } = await orderable(c.var.principal, c.req.valid('param').id);
        const client = await connectionOf(ctx, c.req.valid('query').connectionId);
        const t = await client.getMcaTemplate();
        return c.json({ templateId: t.templateId, link: t.link, versionRank: t.versionRank }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/onboarding/domain-check',
        tags: ['Onboarding'],
        summary: 'Is this onmicrosoft.com prefix free? Format first, then Partner Center; free suggestions when taken',
        request: { params: CompanyIdParamSchema, query: DomainCheckQuerySchema },
        responses: { 200: { description: 'The verdict', content: json(DomainCheckSchema) }, ...scopedErrors, 502: problem('The connection was refused by Microsoft (CONNECTION_AUTH_FAILED)'), 503: problem('Microsoft Partner Center is unavailable or busy (PARTNER_CENTER_UNAVAILABLE, PARTNER_CENTER_THROTTLED); Retry-After says when to try again') },
      }),
      async (c) => {
        const { ctx } = await orderable(c.var.principal, c.req.valid('param').id);
        const q = c.req.valid('query');
        const prefix = q.prefix.trim().toLowerCase();
        const domain = `${prefix}.onmicrosoft.com`;
        const problem = domainPrefixProblem(prefix);
        if (problem) return c.json({ prefix, domain, valid: false, available: null, problem, message: PREFIX_PROBLEM_MESSAGES[problem], suggestions: [] }, 200);
        const client = await connectionOf(ctx, q.connectionId);
        if (await client.isDomainAvailable(prefix)) {
          return c.json({ prefix, domain, valid: true, available: true, problem: null, message: `${domain} is available.`, suggestions: [] }, 200);
        }
        // A tenant this Partner Center account already serves can be linked rather than
        // authorized again: offered when the ownership rules would let this caller make the link
        // (Verify still checks the relationship's reseller and asks to confirm a move).
        const visible = await client.findCustomerByDomain(domain).catch(() => undefined);
        const linkedElsewhere = visible ? await createTenantLinksRepo(deps.db).findAccountsLinkedTo(q.connectionId, visible.tenantId, ctx.company.id) : [];
        const linkable = visible !== undefined && relinkDecision({ caller: tenantCallerOf(c.var.principal), linkedPaths: linkedElsewhere.map((o) => o.companyPath), confirmed: true }).kind !== 'refused';
        if (visible) {
          const message = linkable
            ? `${domain} is a tenant this Partner Center account already serves. If it is this customer's, link it to this account (verify it first); otherwise choose another prefix.`
            : `${domain} is a tenant this Partner Center account already serves, linked to an account you cannot take it from. Choose another prefix, or ask the distributor.`;
          return c.json({ prefix, domain, valid: true, available: false, problem: 'taken' as const, message, suggestions: [], visibleTenant: true, linkable }, 200);
        }
        const candidates = suggestDomainPrefixes(prefix, { companyName: ctx.company.name, country: ctx.company.billingCountry ?? ctx.company.country });
        const free = (await Promise.all(candidates.map(async (p) => ((await client.isDomainAvailable(p).catch(() => false)) ? p : null)))).filter((p): p is string => p !== null);
        return c.json(
          {
            prefix,
            domain,
            valid: true,
            available: false,
            problem: 'taken' as const,
            message: `${domain} is already registered by another Microsoft tenant. If that tenant is this customer's, choose "The customer already uses Microsoft 365 and owns this domain" and follow the authorization path; otherwise choose another prefix.`,
            suggestions: free.slice(0, 3),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/onboarding/partner-id-check',
        tags: ['Onboarding'],
        summary: "Check a reseller Partner ID: known, in this connection's network, Partner Agreement accepted. Only the distributor may check another reseller's (others get not-allowed); a partner's name is given only inside the caller's subtree",
        request: { params: CompanyIdParamSchema, body: { content: json(PartnerIdCheckBodySchema), required: true } },
        responses: { 200: { description: 'The verdict and what the reseller must do', content: json(PartnerIdVerdictSchema) }, ...scopedErrors, 502: problem('Partner Center did not answer') },
      }),
      async (c) => {
        const { repos, ctx } = await orderable(c.var.principal, c.req.valid('param').id);
        const body = c.req.valid('json');
        const client = await connectionOf(ctx, body.connectionId);
        const p = c.var.principal;
        // Only the distributor picks another reseller: anyone else learns which ID it may use, and
        // nothing about the one it typed (not even whether Microsoft knows it).
        const choice = partnerIdChoice({ caller: tenantCallerOf(p), accountResellerPartnerId: await ownResellerPartnerId(repos, ctx.company), requested: body.partnerId });
        const verdict = choice.ok
          ? await checkResellerPartnerId(client, {
              partnerId: body.partnerId,
              distributorName: ctx.distributor.name,
              revealName: ({ partnerId, inNetwork }) => partnerNameVisibleTo(repos, p, partnerId, inNetwork),
            })
          : notAllowedPartnerIdVerdict((body.partnerId ?? '').trim(), choice.allowed);
        return c.json(
          {
            status: verdict.status,
            message: verdict.message,
            distributorName: ctx.distributor.name,
            ...('partnerId' in verdict ? { partnerId: verdict.partnerId } : {}),
            ...('partnerName' in verdict ? { partnerName: verdict.partnerName } : {}),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/onboarding/runs',
        tags: ['Onboarding'],
        summary: "The account's provisioning and linking runs, with every step attempt (the timeline)",
        request: { params: CompanyIdParamSchema },
        responses: { 200: { description: 'Runs, newest first', content: json(listOf(RunSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const company = await companyInScope(repos, c.var.principal, c.req.valid('param').id);
        requireOnboardingRead(c.var.principal);
        return c.json({ items: await listRunsOfCompany(deps.db, company.id) }, 200);
      },
    );
}
