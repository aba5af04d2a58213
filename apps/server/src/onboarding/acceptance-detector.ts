import { createTenantAuthorizationsRepo, createTenantLinksRepo, type TenantAuthorizationRow } from '@csphub/db';
import { normalizeCustomerDomain, verifyAuthorization } from '@csphub/provisioning';
import { reposOf } from '../app/server-deps';
import { recordAcceptance } from './existing-tenant-service';
import type { OnboardingDeps } from './onboarding-deps';
import { ownResellerPartnerId } from '../access/tenant-ownership';

const SYSTEM = { type: 'system' as const, id: null, label: 'CSP Hub' };

/**
 * Detects accepted authorizations without anyone pressing "Verify" (C2): Partner Center's
 * relationship webhook names the customer (`tenantId`), the background check looks at every
 * pending authorization. Both end in the same verification as the button, then record the link,
 * audit it and tell the requester. A tenant already linked to another account is left pending
 * (marked `needs-confirmation`): linking it needs a person's confirmation (C4).
 * Returns the ids of the authorizations it accepted.
 */
export async function detectAcceptances(
  deps: OnboardingDeps,
  opts: { detectedBy: 'webhook' | 'background-check'; connectionId?: string; tenantId?: string; requestId?: string | null },
): Promise<string[]> {
  const auths = createTenantAuthorizationsRepo(deps.db);
  const pending = (await auths.listPending(opts.connectionId ? { connectionId: opts.connectionId } : {})).filter((p) => p.domain);
  const accepted: string[] = [];
  const tenantDomains = new Map<string, Set<string> | null>();
  for (const p of pending) {
    try {
      if (opts.tenantId) {
        // Webhook: only authorizations whose domain belongs to the customer that accepted.
        let domains = tenantDomains.get(p.connectionId);
        if (domains === undefined) {
          const { client } = await deps.clients.forConnection(p.connectionId);
          const customer = await client.findCustomer(opts.tenantId);
          domains = customer ? new Set([customer.domain, ...customer.customDomains].map((d) => d.toLowerCase())) : null;
          tenantDomains.set(p.connectionId, domains);
        }
        const wanted = normalizeCustomerDomain(p.domain!);
        if (!domains || !wanted || !domains.has(wanted)) continue;
      }
      if (await acceptOne(deps, p, opts)) accepted.push(p.id);
    } catch (e) {
      deps.logger?.warn?.({ err: e, authorizationId: p.id }, 'checking a pending authorization failed');
    }
  }
  return accepted;
}

async function acceptOne(deps: OnboardingDeps, p: TenantAuthorizationRow, opts: { detectedBy: 'webhook' | 'background-check'; requestId?: string | null }): Promise<boolean> {
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
    domain: p.domain!,
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
    await deps.notifier.send({
      template: 'authorization-accepted',
      language: company.language,
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
