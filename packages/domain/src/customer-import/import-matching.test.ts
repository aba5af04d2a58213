import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchingIndex, proposeImport, type ImportedCustomer, type NetworkCompany, type NetworkReseller } from './import-matching';

const tenantIds = ['t-a', 't-b', 't-c', 't-d'];
const domains = ['a.com', 'b.com', 'c.onmicrosoft.com', 'd.onmicrosoft.com'];
const resellerTenants = ['r-1', 'r-2', 'r-3'];
const partnerIds = ['p1', 'p2', 'p3', 'p9'];

const company = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  kind: fc.constantFrom('customer' as const, 'reseller' as const),
  tenantId: fc.option(fc.constantFrom(...tenantIds), { nil: undefined }),
  domain: fc.option(fc.constantFrom(...domains, 'A.COM'), { nil: undefined }),
});
const reseller = fc.record({
  companyId: fc.integer({ min: 100, max: 103 }),
  tenantId: fc.option(fc.constantFrom(...resellerTenants), { nil: undefined }),
  partnerIds: fc.subarray(partnerIds.slice(0, 3)),
});
const customer = fc.record({
  tenantId: fc.constantFrom(...tenantIds),
  companyName: fc.string(),
  domains: fc.subarray(domains, { minLength: 1 }),
  resellerTenantId: fc.option(fc.constantFrom(...resellerTenants, 'r-unknown'), { nil: undefined }),
  partnerIdsOfRecord: fc.subarray(partnerIds),
});
// Company ids unique, as in the database.
const network = fc.tuple(fc.uniqueArray(company, { selector: (c) => c.id, maxLength: 8 }), fc.uniqueArray(reseller, { selector: (r) => r.companyId, maxLength: 3 }));

const lower = (s?: string) => s?.toLowerCase();

describe('import matching (property tests)', () => {
  it('matches only a company that holds the tenant or one of its domains, and then the only one', () => {
    fc.assert(
      fc.property(network, customer, ([companies, resellers], c) => {
        const p = proposeImport(c, buildMatchingIndex(companies, resellers));
        if (p.kind !== 'matched') return;
        const chosen = companies.find((x) => x.id === p.companyId)!;
        if (p.by === 'tenant') {
          expect(chosen.tenantId).toBe(c.tenantId);
          expect(companies.filter((x) => x.tenantId === c.tenantId)).toHaveLength(1);
        } else {
          expect(c.domains).toContain(lower(chosen.domain));
          expect(companies.some((x) => x.tenantId === c.tenantId)).toBe(false);
          expect(companies.filter((x) => x.domain && c.domains.includes(lower(x.domain)!))).toHaveLength(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never proposes a new company when a domain of the customer is on two companies: a person decides', () => {
    fc.assert(
      fc.property(network, customer, ([companies, resellers], c) => {
        const p = proposeImport(c, buildMatchingIndex(companies, resellers));
        const onDomain = companies.filter((x) => x.domain && c.domains.includes(lower(x.domain)!));
        const byTenant = companies.filter((x) => x.tenantId === c.tenantId);
        if (byTenant.length === 0 && onDomain.length > 1) expect(p.kind).toBe('conflict');
        if (onDomain.length > 0 && byTenant.length === 0) expect(p.kind).not.toBe('new');
      }),
      { numRuns: 500 },
    );
  });

  it('proposes a new company under a reseller only when every reseller signal names that reseller, and direct only when there is none', () => {
    fc.assert(
      fc.property(network, customer, ([companies, resellers], c) => {
        const p = proposeImport(c, buildMatchingIndex(companies, resellers));
        if (p.kind !== 'new') return;
        const named: number[] = [];
        if (c.resellerTenantId) {
          const found = resellers.filter((x) => x.tenantId === c.resellerTenantId);
          expect(found.length).toBeGreaterThan(0);
          named.push(...found.map((r) => r.companyId));
        }
        for (const pid of c.partnerIdsOfRecord) {
          const found = resellers.filter((x) => x.partnerIds.includes(pid));
          expect(found.length).toBeGreaterThan(0);
          named.push(...found.map((r) => r.companyId));
        }
        if (named.length === 0) expect(p.parent).toEqual({ kind: 'direct' });
        else expect(p.parent).toEqual({ kind: 'reseller', companyId: named[0] });
        expect(new Set(named).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the network', () => {
    fc.assert(
      fc.property(network, customer, ([companies, resellers], c) => {
        const a = proposeImport(c, buildMatchingIndex(companies, resellers));
        const b = proposeImport(c, buildMatchingIndex([...companies].reverse(), [...resellers].reverse()));
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('examples: unknown reseller and disagreeing resellers are conflicts, not guesses', () => {
    const companies: NetworkCompany[] = [{ id: 1, kind: 'reseller' }, { id: 2, kind: 'reseller' }];
    const resellers: NetworkReseller[] = [{ companyId: 1, tenantId: 'r-1', partnerIds: ['p1'] }, { companyId: 2, tenantId: 'r-2', partnerIds: ['p2'] }];
    const index = buildMatchingIndex(companies, resellers);
    const base: ImportedCustomer = { tenantId: 'x', companyName: 'X', domains: ['x.onmicrosoft.com'], partnerIdsOfRecord: [] };
    expect(proposeImport({ ...base, partnerIdsOfRecord: ['p7'] }, index)).toEqual({ kind: 'conflict', conflicts: [{ code: 'reseller-not-in-network', partnerId: 'p7' }] });
    expect(proposeImport({ ...base, resellerTenantId: 'r-1', partnerIdsOfRecord: ['p2'] }, index)).toEqual({ kind: 'conflict', conflicts: [{ code: 'resellers-disagree', resellerCompanyIds: [1, 2] }] });
    expect(proposeImport({ ...base, resellerTenantId: 'R-1', partnerIdsOfRecord: ['P1'] }, index)).toEqual({ kind: 'new', parent: { kind: 'reseller', companyId: 1 } });
    expect(proposeImport(base, index)).toEqual({ kind: 'new', parent: { kind: 'direct' } });
  });
});
