import { createTenantAuthorizationsRepo, createTenantLinksRepo, type TenantAuthorizationRow } from '@csphub/db';
import { normalizeCustomerDomain, verifyAuthorization } from '@csphub/provisioning';
import { reposOf } from '../app/server-deps';
import { recordAcceptance } from './existing-tenant-service';
import type { OnboardingDeps } from './onboarding-deps';
import { ownResellerPartnerId } from '../access/tenant-ownership';

const SYSTEM = { type: 'system' as const, id: null, label: 'CSP Hub' };

/**
 * Detects accepted authorizations without anyone pressing "Verify": Partner Center's
 * relationship webhook names the customer (`tenantId`), the background check looks at every
 * pending authorization. Both end in the same verification as the button, then record the link,
 * audit it and tell the requester. A tenant already linked to another account is left pending
 * (marked `needs-confirmation`): linking it needs a person's confirmation.
 *
 * The domain asked about is the one given in the wizard, else the company's own domain. The
 * webhook needs neither: it matches what Partner Center reports, the customer's tenant and its
 * relationship. An authorization whose domain is one of that tenant's is checked with it; one
 * without any domain is checked with the tenant's default domain, and accepted only when it is
 * the one pending authorization of the connection that the tenant's relationship answers (the
 * same reseller, or none for a direct customer): two candidates wait for a person.
 * Returns the ids of the authorizations it accepted.
 */
export async function detectAcceptances(
  deps: OnboardingDeps,
  opts: { detectedBy: 'webhook' | 'background-check'; connectionId?: string; tenantId?: string; requestId?: string | null },
): Promise<string[]> {
  const auths = createTenantAuthorizationsRepo(deps.db);
  const repos = reposOf(deps);
  const pending = await auths.listPending(opts.connectionId ? { connectionId: opts.connectionId } : {});
  const accepted: string[] = [];
  const tenants = new Map<string, { domain: string; domains: Set<string> } | null>();
  const domainless: TenantAuthorizationRow[] = [];
  for (const p of pending) {
    try {
      const company = await repos.companies.get(p.companyId);
      if (!company) continue;
      const domain = p.domain ?? company.domain ?? null;
      if (opts.tenantId) {
        // Webhook: the customer that accepted, as Partner Center knows it.
        let tenant = tenants.get(p.connectionId);
        if (tenant === undefined) {
          const { client } = await deps.clients.forConnection(p.connectionId);
          const customer = await client.findCustomer(opts.tenantId);
          tenant = customer ? { domain: customer.domain, domains: new Set([customer.domain, ...customer.customDomains].map((d) => d.toLowerCase())) } : null;
          tenants.set(p.connectionId, tenant);
        }
        if (!tenant) continue;
        const wanted = domain ? normalizeCustomerDomain(domain) : null;
        if (wanted && tenant.domains.has(wanted)) {
          if (await acceptOne(deps, p, wanted, opts)) accepted.push(p.id);
        } else if (!p.domain) {
          domainless.push(p);
        }
        continue;
      }
      if (!domain) continue;
      if (await acceptOne(deps, p, domain, opts)) accepted.push(p.id);
    } catch (e) {
      deps.logger?.warn?.({ err: e, authorizationId: p.id }, 'checking a pending authorization failed');
    }
  }
  if (opts.tenantId && domainless.length > 0) {
    try {
      const match = await soleDomainlessMatch(deps, domainless, tenants);
      if (match && (await acceptOne(deps, match.authorization, match.domain, opts))) accepted.push(match.authorization.id);
    } catch (e) {
      deps.logger?.warn?.({ err: e }, 'matching an acceptance to an authorization without a domain failed');
    }
  }
  return accepted;
}

/**
 * Among authorizations without a domain, the one the accepted tenant's relationship answers
 * (`verifyAuthorization` with the tenant's default domain), when there is exactly one.
 */
async function soleDomainlessMatch(
  deps: OnboardingDeps,
  candidates: TenantAuthorizationRow[],
  tenants: Map<string, { domain: string } | null>,
): Promise<{ authorization: TenantAuthorizationRow; domain: string } | null> {
  const repos = reposOf(deps);
  const distributor = await repos.companies.root();
  const answered: { authorization: TenantAuthorizationRow; domain: string }[] = [];
  for (const p of candidates) {
    const tenant = tenants.get(p.connectionId);
    if (!tenant) continue;
    const { client } = await deps.clients.forConnection(p.connectionId);
    const reseller = p.resellerCompanyId ? await repos.companies.get(p.resellerCompanyId) : undefined;
    const verdict = await verifyAuthorization(client, { domain: tenant.domain, resellerTenantId: p.resellerTenantId, resellerName: reseller?.name ?? null, distributorName: distributor?.name ?? '' });
    if (verdict.status === 'verified') answered.push({ authorization: p, domain: tenant.domain });
  }
  return answered.length === 1 ? answered[0]! : null;
}

async function acceptOne(deps: OnboardingDeps, p: TenantAuthorizationRow, domain: string, opts: { detectedBy: 'webhook' | 'background-check'; requestId?: string | null }): Promise<boolean> {
  const repos = reposOf(deps);
  const auths = createTenantAuthorizationsRepo(deps.db);
  const now = deps.clock.now();
  const [company, distributor, reseller] = await Promise.all([
    repos.companies.get(p.companyId),
    repos.companies.root(),
    p.resellerCompanyId ? repos.companies.get(p.resellerCompanyId) : Promise.resolve(undefined),
  ]);
  if (!company) return false;
  const { client } = await deps.clients.forConnection(p.connectionId);
  const verdict = await verifyAuthorization(client, {
    domain,
    resellerTenantId: p.resellerTenantId,
    resellerName: reseller?.name ?? null,
    distributorName: distributor?.name ?? company.name,
  });
  if (verdict.status !== 'verified') {
    await auths.recordCheck(p.id, verdict.status, now);
    return false;
  }
  // Nobody is there to judge: an authorization naming a Partner ID other than the account's own
  // reseller's (the distributor's choice, or one opened before these rules), or a tenant other
  // accounts hold, waits for a person to press Verify, where the caller's rights are checked.
  const ownPartnerId = await ownResellerPartnerId(repos, company);
  if ((p.resellerPartnerId ?? null) !== (p.resellerTenantId ? ownPartnerId : null)) {
    await auths.recordCheck(p.id, 'needs-confirmation', now);
    return false;
  }
  const others = await createTenantLinksRepo(deps.db).findAccountsLinkedTo(p.connectionId, verdict.tenant.tenantId, company.id);
  if (others.length > 0) {
    await auths.recordCheck(p.id, 'needs-confirmation', now);
    return false;
  }
  const recorded = await recordAcceptance(deps, {
    authorization: p,
    company,
    tenantId: verdict.tenant.tenantId,
    defaultDomain: verdict.defaultDomain,
    detectedBy: opts.detectedBy,
    actor: SYSTEM,
    requestId: opts.requestId ?? null,
  });
  if (recorded && p.requestedByEmail) {
    // A staff notice: in the language of the requester's company (docs/NOTIFICATIONS.md), the customer's when the requester is gone.
    const requester = p.requestedById ? await repos.users.get(p.requestedById) : undefined;
    const requesterCompany = requester ? await repos.companies.get(requester.companyId) : undefined;
    await deps.notifier.send({
      template: 'authorization-accepted',
      language: requesterCompany?.language ?? company.language,
      to: [p.requestedByEmail],
      fields: {
        recipientName: p.requestedByLabel,
        companyName: company.name,
        domain: verdict.defaultDomain,
        tenantId: verdict.tenant.tenantId,
        accountUrl: `${deps.publicUrl}/companies/${company.id}/new-service`,
      },
      dedupeKey: `authorization-accepted:${p.id}`,
      subjectId: String(company.id),
    });
  }
  return recorded;
}

/**
 * The background check of pending authorizations: every `intervalMs`, one pass at a time (a slow
 * Partner Center never stacks passes). Returns the function that stops it.
 */
export function startPendingAuthorizationChecks(deps: OnboardingDeps, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    detectAcceptances(deps, { detectedBy: 'background-check' })
      .catch((e: unknown) => deps.logger?.warn?.({ err: e }, 'background check of pending authorizations failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
