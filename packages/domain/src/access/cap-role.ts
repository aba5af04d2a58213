import type { CompanyKind } from '../channel/company-kind';
import { ROLES, canGrantRole, isRoleAllowedFor, type Role } from './roles';

/**
 * The role an API token acts with today: its own role, capped by what its owner can grant now. A
 * token never does more than the person it belongs to, so demoting the owner demotes their tokens
 * at once. The cap is the strongest role the company's kind can hold that both the token's role and
 * the owner's current role can grant; within one kind the roles form a chain, so that role is
 * unique, and `billing_reader` (held by every kind, granted by every role) is the floor.
 */
export function capRole(tokenRole: Role, ownerRole: Role, kind: CompanyKind): Role {
  if (canGrantRole(ownerRole, tokenRole)) return tokenRole;
  let best: Role = 'billing_reader';
  for (const r of ROLES) {
    if (isRoleAllowedFor(r, kind) && canGrantRole(tokenRole, r) && canGrantRole(ownerRole, r) && canGrantRole(r, best)) best = r;
  }
  return best;
}
