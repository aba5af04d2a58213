import type { Role } from '../access/roles';
import type { CompanyKind } from './company-kind';
import { isWithinPath } from './company-path';

/**
 * Who may name which reseller Partner ID, and who may link or relink a Microsoft tenant to an
 * account. Partner Center trusts whoever holds the distributor's connection, so these rules are the
 * only thing standing between one reseller and another reseller's customers
 * (docs/CHANNEL-AND-ACCOUNTS.md, "Tenants and Partner IDs").
 */

/** The caller as these rules see it: its role and its company's kind and place in the tree. */
export interface TenantCaller {
  role: Role;
  companyKind: CompanyKind;
  companyPath: string;
}

export type PartnerIdChoice =
  | { ok: true; partnerId: string | null }
  /** The caller is not the distributor and named a Partner ID other than the account's own reseller's. */
  | { ok: false; problem: 'not-own-partner-id'; allowed: string | null };

const clean = (id: string | null | undefined): string | null => {
  const v = (id ?? '').trim();
  return v === '' ? null : v;
};

/**
 * Which reseller Partner ID a caller may name for an account (new tenant, existing-tenant
 * invitation, sync options, an order's partner of record). The distributor may choose any reseller
 * of its network (Partner Center then checks the network); everyone else may only name the
 * account's own reseller's Partner ID, or none while it is pending. A reseller's staff therefore
 * never pick another reseller, and a customer never picks a reseller other than its own.
 */
export function partnerIdChoice(input: { caller: Pick<TenantCaller, 'companyKind'>; accountResellerPartnerId: string | null | undefined; requested: string | null | undefined }): PartnerIdChoice {
  const requested = clean(input.requested);
  if (input.caller.companyKind === 'distributor' || requested === null) return { ok: true, partnerId: requested };
  const allowed = clean(input.accountResellerPartnerId);
  return requested === allowed ? { ok: true, partnerId: requested } : { ok: false, problem: 'not-own-partner-id', allowed };
}

/**
 * May a caller be told the name of the partner behind a Partner ID? Only when that partner is a
 * reseller in the caller's subtree or one of the caller's ancestors (its own reseller), or, for the
 * distributor, a reseller of its own Partner Center network. The name of any other partner is
 * another company's business and never leaves the server.
 */
export function mayRevealPartnerName(input: { caller: Pick<TenantCaller, 'companyKind' | 'companyPath'>; partnerCompanyPath: string | null; inCallerNetwork: boolean }): boolean {
  if (input.partnerCompanyPath !== null) {
    if (isWithinPath(input.partnerCompanyPath, input.caller.companyPath) || isWithinPath(input.caller.companyPath, input.partnerCompanyPath)) return true;
  }
  return input.caller.companyKind === 'distributor' && input.inCallerNetwork;
}

/**
 * Is a tenant's relationship evidence that its Global Admin accepted this account's request? The
 * tenant must be associated with exactly the reseller the authorization was opened for (Partner
 * Center records the indirect reseller whose invitation was accepted), or with no reseller at all
 * when the authorization is the distributor's direct one. A tenant of another reseller is never
 * evidence, however the domain was found.
 */
export function isAcceptanceEvidence(input: { authorizationResellerTenantId: string | null | undefined; tenantIndirectResellerTenantId: string | null | undefined }): boolean {
  const wanted = clean(input.authorizationResellerTenantId)?.toLowerCase() ?? null;
  const actual = clean(input.tenantIndirectResellerTenantId)?.toLowerCase() ?? null;
  return wanted === actual;
}

/** The roles that may move a tenant from one account to another (an explicit, audited act). */
export const RELINK_ROLES: readonly Role[] = ['distributor_admin', 'reseller_admin'];

export type RelinkDecision =
  /** Nobody else holds the tenant: link it. */
  | { kind: 'link' }
  /** Other accounts of the caller's subtree hold it: ask the caller, naming them. */
  | { kind: 'confirm' }
  /** Confirmed: move the tenant to this account; the previous links end and are kept in history. */
  | { kind: 'relink' }
  /** Refused; the reason is for the message, which never names the other accounts. */
  | { kind: 'refused'; reason: 'customer' | 'outside-subtree' | 'role' };

/**
 * What happens when a caller links a tenant that other accounts already hold. A customer never
 * relinks; nobody relinks a tenant held by an account outside their own subtree; within it, only an
 * administrator of a distributor or a reseller does, and only after confirming.
 */
export function relinkDecision(input: { caller: TenantCaller; linkedPaths: readonly string[]; confirmed: boolean }): RelinkDecision {
  if (input.linkedPaths.length === 0) return { kind: 'link' };
  if (input.caller.companyKind === 'customer') return { kind: 'refused', reason: 'customer' };
  if (input.linkedPaths.some((p) => !isWithinPath(p, input.caller.companyPath))) return { kind: 'refused', reason: 'outside-subtree' };
  if (!RELINK_ROLES.includes(input.caller.role)) return { kind: 'refused', reason: 'role' };
  return input.confirmed ? { kind: 'relink' } : { kind: 'confirm' };
}
