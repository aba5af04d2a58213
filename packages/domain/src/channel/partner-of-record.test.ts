import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayOrderAsPartnerOfRecord, partnerOfRecordIdOf, porChanges, type PorStatus, type PorValidation, type ResellerPorFacts } from './partner-of-record';

const idArb = fc.constantFrom('6100001', '6100002', '4100001', '4100002', '7000000');
const statusArb = fc.constantFrom<PorStatus | null>(null, 'eligible', 'ineligible');
const resellerArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    partnerId: fc.option(idArb, { nil: null }),
    partnerLocationId: fc.option(idArb, { nil: null }),
    porStatus: statusArb,
    porErrorCode: fc.option(fc.constant(900400), { nil: null }),
    porErrorDescription: fc.option(fc.constantFrom('expired', 'global ID'), { nil: null }),
  });
const resellersArb = fc.array(fc.nat(50), { maxLength: 12 }).map((ids) => [...new Set(ids)]).chain((ids) => fc.tuple(...ids.map((i) => resellerArb(i))));
const resultArb: fc.Arbitrary<PorValidation> = fc.oneof(
  idArb.map((partnerId) => ({ partnerId, isValid: true })),
  fc.record({ partnerId: idArb, isValid: fc.constant(false), errorCode: fc.constant(900400), errorDescription: fc.constantFrom('expired', 'global ID') }),
);
const resultsArb = fc.uniqueArray(resultArb, { selector: (r) => r.partnerId, maxLength: 5 });

describe('partner of record by location ID (docs/PARTNER-CENTER-REFERENCE.md §7.1)', () => {
  it('names the PLA when one is on file, else the Partner ID, and never a blank one', () => {
    expect(partnerOfRecordIdOf({ partnerId: '4100001', partnerLocationId: '6100001' })).toBe('6100001');
    expect(partnerOfRecordIdOf({ partnerId: '6100001', partnerLocationId: null })).toBe('6100001');
    expect(partnerOfRecordIdOf({ partnerId: ' ', partnerLocationId: '  ' })).toBeNull();
  });

  it('refuses to order only for a reseller Microsoft last called ineligible', () => {
    fc.assert(fc.property(statusArb, (porStatus) => mayOrderAsPartnerOfRecord({ porStatus }) === (porStatus !== 'ineligible')));
  });

  it('after applying a revalidation, every answered reseller carries Microsoft’s verdict and a second pass changes nothing', () => {
    fc.assert(
      fc.property(resellersArb, resultsArb, (resellers, results) => {
        const changes = porChanges(resellers, results);
        const applied: ResellerPorFacts[] = resellers.map((r) => {
          const c = changes.find((x) => x.id === r.id);
          return c ? { ...r, porStatus: c.after, porErrorCode: c.errorCode, porErrorDescription: c.errorDescription } : r;
        });
        for (const r of applied) {
          const id = partnerOfRecordIdOf(r);
          const result = results.find((x) => x.partnerId === id);
          const before = resellers.find((x) => x.id === r.id)!;
          if (!id || !result) expect(r).toEqual(before);
          else expect(r.porStatus).toBe(result.isValid ? 'eligible' : 'ineligible');
        }
        expect(porChanges(applied, results)).toEqual([]);
        for (const c of changes) expect(c.before).toBe(resellers.find((r) => r.id === c.id)!.porStatus);
      }),
    );
  });
});
