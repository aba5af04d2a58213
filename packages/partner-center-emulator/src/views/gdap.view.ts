import type { AccessAssignment, GdapOperation, GdapRelationship, GdapRequest } from '@csphub/partner-center/wire';
import type { GdapAccessAssignmentRecord, GdapOperationRecord, GdapRelationshipRecord, GdapRequestRecord } from '../engine/emulator-state';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** delegatedAdminRelationship (docs/PARTNER-CENTER-REFERENCE.md §12.2). */
export function toGdapRelationship(r: GdapRelationshipRecord): GdapRelationship {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': r.etag,
    id: r.id,
    displayName: r.displayName,
    duration: r.duration,
    customer: r.customerTenantId ? { tenantId: r.customerTenantId, ...(r.customerDisplayName === undefined ? {} : { displayName: r.customerDisplayName }) } : null,
    accessDetails: { unifiedRoles: r.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    autoExtendDuration: r.autoExtendDuration,
    status: r.status,
    createdDateTime: iso(r.createdAt)!,
    lastModifiedDateTime: iso(r.modifiedAt)!,
    activatedDateTime: iso(r.activatedAt),
    endDateTime: iso(r.endAt),
  };
}

export function toGdapRequest(q: GdapRequestRecord): GdapRequest {
  return { '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest', id: q.id, action: q.action, status: q.status, createdDateTime: iso(q.createdAt)!, lastModifiedDateTime: iso(q.modifiedAt)! };
}

export function toAccessAssignment(a: GdapAccessAssignmentRecord): AccessAssignment {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
    '@odata.etag': a.etag,
    id: a.id,
    accessContainer: { accessContainerId: a.accessContainerId, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: a.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: a.status,
    createdDateTime: iso(a.createdAt)!,
    lastModifiedDateTime: iso(a.modifiedAt)!,
  };
}

/**
 * delegatedAdminRelationshipOperation (Graph resource page): `data` is the access assignment the
 * update produces, as a JSON string, like the example of "Get delegatedAdminRelationshipOperation".
 */
export function toGdapOperation(o: GdapOperationRecord, relationship: GdapRelationshipRecord): GdapOperation {
  const assignment = relationship.accessAssignments.find((a) => a.id === o.assignmentId);
  const data = o.operationType === 'delegatedAdminRelationshipUpdate' ? { accessDetails: { unifiedRoles: o.roles.map((roleDefinitionId) => ({ roleDefinitionId })) } } : {
    id: o.assignmentId,
    accessContainer: { accessContainerId: assignment?.accessContainerId ?? '', accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: o.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: assignment?.status ?? 'deleted',
  };
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation',
    '@odata.etag': o.etag,
    id: o.id,
    operationType: o.operationType,
    data: JSON.stringify(data),
    status: o.status,
    createdDateTime: iso(o.createdAt)!,
    lastModifiedDateTime: iso(o.modifiedAt)!,
  };
}
