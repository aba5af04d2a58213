import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERMISSIONS, ROLES, canGrantRole, hasPermission, isRoleAllowedFor } from './roles';
import { checkMove } from '../channel/company-move';
import { childPath, isWithinPath, rebasePath } from '../channel/company-path';

describe('roles', () => {
  it('lets only a distributor admin move companies and manage connections', () => {
    for (const role of ROLES) {
      expect(hasPermission(role, 'company.move'), role).toBe(role === 'distributor_admin');
      expect(hasPermission(role, 'connections.manage'), role).toBe(role === 'distributor_admin');
    }
  });

  it('never lets a role grant a role stronger than itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...ROLES), (a, b) => {
        if (!canGrantRole(a, b)) return true;
        return PERMISSIONS.every((p) => !hasPermission(b, p) || hasPermission(a, p));
      }),
    );
  });

  it('keeps reseller roles out of the distributor and customer roles out of resellers', () => {
    expect(isRoleAllowedFor('reseller_admin', 'distributor')).toBe(false);
    expect(isRoleAllowedFor('customer_admin', 'reseller')).toBe(false);
    expect(isRoleAllowedFor('billing_reader', 'customer')).toBe(true);
  });
});

describe('materialized paths', () => {
  it('puts every descendant inside its ancestors and no sibling inside another', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 10_000 }), (ids, other) => {
        let path: string | null = null;
        const paths: string[] = [];
        for (const id of ids) paths.push((path = childPath(path, id)));
        const leaf = paths.at(-1)!;
        const parentPath = paths.length > 1 ? paths.at(-2)! : null;
        const sibling = childPath(parentPath, other);
        return paths.every((p) => isWithinPath(leaf, p)) && (other === ids.at(-1) || (!isWithinPath(sibling, leaf) && !isWithinPath(leaf, sibling)));
      }),
    );
  });

  it('does not confuse id 1 with id 12 (the trailing slash matters)', () => {
    expect(isWithinPath('/1/12/', '/1/1/')).toBe(false);
    expect(rebasePath('/1/4/9/', '/1/4/', '/1/5/')).toBe('/1/5/9/');
  });
});

describe('checkMove', () => {
  const customer = { kind: 'customer' as const, path: '/1/2/7/', parentId: 2 };
  const otherReseller = { id: 3, kind: 'reseller' as const, path: '/1/3/', status: 'active' as const };
  it('lets a distributor admin move a customer to another reseller', () => {
    expect(checkMove({ actorRole: 'distributor_admin', company: customer, newParent: otherReseller })).toBeNull();
  });
  it('refuses everyone else, resellers themselves and moves under customers', () => {
    for (const role of ROLES.filter((r) => r !== 'distributor_admin')) {
      expect(checkMove({ actorRole: role, company: customer, newParent: otherReseller })).toEqual({ reason: 'distributor-admin-only' });
    }
    expect(checkMove({ actorRole: 'distributor_admin', company: { kind: 'reseller', path: '/1/2/', parentId: 1 }, newParent: otherReseller })).toEqual({ reason: 'not-a-customer' });
    expect(checkMove({ actorRole: 'distributor_admin', company: customer, newParent: { id: 8, kind: 'customer', path: '/1/3/8/', status: 'active' } })).toEqual({
      reason: 'invalid-parent',
      parentKind: 'customer',
    });
    expect(checkMove({ actorRole: 'distributor_admin', company: customer, newParent: { ...otherReseller, status: 'inactive' } })).toEqual({ reason: 'inactive-parent' });
  });
});
