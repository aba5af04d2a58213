import { pageGraphCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AccessAssignmentSchema,
  type AccessAssignment as WireAssignment,
  type AccessAssignmentStatus,
} from './wire/gdap.schema';

/** Roles of a GDAP relationship granted to a partner security group (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
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

/** GDAP access assignments (docs/PARTNER-CENTER-REFERENCE.md §12.3): needed even on the default relationship (docs/PARTNER-CENTER-REFERENCE.md §12.6). */
export function createGdapAccessAssignmentOps(pipeline: RequestPipeline) {
  // Graph accepts an application permission too (catalogue: any), but CSP Hub calls GDAP with the
  // partner user's delegated token: the app registration may not hold the application permission.
  const delegated = 'appUser' as const;
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
          ...fromCatalogue('gdap.accessAssignments.create'),
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
          auth: delegated,
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
          ...fromCatalogue('gdap.accessAssignments.get'),
          params: { relationshipId, assignmentId },
          auth: delegated,
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
          ...fromCatalogue('gdap.accessAssignments.list'),
          params: { relationshipId },
          query: { $top: options.pageSize },
          auth: delegated,
        },
        AccessAssignmentSchema,
        toAssignment,
        options,
      );
    },
  };
}
