import { pageGraphCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import { fromCatalogue } from './api-request';
import { isPartnerCenterError } from './partner-center-error';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AccessAssignmentSchema,
  GdapOperationSchema,
  type AccessAssignment as WireAssignment,
  type AccessAssignmentStatus,
  type GdapOperation as WireOperation,
  type GdapOperationStatus,
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

/**
 * A long-running operation on a relationship (Graph resource "delegatedAdminRelationshipOperation"),
 * today an access assignment update. Poll it with `getGdapOperation` until `succeeded` or `failed`.
 */
export interface GdapOperation {
  id: string;
  type: WireOperation['operationType'];
  status: GdapOperationStatus;
  /** The access assignment the operation is about, read from its `data` payload when it names one. */
  assignmentId?: string;
  /** The roles its `data` payload carries (for an assignment update, the roles asked for). */
  roleIds?: string[];
  createdAt: string;
  lastModifiedAt: string;
  /** Seconds Graph asks the caller to wait before looking again (`Retry-After`), when it said. */
  retryAfterSeconds?: number;
}

/** What an access assignment update answers (Graph page "Update delegatedAdminAccessAssignment"). */
export type GdapAccessAssignmentUpdate =
  /** 200: the roles were already those; nothing to wait for. */
  | { state: 'applied'; assignment: GdapAccessAssignment }
  /** 202: a long-running operation applies them; follow `operationId` after `retryAfterSeconds`. */
  | { state: 'accepted'; operationId: string; retryAfterSeconds: number };

/** Whether an operation has finished (it never moves again). */
export function isGdapOperationSettled(operation: Pick<GdapOperation, 'status'>): boolean {
  return operation.status === 'succeeded' || operation.status === 'failed';
}

/** Graph's example waits 10 s before the first look; used when an answer carries no Retry-After. */
const DEFAULT_OPERATION_RETRY_AFTER_SECONDS = 10;

function retryAfterOf(headers: Headers): number | undefined {
  const value = Number(headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

function toOperation(o: WireOperation, headers?: Headers): GdapOperation {
  const out: GdapOperation = { id: o.id, type: o.operationType, status: o.status, createdAt: o.createdDateTime, lastModifiedAt: o.lastModifiedDateTime };
  try {
    const data = JSON.parse(o.data) as { id?: unknown; accessDetails?: { unifiedRoles?: { roleDefinitionId?: unknown }[] } };
    if (typeof data.id === 'string') out.assignmentId = data.id;
    const roles = data.accessDetails?.unifiedRoles?.map((r) => r.roleDefinitionId).filter((r): r is string => typeof r === 'string');
    if (roles) out.roleIds = roles;
  } catch {
    // `data` is documented as a string payload; one that is not JSON names nothing we can use.
  }
  const retryAfter = headers ? retryAfterOf(headers) : undefined;
  if (retryAfter !== undefined) out.retryAfterSeconds = retryAfter;
  return out;
}

/** The operation id at the end of a `Location` such as `…/delegatedAdminRelationships/{id}/operations/{operationId}`. */
function operationIdFromLocation(location: string | null): string {
  const match = /\/operations\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location ?? '');
  if (!match?.[1]) throw new Error(`Graph accepted the update without an operation Location (got '${location ?? ''}').`);
  return decodeURIComponent(match[1]);
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
  const ops = {
    /**
     * Grants some of an active relationship's roles to a security group of the partner tenant
     * (`POST …/{id}/accessAssignments`); starts `pending`, then `active`. Graph keeps one assignment
     * per security group and has no request-id replay: a create refused with `CONFLICT` (an earlier
     * attempt went through before its answer was lost) returns the group's existing assignment, so a
     * retried call never yields two.
     */
    async createGdapAccessAssignment(
      relationshipId: string,
      assignment: { securityGroupId: string; roleIds: string[] },
      options?: CallOptions,
    ): Promise<GdapAccessAssignment> {
      try {
        return await pipeline.send(
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
      } catch (error) {
        if (!isPartnerCenterError(error, 'CONFLICT')) throw error;
        for await (const a of ops.listGdapAccessAssignments(relationshipId, { ...options, requestId: undefined })) {
          if (a.securityGroupId.toLowerCase() === assignment.securityGroupId.toLowerCase() && a.status !== 'deleted' && a.status !== 'deleting') return a;
        }
        throw error;
      }
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

    /**
     * Changes the roles of an access assignment with its ETag (`PATCH …/accessAssignments/{id}`,
     * `If-Match`). Graph answers 200 when the roles are already those, otherwise 202 with the
     * long-running operation that applies them (`Location`, `Retry-After`; Graph page "Update
     * delegatedAdminAccessAssignment"). An update already in flight for the assignment is looked up
     * first and returned, so a retried call after a lost answer does not ask twice.
     */
    async updateGdapAccessAssignment(
      relationshipId: string,
      assignmentId: string,
      change: { roleIds: string[]; etag: string },
      options?: CallOptions,
    ): Promise<GdapAccessAssignmentUpdate> {
      const inFlight = async () => {
        for await (const o of ops.listGdapOperations(relationshipId, { ...options, requestId: undefined })) {
          if (o.assignmentId === assignmentId && !isGdapOperationSettled(o)) {
            return { state: 'accepted' as const, operationId: o.id, retryAfterSeconds: o.retryAfterSeconds ?? DEFAULT_OPERATION_RETRY_AFTER_SECONDS };
          }
        }
        return undefined;
      };
      const earlier = await inFlight();
      if (earlier) return earlier;
      try {
        return await pipeline.send(
          {
            ...fromCatalogue('gdap.accessAssignments.update'),
            params: { relationshipId, assignmentId },
            headers: { 'If-Match': change.etag },
            body: { accessDetails: { unifiedRoles: change.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) } },
            auth: delegated,
            parse: ({ status, body, headers }): GdapAccessAssignmentUpdate =>
              status === 202
                ? { state: 'accepted', operationId: operationIdFromLocation(headers.get('Location')), retryAfterSeconds: retryAfterOf(headers) ?? DEFAULT_OPERATION_RETRY_AFTER_SECONDS }
                : { state: 'applied', assignment: toAssignment(AccessAssignmentSchema.parse(body)) },
          },
          options,
        );
      } catch (error) {
        if (!isPartnerCenterError(error, 'CONFLICT')) throw error;
        const racing = await inFlight();
        if (racing) return racing;
        throw error;
      }
    },

    /** One long-running operation of a relationship, with the `Retry-After` Graph sent (`GET …/operations/{id}`). */
    async getGdapOperation(relationshipId: string, operationId: string, options?: CallOptions): Promise<GdapOperation> {
      return pipeline.send(
        {
          ...fromCatalogue('gdap.operations.get'),
          params: { relationshipId, operationId },
          auth: delegated,
          parse: ({ body, headers }) => toOperation(GdapOperationSchema.parse(body), headers),
        },
        options,
      );
    },

    /** A relationship's long-running operations, page by page (`GET …/operations`). */
    listGdapOperations(relationshipId: string, options: CallOptions & { pageSize?: number } = {}): PagedResult<GdapOperation> {
      return pageGraphCollection(
        pipeline,
        { ...fromCatalogue('gdap.operations.list'), params: { relationshipId }, query: { $top: options.pageSize }, auth: delegated },
        GdapOperationSchema,
        (o) => toOperation(o),
        options,
      );
    },
  };
  return ops;
}
