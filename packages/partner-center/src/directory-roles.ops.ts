import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { DirectoryRoleCollectionSchema, UserMemberCollectionSchema, UserMemberSchema } from './wire/directory-role.schema';

/** Partner Center's name of Global Administrator in a customer's directory roles. */
export const COMPANY_ADMINISTRATOR_ROLE_NAME = 'Company Administrator';

/** A directory role of a customer tenant. `id` is the role object in that tenant: find roles by name. */
export interface CustomerDirectoryRole {
  id: string;
  name: string;
}

/** A user who holds a directory role. */
export interface DirectoryRoleMember {
  userId: string;
  userPrincipalName: string;
  displayName?: string;
}

/**
 * Customer directory roles and their members (docs/PARTNER-CENTER-REFERENCE.md §11; "Get user roles for a
 * customer", "Set user roles for a customer"; App+User; adding a member needs the Privileged Role
 * Administrator GDAP role).
 */
export function createDirectoryRoleOps(pipeline: RequestPipeline) {
  return {
    /** The tenant's directory roles (`GET /v1/customers/{id}/directoryroles`). */
    async listDirectoryRoles(customerTenantId: string, options?: CallOptions): Promise<CustomerDirectoryRole[]> {
      return pipeline.send(
        {
          ...fromCatalogue('directoryRoles.list'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          parse: ({ body }) => DirectoryRoleCollectionSchema.parse(body).items.map((r) => ({ id: r.id, name: r.name })),
        },
        options,
      );
    },

    /** Who holds a role (`GET …/directoryroles/{roleId}/usermembers`). */
    async listDirectoryRoleMembers(customerTenantId: string, roleId: string, options?: CallOptions): Promise<DirectoryRoleMember[]> {
      return pipeline.send(
        {
          ...fromCatalogue('directoryRoles.members.list'),
          params: { customerId: customerTenantId, roleId },
          customerId: customerTenantId,
          parse: ({ body }) =>
            UserMemberCollectionSchema.parse(body).items.map((m) => ({
              userId: m.id,
              userPrincipalName: m.userPrincipalName,
              ...(m.displayName ? { displayName: m.displayName } : {}),
            })),
        },
        options,
      );
    },

    /**
     * Adds a customer user to a role (`POST …/directoryroles/{roleId}/usermembers` with
     * `{Id, DisplayName, UserPrincipalName, Attributes:{ObjectType:"UserMember"}}`). A user who is
     * already a member fails with `CONFLICT`.
     */
    async addUserToDirectoryRole(
      customerTenantId: string,
      roleId: string,
      user: { userId: string; userPrincipalName: string; displayName?: string },
      options?: CallOptions,
    ): Promise<DirectoryRoleMember> {
      return pipeline.send(
        {
          ...fromCatalogue('directoryRoles.members.add'),
          params: { customerId: customerTenantId, roleId },
          customerId: customerTenantId,
          body: {
            Id: user.userId,
            DisplayName: user.displayName ?? user.userPrincipalName,
            UserPrincipalName: user.userPrincipalName,
            Attributes: { ObjectType: 'UserMember' },
          },
          parse: ({ body }) => {
            const m = UserMemberSchema.parse(body);
            return { userId: m.id, userPrincipalName: m.userPrincipalName, ...(m.displayName ? { displayName: m.displayName } : {}) };
          },
        },
        options,
      );
    },
  };
}
