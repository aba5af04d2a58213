import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMPANY_KINDS } from '../channel/company-kind';
import { ROLES, ROLE_PERMISSIONS, canGrantRole, isRoleAllowedFor } from './roles';
import { capRole } from './cap-role';

const roleArb = fc.constantFrom(...ROLES);

describe('capRole', () => {
  it('never gives a token more than its own role or its owner can grant, and keeps a role the kind can hold', () => {
    fc.assert(
      fc.property(roleArb, roleArb, fc.constantFrom(...COMPANY_KINDS), (token, owner, kind) => {
        fc.pre(isRoleAllowedFor(token, kind));
        const capped = capRole(token, owner, kind);
        expect(canGrantRole(token, capped)).toBe(true);
        expect(canGrantRole(owner, capped)).toBe(true);
        expect(isRoleAllowedFor(capped, kind)).toBe(true);
      }),
    );
  });

  it('is the strongest such role: no role the kind holds, within both, can do more', () => {
    fc.assert(
      fc.property(roleArb, roleArb, fc.constantFrom(...COMPANY_KINDS), (token, owner, kind) => {
        fc.pre(isRoleAllowedFor(token, kind));
        const capped = capRole(token, owner, kind);
        for (const r of ROLES) {
          if (isRoleAllowedFor(r, kind) && canGrantRole(token, r) && canGrantRole(owner, r)) expect(canGrantRole(capped, r)).toBe(true);
        }
      }),
    );
  });

  it('leaves the token alone while its owner can still grant its role', () => {
    fc.assert(
      fc.property(roleArb, roleArb, fc.constantFrom(...COMPANY_KINDS), (token, owner, kind) => {
        fc.pre(isRoleAllowedFor(token, kind) && canGrantRole(owner, token));
        expect(capRole(token, owner, kind)).toBe(token);
      }),
    );
  });

  it('caps a customer admin token of a reseller admin demoted to operator to read-only billing', () => {
    expect(capRole('customer_admin', 'reseller_operator', 'customer')).toBe('billing_reader');
    expect([...ROLE_PERMISSIONS[capRole('reseller_admin', 'reseller_operator', 'reseller')]]).toEqual([...ROLE_PERMISSIONS.reseller_operator]);
  });
});
