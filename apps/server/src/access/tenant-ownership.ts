import { AppError, mayRevealPartnerName, partnerIdChoice, partnerOfRecordIdOf, type TenantCaller } from '@csphub/domain';
import type { CompanyRow, Repos } from '@csphub/db';
import type { Principal } from '../auth/principal';

/**
 * The server side of the tenant ownership rules (packages/domain/src/channel/tenant-ownership.ts):
 * every route that takes a reseller Partner ID or links a tenant asks these before acting
 * (docs/CHANNEL-AND-ACCOUNTS.md, "Tenants and Partner IDs").
 */

/** The caller as the domain rules see it. */
export function tenantCallerOf(p: Principal): TenantCaller {
  return { role: p.role, companyKind: p.company.kind, companyPath: p.company.path };
}

/**
 * The account's own reseller's partner-of-record ID (its parent reseller's Partner Location ID, or
 * its Partner ID when no PLA is on file; `partnerOfRecordIdOf`), or null for a direct customer.
 */
export async function ownResellerPartnerId(repos: Repos, account: CompanyRow): Promise<string | null> {
  if (account.kind === 'reseller') return partnerOfRecordIdOf(account);
  if (!account.parentId) return null;
  const parent = await repos.companies.get(account.parentId);
  return parent?.kind === 'reseller' ? partnerOfRecordIdOf(parent) : null;
}

/** The message of a refused Partner ID: it names the allowed one (the caller's own) and nobody else. */
export function partnerIdRefusal(allowed: string | null, what: string): AppError {
  const own = allowed ? `the account's own reseller Partner ID (${allowed})` : "the account's own reseller Partner ID (none is on file yet: ask the distributor to set it)";
  return new AppError('PARTNER_ID_NOT_ALLOWED', `Only the distributor chooses another reseller as partner of record. ${what} must carry ${own}.`, [
    { field: 'resellerPartnerId', message: `Use ${own}.` },
  ]);
}

/**
 * Returns the Partner ID the caller may use for the account, or throws 403 PARTNER_ID_NOT_ALLOWED
 * when a caller other than the distributor names someone else's (a reseller's staff never pick
 * another reseller; a customer never picks one other than its own).
 */
export async function requirePartnerIdChoice(repos: Repos, principal: Principal, account: CompanyRow, requested: string | null | undefined, what: string): Promise<string | null> {
  const choice = partnerIdChoice({ caller: tenantCallerOf(principal), accountResellerPartnerId: await ownResellerPartnerId(repos, account), requested });
  if (!choice.ok) throw partnerIdRefusal(choice.allowed, what);
  return choice.partnerId;
}

/**
 * May the caller see the name of the partner holding this Partner ID: a reseller of its subtree or
 * its own reseller, or (the distributor) a reseller of its connection's network.
 */
export async function partnerNameVisibleTo(repos: Repos, principal: Principal, partnerId: string, inCallerNetwork: boolean): Promise<boolean> {
  const holders = await repos.companies.findByPartnerId(partnerId);
  const caller = tenantCallerOf(principal);
  if (holders.some((h) => mayRevealPartnerName({ caller, partnerCompanyPath: h.path, inCallerNetwork }))) return true;
  return mayRevealPartnerName({ caller, partnerCompanyPath: null, inCallerNetwork });
}
