import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAdminChoiceAllowed, needsDefaultGdap } from './admin-setup';

const nameArb = fc.oneof(fc.constantFrom('admin', 'ADMIN', ' admin ', '', '  '), fc.stringMatching(/^[a-z0-9._-]{1,64}$/));

describe('the administrator and the default GDAP roles', () => {
  it('only Microsoft\'s admin with a forced password change goes without default GDAP', () => {
    fc.assert(
      fc.property(nameArb, fc.boolean(), fc.boolean(), (adminUsername, requirePasswordChange, defaultGdap) => {
        const isPlainAdmin = (adminUsername.trim().toLowerCase() || 'admin') === 'admin' && requirePasswordChange;
        expect(needsDefaultGdap({ adminUsername, requirePasswordChange })).toBe(!isPlainAdmin);
        expect(isAdminChoiceAllowed({ adminUsername, requirePasswordChange, defaultGdap })).toBe(defaultGdap || isPlainAdmin);
      }),
    );
  });

  it('default GDAP allows any administrator', () => {
    fc.assert(fc.property(nameArb, fc.boolean(), (adminUsername, requirePasswordChange) => isAdminChoiceAllowed({ adminUsername, requirePasswordChange, defaultGdap: true })));
  });

  it('examples', () => {
    expect(isAdminChoiceAllowed({ adminUsername: 'it.ops', requirePasswordChange: true, defaultGdap: false })).toBe(false);
    expect(isAdminChoiceAllowed({ adminUsername: 'admin', requirePasswordChange: false, defaultGdap: false })).toBe(false);
    expect(isAdminChoiceAllowed({ adminUsername: 'admin', requirePasswordChange: true, defaultGdap: false })).toBe(true);
  });
});
