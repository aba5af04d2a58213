import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPrerequisites, type PrerequisiteCompany, type PrerequisitePolicy, type PrerequisiteReseller } from './check-prerequisites';
import { FREE_MAIL_DOMAINS } from '../contact/email';

const goodAddress = { line1: 'Calle Mayor 1', city: 'Madrid', country: 'ES', postalCode: '28013', state: '' };
const reseller: PrerequisiteReseller = { name: 'Northwind Reseller', billingAddress: { line1: 'Av. Larco 1', city: 'Lima', country: 'PE', postalCode: '15074' } };
const complete: PrerequisiteCompany = {
  kind: 'customer',
  email: 'it@fabrikam.es',
  phone: '+34 912 345 678',
  billingAddress: goodAddress,
  billingUsesResellerAddress: false,
};
const lax: PrerequisitePolicy = { requireCorporateEmail: false, requireSubCustomerBillingAddress: false };

const arbPolicy = fc.record({ requireCorporateEmail: fc.boolean(), requireSubCustomerBillingAddress: fc.boolean() });

describe('checkPrerequisites', () => {
  it('is ready for a complete company under any policy', () => {
    fc.assert(fc.property(arbPolicy, fc.boolean(), (policy, underReseller) => checkPrerequisites(complete, underReseller ? reseller : null, policy).ready));
  });

  it('is never ready without a phone, whatever else holds', () => {
    fc.assert(
      fc.property(arbPolicy, fc.constantFrom(null, '', '   ', '12', 'call me'), (policy, phone) => {
        const r = checkPrerequisites({ ...complete, phone }, reseller, policy);
        return !r.ready && r.items.find((i) => i.key === 'phone')!.ok === false;
      }),
    );
  });

  it('refuses a free-mail address exactly when the distributor requires a corporate one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FREE_MAIL_DOMAINS), fc.boolean(), (domain, requireCorporateEmail) => {
        const r = checkPrerequisites({ ...complete, email: `owner@${domain}` }, null, { ...lax, requireCorporateEmail });
        return r.ready === !requireCorporateEmail;
      }),
    );
  });

  it("falls back to the reseller's address for a sub-customer with none, unless the distributor requires its own", () => {
    const noAddress = { ...complete, billingAddress: {} };
    const fallback = checkPrerequisites(noAddress, reseller, lax);
    expect(fallback.ready).toBe(true);
    expect(fallback.items.find((i) => i.key === 'billingAddress')).toMatchObject({ ok: true, source: 'reseller' });

    const required = checkPrerequisites(noAddress, reseller, { ...lax, requireSubCustomerBillingAddress: true });
    expect(required.ready).toBe(false);
    expect(required.items.find((i) => i.key === 'billingAddress')!.problems).toEqual([{ field: 'billingAddress', code: 'own-address-required' }]);

    // A direct customer (no reseller) has nobody to fall back on.
    expect(checkPrerequisites(noAddress, null, lax).items.find((i) => i.key === 'billingAddress')!.ok).toBe(false);
  });

  it("reports the reseller's own address problems when the fallback is used", () => {
    const broken = { ...reseller, billingAddress: { ...reseller.billingAddress, postalCode: '' } };
    const r = checkPrerequisites({ ...complete, billingUsesResellerAddress: true }, broken, lax);
    expect(r.ready).toBe(false);
    expect(r.items.find((i) => i.key === 'billingAddress')!.problems).toEqual([expect.objectContaining({ field: 'postalCode', code: 'reseller-required', reseller: 'Northwind Reseller' })]);
  });

  it('turns ready when, and only when, the missing postal code is filled in with a valid one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), (postalCode) => {
        const missing = checkPrerequisites({ ...complete, billingAddress: { ...goodAddress, postalCode: '' } }, null, lax);
        const fixed = checkPrerequisites({ ...complete, billingAddress: { ...goodAddress, postalCode } }, null, lax);
        const validSpanish = /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/.test(postalCode);
        return !missing.ready && fixed.ready === validSpanish;
      }),
    );
  });

  it('always lists the three checks in the same order', () => {
    const anyText = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(anyText, anyText, fc.boolean(), arbPolicy, (email, phone, uses, policy) => {
        const r = checkPrerequisites({ ...complete, email, phone, billingUsesResellerAddress: uses }, reseller, policy);
        return r.items.map((i) => i.key).join() === 'phone,email,billingAddress' && r.ready === r.items.every((i) => i.ok);
      }),
    );
  });
});
