import { z } from 'zod';
import { acceptPascalCase } from './case';
import { CountryCodeSchema } from './common.schema';

/** `POST /v1/validations/address` body (docs/PARTNER-CENTER-REFERENCE.md §4). */
export const AddressValidationRequestSchema = acceptPascalCase(
  z.object({
    addressLine1: z.string().min(1),
    addressLine2: z.string().optional().nullable(),
    addressLine3: z.string().optional().nullable(),
    city: z.string().optional().nullable(),
    state: z.string().optional().nullable(),
    postalCode: z.string().optional().nullable(),
    country: CountryCodeSchema,
  }),
);
export type AddressValidationRequest = z.infer<typeof AddressValidationRequestSchema>;

export const AddressValidationStatusSchema = z.enum([
  'VerifiedShippable',
  'Verified',
  'InteractionRequired',
  'StreetPartial',
  'PremisesPartial',
  'Multiple',
  'None',
  'NotValidated',
]);
export type AddressValidationStatus = z.infer<typeof AddressValidationStatusSchema>;

const PlainAddressSchema = z.looseObject({
  addressLine1: z.string(),
  addressLine2: z.string().optional().nullable(),
  city: z.string().optional().nullable(),
  state: z.string().optional().nullable(),
  postalCode: z.string().optional().nullable(),
  country: z.string(),
});

export const AddressValidationResponseSchema = z.looseObject({
  originalAddress: PlainAddressSchema,
  suggestedAddresses: z.array(PlainAddressSchema),
  status: AddressValidationStatusSchema,
  validationMessage: z.string().optional(),
});
export type AddressValidationResponse = z.infer<typeof AddressValidationResponseSchema>;

/** `GET /v1/countryvalidationrules/{iso2}` (docs/PARTNER-CENTER-REFERENCE.md §4). */
export const CountryValidationRulesSchema = z.looseObject({
  iso2Code: z.string(),
  defaultCulture: z.string(),
  isStateRequired: z.boolean(),
  supportedStatesList: z.array(z.string()),
  supportedLanguagesList: z.array(z.string()),
  supportedCulturesList: z.array(z.string()),
  isPostalCodeRequired: z.boolean(),
  postalCodeRegex: z.string().nullable(),
  isCityRequired: z.boolean(),
  isVatIdSupported: z.boolean(),
  taxIdFormat: z.string().nullable().optional(),
  taxIdSample: z.string().nullable().optional(),
  vatIdRegex: z.string().nullable().optional(),
  phoneNumberRegex: z.string().nullable().optional(),
  isTaxIdSupported: z.boolean(),
  isTaxIdOptional: z.boolean(),
  countryCallingCodesList: z.array(z.string()),
  customerOrganizationRegistrationNumberRegex: z.string().nullable().optional(),
  customerOrganizationRegistrationNumberSample: z.string().nullable().optional(),
  customerOrganizationRegistrationNumberRequired: z.boolean().optional(),
  customerOrganizationPhoneNumberRequired: z.boolean().optional(),
  attributes: z.looseObject({ objectType: z.string().optional() }),
});
export type CountryValidationRules = z.infer<typeof CountryValidationRulesSchema>;
