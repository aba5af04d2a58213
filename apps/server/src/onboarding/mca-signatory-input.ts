import { AppError } from '@csphub/domain';
import type { CompanyRow } from '@csphub/db';
import type { McaSignatoryInput } from '@csphub/provisioning';
import { buyingCountryOf } from '../commerce/linked-tenants';
import type { McaSignatory } from './mca-signatory.schema';

/**
 * The run's signatory input from what the caller typed, with the account's defaults: its legal name,
 * its billing country (422 on `signatory.country` when it has none) and its language (or `language`,
 * the wizard's choice). `partnerName` is the partner the agreement names (the reseller, or the distributor).
 */
export function mcaSignatoryInput(company: CompanyRow, s: McaSignatory, defaults: { partnerName: string; language?: string }): McaSignatoryInput {
  const country = s.country ?? buyingCountryOf(company);
  if (!country) throw new AppError('PREREQUISITES_MISSING', `${company.name} has no billing country for the Microsoft Customer Agreement; set it on the company page.`, [{ field: 'signatory.country', message: 'Required.' }]);
  const language = (defaults.language ?? company.language).slice(0, 2).toLowerCase() === 'es' ? 'es' : 'en';
  return {
    kind: 'signatory',
    firstName: s.firstName,
    lastName: s.lastName,
    email: s.email,
    ...(s.phone ? { phone: s.phone } : {}),
    companyName: s.companyName ?? company.name,
    country,
    language: s.language ?? language,
    partnerName: defaults.partnerName,
  };
}
