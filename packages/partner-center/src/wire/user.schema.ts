import { z } from 'zod';
import { acceptPascalCase } from './case';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

/** CustomerUser (docs/PARTNER-CENTER-REFERENCE.md §11). */
export const CustomerUserSchema = z.looseObject({
  id: z.string(),
  usageLocation: z.string().optional(),
  userPrincipalName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  displayName: z.string(),
  phoneNumber: z.string().optional().nullable(),
  lastDirectorySyncTime: z.string().optional().nullable(),
  userDomainType: z.enum(['none', 'managed', 'federated']),
  state: z.enum(['active', 'inactive']),
  softDeletionTime: z.string().optional().nullable(),
  passwordProfile: z.looseObject({ password: z.string().optional(), forceChangePassword: z.boolean() }).optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema,
});
export type CustomerUser = z.infer<typeof CustomerUserSchema>;
export const CustomerUserCollectionSchema = collectionSchema(CustomerUserSchema);

export const CreateCustomerUserRequestSchema = acceptPascalCase(
  z.object({
    usageLocation: z.string().length(2),
    userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'userPrincipalName must look like user@domain'),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    displayName: z.string().min(1),
    immutableId: z.string().optional(),
    passwordProfile: z.object({ password: z.string().min(8), forceChangePassword: z.boolean() }),
    attributes: z.object({ objectType: z.string().optional() }).optional(),
  }),
);
export type CreateCustomerUserRequest = z.infer<typeof CreateCustomerUserRequestSchema>;

/**
 * `PATCH /v1/customers/{id}/users/{userId}` body (docs/PARTNER-CENTER-REFERENCE.md §11; Partner Center "Update user accounts" and
 * "Reset user password for a customer": a `passwordProfile` with the new password and whether it
 * must be changed at the next sign-in). Only the properties sent change.
 */
export const UpdateCustomerUserRequestSchema = acceptPascalCase(
  z.object({
    usageLocation: z.string().length(2).optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    displayName: z.string().min(1).optional(),
    passwordProfile: z.object({ password: z.string().min(8), forceChangePassword: z.boolean() }).optional(),
    attributes: z.object({ objectType: z.string().optional() }).optional(),
  }),
);
export type UpdateCustomerUserRequest = z.infer<typeof UpdateCustomerUserRequestSchema>;

/** `GET …/subscribedskus` item (docs/PARTNER-CENTER-REFERENCE.md §11). */
export const SubscribedSkuSchema = z.looseObject({
  availableUnits: z.number().int(),
  activeUnits: z.number().int(),
  consumedUnits: z.number().int(),
  suspendedUnits: z.number().int(),
  totalUnits: z.number().int(),
  warningUnits: z.number().int(),
  capabilityStatus: z.string(),
  productSku: z.looseObject({ id: z.string(), name: z.string(), skuPartNumber: z.string(), targetType: z.string() }),
  attributes: ResourceAttributesSchema,
});
export type SubscribedSku = z.infer<typeof SubscribedSkuSchema>;
export const SubscribedSkuCollectionSchema = collectionSchema(SubscribedSkuSchema);

/** `POST …/users/{userId}/licenseupdates` body (docs/PARTNER-CENTER-REFERENCE.md §11). */
export const LicenseUpdateRequestSchema = acceptPascalCase(
  z.object({
    licensesToAssign: z.array(z.object({ skuId: z.string().min(1), excludedPlans: z.array(z.string()).optional().nullable() })).optional().nullable(),
    licensesToRemove: z.array(z.string()).optional().nullable(),
  }),
);
export type LicenseUpdateRequest = z.infer<typeof LicenseUpdateRequestSchema>;

export const LicenseUpdateSchema = z.looseObject({
  licensesToAssign: z.array(z.looseObject({ skuId: z.string() })).optional().nullable(),
  licensesToRemove: z.array(z.string()).optional().nullable(),
  licenseWarnings: z.array(z.unknown()),
  attributes: ResourceAttributesSchema,
});
export type LicenseUpdate = z.infer<typeof LicenseUpdateSchema>;

/** `GET …/users/{userId}/licenses` item. */
export const LicenseSchema = z.looseObject({
  productSku: z.looseObject({ id: z.string(), name: z.string(), skuPartNumber: z.string() }),
  servicePlans: z.array(z.unknown()),
  attributes: ResourceAttributesSchema,
});
