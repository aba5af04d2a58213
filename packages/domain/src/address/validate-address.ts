import { countryRules, findState } from './country-rules';

/** An address as CSP Hub holds it (billing or contact). Empty strings count as missing. */
export interface PostalAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** One thing wrong with an address: the field and a stable code the UI translates. */
export interface AddressProblem {
  field: 'line1' | 'city' | 'state' | 'postalCode' | 'country' | 'registrationNumber';
  code: 'required' | 'invalid' | 'unsupported-country' | 'unknown-state';
  /** For `invalid` postal codes and registration numbers: an example that would pass. */
  example?: string;
}

const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

/** True when no field of the address holds anything (a sub-customer's "use my reseller's" case). */
export function isAddressEmpty(a: PostalAddress | null | undefined): boolean {
  return !a || (blank(a.line1) && blank(a.line2) && blank(a.city) && blank(a.state) && blank(a.postalCode) && blank(a.country));
}

/** Upper-cases and collapses spaces in a postal code, as the country patterns expect. */
export function normalizePostalCode(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, ' ');
}

/**
 * Checks an address against its country's rules: street, city and country always; postal code when
 * the country requires it (and its pattern whenever one is given); state when required, and one of
 * the listed states when Microsoft lists them; the organisation's registration number where Microsoft
 * requires it. Returns every problem at once so a form can mark all fields.
 */
export function validateAddress(address: PostalAddress, registrationNumber?: string | null): AddressProblem[] {
  const problems: AddressProblem[] = [];
  if (blank(address.line1)) problems.push({ field: 'line1', code: 'required' });
  if (blank(address.city)) problems.push({ field: 'city', code: 'required' });
  if (blank(address.country)) {
    problems.push({ field: 'country', code: 'required' });
    return problems;
  }
  const rules = countryRules(address.country);
  if (!rules) {
    problems.push({ field: 'country', code: 'unsupported-country' });
    return problems;
  }
  if (blank(address.postalCode)) {
    if (rules.postalCodeRequired) problems.push({ field: 'postalCode', code: 'required', ...(rules.postalCodeExample ? { example: rules.postalCodeExample } : {}) });
  } else if (rules.postalCodePattern && !rules.postalCodePattern.test(normalizePostalCode(address.postalCode!))) {
    problems.push({ field: 'postalCode', code: 'invalid', ...(rules.postalCodeExample ? { example: rules.postalCodeExample } : {}) });
  }
  if (blank(address.state)) {
    if (rules.stateRequired) problems.push({ field: 'state', code: 'required' });
  } else if (rules.stateRequired && rules.states && !findState(rules, address.state!)) {
    problems.push({ field: 'state', code: 'unknown-state' });
  }
  if (rules.registrationNumberRequired) {
    if (blank(registrationNumber)) problems.push({ field: 'registrationNumber', code: 'required', ...(rules.registrationNumberExample ? { example: rules.registrationNumberExample } : {}) });
    else if (rules.registrationNumberPattern && !rules.registrationNumberPattern.test(registrationNumber!.trim())) {
      problems.push({ field: 'registrationNumber', code: 'invalid', ...(rules.registrationNumberExample ? { example: rules.registrationNumberExample } : {}) });
    }
  }
  return problems;
}
