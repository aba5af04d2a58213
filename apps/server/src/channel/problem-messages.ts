import type { PrerequisiteKey } from '@csphub/domain';

const FIELD_NAMES: Record<string, string> = {
  phone: 'phone number',
  email: 'e-mail',
  line1: 'billing street address',
  city: 'billing city',
  state: 'billing state or province',
  postalCode: 'billing postal code',
  country: 'billing country',
  registrationNumber: 'registration number (VAT id)',
  billingAddress: 'billing address',
};

/**
 * An English sentence for a prerequisite problem, saying what to fix (the UI translates by code;
 * API clients and logs read this).
 */
export function problemMessage(key: PrerequisiteKey, p: { field: string; code: string; example?: string } & Record<string, unknown>): string {
  const fromReseller = p.code.startsWith('reseller-');
  const code = fromReseller ? p.code.slice('reseller-'.length) : p.code;
  const field = FIELD_NAMES[p.field] ?? p.field;
  const owner = fromReseller ? `The reseller ${String(p.reseller ?? '')}'s ` : 'The ';
  const example = p.example ? ` (for example ${p.example})` : '';
  switch (code) {
    case 'required':
      return `${owner}${field} is missing${example}.`;
    case 'invalid':
      return `${owner}${field} does not match the country's format${example}.`;
    case 'unknown-state':
      return `${owner}${field} is not one of the country's states; pick it from the list.`;
    case 'unsupported-country':
      return `${owner}billing country is not supported for provisioning yet.`;
    case 'own-address-required':
      return "The distributor requires sub-customers' own billing address; fill it in instead of using the reseller's.";
    case 'free-mail':
      return 'Use a corporate e-mail address; the distributor does not accept free-mail providers.';
    case 'refused-domain':
      return 'Microsoft does not accept this e-mail domain for a customer; use the company\'s own.';
    case 'invalid-characters':
      return 'The phone number may only contain digits, spaces, dashes, dots, parentheses and a leading +.';
    case 'too-short':
      return 'The phone number is too short; include the area code.';
    case 'too-long':
      return 'The phone number has more than 15 digits.';
    default:
      return `${owner}${field} is not valid (${key}: ${code}).`;
  }
}
