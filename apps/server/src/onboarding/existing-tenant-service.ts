import { AppError } from '@csphub/domain';
import { createTenantAuthorizationsRepo, createTenantLinksRepo, type AuditActor, type CompanyRow, type Repos, type TenantAuthorizationRow } from '@csphub/db';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { verifyAuthorization, type AuthorizationVerdict } from '@csphub/provisioning';
import { reposOf } from '../channel/channel-deps';
import { loadOnboardingContext, type OnboardingContext } from './onboarding-context';
import type { OnboardingDeps } from './onboarding-deps';

/** The reseller selling in this connection, resolved against Partner Center's network. */
export interface SellingReseller {
  companyId: number;
  name: string;
  partnerId: string;
  tenantId: string;
}

/**
 * Finds the reseller's tenant id in the connection's indirect reseller network from its Partner ID
 * (the indirect invitation link and acceptance matching need it). Null for a direct customer or a
 * direct-bill connection (C5).
 */
export async function resolveSellingReseller(client: PartnerCenterClient, ctx: OnboardingContext, partnerId: string | null): Promise<SellingReseller | null> {
  if (!ctx.reseller || client.connection.type !== 'indirect-provider') return null;
  const id = (partnerId ?? ctx.reseller.partnerId ?? '').trim();
  if (!id) {
    throw new AppError('PARTNER_ID_UNKNOWN', `${ctx.reseller.name} has no Partner ID yet; the indirect invitation link needs it. Enter the reseller's Partner ID.`);
  }
  const reseller = (await client.listIndirectResellers()).find((r) => r.partnerId === id);
  if (!reseller) {
    throw new AppError('PARTNER_ID_NOT_IN_NETWORK', `Partner ID ${id} is not in ${ctx.distributor.name}'s indirect reseller network, so no invitation link can carry it.`);
  }
  return { companyId: ctx.reseller.id, name: ctx.reseller.name, partnerId: id, tenantId: reseller.tenantId };
}

/**
 * Opens (or reuses) the account's pending authorization in a connection with the invitation link
 * from Partner Center (C1): the indirect form for the selling reseller, the direct form for a direct
 * customer. The link is the connection's, reusable for any customer; it is stored so that the
 * Pending authorizations page and resends show what was sent.
 */
export async function openAuthorization(
  deps: OnboardingDeps,
  input: { company: CompanyRow; connectionId: string; resellerPartnerId: string | null; domain: string | null; requestedBy: { id: string | null; label: string; email: string | null } },
): Promise<{ authorization: TenantAuthorizationRow; ctx: OnboardingContext; reseller: SellingReseller | null }> {
  const repos = reposOf(deps);
  const ctx = await loadOnboardingContext(repos, input.company);
  if (!ctx.connections.some((c) => c.id === input.connectionId)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${input.connectionId}.`);
  const { client } = await deps.clients.forConnection(input.connectionId);
  const reseller = await resolveSellingReseller(client, ctx, input.resellerPartnerId);
  const url = await client.getRelationshipRequestLink(reseller ? { indirectResellerTenantId: reseller.tenantId } : {});
  const auths = createTenantAuthorizationsRepo(deps.db);
  const now = deps.clock.now();
  const open = await auths.findOpen(input.company.id, input.connectionId);
  const fields = {
    invitationUrl: url,
    resellerCompanyId: reseller?.companyId ?? null,
    resellerPartnerId: reseller?.partnerId ?? null,
    resellerTenantId: reseller?.tenantId ?? null,
    ...(input.domain ? { domain: input.domain } : {}),
  };
  const authorization = open
    ? open.state === 'pending'
      ? await auths.updatePending(open.id, fields, now)
      : open
    : await auths.create(
        {
          companyId: input.company.id,
          connectionId: input.connectionId,
          ...fields,
          domain: input.domain,
          requestedById: input.requestedBy.id,
          requestedByLabel: input.requestedBy.label,
          requestedByEmail: input.requestedBy.email,
        },
        now,
      );
  return { authorization, ctx, reseller };
}

/** The outcome of a verification, as the API answers it. */
export type VerifyOutcome =
  | (AuthorizationVerdict & { status: Exclude<AuthorizationVerdict['status'], 'verified'> })
  | {
      status: 'verified';
      message: string;
      tenantId: string;
      defaultDomain: string;
      companyName: string;
      /** Other accounts already linked to this tenant in this connection (C4): confirmation needed. */
      alreadyLinkedTo: { companyId: number; companyName: string }[];
      /** True when the link was recorded (no other account, or the user confirmed). */
      recorded: boolean;
      mcaOnRecord: boolean;
    };

/**
 * Verifies an authorization (the button, C2) and, when the tenant is visible with the right
 * relationship, records the link on the authorization and on the account (C4) unless another
 * account is already linked to that tenant and the user has not confirmed.
 */
export async function verifyAndRecord(
  deps: OnboardingDeps,
  input: { authorization: TenantAuthorizationRow; company: CompanyRow; domain: string; confirmRelink: boolean; actor: AuditActor; requestId: string | null },
): Promise<VerifyOutcome> {
  const repos = reposOf(deps);
  const ctx = await loadOnboardingContext(repos, input.company);
  const { client } = await deps.clients.forConnection(input.authorization.connectionId);
  const auths = createTenantAuthorizationsRepo(deps.db);
  const now = deps.clock.now();
  const resellerName = input.authorization.resellerCompanyId ? ((await repos.companies.get(input.authorization.resellerCompanyId))?.name ?? null) : null;
  const verdict = await verifyAuthorization(client, {
    domain: input.domain,
    resellerTenantId: input.authorization.resellerTenantId,
    resellerName,
    distributorName: ctx.distributor.name,
  });
  if (input.authorization.state === 'pending') await auths.updatePending(input.authorization.id, { domain: verdict.status === 'verified' ? verdict.defaultDomain : verdict.domain }, now);
  if (verdict.status !== 'verified') {
    await auths.recordCheck(input.authorization.id, verdict.status, now);
    return verdict;
  }
  const tenant = verdict.tenant;
  const others = await createTenantLinksRepo(deps.db).findAccountsLinkedTo(input.authorization.connectionId, tenant.tenantId, input.company.id);
  const mcaOnRecord = await client.hasMca(tenant.tenantId).catch(() => false);
  const base = { status: 'verified' as const, message: verdict.message, tenantId: tenant.tenantId, defaultDomain: verdict.defaultDomain, companyName: tenant.companyName, alreadyLinkedTo: others, mcaOnRecord };
  if (others.length > 0 && !input.confirmRelink) return { ...base, recorded: false };
  await recordAcceptance(deps, repos, { authorization: input.authorization, company: input.company, tenantId: tenant.tenantId, defaultDomain: verdict.defaultDomain, detectedBy: 'verify', actor: input.actor, requestId: input.requestId, relinkedFrom: others });
  return { ...base, recorded: true };
}

/**
 * Marks the authorization accepted (compare-and-set, so the button, the webhook and the background
 * check never record it twice), stores the tenant on the account's sync options, and audits it.
 * Returns false when another detector got there first.
 */
export async function recordAcceptance(
  deps: OnboardingDeps,
  repos: Repos,
  a: {
    authorization: TenantAuthorizationRow;
    company: CompanyRow;
    tenantId: string;
    defaultDomain: string;
    detectedBy: 'verify' | 'webhook' | 'background-check';
    actor: AuditActor;
    requestId: string | null;
    relinkedFrom?: { companyId: number; companyName: string }[];
  },
): Promise<boolean> {
  const now = deps.clock.now();
  const auths = createTenantAuthorizationsRepo(deps.db);
  const marked =
    a.authorization.state === 'pending'
      ? await auths.markAccepted(a.authorization.id, { tenantId: a.tenantId, defaultDomain: a.defaultDomain, detectedBy: a.detectedBy, at: now })
      : a.authorization.tenantId === a.tenantId
        ? undefined
        : a.authorization;
  if (!marked) return false;
  await repos.syncOptions.upsert(a.company.id, a.authorization.connectionId, { tenantId: a.tenantId, defaultDomain: a.defaultDomain, resellerPartnerId: a.authorization.resellerPartnerId }, now);
  await repos.auditLog.append({
    at: now,
    companyId: a.company.id,
    actor: a.actor,
    action: 'tenant_authorization.accepted',
    targetType: 'tenant_authorization',
    targetId: a.authorization.id,
    summary: `The customer's authorization for ${a.defaultDomain} (tenant ${a.tenantId}) was verified (${a.detectedBy.replace('-', ' ')})${a.relinkedFrom && a.relinkedFrom.length > 0 ? `; the tenant is also linked to ${a.relinkedFrom.map((o) => o.companyName).join(', ')} (confirmed)` : ''}.`,
    after: { tenantId: a.tenantId, defaultDomain: a.defaultDomain, detectedBy: a.detectedBy, connectionId: a.authorization.connectionId },
    requestId: a.requestId,
  });
  return true;
}
