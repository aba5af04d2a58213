import { AppError, hasPermission, isWithinPath, type Permission } from '@csphub/domain';
import type { CompanyRow, Repos, ScopeRow } from '@csphub/db';
import type { Principal } from '../auth/principal';

/**
 * Loads a company the caller may see, or answers 404 NOT_FOUND — the same answer as for a company
 * that does not exist, so that nobody learns about companies outside their subtree. Use this for
 * every route that takes a company id; then check the action with `requirePermission`.
 */
export async function companyInScope(repos: Repos, principal: Principal, id: number): Promise<CompanyRow> {
  return visibleOrNotFound(await repos.companies.get(id), principal, id);
}

/**
 * `companyInScope` for a route that needs only the company's id, kind, parent, path and name (a list
 * scoped to it): the same check and the same 404, reading five columns instead of the whole row.
 */
export async function companyScopeInScope(repos: Repos, principal: Principal, id: number): Promise<ScopeRow> {
  return visibleOrNotFound(await repos.companies.scope(id), principal, id);
}

function visibleOrNotFound<T extends Pick<CompanyRow, 'path'>>(company: T | undefined, principal: Principal, id: number): T {
  if (!company || !isWithinPath(company.path, principal.company.path)) {
    throw new AppError('NOT_FOUND', `There is no company ${id} among the companies you can see.`);
  }
  return company;
}

/** True when the caller's subtree contains the company. */
export function isInScope(principal: Principal, company: Pick<CompanyRow, 'path'>): boolean {
  return isWithinPath(company.path, principal.company.path);
}

/**
 * Refuses with 403 FORBIDDEN when the caller's role lacks the permission. Call it after the
 * scope check, so that a company outside the subtree still answers 404.
 */
export function requirePermission(principal: Principal, permission: Permission, what?: string): void {
  if (!hasPermission(principal.role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${principal.role.replace(/_/g, ' ')}) may not ${what ?? permission.replace('.', ' ')}; ask an administrator.`);
  }
}
