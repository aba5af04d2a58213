import { pageGraphCollection } from './collection-paging';
// size: the GDAP relationship operations of Graph (create, lock, requests, terminate, Global Administrator removal, auto-extend) share one mapping of the wire shape.
import type { PagedResult } from './paged-result';
import { isPartnerCenterError } from './partner-center-error';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  GdapRelationshipSchema,
  GdapRequestSchema,
  type GdapRelationship as WireRelationship,
  type GdapRelationshipStatus,
  type GdapRequest as WireRequest,
} from './wire/gdap.schema';
import { gdapApprovalUrl } from './wire/urls';
import { EntraRole } from './wire/gdap.schema';

const GLOBAL_ADMINISTRATOR = EntraRole.globalAdministrator;

/** A GDAP relationship (docs/PARTNER-CENTER-REFERENCE.md §12.2), in CSP Hub's words. */
export interface GdapRelationship {
  id: string;
  displayName: string;
  status: GdapRelationshipStatus;
  /** Absent when any customer may approve it (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
  customerTenantId?: string;
  customerName?: string;
  /** Entra role template ids (docs/PARTNER-CENTER-REFERENCE.md §12.4). */
  roleIds: string[];
  /** ISO duration, e.g. `P730D`. */
  duration: string;
  /** `P180D` when auto-extended, `PT0S`/`P0D` otherwise. */
  autoExtendDuration: string;
  createdAt: string;
  activatedAt?: string;
  endsAt?: string;
  /** The page the customer's Global Admin opens to approve it (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
  approvalUrl: string;
  etag?: string;
}

/**
 * A GDAP relationship request (lock for approval, terminate, ...). Graph answers it `created` and
 * acts on it afterwards: poll it (`getGdapRequest`) until `succeeded` or `failed`
 * (docs/PARTNER-CENTER-REFERENCE.md §12.3).
 */
export interface GdapRequest {
  id: string;
  action: WireRequest['action'];
  status: WireRequest['status'];
  createdAt: string;
  lastModifiedAt: string;
}

/** Whether Graph has finished with a request (it never moves again). */
export function isGdapRequestSettled(request: Pick<GdapRequest, 'status'>): boolean {
  return request.status === 'succeeded' || request.status === 'failed';
}

/** What to ask a customer for. */
export interface NewGdapRelationship {
  /** Unique across the partner's relationships, at most 50 characters. */
  displayName: string;
  /** Customer tenant; omit to let any customer approve (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
  customerTenantId?: string;
  customerName?: string;
  roleIds: string[];
  /** 1 to 730 days (two years, §12.3). */
  durationDays: number;
  /** Auto-extend by 180 days at the end (not allowed with Global Administrator, §12.3). */
  autoExtend?: boolean;
}

/** GDAP relationships and their requests (docs/PARTNER-CENTER-REFERENCE.md §12, Microsoft Graph). */
export function createGdapRelationshipOps(pipeline: RequestPipeline) {
  // Graph accepts an application permission too (catalogue: any), but CSP Hub calls GDAP with the
  // partner user's delegated token: the app registration may not hold the application permission.
  const delegated = 'appUser' as const;
  const adminBase = pipeline.connection.adminPortalBaseUrl;
  const toRelationship = (r: WireRelationship): GdapRelationship => {
    const out: GdapRelationship = {
      id: r.id,
      displayName: r.displayName,
      status: r.status,
      roleIds: r.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId),
      duration: r.duration,
      autoExtendDuration: r.autoExtendDuration,
      createdAt: r.createdDateTime,
      approvalUrl: gdapApprovalUrl(adminBase, r.id),
    };
    if (r.customer?.tenantId) out.customerTenantId = r.customer.tenantId;
    if (r.customer?.displayName) out.customerName = r.customer.displayName;
    if (r.activatedDateTime) out.activatedAt = r.activatedDateTime;
    if (r.endDateTime) out.endsAt = r.endDateTime;
    if (r['@odata.etag']) out.etag = r['@odata.etag'];
    return out;
  };
  const toRequest = (r: WireRequest): GdapRequest => ({
    id: r.id,
    action: r.action,
    status: r.status,
    createdAt: r.createdDateTime,
    lastModifiedAt: r.lastModifiedDateTime,
  });

  const ops = {
    /**
     * Relationships of the partner, optionally of one customer (`$filter=customer/tenantId eq '…'`),
     * page by page (`$top`, then `@odata.nextLink`; Graph's default page size when absent).
     */
    listGdapRelationships(
      filter: { customerTenantId?: string } = {},
      options: CallOptions & { pageSize?: number } = {},
    ): PagedResult<GdapRelationship> {
      return pageGraphCollection(
        pipeline,
        {
          ...fromCatalogue('gdap.relationships.list'),
          query: {
            $filter: filter.customerTenantId
              ? `customer/tenantId eq '${filter.customerTenantId.replace(/'/g, "''")}'`
              : undefined,
            $top: options.pageSize,
          },
          auth: delegated,
        },
        GdapRelationshipSchema,
        toRelationship,
        options,
      );
    },

    async getGdapRelationship(relationshipId: string, options?: CallOptions): Promise<GdapRelationship> {
      return pipeline.send(
        {
          ...fromCatalogue('gdap.relationships.get'),
          params: { relationshipId },
          auth: delegated,
          parse: ({ body }) => toRelationship(GdapRelationshipSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * Creates a relationship in status `created` (docs/PARTNER-CENTER-REFERENCE.md §12.3). Graph has no request-id idempotency, so a
     * create that fails with `CONFLICT` (the display name exists, e.g. the first attempt did go
     * through before a timeout) looks the name up and returns that relationship when it is for the
     * same customer: retrying a step never yields two relationships.
     */
    async createGdapRelationship(
      input: NewGdapRelationship,
      options?: CallOptions,
    ): Promise<GdapRelationship> {
      const body = {
        displayName: input.displayName,
        duration: `P${Math.round(input.durationDays)}D`,
        ...(input.customerTenantId
          ? {
              customer: {
                tenantId: input.customerTenantId,
                ...(input.customerName ? { displayName: input.customerName } : {}),
              },
            }
          : {}),
        accessDetails: { unifiedRoles: input.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
        autoExtendDuration: input.autoExtend ? 'P180D' : 'PT0S',
      };
      try {
        return await pipeline.send(
          {
            ...fromCatalogue('gdap.relationships.create'),
            body,
            auth: delegated,
            parse: ({ body }) => toRelationship(GdapRelationshipSchema.parse(body)),
          },
          options,
        );
      } catch (error) {
        if (!isPartnerCenterError(error, 'CONFLICT')) throw error;
        for await (const r of ops.listGdapRelationships(
          input.customerTenantId ? { customerTenantId: input.customerTenantId } : {},
          { ...options, requestId: undefined },
        )) {
          if (r.displayName === input.displayName && r.customerTenantId === input.customerTenantId) return r;
        }
        throw error;
      }
    },

    /**
     * Locks a `created` relationship for the customer's approval (`POST …/requests
     * {action:"lockForApproval"}`) and returns the request and the approval link to send
     * (docs/PARTNER-CENTER-REFERENCE.md §12.3). Graph answers the request `created` and locks the
     * relationship afterwards, so a caller polls `getGdapRequest` until it is settled. Graph has no
     * request-id idempotency: a lock request already made (not failed) is looked up first and
     * returned instead of posting a second one, so a retried call after a lost answer asks once.
     */
    async requestGdapApproval(
      relationshipId: string,
      options?: CallOptions,
    ): Promise<{ request: GdapRequest; approvalUrl: string }> {
      const approvalUrl = gdapApprovalUrl(adminBase, relationshipId);
      const earlier = await ops.findGdapRequest(relationshipId, 'lockForApproval', options);
      if (earlier) return { request: earlier, approvalUrl };
      try {
        return { request: await ops.createGdapRequest(relationshipId, 'lockForApproval', options), approvalUrl };
      } catch (error) {
        // Another lock is in progress (a first attempt raced this one): that one is the answer.
        if (!isPartnerCenterError(error, 'CONFLICT')) throw error;
        const racing = await ops.findGdapRequest(relationshipId, 'lockForApproval', options);
        if (racing) return { request: racing, approvalUrl };
        throw error;
      }
    },

    /** A relationship's requests, page by page (`GET …/requests`). */
    listGdapRequests(relationshipId: string, options: CallOptions & { pageSize?: number } = {}): PagedResult<GdapRequest> {
      return pageGraphCollection(
        pipeline,
        { ...fromCatalogue('gdap.requests.list'), params: { relationshipId }, query: { $top: options.pageSize }, auth: delegated },
        GdapRequestSchema,
        toRequest,
        options,
      );
    },

    /** The latest request of `action` on the relationship that did not fail, if any. */
    async findGdapRequest(relationshipId: string, action: GdapRequest['action'], options?: CallOptions): Promise<GdapRequest | undefined> {
      let found: GdapRequest | undefined;
      for await (const r of ops.listGdapRequests(relationshipId, { ...options, requestId: undefined })) {
        if (r.action === action && r.status !== 'failed') found = r;
      }
      return found;
    },

    /** One request, to follow it from `created` to `succeeded` or `failed` (`GET …/requests/{id}`). */
    async getGdapRequest(relationshipId: string, requestId: string, options?: CallOptions): Promise<GdapRequest> {
      return pipeline.send(
        {
          ...fromCatalogue('gdap.requests.get'),
          params: { relationshipId, requestId },
          auth: delegated,
          parse: ({ body }) => toRequest(GdapRequestSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * Removes the Global Administrator role from an active relationship so that it may auto-extend
     * (`PATCH …/{id}` with `If-Match` and the roles without it; Graph page "Update
     * delegatedAdminRelationship": a long-running operation). Answers `applied` when the role is not
     * there, else the operation to follow (`getGdapOperation`); an update already running is looked
     * up on CONFLICT, so a retried call does not ask twice.
     */
    async removeGdapGlobalAdministrator(relationshipId: string, options?: CallOptions): Promise<{ state: 'applied' } | { state: 'accepted'; operationId: string; retryAfterSeconds: number }> {
      const current = await ops.getGdapRelationship(relationshipId, options);
      const remaining = current.roleIds.filter((id) => id.toLowerCase() !== GLOBAL_ADMINISTRATOR);
      if (remaining.length === current.roleIds.length) return { state: 'applied' };
      return pipeline.send(
        {
          ...fromCatalogue('gdap.relationships.update'),
          params: { relationshipId },
          headers: current.etag ? { 'If-Match': current.etag } : undefined,
          body: { accessDetails: { unifiedRoles: remaining.map((roleDefinitionId) => ({ roleDefinitionId })) } },
          auth: delegated,
          parse: ({ status, headers }) => {
            if (status !== 202) return { state: 'applied' as const };
            const id = /\/operations\/([^/?#]+)/.exec(headers.get('Location') ?? '')?.[1];
            if (!id) throw new Error('Graph accepted the update without an operation Location.');
            return { state: 'accepted' as const, operationId: decodeURIComponent(id), retryAfterSeconds: Math.max(1, Number(headers.get('Retry-After')) || 10) };
          },
        },
        options,
      );
    },

    /** Turns auto-extend (180 days) on or off on a created or active relationship (`PATCH …/{id}` `autoExtendDuration`). */
    async setGdapAutoExtend(relationshipId: string, on: boolean, options?: CallOptions): Promise<GdapRelationship> {
      const current = await ops.getGdapRelationship(relationshipId, options);
      return pipeline.send(
        {
          ...fromCatalogue('gdap.relationships.update'),
          params: { relationshipId },
          headers: current.etag ? { 'If-Match': current.etag } : undefined,
          body: { autoExtendDuration: on ? 'P180D' : 'PT0S' },
          auth: delegated,
          parse: ({ body }) => toRelationship(GdapRelationshipSchema.parse(body)),
        },
        options,
      );
    },

    /** Asks Microsoft to end an active relationship (`{action:"terminate"}`, §12.3). */
    async terminateGdapRelationship(relationshipId: string, options?: CallOptions): Promise<GdapRequest> {
      return ops.createGdapRequest(relationshipId, 'terminate', options);
    },

    /** Posts a relationship request (lockForApproval, terminate, approve, reject). */
    async createGdapRequest(
      relationshipId: string,
      action: 'lockForApproval' | 'terminate' | 'approve' | 'reject',
      options?: CallOptions,
    ): Promise<GdapRequest> {
      return pipeline.send(
        {
          ...fromCatalogue('gdap.requests.create'),
          params: { relationshipId },
          body: { action },
          // §12.3: `reject` needs the unknown-enum opt-in.
          headers: action === 'reject' ? { Prefer: 'include-unknown-enum-members' } : undefined,
          auth: delegated,
          parse: ({ body }) => toRequest(GdapRequestSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * `PATCH` with If-Match (Graph page "Update delegatedAdminRelationship"): an active relationship takes only
     * `autoExtendDuration` and the removal of Global Administrator, a long-running operation, so Graph may
     * answer 202 without a body: then `undefined`, and the caller reads the relationship again.
     */
    async updateGdapRelationship(relationshipId: string, change: { etag: string; roleIds?: string[]; autoExtend?: boolean }, options?: CallOptions): Promise<GdapRelationship | undefined> {
      return pipeline.send(
        {
          ...fromCatalogue('gdap.relationships.update'),
          params: { relationshipId },
          headers: { 'If-Match': change.etag },
          body: {
            ...(change.roleIds ? { accessDetails: { unifiedRoles: change.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) } } : {}),
            ...(change.autoExtend !== undefined ? { autoExtendDuration: change.autoExtend ? 'P180D' : 'PT0S' } : {}),
          },
          auth: delegated,
          parse: ({ status, body }) => (status === 202 || body === undefined || body === null ? undefined : toRelationship(GdapRelationshipSchema.parse(body))),
        },
        options,
      );
    },

    /** The approval link of a relationship, without a call (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
    gdapApprovalUrl(relationshipId: string): string {
      return gdapApprovalUrl(adminBase, relationshipId);
    },
  };
  return ops;
}
