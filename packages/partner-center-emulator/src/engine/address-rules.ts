import type { AddressValidationResponse } from '@csphub/partner-center/wire';
import * as pcErrors from '../errors/pc-errors';
import { REGISTRATION_NUMBER_COUNTRIES, countryRule, matchesPostalCode, type CountryRule } from './country-rules';
import type { AddressRecord, PartnerRecord } from './emulator-state';

/** Legal suffixes that cannot be a whole company name ("Validate company names", §4). */
const BARE_SUFFIXES = new Set(['llc', 'inc', 'inc.', 'ltd', 'ltd.', 'gmbh', 'sa', 's.a.', 'sl', 's.l.', 'ltda', 'corp', 'co', 'plc', 'ag', 'bv', 'srl', 'sas', 'spa']);

export function ruleOrNotEmulated(country: string): CountryRule {
  const rule = countryRule(country);
  if (!rule) throw pcErrors.notEmulated(`country rules for '${country.toUpperCase()}' (the emulator knows ${'US CA GB DE ES FR IT NL PT PL MX PE CO BR AR CL IN'})`);
  return rule;
}

/** §4 company-name rules. */
export function checkCompanyName(name: string): void {
  const trimmed = name.trim();
  if (trimmed.length < 2) throw pcErrors.invalidProperty('The company name must have more than one character.', ['billingProfile.companyName']);
  if (!/[\p{L}\p{N}]/u.test(trimmed)) throw pcErrors.invalidProperty('The company name cannot consist only of special characters or spaces.', ['billingProfile.companyName']);
  if (BARE_SUFFIXES.has(trimmed.toLowerCase())) throw pcErrors.invalidProperty(`The company name cannot be only a legal suffix ('${trimmed}').`, ['billingProfile.companyName']);
}

/** §4: the customer e-mail cannot be at microsoft.com nor at the partner's own domain. */
export function checkCustomerEmail(email: string, partner: PartnerRecord): void {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : '';
  if (!domain || !domain.includes('.')) throw pcErrors.invalidProperty(`billingProfile.email '${email}' is not a valid e-mail address.`, ['billingProfile.email']);
  if (domain === 'microsoft.com' || domain === partner.domain.toLowerCase()) {
    throw pcErrors.invalidProperty(`billingProfile.email cannot use the domain ${domain}.`, ['billingProfile.email']);
  }
}

/**
 * The billing address rules applied at customer creation (docs/PARTNER-CENTER-REFERENCE.md §2.2, §4): postal code format, state and
 * city when required, registration number and phone for the countries that need them.
 */
export function checkBillingAddress(address: AddressRecord, registrationNumber: string | undefined): void {
  const country = address.country.toUpperCase();
  const rule = ruleOrNotEmulated(country);
  const field = (name: string) => `billingProfile.defaultAddress.${name}`;
  if (rule.isCityRequired && !address.city?.trim()) throw pcErrors.invalidProperty('city is required.', [field('city')]);
  if (rule.isStateRequired) {
    if (!address.state?.trim()) throw pcErrors.invalidProperty(`state is required for ${country}.`, [field('state')]);
    if (rule.states.length > 0 && !rule.states.includes(address.state.trim().toUpperCase())) {
      throw pcErrors.invalidProperty(`state '${address.state}' is not a state of ${country}.`, [field('state')]);
    }
  }
  const postal = address.postalCode?.trim() ?? '';
  if (rule.isPostalCodeRequired && postal === '') throw pcErrors.invalidProperty(`postalCode is required for ${country}.`, [field('postalCode')]);
  if (postal !== '' && !matchesPostalCode(rule, postal)) {
    throw pcErrors.invalidProperty(`postalCode '${postal}' does not match ${country}'s format ${rule.postalCodeRegex}.`, [field('postalCode')]);
  }
  const needsRegistration = rule.registrationNumberRequired || REGISTRATION_NUMBER_COUNTRIES.has(country);
  const reg = registrationNumber?.trim() ?? '';
  if (needsRegistration && reg === '') throw pcErrors.registrationNumberMissing(country);
  if (!needsRegistration && reg !== '') throw pcErrors.registrationNumberNotSupported(country);
  if (reg !== '' && rule.registrationNumberRegex && !new RegExp(rule.registrationNumberRegex).test(reg)) throw pcErrors.registrationNumberInvalid(rule.registrationNumberRegex);
  if ((rule.phoneRequired || needsRegistration) && !address.phoneNumber?.trim()) throw pcErrors.phoneNumberMissing(country);
}

/**
 * `POST /v1/validations/address` (docs/PARTNER-CENTER-REFERENCE.md §4). The emulator has no postal database, so the answer follows
 * fixed rules (docs/EMULATOR-DIFFERENCES.md): a wrong postal format, a missing required state or
 * city, or an unknown state → `None`; a first address line without a house number → `StreetPartial`;
 * otherwise `VerifiedShippable` with one suggestion (US ZIP codes gain a +4 suffix, as in the doc).
 */
export function validateAddress(input: { addressLine1: string; addressLine2?: string | null; city?: string | null; state?: string | null; postalCode?: string | null; country: string }): AddressValidationResponse {
  const country = input.country.toUpperCase();
  const rule = ruleOrNotEmulated(country);
  const original = {
    addressLine1: input.addressLine1,
    ...(input.addressLine2 ? { addressLine2: input.addressLine2 } : {}),
    city: input.city ?? '',
    state: input.state ?? '',
    postalCode: input.postalCode ?? '',
    country,
  };
  const fail = (message: string): AddressValidationResponse => ({ originalAddress: original, suggestedAddresses: [], status: 'None', validationMessage: message });
  const postal = input.postalCode?.trim() ?? '';
  if (rule.isPostalCodeRequired && postal === '') return fail('The postal code is required.');
  if (postal !== '' && !matchesPostalCode(rule, postal)) return fail(`The postal code ${postal} is not valid for ${country}.`);
  if (rule.isCityRequired && !input.city?.trim()) return fail('The city is required.');
  if (rule.isStateRequired && !input.state?.trim()) return fail('The state is required.');
  if (rule.isStateRequired && rule.states.length > 0 && !rule.states.includes(input.state!.trim().toUpperCase())) return fail(`The state ${input.state} is not valid for ${country}.`);
  const suggestion = { ...original, state: (input.state ?? '').toUpperCase(), postalCode: normalisePostalCode(country, postal) };
  if (!/\d/.test(input.addressLine1)) {
    return { originalAddress: original, suggestedAddresses: [suggestion], status: 'StreetPartial', validationMessage: 'The street address has no house number.' };
  }
  return { originalAddress: original, suggestedAddresses: [suggestion], status: 'VerifiedShippable' };
}

/** US ZIP → ZIP+4 with a suffix derived from the ZIP (98052 → 98052-8300 as in the doc's example). */
function normalisePostalCode(country: string, postal: string): string {
  if (country !== 'US' || !/^\d{5}$/.test(postal)) return postal.toUpperCase();
  if (postal === '98052') return '98052-8300';
  const n = [...postal].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) % 10_000, 7);
  return `${postal}-${String(n).padStart(4, '0')}`;
}
