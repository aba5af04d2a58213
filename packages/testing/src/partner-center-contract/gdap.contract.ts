import { isGdapOperationSettled, isGdapRequestSettled, isPartnerCenterError } from '@csphub/partner-center';
import { EntraRole } from '@csphub/partner-center/wire';
import { describe, expect, it } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';
import { sharedCustomer } from './customers.contract';
import { eventually } from './eventually';

/** GDAP relationships, requests and access assignments through Graph (docs/PARTNER-CENTER-REFERENCE.md §12). */
export function registerGdapContract(ctx: ContractContext): void {
  const controlIt = itWithControl(ctx);
  const roles = [EntraRole.directoryReaders, EntraRole.userAdministrator, EntraRole.licenseAdministrator];

  describe('GDAP', () => {
    let relationshipId = '';

    it('reads the Entra role catalogue, Global Administrator and the default roles included', async () => {
      const catalogue = await ctx.target.client('indirect').listEntraRoleDefinitions({ pageSize: 5 }).toArray();
      const ids = catalogue.map((r) => r.id);
      expect(ids).toContain(EntraRole.globalAdministrator);
      for (const id of roles) expect(ids).toContain(id);
      expect(new Set(ids).size, 'every page read once').toBe(ids.length);
      expect(catalogue.find((r) => r.id === EntraRole.userAdministrator)?.name).toBe('User Administrator');
    });

    it('creates a relationship request for a customer and locks it for approval', async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      const displayName = `Contract ${ctx.target.uniquePrefix('gdap')}`.slice(0, 50);
      const created = await client.createGdapRelationship({
        displayName,
        customerTenantId: customer.tenantId,
        roleIds: roles,
        durationDays: 730,
        autoExtend: true,
      });
      relationshipId = created.id;
      expect(created).toMatchObject({
        displayName,
        status: 'created',
        customerTenantId: customer.tenantId,
        duration: 'P730D',
        autoExtendDuration: 'P180D',
      });
      expect([...created.roleIds].sort()).toEqual([...roles].sort());

      expect((await client.getGdapRelationship(created.id)).displayName).toBe(displayName);
      const listed = await client.listGdapRelationships({ customerTenantId: customer.tenantId }).toArray();
      expect(listed.map((r) => r.id)).toContain(created.id);

      const again = await client.createGdapRelationship({
        displayName,
        customerTenantId: customer.tenantId,
        roleIds: roles,
        durationDays: 730,
        autoExtend: true,
      });
      expect(again.id, 'a repeated create (same display name, same customer) finds the first one').toBe(
        created.id,
      );

      // Graph answers the lock `created` and acts on it afterwards ("Create delegatedAdminRelationshipRequest").
      const { request, approvalUrl } = await client.requestGdapApproval(created.id);
      expect(request.action).toBe('lockForApproval');
      expect(['created', 'pending', 'succeeded']).toContain(request.status);
      expect(approvalUrl).toContain(`/granularAdminRelationships/${created.id}`);
      const lockedAgain = await client.requestGdapApproval(created.id);
      expect(lockedAgain.request.id, 'a repeated lock finds the first request instead of posting another').toBe(request.id);
      const settled = await eventually(
        ctx,
        async () => {
          const r = await client.getGdapRequest(created.id, request.id);
          return isGdapRequestSettled(r) ? r : undefined;
        },
        { stepMs: 5_000, what: 'Graph to act on the lock request' },
      );
      expect(settled.status).toBe('succeeded');
      expect((await client.getGdapRelationship(created.id)).status).toBe('approvalPending');
      expect((await client.listGdapRequests(created.id).toArray()).map((r) => r.id)).toEqual([request.id]);
    });

    controlIt('becomes active once the customer approves, then takes access assignments', async () => {
      const client = ctx.target.client('indirect');
      await ctx.control.approveGdapRelationship(relationshipId);
      const active = await eventually(
        ctx,
        async () => {
          const r = await client.getGdapRelationship(relationshipId);
          return r.status === 'active' ? r : undefined;
        },
        { stepMs: 60_000, what: 'the GDAP relationship to be active' },
      );
      expect(active.activatedAt).toBeDefined();
      expect(active.endsAt).toBeDefined();

      const assignment = await client.createGdapAccessAssignment(relationshipId, {
        securityGroupId: ctx.target.fixtures.securityGroupId,
        roleIds: [EntraRole.userAdministrator],
      });
      expect(assignment).toMatchObject({
        securityGroupId: ctx.target.fixtures.securityGroupId,
        roleIds: [EntraRole.userAdministrator],
      });
      expect(['pending', 'active']).toContain(assignment.status);
      const assignedAgain = await client.createGdapAccessAssignment(relationshipId, {
        securityGroupId: ctx.target.fixtures.securityGroupId,
        roleIds: [EntraRole.userAdministrator],
      });
      expect(assignedAgain.id, 'a repeated create (same security group) finds the first assignment').toBe(assignment.id);
      expect((await client.listGdapAccessAssignments(relationshipId).toArray()).map((a) => a.id)).toContain(
        assignment.id,
      );
      const settled = await eventually(
        ctx,
        async () => {
          const a = await client.getGdapAccessAssignment(relationshipId, assignment.id);
          return a.status === 'active' ? a : undefined;
        },
        { stepMs: 60_000, what: 'the access assignment to be active' },
      );
      expect(settled.status).toBe('active');

      // "Update delegatedAdminAccessAssignment": the same roles answer 200; other roles a long-running operation.
      const same = await client.updateGdapAccessAssignment(relationshipId, assignment.id, { roleIds: [EntraRole.userAdministrator], etag: settled.etag! });
      expect(same.state).toBe('applied');
      const update = await client.updateGdapAccessAssignment(relationshipId, assignment.id, { roleIds: [EntraRole.userAdministrator, EntraRole.directoryReaders], etag: settled.etag! });
      if (update.state !== 'accepted') throw new Error('expected a long-running operation');
      expect(update.retryAfterSeconds).toBeGreaterThan(0);
      const updatedAgain = await client.updateGdapAccessAssignment(relationshipId, assignment.id, { roleIds: [EntraRole.userAdministrator, EntraRole.directoryReaders], etag: settled.etag! });
      expect(updatedAgain, 'a repeated update follows the operation in flight').toMatchObject({ state: 'accepted', operationId: update.operationId });
      const first = await client.getGdapOperation(relationshipId, update.operationId);
      expect(first).toMatchObject({ id: update.operationId, type: 'delegatedAdminAccessAssignmentUpdate', assignmentId: assignment.id });
      expect(['notStarted', 'running', 'succeeded']).toContain(first.status);
      const done = await eventually(
        ctx,
        async () => {
          const o = await client.getGdapOperation(relationshipId, update.operationId);
          return isGdapOperationSettled(o) ? o : undefined;
        },
        { stepMs: update.retryAfterSeconds * 1000, what: 'the access assignment update to finish' },
      );
      expect(done.status).toBe('succeeded');
      expect([...(await client.getGdapAccessAssignment(relationshipId, assignment.id)).roleIds].sort()).toEqual([EntraRole.userAdministrator, EntraRole.directoryReaders].sort());
      expect((await client.listGdapOperations(relationshipId).toArray()).map((o) => o.id)).toContain(update.operationId);

      const termination = await client.terminateGdapRelationship(relationshipId);
      expect(termination.action).toBe('terminate');
    });

    controlIt('removes Global Administrator from an active relationship (a long-running operation), then it may auto-extend', async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      const withGa = [EntraRole.globalAdministrator, EntraRole.directoryReaders];
      const created = await client.createGdapRelationship({ displayName: `Contract GA ${ctx.target.uniquePrefix('ga')}`.slice(0, 50), customerTenantId: customer.tenantId, roleIds: withGa, durationDays: 730, autoExtend: false });
      const refused = await client.setGdapAutoExtend(created.id, true).catch((e: unknown) => e);
      expect(isPartnerCenterError(refused), 'auto-extend is refused while Global Administrator is in it').toBe(true);
      await client.requestGdapApproval(created.id);
      await eventually(ctx, async () => ((await client.getGdapRelationship(created.id)).status === 'approvalPending' ? true : undefined), { stepMs: 5_000, what: 'the lock' });
      await ctx.control.approveGdapRelationship(created.id);
      await eventually(ctx, async () => ((await client.getGdapRelationship(created.id)).status === 'active' ? true : undefined), { stepMs: 60_000, what: 'the relationship to be active' });
      const removal = await client.removeGdapGlobalAdministrator(created.id);
      if (removal.state !== 'accepted') throw new Error('expected a long-running operation');
      const done = await eventually(
        ctx,
        async () => {
          const o = await client.getGdapOperation(created.id, removal.operationId);
          return isGdapOperationSettled(o) ? o : undefined;
        },
        { stepMs: removal.retryAfterSeconds * 1000, what: 'the Global Administrator removal to finish' },
      );
      expect(done).toMatchObject({ status: 'succeeded', type: 'delegatedAdminRelationshipUpdate' });
      expect((await client.getGdapRelationship(created.id)).roleIds).toEqual([EntraRole.directoryReaders]);
      expect((await client.removeGdapGlobalAdministrator(created.id)).state, 'nothing left to remove').toBe('applied');
      expect((await client.setGdapAutoExtend(created.id, true)).autoExtendDuration).toBe('P180D');
    });

    it('reports an unknown relationship as NOT_FOUND', async () => {
      const error = await ctx.target
        .client('indirect')
        .getGdapRelationship('00000000-0000-4000-8000-000000000000-00000000-0000-4000-8000-000000000000')
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'NOT_FOUND')).toBe(true);
      // Graph's innerError names the call: its request-id (to quote to Microsoft support) and
      // the time ("Microsoft Graph error responses and resource types", learn.microsoft.com/graph/errors).
      const failed = error as { serviceRequestId?: string; serviceDate?: string; requestId?: string };
      expect(failed.serviceRequestId).toMatch(/^[0-9a-f-]{36}$/i);
      expect(failed.serviceRequestId).not.toBe(failed.requestId);
      expect(Number.isNaN(Date.parse(failed.serviceDate ?? ''))).toBe(false);
    });
  });
}
