import { fromWireAddress, toWireAddress, type PostalAddress } from './postal-address';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AddressValidationResponseSchema,
  CountryValidationRulesSchema,
  type AddressValidationStatus,
} from './wire/validation.schema';

/** Microsoft's verdict on an address (docs/PARTNER-CENTER-REFERENCE.md §4). */
export interface AddressValidation {
  /** Microsoft's status, as is (`VerifiedShippable`, `Verified`, `StreetPartial`, `None`, ...). */
  status: AddressValidationStatus;
  /** True for `VerifiedShippable` and `Verified`: the address can be used as given. */
  isValid: boolean;
  /** True when Microsoft has suggestions the user should confirm (partial, multiple, interaction required). */
  needsConfirmation: boolean;
  original: PostalAddress;
  suggestions: PostalAddress[];
  /** Microsoft's explanation, only on failures. */
  message?: string;
}

/** What a country requires of a customer's address and profile (docs/PARTNER-CENTER-REFERENCE.md §4). */
export interface CountryRules {
  country: string;
  defaultCulture: string;
  isStateRequired: boolean;
  states: string[];
  isCityRequired: boolean;
  isPostalCodeRequired: boolean;
  /** The postal code pattern, as a regular expression source. */
  postalCodePattern?: string;
  phoneNumberPattern?: string;
  languages: string[];
  cultures: string[];
  callingCodes: string[];
  isVatIdSupported: boolean;
  vatIdPattern?: string;
  isTaxIdSupported: boolean;
  isTaxIdOptional: boolean;
  /** §2.2: some countries require an organisation registration number (and a phone number). */
  isRegistrationNumberRequired: boolean;
  registrationNumberPattern?: string;
  registrationNumberSample?: string;
  isPhoneNumberRequired: boolean;
}

const validStatuses: ReadonlySet<string> = new Set(['VerifiedShippable', 'Verified']);
const confirmStatuses: ReadonlySet<string> = new Set([
  'InteractionRequired',
  'StreetPartial',
  'PremisesPartial',
  'Multiple',
]);
const orUndefined = (v: string | null | undefined) => (v === null || v === '' ? undefined : v);

/** Address validation and country rules (docs/PARTNER-CENTER-REFERENCE.md §4). */
export function createAddressValidationOps(pipeline: RequestPipeline) {
  return {
    /** Asks Microsoft whether an address is real and shippable, with its suggestions (docs/PARTNER-CENTER-REFERENCE.md §4). */
    async validateAddress(address: PostalAddress, options?: CallOptions): Promise<AddressValidation> {
      const wire = toWireAddress(address);
      return pipeline.send(
        {
          ...fromCatalogue('validations.address'),
          body: {
            addressLine1: wire.addressLine1,
            addressLine2: wire.addressLine2,
            addressLine3: wire.addressLine3,
            city: wire.city,
            state: wire.state,
            postalCode: wire.postalCode,
            country: wire.country,
          },
          parse: ({ body }) => {
            const r = AddressValidationResponseSchema.parse(body);
            const result: AddressValidation = {
              status: r.status,
              isValid: validStatuses.has(r.status),
              needsConfirmation: confirmStatuses.has(r.status),
              original: fromWireAddress(r.originalAddress),
              suggestions: r.suggestedAddresses.map(fromWireAddress),
            };
            if (r.validationMessage) result.message = r.validationMessage;
            return result;
          },
        },
        options,
      );
    },

    /** A country's address and profile rules (`GET /v1/countryvalidationrules/{iso2}`, §4). */
    async getCountryRules(country: string, options?: CallOptions): Promise<CountryRules> {
      return pipeline.send(
        {
          ...fromCatalogue('validations.countryRules'),
          params: { country: country.toUpperCase() },
          parse: ({ body }) => {
            const r = CountryValidationRulesSchema.parse(body);
            return {
              country: r.iso2Code,
              defaultCulture: r.defaultCulture,
              isStateRequired: r.isStateRequired,
              states: r.supportedStatesList,
              isCityRequired: r.isCityRequired,
              isPostalCodeRequired: r.isPostalCodeRequired,
              postalCodePattern: orUndefined(r.postalCodeRegex),
              phoneNumberPattern: orUndefined(r.phoneNumberRegex),
              languages: r.supportedLanguagesList,
              cultures: r.supportedCulturesList,
              callingCodes: r.countryCallingCodesList,
              isVatIdSupported: r.isVatIdSupported,
              vatIdPattern: orUndefined(r.vatIdRegex),
              isTaxIdSupported: r.isTaxIdSupported,
              isTaxIdOptional: r.isTaxIdOptional,
              isRegistrationNumberRequired: r.customerOrganizationRegistrationNumberRequired ?? false,
              registrationNumberPattern: orUndefined(r.customerOrganizationRegistrationNumberRegex),
              registrationNumberSample: orUndefined(r.customerOrganizationRegistrationNumberSample),
              isPhoneNumberRequired: r.customerOrganizationPhoneNumberRequired ?? false,
            } satisfies CountryRules;
          },
        },
        options,
      );
    },
  };
}
