import { AppError, partnerIdChoice, relinkDecision, type RelinkDecision, partnerOfRecordIdOf } from '@csphub/domain';
import { createRepos, createTenantAuthorizationsRepo, createTenantLinksRepo, publishEvent, type AuditActor, type CompanyRow, type Database, type Repos, type TenantAuthorizationRow } from '@csphub/db';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { verifyAuthorization, type AuthorizationVerdict } from '@csphub/provisioning';
import { reposOf } from '../app/server-deps';
import { loadOnboardingContext, type OnboardingContext } from './onboarding-context';
import type { OnboardingDeps } from './onboarding-deps';
import type { Principal } from '../auth/principal';
import { ownResellerPartnerId, partnerIdRefusal, requirePartnerIdChoice, tenantCallerOf } from '../access/tenant-ownership';

/** The reseller selling in this connection, resolved against Partner Center's network. */
export interface SellingReseller {
  /** The CSP Hub reseller holding the Partner ID, when there is one. */
  companyId: number | null;
  name: string;
  partnerId: string;
  tenantId: string;
}

/**
 * Finds the reseller's tenant id in the connection's indirect reseller network from its Partner ID
 * (the indirect invitation link and acceptance matching need it). Null for a direct customer or a
 * direct-bill connection. The Partner ID is one the caller was allowed to name
 * (`requirePartnerIdChoice`): the account's own reseller's, or any the distributor chose; the
 * reseller company recorded is the one holding that Partner ID.
 */
export async function resolveSellingReseller(client: PartnerCenterClient, ctx: OnboardingContext, partnerId: string | null, repos: Repos): Promise<SellingReseller | null> {
  if (!ctx.reseller || client.connection.type !== 'indirect-provider') return null;
  const id = (partnerId ?? partnerOfRecordIdOf(ctx.reseller) ?? '').trim();
  if (!id) {
    throw new AppError('PARTNER_ID_UNKNOWN', `${ctx.reseller.name} has no Partner ID yet; the indirect invitation link needs it. Enter the reseller's Partner ID.`);
  }
  const reseller = (await client.listIndirectResellers()).find((r) => r.partnerId === id);
  if (!reseller) {
    throw new AppError('PARTNER_ID_NOT_IN_NETWORK', `Partner ID ${id} is not in ${ctx.distributor.name}'s indirect reseller network, so no invitation link can carry it.`);
  }
  const holder = id === partnerOfRecordIdOf(ctx.reseller) ? ctx.reseller : (await repos.companies.findByPartnerId(id)).find((c) => c.kind === 'reseller');
  return { companyId: holder?.id ?? null, name: holder?.name ?? reseller.name, partnerId: id, tenantId: reseller.tenantId };
}

/**
 * Opens (or reuses) the account's pending authorization in a connection with the invitation link
 * from Partner Center: the indirect form for the selling reseller, the direct form for a direct
 * customer. The link is the connection's, reusable for any customer; it is stored so that the
 * Pending authorizations page and resends show what was sent.
 */
export async function openAuthorization(
  deps: OnboardingDeps,
  input: { principal: Principal; company: CompanyRow; connectionId: string; resellerPartnerId: string | null; domain: string | null; requestedBy: { id: string | null; label: string; email: string | null } },
): Promise<{ authorization: TenantAuthorizationRow; ctx: OnboardingContext; reseller: SellingReseller | null }> {
  const repos = reposOf(deps);
  // Only the distributor names another reseller; anyone else gets the account's own reseller.
  const partnerId = await requirePartnerIdChoice(repos, input.principal, input.company, input.resellerPartnerId, 'An existing-tenant invitation');
  const ctx = await loadOnboardingContext(repos, input.company);
  if (!ctx.connections.some((c) => c.id === input.connectionId)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${input.connectionId}.`);
  const { client } = await deps.clients.forConnection(input.connectionId);
  const reseller = await resolveSellingReseller(client, ctx, partnerId, repos);
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
      /**
       * Accounts of the caller's subtree already linked to this tenant in this connection: the
       * caller confirms moving it (a tenant held outside the subtree is refused without a name).
       */
      alreadyLinkedTo: { companyId: number; companyName: string }[];
      /** True when the link was recorded (no other account, or the caller confirmed the move). */
      recorded: boolean;
      mcaOnRecord: boolean;
    };

/** The refusal of a relink; it never names the account holding the tenant. */
function relinkRefusal(reason: Extract<RelinkDecision, { kind: 'refused' }>['reason']): AppError {
  const why: Record<typeof reason, string> = {
    customer: 'This Microsoft tenant is already linked to another account. A customer cannot move it; ask your reseller or the distributor.',
    'outside-subtree': 'This Microsoft tenant is already linked to an account outside your part of the channel, so it cannot be linked here. Ask the distributor.',
    role: 'This Microsoft tenant is already linked to another account. Only an administrator can move it from one account to another.',
  };
  return new AppError('RELINK_NOT_ALLOWED', `${why[reason]} Nothing was changed.`);
}

/**
 * Verifies an authorization (the button) and, when the tenant accepted this account's request
 * (its relationship is with the authorization's reseller), records the link. A tenant already held
 * by other accounts is moved only as `relinkDecision` allows: never by a customer, never from an
 * account outside the caller's subtree, and only after the caller confirmed.
 */
export async function verifyAndRecord(
  deps: OnboardingDeps,
  input: { principal: Principal; authorization: TenantAuthorizationRow; company: CompanyRow; domain: string; confirmRelink: boolean; actor: AuditActor; requestId: string | null },
): Promise<VerifyOutcome> {
  const repos = reposOf(deps);
  // An authorization naming a Partner ID this caller may not name (opened by the distributor for
  // another reseller, or before these rules) is not this caller's evidence.
  const choice = partnerIdChoice({ caller: tenantCallerOf(input.principal), accountResellerPartnerId: await ownResellerPartnerId(repos, input.company), requested: input.authorization.resellerPartnerId });
  if (!choice.ok) throw partnerIdRefusal(choice.allowed, 'The authorization to verify');
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
  const decision = relinkDecision({ caller: tenantCallerOf(input.principal), linkedPaths: others.map((o) => o.companyPath), confirmed: input.confirmRelink });
  if (decision.kind === 'refused') {
    await auths.recordCheck(input.authorization.id, 'linked-elsewhere', now);
    throw relinkRefusal(decision.reason);
  }
  const mcaOnRecord = await client.hasMca(tenant.tenantId).catch(() => false);
  const alreadyLinkedTo = others.map((o) => ({ companyId: o.companyId, companyName: o.companyName }));
  const base = { status: 'verified' as const, message: verdict.message, tenantId: tenant.tenantId, defaultDomain: verdict.defaultDomain, companyName: tenant.companyName, alreadyLinkedTo, mcaOnRecord };
  if (decision.kind === 'confirm') return { ...base, recorded: false };
  await recordAcceptance(deps, {
    authorization: input.authorization,
    company: input.company,
    tenantId: tenant.tenantId,
    defaultDomain: verdict.defaultDomain,
    detectedBy: 'verify',
    actor: input.actor,
    requestId: input.requestId,
    relinkedFrom: others.map((o) => o.companyId),
  });
  return { ...base, recorded: true };
}

/**
 * Marks the authorization accepted (compare-and-set, so the button, the webhook and the background
 * check never record it twice), stores the tenant on the account's sync options, and audits it, in
 * one transaction. With `relinkedFrom` (a confirmed move, already allowed by `relinkDecision`), the
 * tenant is taken from those accounts: each loses its link and gets an audit entry keeping the link
 * it had (tenant, domain, connection, partner of record), with the same request id as the new one.
 * Returns false when another detector got there first.
 */
export async function recordAcceptance(
  deps: OnboardingDeps,
  a: {
    authorization: TenantAuthorizationRow;
    company: CompanyRow;
    tenantId: string;
    defaultDomain: string;
    detectedBy: 'verify' | 'webhook' | 'background-check';
    actor: AuditActor;
    requestId: string | null;
    /** Ids of the accounts the tenant is moved from. */
    relinkedFrom?: number[];
  },
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const repos = createRepos(db, deps.box);
    const auths = createTenantAuthorizationsRepo(db);
    const marked =
      a.authorization.state === 'pending'
        ? await auths.markAccepted(a.authorization.id, { tenantId: a.tenantId, defaultDomain: a.defaultDomain, detectedBy: a.detectedBy, at: now })
        : a.authorization.tenantId === a.tenantId
          ? undefined
          : a.authorization;
    if (!marked) return false;
    const moved = a.relinkedFrom ?? [];
    for (const companyId of moved) {
      const previous = await repos.syncOptions.get(companyId, a.authorization.connectionId);
      if (!previous || previous.tenantId !== a.tenantId) continue;
      await repos.syncOptions.upsert(companyId, a.authorization.connectionId, { tenantId: null, defaultDomain: null, syncStatus: 'not_synced' }, now);
      // The previous link is kept here, on the account that had it; the new account is not named.
      await repos.auditLog.append({
        at: now,
        companyId,
        actor: a.actor,
        action: 'tenant.unlinked',
        targetType: 'company',
        targetId: companyId,
        summary: `The Microsoft tenant ${previous.defaultDomain ?? a.defaultDomain} (tenant ${a.tenantId}) was moved to another account by an administrator; this account is no longer linked to it.`,
        before: { tenantId: previous.tenantId, defaultDomain: previous.defaultDomain, connectionId: a.authorization.connectionId, resellerPartnerId: previous.resellerPartnerId, syncStatus: previous.syncStatus },
        after: { tenantId: null, reason: 'relinked' },
        requestId: a.requestId,
      });
    }
    await repos.syncOptions.upsert(a.company.id, a.authorization.connectionId, { tenantId: a.tenantId, defaultDomain: a.defaultDomain, resellerPartnerId: a.authorization.resellerPartnerId }, now);
    await repos.auditLog.append({
      at: now,
      companyId: a.company.id,
      actor: a.actor,
      action: 'tenant_authorization.accepted',
      targetType: 'tenant_authorization',
      targetId: a.authorization.id,
      summary: `The customer's authorization for ${a.defaultDomain} (tenant ${a.tenantId}) was verified (${a.detectedBy.replace('-', ' ')})${moved.length > 0 ? `; the tenant was moved here from ${moved.length === 1 ? 'another account' : `${moved.length} other accounts`} (confirmed)` : ''}.`,
      after: { tenantId: a.tenantId, defaultDomain: a.defaultDomain, detectedBy: a.detectedBy, connectionId: a.authorization.connectionId, ...(moved.length > 0 ? { relinkedFrom: moved } : {}) },
      requestId: a.requestId,
    });
    await publishEvent(db, {
      type: 'authorization.accepted',
      companyId: a.company.id,
      at: now,
      data: { connectionId: a.authorization.connectionId, tenantId: a.tenantId, defaultDomain: a.defaultDomain, authorizationId: a.authorization.id, detectedBy: a.detectedBy },
      dedupeKey: `authorization.accepted:${a.authorization.id}:${a.tenantId}`,
    });
    return true;
  });
}
