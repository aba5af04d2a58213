import { pageGraphCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AccessAssignmentSchema,
  type AccessAssignment as WireAssignment,
  type AccessAssignmentStatus,
} from './wire/gdap.schema';

/** Roles of a GDAP relationship granted to a partner security group (§12.3). */
export interface GdapAccessAssignment {
  id: string;
  securityGroupId: string;
  roleIds: string[];
  status: AccessAssignmentStatus;
  createdAt: string;
  etag?: string;
}

const toAssignment = (a: WireAssignment): GdapAccessAssignment => {
  const out: GdapAccessAssignment = {
    id: a.id,
    securityGroupId: a.accessContainer.accessContainerId,
    roleIds: a.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId),
    status: a.status,
    createdAt: a.createdDateTime,
  };
  if (a['@odata.etag']) out.etag = a['@odata.etag'];
  return out;
};

/** GDAP access assignments (partner-center-api.md §12.3): needed even on the default relationship (§12.6). */
export function createGdapAccessAssignmentOps(pipeline: RequestPipeline) {
  return {
    /**
     * Grants some of an active relationship's roles to a security group of the partner tenant
     * (`POST …/{id}/accessAssignments`); starts `pending`, then `active`.
     */
    async createGdapAccessAssignment(
      relationshipId: string,
      assignment: { securityGroupId: string; roleIds: string[] },
      options?: CallOptions,
    ): Promise<GdapAccessAssignment> {
      return pipeline.send(
        {
          operation: 'gdap.createAccessAssignment',
          api: 'graph',
          method: 'POST',
          path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments',
          params: { relationshipId },
          body: {
            accessContainer: {
              accessContainerId: assignment.securityGroupId,
              accessContainerType: 'securityGroup',
            },
            accessDetails: {
              unifiedRoles: assignment.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })),
            },
          },
          auth: 'appUser',
          parse: ({ body }) => toAssignment(AccessAssignmentSchema.parse(body)),
        },
        options,
      );
    },

    async getGdapAccessAssignment(
      relationshipId: string,
      assignmentId: string,
      options?: CallOptions,
    ): Promise<GdapAccessAssignment> {
      return pipeline.send(
        {
          operation: 'gdap.getAccessAssignment',
          api: 'graph',
          method: 'GET',
          path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}',
          params: { relationshipId, assignmentId },
          auth: 'appUser',
          parse: ({ body }) => toAssignment(AccessAssignmentSchema.parse(body)),
        },
        options,
      );
    },

    /** A relationship's access assignments, page by page (`$top`, then `@odata.nextLink`). */
    listGdapAccessAssignments(
      relationshipId: string,
      options: CallOptions & { pageSize?: number } = {},
    ): PagedResult<GdapAccessAssignment> {
      return pageGraphCollection(
        pipeline,
        {
          operation: 'gdap.listAccessAssignments',
          api: 'graph',
          method: 'GET',
          path: '/tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments',
          params: { relationshipId },
          query: { $top: options.pageSize },
          auth: 'appUser',
        },
        AccessAssignmentSchema,
        toAssignment,
        options,
      );
    },
  };
}
