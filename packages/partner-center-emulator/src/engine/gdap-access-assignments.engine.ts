import type { Engine } from './engine';
import type { GdapAccessAssignmentRecord, GdapRelationshipRecord } from './emulator-state';
import * as graphErrors from '../errors/graph-errors';
import { emitWebhookEvent } from './events';
import { checkIfMatch, newEtag, relationshipUri } from './gdap.engine';

// GDAP access assignments: a relationship's security groups and their roles (docs/PARTNER-CENTER-REFERENCE.md §12.3).

export function getAccessAssignment(record: GdapRelationshipRecord, id: string): GdapAccessAssignmentRecord {
  const a = record.accessAssignments.find((x) => x.id === id);
  if (!a) throw graphErrors.graphNotFound(id);
  return a;
}

function checkRolesSubset(record: GdapRelationshipRecord, roles: string[]): void {
  const extra = roles.filter((r) => !record.roles.includes(r));
  if (extra.length > 0) throw graphErrors.graphBadRequest(`The roles ${extra.join(', ')} are not part of the relationship's access details.`);
}

export function createAccessAssignment(engine: Engine, record: GdapRelationshipRecord, input: { accessContainer: { accessContainerId: string }; accessDetails: { unifiedRoles: { roleDefinitionId: string }[] } }): GdapAccessAssignmentRecord {
  if (record.status !== 'active' && record.status !== 'expiring') throw graphErrors.graphInvalidStatus(record.status, 'create access assignment');
  const roles = [...new Set(input.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId.toLowerCase()))];
  checkRolesSubset(record, roles);
  const containerId = input.accessContainer.accessContainerId.toLowerCase();
  if (record.accessAssignments.some((a) => a.accessContainerId === containerId && a.status !== 'deleted')) {
    throw graphErrors.graphConflict(`An access assignment for security group ${containerId} already exists on this relationship.`);
  }
  const now = engine.now();
  const assignment: GdapAccessAssignmentRecord = {
    id: engine.newId(),
    accessContainerId: containerId,
    roles,
    status: 'pending',
    createdAt: now,
    modifiedAt: now,
    transitionAt: now + engine.state.settings.accessAssignmentActivationDelaySeconds * 1000,
    etag: newEtag(),
  };
  record.accessAssignments.push(assignment);
  emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-access-assignment-created', 'GranularAdminAccessAssignment', `${relationshipUri(record.id)}/accessAssignments/${assignment.id}`);
  engine.schedule(assignment.transitionAt!);
  engine.markDirty();
  return assignment;
}

export function updateAccessAssignment(engine: Engine, record: GdapRelationshipRecord, assignment: GdapAccessAssignmentRecord, ifMatch: string | undefined, roles: string[]): GdapAccessAssignmentRecord {
  checkIfMatch(assignment, ifMatch);
  if (assignment.status !== 'active') throw graphErrors.graphBadRequest(`The access assignment is '${assignment.status}'; only active assignments can be updated.`);
  const normalised = [...new Set(roles.map((r) => r.toLowerCase()))];
  checkRolesSubset(record, normalised);
  assignment.roles = normalised;
  assignment.modifiedAt = engine.now();
  assignment.etag = newEtag();
  emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-access-assignment-updated', 'GranularAdminAccessAssignment', `${relationshipUri(record.id)}/accessAssignments/${assignment.id}`);
  engine.markDirty();
  return assignment;
}

export function deleteAccessAssignment(engine: Engine, record: GdapRelationshipRecord, assignment: GdapAccessAssignmentRecord, ifMatch: string | undefined): void {
  checkIfMatch(assignment, ifMatch);
  if (assignment.status === 'deleting' || assignment.status === 'deleted') throw graphErrors.graphBadRequest(`The access assignment is already '${assignment.status}'.`);
  const now = engine.now();
  assignment.status = 'deleting';
  assignment.transitionAt = now + engine.state.settings.accessAssignmentActivationDelaySeconds * 1000;
  assignment.modifiedAt = now;
  assignment.etag = newEtag();
  emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-access-assignment-deleted', 'GranularAdminAccessAssignment', `${relationshipUri(record.id)}/accessAssignments/${assignment.id}`);
  engine.schedule(assignment.transitionAt);
  engine.markDirty();
}
