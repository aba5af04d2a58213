import { AddressValidationRequestSchema, type CountryValidationRules } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import { validateAddress, ruleOrNotEmulated } from '../engine/address-rules';
import { REGISTRATION_NUMBER_COUNTRIES } from '../engine/country-rules';

export function registerValidationRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §4: address validation.
  r.op('validations.address', async (ctx) => {
    const input = parseBody(AddressValidationRequestSchema, await ctx.body());
    return json(200, validateAddress(input));
  });

  // §4: country validation rules.
  r.op('validations.countryRules', (ctx) => {
    const rule = ruleOrNotEmulated(ctx.param('country'));
    const registrationRequired = rule.registrationNumberRequired || REGISTRATION_NUMBER_COUNTRIES.has(rule.iso2);
    const body: CountryValidationRules = {
      iso2Code: rule.iso2,
      defaultCulture: rule.defaultCulture,
      isStateRequired: rule.isStateRequired,
      supportedStatesList: rule.states,
      supportedLanguagesList: rule.languages,
      supportedCulturesList: rule.cultures,
      isPostalCodeRequired: rule.isPostalCodeRequired,
      postalCodeRegex: rule.postalCodeRegex,
      isCityRequired: rule.isCityRequired,
      isVatIdSupported: rule.vatIdRegex !== null,
      taxIdFormat: null,
      taxIdSample: null,
      vatIdRegex: rule.vatIdRegex,
      phoneNumberRegex: '^\\+?[0-9 ()-]{6,20}$',
      isTaxIdSupported: false,
      isTaxIdOptional: true,
      countryCallingCodesList: [rule.callingCode],
      customerOrganizationRegistrationNumberRegex: rule.registrationNumberRegex,
      customerOrganizationRegistrationNumberSample: rule.registrationNumberSample,
      customerOrganizationRegistrationNumberRequired: registrationRequired,
      customerOrganizationPhoneNumberRequired: rule.phoneRequired || registrationRequired,
      attributes: { objectType: 'CountryValidationRules' },
    };
    return json(200, body);
  });
}
