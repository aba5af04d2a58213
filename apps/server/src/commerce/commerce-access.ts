import { COMMERCE_PERMISSIONS, type CommerceAction } from '@csphub/domain';
import type { Principal } from '../auth/principal';
import type { CompanyRow, Repos, ScopeRow } from '@csphub/db';
import { companyInScope, companyScopeInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';

const WHAT: Record<CommerceAction, string> = {
  'catalog.read': 'see the catalog',
  'catalog.refresh': 'refresh the catalog',
  'catalog.hide': 'hide products from resellers',
  'orders.read': 'see orders',
  'orders.place': 'place orders',
  'subscriptions.read': 'see subscriptions',
  'subscriptions.manage': 'change subscriptions',
  'licenses.read': "see the tenant's users and licenses",
  'licenses.manage': 'assign or remove licenses',
  'prices.read': 'see prices',
  'prices.manage': 'change price lists',
};

/** Refuses with 403 when the caller's role may not do this commerce action (after the scope check). */
export function requireCommerce(principal: Principal, action: CommerceAction): void {
  requirePermission(principal, COMMERCE_PERMISSIONS[action], WHAT[action]);
}

/** Distributor staff see hidden products (marked) and may hide them; everyone else never sees them. */
export function seesHiddenProducts(principal: Principal): boolean {
  return principal.company.kind === 'distributor';
}

/**
 * The preamble of every commerce route: the company in the caller's scope (404 outside it), then
 * the action's permission (403), with the repositories both were read through.
 */
export async function commerceCompany(deps: ServerDeps, principal: Principal, companyId: number, action: CommerceAction): Promise<{ repos: Repos; company: CompanyRow }> {
  const repos = reposOf(deps);
  const company = await companyInScope(repos, principal, companyId);
  requireCommerce(principal, action);
  return { repos, company };
}

/** `commerceCompany` for a read that needs only the company's `ScopeRow` (the orders list): the same checks in the same order. */
export async function commerceScope(deps: ServerDeps, principal: Principal, companyId: number, action: CommerceAction): Promise<{ repos: Repos; company: ScopeRow }> {
  const repos = reposOf(deps);
  const company = await companyScopeInScope(repos, principal, companyId);
  requireCommerce(principal, action);
  return { repos, company };
}
