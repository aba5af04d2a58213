import { z } from 'zod';
import { acceptPascalCase } from './case';
import { ResourceAttributesSchema, collectionSchema } from './common.schema';

/**
 * A directory role of a customer tenant (docs/PARTNER-CENTER-REFERENCE.md §11; Partner Center "Get user roles
 * for a customer"): `GET /v1/customers/{id}/directoryroles`. `id` is the role object of that tenant,
 * not the Entra role template id, so callers find a role by `name` (e.g. "Company Administrator",
 * Entra's legacy name of Global Administrator).
 */
export const DirectoryRoleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  attributes: ResourceAttributesSchema,
});
export type DirectoryRole = z.infer<typeof DirectoryRoleSchema>;
export const DirectoryRoleCollectionSchema = collectionSchema(DirectoryRoleSchema);

/** A user member of a directory role (`GET|POST …/directoryroles/{roleId}/usermembers`). */
export const UserMemberSchema = z.looseObject({
  id: z.string(),
  displayName: z.string().optional().nullable(),
  userPrincipalName: z.string(),
  roleId: z.string().optional(),
  attributes: ResourceAttributesSchema,
});
export type UserMember = z.infer<typeof UserMemberSchema>;
export const UserMemberCollectionSchema = collectionSchema(UserMemberSchema);

/**
 * `POST …/directoryroles/{roleId}/usermembers` body ("Set user roles for a customer"):
 * `{Id, DisplayName, UserPrincipalName, Attributes:{ObjectType:"UserMember"}}` where `Id` is the
 * customer user's id.
 */
export const AddUserMemberRequestSchema = acceptPascalCase(
  z.object({
    id: z.string().min(1),
    displayName: z.string().optional().nullable(),
    userPrincipalName: z.string().optional().nullable(),
    attributes: z.object({ objectType: z.string().optional() }).optional(),
  }),
);
export type AddUserMemberRequest = z.infer<typeof AddUserMemberRequestSchema>;
