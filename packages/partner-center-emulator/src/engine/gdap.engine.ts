// size: relationships, their requests, access assignments and the clock tick share one record set and its rules; the operations live in gdap-operations.engine.ts.
import { DEFAULT_GDAP_RELATIONSHIP, DEFAULT_GDAP_ROLES, EntraRole, type CreateGdapRelationshipRequest, type UpdateGdapRelationshipRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { GdapAccessAssignmentRecord, GdapOperationRecord, GdapRelationshipRecord, GdapRequestRecord, PartnerRecord, TenantRecord } from './emulator-state';
import { startGlobalAdministratorRemoval, tickGdapOperations } from './gdap-operations.engine';
import { checkIfMatch, checkRolesSubset, newEtag, relationshipUri } from './gdap-records';
import * as graphErrors from '../errors/graph-errors';
import { DAY_MS, parseIsoDuration } from './emulator-clock';
import { emitWebhookEvent, recordAudit } from './events';

/** An audit record (resource type `granular_admin_relationship`, §14) for a status change of `record`. */
function auditGdap(engine: Engine, record: GdapRelationshipRecord, operationType: string): void {
  recordAudit(engine, {
    partnerTenantId: record.partnerTenantId,
    ...(record.customerTenantId ? { customerTenantId: record.customerTenantId } : {}),
    ...(record.customerDisplayName ? { customerName: record.customerDisplayName } : {}),
    resourceType: 'granular_admin_relationship',
    operationType,
    resourceNewValue: JSON.stringify({ id: record.id, status: record.status }),
  });
}

/** Unapproved requests expire after 90 days (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export const GDAP_APPROVAL_EXPIRY_MS = 90 * DAY_MS;
/** Maximum duration: 2 years (docs/PARTNER-CENTER-REFERENCE.md §12.3), i.e. P730D. */
export const GDAP_MAX_DURATION_MS = 730 * DAY_MS;
/** An active relationship without auto-extend shows `expiring` in its last 30 days (emulator choice). */
export const GDAP_EXPIRING_WINDOW_MS = 30 * DAY_MS;
const ALLOWED_AUTO_EXTEND = new Set(['PT0S', 'P0D', 'P180D']);

export function hasActiveGdap(engine: Engine, partnerTenantId: string, customerTenantId: string, anyOfRoles?: readonly string[]): boolean {
  return Object.values(engine.state.gdap).some(
    (r) =>
      r.partnerTenantId === partnerTenantId &&
      r.customerTenantId === customerTenantId &&
      (r.status === 'active' || r.status === 'expiring') &&
      (!anyOfRoles || r.roles.some((role) => anyOfRoles.includes(role))),
  );
}

/** Default GDAP created by Microsoft at customer creation (docs/PARTNER-CENTER-REFERENCE.md §12.6). Name and duration are emulator choices. */
export function createDefaultGdapRelationship(engine: Engine, partner: PartnerRecord, tenant: TenantRecord): GdapRelationshipRecord {
  const now = engine.now();
  const record: GdapRelationshipRecord = {
    id: `${engine.newId()}-${engine.newId()}`,
    partnerTenantId: partner.tenantId,
    displayName: `Default_${tenant.initialDomain.split('.')[0]}`.slice(0, 50),
    duration: `P${DEFAULT_GDAP_RELATIONSHIP.durationDays}D`,
    customerTenantId: tenant.tenantId,
    customerDisplayName: tenant.companyName,
    roles: [...DEFAULT_GDAP_ROLES],
    autoExtendDuration: DEFAULT_GDAP_RELATIONSHIP.autoExtendDays > 0 ? `P${DEFAULT_GDAP_RELATIONSHIP.autoExtendDays}D` : 'PT0S',
    status: 'active',
    createdAt: now,
    modifiedAt: now,
    approvedAt: now,
    activatedAt: now,
    endAt: now + GDAP_MAX_DURATION_MS,
    etag: newEtag(),
    requests: [],
    accessAssignments: [],
    isDefault: true,
  };
  engine.state.gdap[record.id] = record;
  engine.schedule(record.endAt! - GDAP_EXPIRING_WINDOW_MS);
  engine.markDirty();
  return record;
}

export function getGdapRelationship(engine: Engine, partnerTenantId: string, id: string): GdapRelationshipRecord {
  const record = engine.state.gdap[id];
  if (!record || record.partnerTenantId !== partnerTenantId) throw graphErrors.graphNotFound(id);
  return record;
}

function checkDurations(duration: string | undefined, autoExtend: string | undefined, roles: readonly string[]): void {
  if (duration !== undefined) {
    const ms = parseIsoDuration(duration);
    if (ms === undefined || ms < DAY_MS || ms > GDAP_MAX_DURATION_MS) throw graphErrors.graphBadRequest(`duration must be between P1D and P730D (2 years); got '${duration}'.`);
  }
  if (autoExtend !== undefined) {
    if (!ALLOWED_AUTO_EXTEND.has(autoExtend)) throw graphErrors.graphBadRequest(`autoExtendDuration must be PT0S, P0D or P180D; got '${autoExtend}'.`);
    if (autoExtend === 'P180D' && roles.includes(EntraRole.globalAdministrator)) {
      throw graphErrors.graphBadRequest('Auto-extend is not allowed for relationships that include the Global Administrator role.');
    }
  }
}

function checkDisplayNameUnique(engine: Engine, partnerTenantId: string, displayName: string, exceptId?: string): void {
  const clash = Object.values(engine.state.gdap).some((r) => r.partnerTenantId === partnerTenantId && r.id !== exceptId && r.displayName.toLowerCase() === displayName.toLowerCase());
  if (clash) throw graphErrors.graphConflict(`A relationship with displayName '${displayName}' already exists; display names are unique across the partner's relationships.`);
}

/** `POST /tenantRelationships/delegatedAdminRelationships` (docs/PARTNER-CENTER-REFERENCE.md §12.3): status `created`. */
export function createGdapRelationship(engine: Engine, partnerTenantId: string, input: CreateGdapRelationshipRequest): GdapRelationshipRecord {
  const roles = [...new Set(input.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId.toLowerCase()))];
  checkDurations(input.duration, input.autoExtendDuration, roles);
  checkDisplayNameUnique(engine, partnerTenantId, input.displayName);
  let customerTenantId: string | undefined;
  let customerDisplayName: string | undefined;
  if (input.customer?.tenantId) {
    const tenant = engine.state.tenants[input.customer.tenantId.toLowerCase()];
    if (!tenant) throw graphErrors.graphBadRequest(`Customer tenant ${input.customer.tenantId} was not found.`);
    customerTenantId = tenant.tenantId;
    // Read-only, "as set by Microsoft Entra ID" (Graph resource page
    // "delegatedAdminRelationshipCustomerParticipant"): a relationship created without it shows no
    // name until the customer approves it.
    customerDisplayName = input.customer.displayName;
  }
  const now = engine.now();
  const record: GdapRelationshipRecord = {
    id: `${engine.newId()}-${engine.newId()}`,
    partnerTenantId,
    displayName: input.displayName,
    duration: input.duration,
    customerTenantId,
    customerDisplayName,
    roles,
    autoExtendDuration: input.autoExtendDuration ?? 'PT0S',
    status: 'created',
    createdAt: now,
    modifiedAt: now,
    etag: newEtag(),
    requests: [],
    accessAssignments: [],
    isDefault: false,
  };
  engine.state.gdap[record.id] = record;
  engine.markDirty();
  return record;
}

/**
 * `PATCH …/{id}` of an active (or expiring) relationship (Graph page "Update
 * delegatedAdminRelationship"): `autoExtendDuration` applies at once (refused while Global
 * Administrator is in it), `accessDetails` may only remove Global Administrator, a long-running
 * operation (`startGlobalAdministratorRemoval`). Anything else is refused for the status.
 */
export function updateActiveGdapRelationship(
  engine: Engine,
  record: GdapRelationshipRecord,
  ifMatch: string | undefined,
  patch: UpdateGdapRelationshipRequest,
): { kind: 'updated'; record: GdapRelationshipRecord } | { kind: 'accepted'; operation: GdapOperationRecord; retryAfterSeconds: number } {
  checkIfMatch(record, ifMatch);
  const other = Object.keys(patch).filter((k) => k !== 'autoExtendDuration' && k !== 'accessDetails');
  if (other.length > 0) throw graphErrors.graphInvalidStatus(record.status, `update ${other.join(', ')}`);
  if (patch.accessDetails) {
    if (patch.autoExtendDuration !== undefined) throw graphErrors.graphBadRequest('Remove the Global Administrator role first; set autoExtendDuration once that operation succeeded.');
    return { kind: 'accepted', ...startGlobalAdministratorRemoval(engine, record, patch.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId)) };
  }
  if (patch.autoExtendDuration !== undefined) {
    checkDurations(undefined, patch.autoExtendDuration, record.roles);
    record.autoExtendDuration = patch.autoExtendDuration;
    record.modifiedAt = engine.now();
    record.etag = newEtag();
    engine.markDirty();
  }
  return { kind: 'updated', record };
}

/** `PATCH …/{id}` with If-Match, only while `created` (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export function updateGdapRelationship(engine: Engine, record: GdapRelationshipRecord, ifMatch: string | undefined, patch: UpdateGdapRelationshipRequest): GdapRelationshipRecord {
  checkIfMatch(record, ifMatch);
  if (record.status !== 'created') throw graphErrors.graphInvalidStatus(record.status, 'update');
  const roles = patch.accessDetails ? [...new Set(patch.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId.toLowerCase()))] : record.roles;
  checkDurations(patch.duration, patch.autoExtendDuration ?? record.autoExtendDuration, roles);
  if (patch.displayName !== undefined) {
    checkDisplayNameUnique(engine, record.partnerTenantId, patch.displayName, record.id);
    record.displayName = patch.displayName;
  }
  if (patch.duration !== undefined) record.duration = patch.duration;
  if (patch.autoExtendDuration !== undefined) record.autoExtendDuration = patch.autoExtendDuration;
  record.roles = roles;
  if (patch.customer?.tenantId) {
    const tenant = engine.state.tenants[patch.customer.tenantId.toLowerCase()];
    if (!tenant) throw graphErrors.graphBadRequest(`Customer tenant ${patch.customer.tenantId} was not found.`);
    record.customerTenantId = tenant.tenantId;
    record.customerDisplayName = patch.customer.displayName;
  }
  record.modifiedAt = engine.now();
  record.etag = newEtag();
  engine.markDirty();
  return record;
}

/** `DELETE …/{id}` with If-Match, only while `created` (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export function deleteGdapRelationship(engine: Engine, record: GdapRelationshipRecord, ifMatch: string | undefined): void {
  checkIfMatch(record, ifMatch);
  if (record.status !== 'created') throw graphErrors.graphInvalidStatus(record.status, 'delete');
  delete engine.state.gdap[record.id];
  engine.markDirty();
}

/**
 * `POST …/{id}/requests` (docs/PARTNER-CENTER-REFERENCE.md §12.3): `lockForApproval` from created,
 * `terminate` from active/expiring. Graph answers 201 with the request in status `created` (Graph
 * page "Create delegatedAdminRelationshipRequest") and acts on it later: after
 * `gdapRequestDelaySeconds` of emulator time the tick sets the request `succeeded` and moves the
 * relationship (see {@link actOnGdapRequest}). A second request of the same action while one is
 * still `created` is a 409.
 */
export function createGdapRequest(engine: Engine, record: GdapRelationshipRecord, action: string): GdapRequestRecord {
  const now = engine.now();
  if (action === 'approve' || action === 'reject') {
    throw graphErrors.graphNotEmulated(`the '${action}' request action of resellerDelegatedAdminRelationship (indirect reseller approval)`);
  }
  if (action !== 'lockForApproval' && action !== 'terminate') throw graphErrors.graphBadRequest(`Unsupported action '${action}'.`);
  if (action === 'lockForApproval' && record.status !== 'created') throw graphErrors.graphInvalidStatus(record.status, action);
  if (action === 'terminate' && record.status !== 'active' && record.status !== 'expiring') throw graphErrors.graphInvalidStatus(record.status, action);
  if (record.requests.some((q) => q.action === action && (q.status === 'created' || q.status === 'pending'))) {
    throw graphErrors.graphConflict(`A '${action}' request for this relationship is already in progress.`);
  }
  const request: GdapRequestRecord = {
    id: engine.newId(),
    action,
    status: 'created',
    createdAt: now,
    modifiedAt: now,
    dueAt: now + engine.state.settings.gdapRequestDelaySeconds * 1000,
  };
  record.requests.push(request);
  engine.schedule(request.dueAt!);
  engine.markDirty();
  return { ...request };
}

/**
 * Graph acts on a `created` request once it is due: the request `succeeded` and the relationship
 * moves (`approvalPending`, or `terminationRequested`), or the request `failed` when the
 * relationship left the status the action needs in the meantime.
 */
function actOnGdapRequest(engine: Engine, record: GdapRelationshipRecord, request: GdapRequestRecord, at: number): void {
  const allowed = request.action === 'lockForApproval' ? record.status === 'created' : record.status === 'active' || record.status === 'expiring';
  request.status = allowed ? 'succeeded' : 'failed';
  request.modifiedAt = at;
  request.dueAt = undefined;
  if (allowed && request.action === 'lockForApproval') {
    record.status = 'approvalPending';
    record.lockedAt = at;
    engine.schedule(at + GDAP_APPROVAL_EXPIRY_MS);
  } else if (allowed) {
    record.status = 'terminationRequested';
    record.terminationRequestedAt = at;
    engine.schedule(at + engine.state.settings.gdapTerminationDelaySeconds * 1000);
  }
  if (allowed) {
    record.modifiedAt = at;
    record.etag = newEtag();
  }
  engine.markDirty();
}

/**
 * The customer's Global Admin approves (the /admin page or the control plane). A relationship
 * created without a customer is bound to the approving tenant (docs/PARTNER-CENTER-REFERENCE.md §12.2: "any customer can approve").
 */
export function approveGdapRelationship(engine: Engine, id: string, customerTenantId: string): GdapRelationshipRecord {
  const record = engine.state.gdap[id];
  if (!record) throw graphErrors.graphNotFound(id);
  const tenant = engine.state.tenants[customerTenantId.toLowerCase()];
  if (!tenant) throw graphErrors.graphBadRequest(`Customer tenant ${customerTenantId} was not found.`);
  if (record.status !== 'approvalPending') throw graphErrors.graphInvalidStatus(record.status, 'approve');
  if (record.customerTenantId && record.customerTenantId !== tenant.tenantId) {
    throw graphErrors.graphForbidden(`This relationship request is for another customer tenant (${record.customerTenantId}).`);
  }
  const now = engine.now();
  record.customerTenantId = tenant.tenantId;
  record.customerDisplayName ??= tenant.companyName;
  record.status = 'approved';
  record.approvedAt = now;
  record.modifiedAt = now;
  record.etag = newEtag();
  auditGdap(engine, record, 'approve_granular_admin_relationship');
  emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-relationship-approved', 'GranularAdminRelationship', relationshipUri(record.id));
  engine.schedule(now + engine.state.settings.gdapActivationDelaySeconds * 1000);
  engine.markDirty();
  return record;
}

/** Control plane: the pending approval request runs out (as after 90 days without approval). */
export function expireGdapApproval(engine: Engine, id: string): GdapRelationshipRecord {
  const record = engine.state.gdap[id];
  if (!record) throw graphErrors.graphNotFound(id);
  if (record.status !== 'approvalPending') throw graphErrors.graphInvalidStatus(record.status, 'expire');
  setExpired(engine, record);
  return record;
}

function setExpired(engine: Engine, record: GdapRelationshipRecord): void {
  record.status = 'expired';
  record.modifiedAt = engine.now();
  record.etag = newEtag();
  auditGdap(engine, record, 'expire_granular_admin_relationship');
  emitWebhookEvent(engine, record.partnerTenantId, 'granular-admin-relationship-expired', 'GranularAdminRelationship', relationshipUri(record.id));
  engine.markDirty();
}

/** Time-based GDAP transitions; returns the next emulator time something is due. */
export function tickGdap(engine: Engine, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  const settings = engine.state.settings;
  for (const r of Object.values(engine.state.gdap)) {
    for (const q of r.requests) {
      if (q.status !== 'created' || q.dueAt === undefined) continue;
      if (now >= q.dueAt) actOnGdapRequest(engine, r, q, q.dueAt);
      else next = Math.min(next, q.dueAt);
    }
    next = Math.min(next, tickGdapOperations(engine, r, now));
    if (r.status === 'approvalPending' && r.lockedAt !== undefined) {
      if (now >= r.lockedAt + GDAP_APPROVAL_EXPIRY_MS) setExpired(engine, r);
      else next = Math.min(next, r.lockedAt + GDAP_APPROVAL_EXPIRY_MS);
    }
    if (r.status === 'approved' && r.approvedAt !== undefined) {
      const activateAt = r.approvedAt + settings.gdapActivationDelaySeconds * 1000;
      if (now >= activateAt) {
        r.status = 'active';
        r.activatedAt = activateAt;
        r.endAt = activateAt + (parseIsoDuration(r.duration) ?? 0);
        r.modifiedAt = now;
        r.etag = newEtag();
        auditGdap(engine, r, 'activate_granular_admin_relationship');
        emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-relationship-activated', 'GranularAdminRelationship', relationshipUri(r.id));
        engine.markDirty();
      } else next = Math.min(next, activateAt);
    }
    if ((r.status === 'active' || r.status === 'expiring') && r.endAt !== undefined) {
      const extend = parseIsoDuration(r.autoExtendDuration) ?? 0;
      if (now >= r.endAt) {
        if (extend > 0) {
          // Auto-extend adds 180 days at the end date, repeatedly (docs/PARTNER-CENTER-REFERENCE.md §12.3).
          while (r.endAt <= now) r.endAt += extend;
          r.status = 'active';
        } else {
          setExpired(engine, r);
          continue;
        }
        r.modifiedAt = now;
        r.etag = newEtag();
        engine.markDirty();
      }
      if (extend === 0 && r.status === 'active' && now >= r.endAt - GDAP_EXPIRING_WINDOW_MS) {
        r.status = 'expiring';
        r.modifiedAt = now;
        r.etag = newEtag();
        engine.markDirty();
      }
      next = Math.min(next, r.status === 'active' && extend === 0 ? r.endAt - GDAP_EXPIRING_WINDOW_MS : r.endAt);
    }
    if (r.status === 'terminationRequested' && r.terminationRequestedAt !== undefined) {
      const doneAt = r.terminationRequestedAt + settings.gdapTerminationDelaySeconds * 1000;
      if (now >= doneAt) {
        r.status = 'terminated';
        r.endAt = doneAt;
        r.modifiedAt = now;
        r.etag = newEtag();
        for (const a of r.accessAssignments) if (a.status !== 'deleted') a.status = 'deleted';
        auditGdap(engine, r, 'terminate_granular_admin_relationship');
        emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-relationship-terminated', 'GranularAdminRelationship', relationshipUri(r.id));
        engine.markDirty();
      } else next = Math.min(next, doneAt);
    }
    for (const a of r.accessAssignments) {
      if (a.transitionAt === undefined) continue;
      if (now >= a.transitionAt) {
        const uri = `${relationshipUri(r.id)}/accessAssignments/${a.id}`;
        if (a.status === 'pending') {
          a.status = 'active';
          emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-access-assignment-activated', 'GranularAdminAccessAssignment', uri);
        } else if (a.status === 'deleting') {
          a.status = 'deleted';
        }
        a.transitionAt = undefined;
        a.modifiedAt = now;
        a.etag = newEtag();
        engine.markDirty();
      } else next = Math.min(next, a.transitionAt);
    }
  }
  return next;
}

// ---- access assignments (docs/PARTNER-CENTER-REFERENCE.md §12.3) ----

export function getAccessAssignment(record: GdapRelationshipRecord, id: string): GdapAccessAssignmentRecord {
  const a = record.accessAssignments.find((x) => x.id === id);
  if (!a) throw graphErrors.graphNotFound(id);
  return a;
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
