import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emailProblem } from './email';
import { phoneProblem } from './phone';
import { companyNameProblem } from '../channel/company-name';

describe('contact validators', () => {
  it('accepts generated e-mail addresses on corporate domains and refuses microsoft.com', () => {
    fc.assert(fc.property(fc.emailAddress(), (email) => emailProblem(email, { requireCorporate: false }) === null || /@microsoft\.com$/i.test(email) || email.length > 254));
    expect(emailProblem('someone@microsoft.com', { requireCorporate: false })).toBe('refused-domain');
    expect(emailProblem('no-at-sign', { requireCorporate: false })).toBe('invalid');
  });

  it('counts 7 to 15 digits in a phone number, whatever the separators', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 20 }), fc.boolean(), (ds, plus) => {
        const phone = (plus ? '+' : '') + ds.join(' ');
        const p = phoneProblem(phone);
        if (ds.length < 7) return p === 'too-short';
        if (ds.length > 15) return p === 'too-long';
        return p === null;
      }),
    );
    expect(phoneProblem('555-CALL-NOW')).toBe('invalid-characters');
  });

  it('refuses the company names Microsoft refuses', () => {
    expect(companyNameProblem('A')).toBe('too-short');
    expect(companyNameProblem('***')).toBe('no-letters');
    expect(companyNameProblem('LLC')).toBe('bare-suffix');
    expect(companyNameProblem('S.A.')).toBe('bare-suffix');
    expect(companyNameProblem('Fabrikam S.A.')).toBeNull();
  });
});
