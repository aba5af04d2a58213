import {
  AppError,
  companyNameProblem,
  countryRules,
  emailProblem,
  findState,
  isValidDomainName,
  normalizePostalCode,
  phoneProblem,
  type ErrorDetail,
} from '@csphub/domain';
import type { CompanyFields, CompanyRow } from '@csphub/db';

const NAME_MESSAGES: Record<string, string> = {
  required: 'Enter the company name.',
  'too-short': 'A company name needs at least two characters.',
  'too-long': 'A company name has at most 200 characters.',
  'no-letters': 'A company name needs letters or digits, not only symbols.',
  'bare-suffix': 'A legal form alone ("LLC", "S.A.") is not a company name; enter the full name.',
};

/**
 * Tidies the fields a client sent (trims, empty to null, upper-cases country codes and postal codes,
 * stores a state by its code) and refuses values that are wrong in themselves: a malformed e-mail or
 * phone, an unsupported country, a postal code or state the country does not accept. Values that
 * are only missing are accepted: the prerequisites checklist reports them, so partial data can be saved.
 * Throws VALIDATION_FAILED naming every bad field.
 */
export function normalizeCompanyFields(patch: CompanyFields, current: Partial<CompanyRow> & { kind: CompanyRow['kind'] }, parentKind: CompanyRow['kind'] | null): CompanyFields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) out[k] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v;
  const errors: ErrorDetail[] = [];
  const merged = { ...current, ...out } as Partial<CompanyRow>;

  if ('name' in out) {
    const problem = companyNameProblem((out.name as string | null) ?? '');
    if (problem) errors.push({ field: 'name', message: NAME_MESSAGES[problem]! });
  }
  if (out.domain && !isValidDomainName(out.domain as string)) errors.push({ field: 'domain', message: 'Enter a domain like contoso.com, without http:// or paths.' });
  if (out.email) {
    const problem = emailProblem(out.email as string, { requireCorporate: false });
    if (problem === 'invalid') errors.push({ field: 'email', message: 'Enter an e-mail address like name@company.com.' });
    if (problem === 'refused-domain') errors.push({ field: 'email', message: "Microsoft does not accept this e-mail domain for a customer; use the company's own." });
  }
  if (out.phone) {
    const problem = phoneProblem(out.phone as string);
    if (problem) errors.push({ field: 'phone', message: 'Enter a phone number of 7 to 15 digits; spaces, dashes, dots, parentheses and a leading + are fine.' });
  }
  for (const prefix of ['', 'billing'] as const) {
    const f = (name: string) => (prefix ? `billing${name[0]!.toUpperCase()}${name.slice(1)}` : name) as keyof CompanyRow;
    const countryField = f('country');
    if (countryField in out && out[countryField]) {
      out[countryField] = (out[countryField] as string).toUpperCase();
      if (!countryRules(out[countryField] as string)) errors.push({ field: countryField, message: `${String(out[countryField])} is not a supported country; pick one from the list.` });
    }
    const rules = countryRules((merged[countryField] as string | null) ?? (out[countryField] as string | null));
    const postalField = f('postalCode');
    if (postalField in out && out[postalField]) {
      out[postalField] = normalizePostalCode(out[postalField] as string);
      if (rules?.postalCodePattern && !rules.postalCodePattern.test(out[postalField] as string)) {
        errors.push({ field: postalField, message: `This is not a postal code of ${rules.code}${rules.postalCodeExample ? `; it looks like ${rules.postalCodeExample}` : ''}.` });
      }
    }
    const stateField = f('state');
    if (stateField in out && out[stateField] && rules?.states) {
      const state = findState(rules, out[stateField] as string);
      if (state) out[stateField] = state.code;
      else if (rules.stateRequired) errors.push({ field: stateField, message: `Pick one of the states of ${rules.code} from the list.` });
    }
  }
  if (out.registrationNumber) {
    const rules = countryRules(merged.billingCountry ?? merged.country);
    if (rules?.registrationNumberPattern && !rules.registrationNumberPattern.test(out.registrationNumber as string)) {
      errors.push({ field: 'registrationNumber', message: `This is not a registration number of ${rules.code}; it looks like ${rules.registrationNumberExample ?? '(see the country rules)'}.` });
    }
  }
  if (out.partnerId && !/^\d{5,10}$/.test(out.partnerId as string)) errors.push({ field: 'partnerId', message: 'A Partner ID is 5 to 10 digits.' });
  if (out.partnerId && current.kind !== 'reseller') errors.push({ field: 'partnerId', message: 'Only resellers have a Partner ID.' });
  if (out.partnerLocationId && !/^\d{5,10}$/.test(out.partnerLocationId as string)) errors.push({ field: 'partnerLocationId', message: 'A Partner Location ID is 5 to 10 digits.' });
  if (out.partnerLocationId && current.kind !== 'reseller') errors.push({ field: 'partnerLocationId', message: 'Only resellers have a Partner Location ID.' });
  if (out.billingUsesResellerAddress === true && !(current.kind === 'customer' && parentKind === 'reseller')) {
    errors.push({ field: 'billingUsesResellerAddress', message: "Only a reseller's customers can use their reseller's address." });
  }
  if ('language' in out && (out.language === null || !/^[a-z]{2}(-[A-Z]{2})?$/.test(out.language as string))) errors.push({ field: 'language', message: 'Pick a language such as en or es.' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', `Some fields need fixing: ${errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`, errors);
  return out as CompanyFields;
}
