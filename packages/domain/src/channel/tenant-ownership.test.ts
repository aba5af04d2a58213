import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, ROLE_COMPANY_KINDS, type Role } from '../access/roles';
import { childPath, isWithinPath } from './company-path';
import { RELINK_ROLES, isAcceptanceEvidence, mayRevealPartnerName, partnerIdChoice, relinkDecision, type TenantCaller } from './tenant-ownership';

/** A small channel: distributor /1/, resellers /1/<r>/, customers /1/<r>/<c>/ or direct /1/<c>/. */
const resellerId = fc.integer({ min: 2, max: 6 });
const customerId = fc.integer({ min: 10, max: 30 });
const pathArb = fc.oneof(
  fc.constant('/1/'),
  resellerId.map((r) => childPath('/1/', r)),
  fc.tuple(resellerId, customerId).map(([r, c]) => childPath(childPath('/1/', r), c)),
  customerId.map((c) => childPath('/1/', c)),
);
const kindOf = (path: string): TenantCaller['companyKind'] => {
  const depth = path.split('/').filter(Boolean).length;
  if (depth === 1) return 'distributor';
  if (depth === 2 && Number(path.split('/')[2]) < 10) return 'reseller';
  return 'customer';
};
const callerArb = pathArb.chain((companyPath) => {
  const companyKind = kindOf(companyPath);
  const roles = ROLES.filter((r) => ROLE_COMPANY_KINDS[r].includes(companyKind));
  return fc.constantFrom(...roles).map((role: Role): TenantCaller => ({ role, companyKind, companyPath }));
});
const partnerIdArb = fc.option(fc.stringMatching(/^\d{5,10}$/), { nil: null });

describe('partner ID choice', () => {
  it('lets everyone but the distributor name only the account reseller Partner ID (or none)', () => {
    fc.assert(
      fc.property(callerArb, partnerIdArb, partnerIdArb, (caller, own, requested) => {
        const choice = partnerIdChoice({ caller, accountResellerPartnerId: own, requested });
        if (caller.companyKind === 'distributor' || requested === null || requested === own) {
          expect(choice).toEqual({ ok: true, partnerId: requested });
        } else {
          expect(choice).toEqual({ ok: false, problem: 'not-own-partner-id', allowed: own });
        }
      }),
    );
  });

  it('never accepts another reseller Partner ID from reseller or customer staff, whatever the spacing', () => {
    fc.assert(
      fc.property(
        callerArb.filter((c) => c.companyKind !== 'distributor'),
        fc.stringMatching(/^\d{5,10}$/),
        fc.stringMatching(/^\d{5,10}$/),
        (caller, own, other) => {
          fc.pre(own !== other);
          expect(partnerIdChoice({ caller, accountResellerPartnerId: own, requested: ` ${other} ` }).ok).toBe(false);
          expect(partnerIdChoice({ caller, accountResellerPartnerId: own, requested: ` ${own} ` })).toEqual({ ok: true, partnerId: own });
        },
      ),
    );
  });
});

describe('partner names', () => {
  it('reveals a partner name only inside the caller subtree, to its own ancestors, or to the distributor for its network', () => {
    fc.assert(
      fc.property(callerArb, fc.option(pathArb, { nil: null }), fc.boolean(), (caller, partnerCompanyPath, inCallerNetwork) => {
        const shown = mayRevealPartnerName({ caller, partnerCompanyPath, inCallerNetwork });
        const related = partnerCompanyPath !== null && (isWithinPath(partnerCompanyPath, caller.companyPath) || isWithinPath(caller.companyPath, partnerCompanyPath));
        expect(shown).toBe(related || (caller.companyKind === 'distributor' && inCallerNetwork));
      }),
    );
  });

  it('never shows a reseller the name of a sibling reseller, even one in the network', () => {
    fc.assert(
      fc.property(resellerId, resellerId, fc.boolean(), (mine, theirs, inCallerNetwork) => {
        fc.pre(mine !== theirs);
        const caller: TenantCaller = { role: 'reseller_admin', companyKind: 'reseller', companyPath: childPath('/1/', mine) };
        expect(mayRevealPartnerName({ caller, partnerCompanyPath: childPath('/1/', theirs), inCallerNetwork })).toBe(false);
      }),
    );
  });
});

describe('acceptance evidence', () => {
  const tenantId = fc.option(fc.uuid(), { nil: null });
  it('is evidence only when the tenant is associated with exactly the authorization reseller (none for a direct one)', () => {
    fc.assert(
      fc.property(tenantId, tenantId, (wanted, actual) => {
        expect(isAcceptanceEvidence({ authorizationResellerTenantId: wanted, tenantIndirectResellerTenantId: actual })).toBe((wanted?.toLowerCase() ?? null) === (actual?.toLowerCase() ?? null));
      }),
    );
  });
  it('a direct authorization never accepts a tenant of some reseller', () => {
    fc.assert(fc.property(fc.uuid(), (reseller) => !isAcceptanceEvidence({ authorizationResellerTenantId: null, tenantIndirectResellerTenantId: reseller })));
  });
});

describe('relinking', () => {
  it('links freely when nobody holds the tenant', () => {
    fc.assert(fc.property(callerArb, fc.boolean(), (caller, confirmed) => relinkDecision({ caller, linkedPaths: [], confirmed }).kind === 'link'));
  });

  it('moves a tenant only for an administrator of the subtree holding every current link, and only once confirmed', () => {
    fc.assert(
      fc.property(callerArb, fc.array(pathArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (caller, linkedPaths, confirmed) => {
        const d = relinkDecision({ caller, linkedPaths, confirmed });
        const may = caller.companyKind !== 'customer' && linkedPaths.every((p) => isWithinPath(p, caller.companyPath)) && RELINK_ROLES.includes(caller.role);
        if (!may) expect(d.kind).toBe('refused');
        else expect(d.kind).toBe(confirmed ? 'relink' : 'confirm');
      }),
    );
  });

  it('never lets a customer relink, and never lets anyone take a tenant from outside their subtree', () => {
    fc.assert(
      fc.property(callerArb, pathArb, fc.boolean(), (caller, holder, confirmed) => {
        const d = relinkDecision({ caller, linkedPaths: [holder], confirmed });
        if (caller.companyKind === 'customer') expect(d).toEqual({ kind: 'refused', reason: 'customer' });
        else if (!isWithinPath(holder, caller.companyPath)) expect(d).toEqual({ kind: 'refused', reason: 'outside-subtree' });
      }),
    );
  });
});
