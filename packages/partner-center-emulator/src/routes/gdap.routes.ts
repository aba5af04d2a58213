import {
  CreateAccessAssignmentRequestSchema,
  CreateGdapRelationshipRequestSchema,
  CreateGdapRequestRequestSchema,
  GraphHeader,
  UpdateAccessAssignmentRequestSchema,
  UpdateGdapRelationshipRequestSchema,
} from '@csphub/partner-center/wire';
import type { ApiRouter, RouteContext } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { empty, json } from '../protocol/respond';
import * as graphErrors from '../errors/graph-errors';
import {
  createAccessAssignment,
  createGdapRelationship,
  createGdapRequest,
  deleteAccessAssignment,
  deleteGdapRelationship,
  getAccessAssignment,
  getGdapRelationship,
  updateActiveGdapRelationship,
  updateGdapRelationship,
} from '../engine/gdap.engine';
import { getGdapOperation, operationRetryAfterSeconds, operationsOf, updateAccessAssignment } from '../engine/gdap-operations.engine';
import { ENTRA_ROLE_CATALOGUE } from '../engine/entra-role-catalogue';
import { toAccessAssignment, toGdapOperation, toGdapRelationship, toGdapRequest } from '../views/gdap.view';
import { applySelect, encodeSkipToken, parseEqFilter, parseOrderBy, parseSkipToken, parseTop, readPath } from '../protocol/odata-query';

const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

/** Graph list with `$filter`, `$orderby`, `$top`, `$skipToken`, `$count`, `$select` (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
function graphList(ctx: RouteContext, items: Record<string, unknown>[], filterPaths: readonly string[], orderPaths: readonly string[]): Response {
  const q = (name: string) => ctx.query(name) ?? ctx.query(name.replace('$', ''));
  const clauses = parseEqFilter(q('$filter'), filterPaths);
  let rows = items.filter((item) => clauses.every((c) => String(readPath(item, c.path) ?? '').toLowerCase() === c.value.toLowerCase()));
  const order = parseOrderBy(q('$orderby'), orderPaths);
  if (order) {
    rows = [...rows].sort((a, b) => {
      const av = String(readPath(a, order.path) ?? '');
      const bv = String(readPath(b, order.path) ?? '');
      return order.desc ? bv.localeCompare(av) : av.localeCompare(bv);
    });
  }
  const top = parseTop(q('$top'));
  const offset = parseSkipToken(q('$skipToken') ?? q('$skiptoken'));
  const page = rows.slice(offset, offset + top).map((row) => applySelect(row, q('$select')));
  const body: Record<string, unknown> = { '@odata.context': `${ctx.runtime.publicUrl}/graph/v1.0/$metadata#${ctx.c.req.path.split('/').pop()}` };
  if ((q('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = rows.length;
  if (offset + top < rows.length) {
    const next = new URL(ctx.c.req.url);
    next.searchParams.delete('$skiptoken');
    next.searchParams.set('$skipToken', encodeSkipToken(offset + top));
    // Graph writes the `$` of its query options as is (`?$top=2&$skiptoken=…`), not `%24`.
    body['@odata.nextLink'] = `${ctx.runtime.publicUrl}${next.pathname}${next.search.replace(/%24/g, '$')}`;
  }
  body['value'] = page;
  return json(200, body);
}

function relationshipOf(ctx: RouteContext) {
  return getGdapRelationship(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('relationshipId'));
}

export function registerGdapRoutes(g: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §12.3: create (status created), 201 + Location.
  g.op('gdap.relationships.create', async (ctx) => {
    const input = parseBody(CreateGdapRelationshipRequestSchema, await ctx.body(), 'graph');
    const record = createGdapRelationship(ctx.runtime.engine, ctx.principal.partnerTenantId, input);
    return json(201, toGdapRelationship(record), { [GraphHeader.location]: `${ctx.runtime.publicUrl}/graph/v1.0${RELATIONSHIPS}/${record.id}` });
  });

  g.op('gdap.relationships.list', (ctx) => {
    const items = Object.values(ctx.runtime.engine.state.gdap)
      .filter((r) => r.partnerTenantId === ctx.principal.partnerTenantId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((r) => toGdapRelationship(r) as Record<string, unknown>);
    return graphList(ctx, items, ['customer/tenantId', 'status', 'displayName', 'id'], ['displayName', 'createdDateTime', 'endDateTime', 'status']);
  });

  g.op('gdap.relationships.get', (ctx) => {
    const record = relationshipOf(ctx);
    return json(200, toGdapRelationship(record), { ETag: record.etag });
  });

  g.op('gdap.relationships.update', async (ctx) => {
    const input = parseBody(UpdateGdapRelationshipRequestSchema, await ctx.body(), 'graph');
    const current = relationshipOf(ctx);
    if (current.status === 'active' || current.status === 'expiring') {
      const update = updateActiveGdapRelationship(ctx.runtime.engine, current, ctx.c.req.header(GraphHeader.ifMatch), input);
      if (update.kind === 'updated') return json(200, toGdapRelationship(update.record));
      return json(202, {}, { [GraphHeader.location]: `${ctx.runtime.publicUrl}/graph/v1.0${RELATIONSHIPS}/${current.id}/operations/${update.operation.id}`, 'Retry-After': String(update.retryAfterSeconds) });
    }
    const record = updateGdapRelationship(ctx.runtime.engine, current, ctx.c.req.header(GraphHeader.ifMatch), input);
    return json(200, toGdapRelationship(record));
  });

  g.op('gdap.relationships.delete', (ctx) => {
    deleteGdapRelationship(ctx.runtime.engine, relationshipOf(ctx), ctx.c.req.header(GraphHeader.ifMatch));
    return empty(204);
  });

  // §12.3: requests (lockForApproval, terminate). Graph page "Create delegatedAdminRelationshipRequest":
  // 201 with the request in status `created`; Graph acts on it afterwards (the tick, gdap.engine.ts).
  g.op('gdap.requests.create', async (ctx) => {
    const input = parseBody(CreateGdapRequestRequestSchema, await ctx.body(), 'graph');
    const record = relationshipOf(ctx);
    const request = createGdapRequest(ctx.runtime.engine, record, input.action);
    return json(201, toGdapRequest(request), { [GraphHeader.location]: `${ctx.runtime.publicUrl}/graph/v1.0${RELATIONSHIPS}/${record.id}/requests/${request.id}` });
  });

  g.op('gdap.requests.list', (ctx) =>
    graphList(ctx, relationshipOf(ctx).requests.map((q) => toGdapRequest(q) as Record<string, unknown>), ['action', 'status'], ['createdDateTime']),
  );

  g.op('gdap.requests.get', (ctx) => {
    const request = relationshipOf(ctx).requests.find((q) => q.id === ctx.param('requestId'));
    if (!request) throw graphErrors.graphNotFound(ctx.param('requestId'));
    return json(200, toGdapRequest(request));
  });

  // §12.3: long-running operations (Graph pages "List operations" and "Get delegatedAdminRelationshipOperation").
  g.op('gdap.operations.list', (ctx) => {
    const record = relationshipOf(ctx);
    return graphList(ctx, operationsOf(record).map((o) => toGdapOperation(o, record) as Record<string, unknown>), ['status', 'operationType'], ['createdDateTime']);
  });

  g.op('gdap.operations.get', (ctx) => {
    const record = relationshipOf(ctx);
    const operation = getGdapOperation(record, ctx.param('operationId'));
    const headers: Record<string, string> = { ETag: operation.etag };
    if (operation.status === 'notStarted' || operation.status === 'running') headers['Retry-After'] = String(operationRetryAfterSeconds(operation, ctx.runtime.engine.now()));
    return json(200, toGdapOperation(operation, record), headers);
  });

  // §12.3: access assignments.
  g.op('gdap.accessAssignments.create', async (ctx) => {
    const input = parseBody(CreateAccessAssignmentRequestSchema, await ctx.body(), 'graph');
    const record = relationshipOf(ctx);
    const assignment = createAccessAssignment(ctx.runtime.engine, record, input);
    return json(201, toAccessAssignment(assignment), {
      [GraphHeader.location]: `${ctx.runtime.publicUrl}/graph/v1.0${RELATIONSHIPS}/${record.id}/accessAssignments/${assignment.id}`,
    });
  });

  g.op('gdap.accessAssignments.list', (ctx) =>
    graphList(ctx, relationshipOf(ctx).accessAssignments.map((a) => toAccessAssignment(a) as Record<string, unknown>), ['status', 'accessContainer/accessContainerId'], ['createdDateTime']),
  );

  g.op('gdap.accessAssignments.get', (ctx) => {
    const a = getAccessAssignment(relationshipOf(ctx), ctx.param('assignmentId'));
    return json(200, toAccessAssignment(a), { ETag: a.etag });
  });

  // Graph page "Update delegatedAdminAccessAssignment": 202 with the operation's Location and
  // Retry-After (an empty JSON body, as its example), or 200 with the assignment when nothing changes.
  g.op('gdap.accessAssignments.update', async (ctx) => {
    const input = parseBody(UpdateAccessAssignmentRequestSchema, await ctx.body(), 'graph');
    const record = relationshipOf(ctx);
    const update = updateAccessAssignment(ctx.runtime.engine, record, getAccessAssignment(record, ctx.param('assignmentId')), ctx.c.req.header(GraphHeader.ifMatch), input.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId));
    if (update.kind === 'unchanged') return json(200, toAccessAssignment(update.assignment), { ETag: update.assignment.etag });
    return json(202, {}, {
      [GraphHeader.location]: `${ctx.runtime.publicUrl}/graph/v1.0${RELATIONSHIPS}/${record.id}/operations/${update.operation.id}`,
      'Retry-After': String(update.retryAfterSeconds),
    });
  });

  g.op('gdap.accessAssignments.delete', (ctx) => {
    const record = relationshipOf(ctx);
    deleteAccessAssignment(ctx.runtime.engine, record, getAccessAssignment(record, ctx.param('assignmentId')), ctx.c.req.header(GraphHeader.ifMatch));
    return empty(204);
  });

  // §12.4: the Entra role catalogue (Graph "List roleDefinitions"; unifiedRoleDefinition), built-in roles only.
  g.op('entra.roleDefinitions.list', (ctx) => {
    const items = ENTRA_ROLE_CATALOGUE.map((r) => ({ id: r.id, displayName: r.displayName, description: r.description, isBuiltIn: true, isEnabled: true, templateId: r.id }));
    return graphList(ctx, items, ['isBuiltIn', 'displayName', 'id'], ['displayName']);
  });

  // §12.3: customers with a GDAP relationship to the partner.
  g.op('gdap.customers.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const byTenant = new Map<string, Record<string, unknown>>();
    for (const r of Object.values(engine.state.gdap)) {
      if (r.partnerTenantId !== ctx.principal.partnerTenantId || !r.customerTenantId) continue;
      if (r.status !== 'active' && r.status !== 'expiring') continue;
      byTenant.set(r.customerTenantId, { id: r.customerTenantId, tenantId: r.customerTenantId, displayName: r.customerDisplayName ?? engine.state.tenants[r.customerTenantId]?.companyName ?? '' });
    }
    return graphList(ctx, [...byTenant.values()], ['tenantId', 'displayName'], ['displayName']);
  });
}
