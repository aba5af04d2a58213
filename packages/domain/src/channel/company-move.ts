import type { CompanyKind } from './company-kind';
import { canBeChildOf } from './company-kind';
import { isWithinPath } from './company-path';
import type { Role } from '../access/roles';

/** Why a move is refused, for the API to turn into a message. */
export type MoveRefusal =
  | { reason: 'not-a-customer' }
  | { reason: 'distributor-admin-only' }
  | { reason: 'invalid-parent'; parentKind: CompanyKind }
  | { reason: 'same-parent' }
  | { reason: 'inactive-parent' }
  | { reason: 'into-own-subtree' };

/**
 * Decides whether a company may move under a new parent. Only customers move (between resellers, or
 * to and from the distributor as direct customers), and only a distributor admin may move them: a
 * move changes the reseller of record, which no reseller may decide for another.
 */
export function checkMove(input: {
  actorRole: Role;
  company: { kind: CompanyKind; path: string; parentId: number | null };
  newParent: { id: number; kind: CompanyKind; path: string; status: 'active' | 'inactive' };
}): MoveRefusal | null {
  const { actorRole, company, newParent } = input;
  if (actorRole !== 'distributor_admin') return { reason: 'distributor-admin-only' };
  if (company.kind !== 'customer') return { reason: 'not-a-customer' };
  if (isWithinPath(newParent.path, company.path)) return { reason: 'into-own-subtree' };
  if (!canBeChildOf(company.kind, newParent.kind)) return { reason: 'invalid-parent', parentKind: newParent.kind };
  if (newParent.id === company.parentId) return { reason: 'same-parent' };
  if (newParent.status !== 'active') return { reason: 'inactive-parent' };
  return null;
}
