import { z } from 'zod';
import { acceptPascalCase } from './case';
import { AddressSchema, LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

/** `relationshipToPartner` values (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
export const RelationshipToPartnerSchema = z.enum(['none', 'reseller', 'advisor', 'syndication', 'microsoft_support', 'unknown']);
export type RelationshipToPartner = z.infer<typeof RelationshipToPartnerSchema>;

export const CustomerCompanyProfileSchema = z.looseObject({
  tenantId: z.string(),
  domain: z.string(),
  companyName: z.string(),
  address: AddressSchema.optional(),
  email: z.string().optional(),
  organizationRegistrationNumber: z.string().optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type CustomerCompanyProfile = z.infer<typeof CustomerCompanyProfileSchema>;

export const CustomerBillingProfileSchema = z.looseObject({
  id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string(),
  culture: z.string(),
  language: z.string(),
  companyName: z.string(),
  defaultAddress: AddressSchema,
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type CustomerBillingProfile = z.infer<typeof CustomerBillingProfileSchema>;

export const UserCredentialsSchema = z.looseObject({ userName: z.string(), password: z.string() });
export type UserCredentials = z.infer<typeof UserCredentialsSchema>;

/** Customer as answered by Partner Center (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
export const CustomerSchema = z.looseObject({
  id: z.string(),
  commerceId: z.string().optional(),
  companyProfile: CustomerCompanyProfileSchema,
  billingProfile: CustomerBillingProfileSchema.optional(),
  relationshipToPartner: RelationshipToPartnerSchema,
  allowDelegatedAccess: z.boolean().optional(),
  userCredentials: UserCredentialsSchema.optional(),
  customDomains: z.array(z.string()).optional(),
  associatedPartnerId: z.string().optional(),
  enableGDAPByDefault: z.boolean().optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerCollectionSchema = collectionSchema(CustomerSchema);

/** `POST /v1/customers` body (docs/PARTNER-CENTER-REFERENCE.md §2.2, §2.3). */
export const CreateCustomerRequestSchema = acceptPascalCase(
  z.object({
    enableGDAPByDefault: z.boolean().optional(),
    associatedPartnerId: z.string().optional(),
    companyProfile: z.object({
      domain: z.string().min(1),
      companyName: z.string().optional(),
      organizationRegistrationNumber: z.string().optional().nullable(),
    }),
    billingProfile: z.object({
      email: z.string().min(1),
      culture: z.string().min(2),
      language: z.string().min(2),
      companyName: z.string().min(1),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      defaultAddress: AddressSchema,
    }),
    userCredentials: z.object({ userName: z.string().optional(), password: z.string().optional() }).optional(),
  }),
);
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequestSchema>;

/** `PATCH /v1/customers/{id}` (docs/PARTNER-CENTER-REFERENCE.md §2.8): remove the reseller relationship or DAP. */
export const PatchCustomerRequestSchema = acceptPascalCase(
  z.object({
    relationshipToPartner: RelationshipToPartnerSchema.optional(),
    allowDelegatedAccess: z.boolean().optional(),
    attributes: z.object({ objectType: z.string().optional() }).optional(),
  }),
);
export type PatchCustomerRequest = z.infer<typeof PatchCustomerRequestSchema>;

/** `PUT /v1/customers/{id}/profiles/billing` body. */
export const UpdateBillingProfileRequestSchema = acceptPascalCase(
  z.object({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().min(1),
    culture: z.string().min(2),
    language: z.string().min(2),
    companyName: z.string().min(1),
    defaultAddress: AddressSchema,
    attributes: z.object({ etag: z.string().optional(), objectType: z.string().optional() }).optional(),
  }),
);
export type UpdateBillingProfileRequest = z.infer<typeof UpdateBillingProfileRequestSchema>;

/** Customer search fields for `?filter=` (docs/PARTNER-CENTER-REFERENCE.md §2.6). */
export const CustomerSearchFieldSchema = z.enum(['CompanyName', 'Domain', 'IndirectReseller', 'IndirectCloudSolutionProvider']);
export type CustomerSearchField = z.infer<typeof CustomerSearchFieldSchema>;

/** The JSON inside `?filter=`; only `starts_with` exists. */
export const CustomerFilterSchema = acceptPascalCase(
  z.object({
    field: CustomerSearchFieldSchema,
    value: z.string(),
    operator: z.literal('starts_with'),
  }),
);
export type CustomerFilter = z.infer<typeof CustomerFilterSchema>;

/** Builds the `filter` query value as the SDKs send it (PascalCase keys). */
export function encodeCustomerFilter(filter: { field: CustomerSearchField; value: string }): string {
  return JSON.stringify({ Field: filter.field, Value: filter.value, Operator: 'starts_with' });
}
