import { AppError, hasPermission } from '@csphub/domain';
import type { CompanyRow } from '@csphub/db';
import type { Principal } from '../auth/principal';

/**
 * Who may order a tenant for a company (wizard, existing-tenant checkout, authorization requests):
 * anyone with `sync.manage` on the subtree (distributor and reseller admins and operators), and a
 * customer admin for their own company only: the storefront checkout of a direct customer.
 * Call after `companyInScope`, so a company outside the subtree still answers 404.
 */
export function requireOrderAccess(principal: Principal, company: CompanyRow): void {
  if (hasPermission(principal.role, 'sync.manage')) return;
  if (principal.role === 'customer_admin' && principal.company.id === company.id) return;
  throw new AppError('FORBIDDEN', `Your role (${principal.role.replace(/_/g, ' ')}) may not order Microsoft services for ${company.name}; ask an administrator.`);
}

/** Who may read onboarding state (runs, authorizations, outbox) for a company in scope. */
export function requireOnboardingRead(principal: Principal): void {
  if (!hasPermission(principal.role, 'sync.read')) {
    throw new AppError('FORBIDDEN', `Your role (${principal.role.replace(/_/g, ' ')}) may not see provisioning details; ask an administrator.`);
  }
}
