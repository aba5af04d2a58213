import { describe, expect, it } from 'vitest';
import type { ApiRequest, CallOptions, RequestPipeline } from './request-pipeline';
import { createGdapAccessAssignmentOps } from './gdap-access-assignments.ops';

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** A pipeline that answers each call by operation id and records what was sent. */
function scriptedPipeline(answer: (operation: string) => Answer) {
  const sent: ApiRequest<unknown>[] = [];
  const pipeline = {
    connection: undefined as never,
    ids: (options?: CallOptions) => ({ requestId: options?.requestId ?? 'generated', correlationId: options?.correlationId ?? 'corr-1' }),
    async send<T>(request: ApiRequest<T>): Promise<T> {
      sent.push(request as ApiRequest<unknown>);
      const a = answer(request.operation);
      return request.parse({ status: a.status, body: a.body, headers: new Headers(a.headers ?? {}) });
    },
  } satisfies RequestPipeline;
  return { pipeline, sent };
}

const REL = 'rel-1';
const LOCATION = `https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/${REL}/operations/op-7`;
const assignment = {
  id: 'as-1',
  accessContainer: { accessContainerId: 'grp', accessContainerType: 'securityGroup' },
  accessDetails: { unifiedRoles: [{ roleDefinitionId: 'r1' }] },
  status: 'active',
  createdDateTime: '2026-01-01T00:00:00Z',
  lastModifiedDateTime: '2026-01-01T00:00:00Z',
};
const operation = (status: string, assignmentId = 'as-1') => ({
  id: 'op-7',
  operationType: 'delegatedAdminAccessAssignmentUpdate',
  data: JSON.stringify({ id: assignmentId, accessDetails: { unifiedRoles: [{ roleDefinitionId: 'r1' }, { roleDefinitionId: 'r2' }] } }),
  status,
  createdDateTime: '2026-01-01T00:00:00Z',
  lastModifiedDateTime: '2026-01-01T00:00:00Z',
});

describe('GDAP access assignment update (Graph page "Update delegatedAdminAccessAssignment")', () => {
  it('reads a 202 as the operation of its Location with the Retry-After, and sends If-Match', async () => {
    const { pipeline, sent } = scriptedPipeline((op) =>
      op === 'gdap.operations.list' ? { status: 200, body: { value: [] } } : { status: 202, body: {}, headers: { Location: LOCATION, 'Retry-After': '7' } },
    );
    const update = await createGdapAccessAssignmentOps(pipeline).updateGdapAccessAssignment(REL, 'as-1', { roleIds: ['r1', 'r2'], etag: 'W/"e1"' });
    expect(update).toEqual({ state: 'accepted', operationId: 'op-7', retryAfterSeconds: 7 });
    expect(sent.at(-1)).toMatchObject({ operation: 'gdap.accessAssignments.update', headers: { 'If-Match': 'W/"e1"' } });
  });

  it('reads a 200 as applied, and a 202 without Location as an error', async () => {
    const applied = scriptedPipeline((op) => (op === 'gdap.operations.list' ? { status: 200, body: { value: [] } } : { status: 200, body: assignment }));
    expect(await createGdapAccessAssignmentOps(applied.pipeline).updateGdapAccessAssignment(REL, 'as-1', { roleIds: ['r1'], etag: 'e' })).toMatchObject({ state: 'applied', assignment: { id: 'as-1', roleIds: ['r1'] } });
    const noLocation = scriptedPipeline((op) => (op === 'gdap.operations.list' ? { status: 200, body: { value: [] } } : { status: 202, body: {} }));
    await expect(createGdapAccessAssignmentOps(noLocation.pipeline).updateGdapAccessAssignment(REL, 'as-1', { roleIds: ['r1'], etag: 'e' })).rejects.toThrow(/without an operation Location/);
  });

  it('follows an update already in flight for the assignment instead of sending a second one', async () => {
    const { pipeline, sent } = scriptedPipeline(() => ({ status: 200, body: { value: [operation('succeeded', 'as-1'), operation('running')] } }));
    const update = await createGdapAccessAssignmentOps(pipeline).updateGdapAccessAssignment(REL, 'as-1', { roleIds: ['r1', 'r2'], etag: 'e' });
    expect(update).toEqual({ state: 'accepted', operationId: 'op-7', retryAfterSeconds: 10 });
    expect(sent.map((r) => r.operation)).toEqual(['gdap.operations.list']);
  });

  it('reads an operation with the assignment and roles of its data, and Retry-After', async () => {
    const { pipeline } = scriptedPipeline(() => ({ status: 200, body: operation('notStarted'), headers: { 'Retry-After': '5' } }));
    expect(await createGdapAccessAssignmentOps(pipeline).getGdapOperation(REL, 'op-7')).toEqual({
      id: 'op-7',
      type: 'delegatedAdminAccessAssignmentUpdate',
      status: 'notStarted',
      assignmentId: 'as-1',
      roleIds: ['r1', 'r2'],
      createdAt: '2026-01-01T00:00:00Z',
      lastModifiedAt: '2026-01-01T00:00:00Z',
      retryAfterSeconds: 5,
    });
  });
});
