import type { Engine } from './engine';
import type { GdapAccessAssignmentRecord, GdapOperationRecord, GdapRelationshipRecord } from './emulator-state';
import * as graphErrors from '../errors/graph-errors';
import { checkIfMatch, checkRolesSubset, newEtag, relationshipUri } from './gdap-records';
import { emitWebhookEvent } from './events';

/** What an access assignment update answers: the unchanged assignment (200) or the operation that will apply it (202). */
export type AccessAssignmentUpdate =
  | { kind: 'unchanged'; assignment: GdapAccessAssignmentRecord }
  | { kind: 'accepted'; operation: GdapOperationRecord; retryAfterSeconds: number };

/** The relationship's operations (a state stored before they were modelled has none). */
export function operationsOf(record: GdapRelationshipRecord): GdapOperationRecord[] {
  return (record.operations ??= []);
}

export function getGdapOperation(record: GdapRelationshipRecord, id: string): GdapOperationRecord {
  const operation = operationsOf(record).find((o) => o.id === id);
  if (!operation) throw graphErrors.graphNotFound(id);
  return operation;
}

/** Seconds until the operation is worth asking about again: its next change, at least 1. */
export function operationRetryAfterSeconds(operation: GdapOperationRecord, now: number): number {
  const nextChange = operation.status === 'notStarted' ? operation.startAt : operation.doneAt;
  return Math.max(1, Math.ceil((nextChange - now) / 1000));
}

/**
 * `PATCH …/accessAssignments/{id}` with If-Match (Graph page "Update delegatedAdminAccessAssignment"):
 * the same roles answer 200 with the assignment as it is; other roles start a long-running
 * operation (`delegatedAdminAccessAssignmentUpdate`, 202 with `Location` and `Retry-After`) that
 * is `notStarted`, then `running`, and applies the roles when it succeeds
 * (`gdapOperationDelaySeconds`). One update at a time per assignment: another while one runs is a 409.
 */
export function updateAccessAssignment(
  engine: Engine,
  record: GdapRelationshipRecord,
  assignment: GdapAccessAssignmentRecord,
  ifMatch: string | undefined,
  roles: string[],
): AccessAssignmentUpdate {
  checkIfMatch(assignment, ifMatch);
  if (assignment.status !== 'active') throw graphErrors.graphBadRequest(`The access assignment is '${assignment.status}'; only active assignments can be updated.`);
  const normalised = [...new Set(roles.map((r) => r.toLowerCase()))];
  checkRolesSubset(record, normalised);
  if (normalised.length === assignment.roles.length && normalised.every((r) => assignment.roles.includes(r))) {
    return { kind: 'unchanged', assignment };
  }
  const operations = operationsOf(record);
  if (operations.some((o) => o.assignmentId === assignment.id && (o.status === 'notStarted' || o.status === 'running'))) {
    throw graphErrors.graphConflict(`An update of access assignment ${assignment.id} is already in progress; follow its operation.`);
  }
  const now = engine.now();
  const delayMs = engine.state.settings.gdapOperationDelaySeconds * 1000;
  const operation: GdapOperationRecord = {
    id: engine.newId(),
    operationType: 'delegatedAdminAccessAssignmentUpdate',
    status: 'notStarted',
    assignmentId: assignment.id,
    roles: normalised,
    createdAt: now,
    modifiedAt: now,
    startAt: now + delayMs / 2,
    doneAt: now + delayMs,
    etag: newEtag(),
  };
  operations.push(operation);
  engine.schedule(operation.startAt);
  engine.markDirty();
  return { kind: 'accepted', operation, retryAfterSeconds: operationRetryAfterSeconds(operation, now) };
}

/** Moves a relationship's operations on; returns the next emulator time one is due. */
export function tickGdapOperations(engine: Engine, record: GdapRelationshipRecord, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const operation of record.operations ?? []) {
    if (operation.status === 'succeeded' || operation.status === 'failed') continue;
    if (now >= operation.doneAt) {
      finishOperation(engine, record, operation);
      continue;
    }
    if (operation.status === 'notStarted' && now >= operation.startAt) {
      operation.status = 'running';
      operation.modifiedAt = operation.startAt;
      operation.etag = newEtag();
      engine.markDirty();
    }
    next = Math.min(next, operation.status === 'notStarted' ? operation.startAt : operation.doneAt);
  }
  return next;
}

/**
 * `PATCH …/{id}` of an active relationship that removes the Global Administrator role (Graph page
 * "Update delegatedAdminRelationship": "You can only remove the Microsoft Entra Global
 * Administrator role when the status property is active, which indicates a long-running
 * operation"): 202 with a `delegatedAdminRelationshipUpdate` operation that drops the role from the
 * relationship and its access assignments when it succeeds. The roles asked for must be exactly the
 * current ones without Global Administrator.
 */
export function startGlobalAdministratorRemoval(engine: Engine, record: GdapRelationshipRecord, roles: string[]): { operation: GdapOperationRecord; retryAfterSeconds: number } {
  const normalised = [...new Set(roles.map((r) => r.toLowerCase()))];
  const expected = record.roles.filter((r) => r !== GLOBAL_ADMINISTRATOR);
  if (!record.roles.includes(GLOBAL_ADMINISTRATOR) || normalised.length !== expected.length || !expected.every((r) => normalised.includes(r))) {
    throw graphErrors.graphBadRequest('On an active relationship, accessDetails may only remove the Global Administrator role (the other roles unchanged).');
  }
  const operations = operationsOf(record);
  const running = operations.find((o) => o.operationType === 'delegatedAdminRelationshipUpdate' && (o.status === 'notStarted' || o.status === 'running'));
  if (running) throw graphErrors.graphConflict(`An update of relationship ${record.id} is already in progress; follow operation ${running.id}.`);
  const now = engine.now();
  const delayMs = engine.state.settings.gdapOperationDelaySeconds * 1000;
  const operation: GdapOperationRecord = { id: engine.newId(), operationType: 'delegatedAdminRelationshipUpdate', status: 'notStarted', roles: normalised, createdAt: now, modifiedAt: now, startAt: now + delayMs / 2, doneAt: now + delayMs, etag: newEtag() };
  operations.push(operation);
  engine.schedule(operation.startAt);
  engine.markDirty();
  return { operation, retryAfterSeconds: operationRetryAfterSeconds(operation, now) };
}

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** The update applies when the relationship and the assignment are still active; otherwise the operation fails. */
function finishOperation(engine: Engine, record: GdapRelationshipRecord, operation: GdapOperationRecord): void {
  if (operation.operationType === 'delegatedAdminRelationshipUpdate') {
    const applies = record.status === 'active' || record.status === 'expiring';
    operation.status = applies ? 'succeeded' : 'failed';
    operation.modifiedAt = operation.doneAt;
    operation.etag = newEtag();
    if (applies) {
      record.roles = [...operation.roles];
      for (const a of record.accessAssignments) {
        if (!a.roles.includes(GLOBAL_ADMINISTRATOR)) continue;
        a.roles = a.roles.filter((r) => r !== GLOBAL_ADMINISTRATOR);
        a.modifiedAt = operation.doneAt;
        a.etag = newEtag();
      }
      record.modifiedAt = operation.doneAt;
      record.etag = newEtag();
    }
    engine.markDirty();
    return;
  }
  const assignment = record.accessAssignments.find((a) => a.id === operation.assignmentId);
  const relationshipActive = record.status === 'active' || record.status === 'expiring';
  const applies = relationshipActive && assignment?.status === 'active' && operation.roles.every((r) => record.roles.includes(r));
  operation.status = applies ? 'succeeded' : 'failed';
  operation.modifiedAt = operation.doneAt;
  operation.etag = newEtag();
  if (applies && assignment) {
    assignment.roles = [...operation.roles];
    assignment.modifiedAt = operation.doneAt;
    assignment.etag = newEtag();
    emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-access-assignment-updated', 'GranularAdminAccessAssignment', `${relationshipUri(record.id)}/accessAssignments/${assignment.id}`);
  }
  engine.markDirty();
}
