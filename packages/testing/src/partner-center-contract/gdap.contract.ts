import { isPartnerCenterError } from '@csphub/partner-center';
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

      const { request, approvalUrl } = await client.requestGdapApproval(created.id);
      expect(request.action).toBe('lockForApproval');
      expect(approvalUrl).toContain(`/granularAdminRelationships/${created.id}`);
      expect((await client.getGdapRelationship(created.id)).status).toBe('approvalPending');
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

      const termination = await client.terminateGdapRelationship(relationshipId);
      expect(termination.action).toBe('terminate');
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
