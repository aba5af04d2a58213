import { randomUUID } from 'node:crypto';
import type { Role } from '@csphub/domain';
import { EntraRole } from '@csphub/partner-center/wire';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { emulatorConnection, emulatorFor } from './commerce-route-fixtures';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

const STAFF: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator'];
const READERS: readonly Role[] = [...STAFF, 'customer_admin'];
const TEMPLATE_WRITERS: readonly Role[] = ['distributor_admin', 'distributor_operator'];
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
const roles: { id: string; name: string }[] = [
  { id: EntraRole.directoryReaders, name: 'Directory Readers' },
  { id: EntraRole.userAdministrator, name: 'User Administrator' },
];

/** A fresh template (its own name) on the emulator connection. */
async function template(ctx: FixtureContext, roleList = roles) {
  const conn = await emulatorConnection(ctx);
  return ctx.world.repos.gdap.addTemplateVersion({ connectionId: conn.id, name: `Matrix ${randomUUID().slice(0, 8)}`, roles: roleList, durationDays: 365, autoExtend: true, securityGroups: [], createdBy: 'matrix' }, new Date());
}

/** The target customer linked to Wingtip on the emulator connection, with a relationship row from a template. */
async function relationship(ctx: FixtureContext) {
  const conn = await emulatorConnection(ctx);
  await ctx.world.repos.syncOptions.upsert(ctx.target.customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, new Date());
  const t = await template(ctx);
  const row = await ctx.world.repos.gdap.upsertRequested(
    { companyId: ctx.target.customer.id, connectionId: conn.id, displayName: `Matrix ${randomUUID().slice(0, 8)}`, customerTenantId: wingtip.tenantId, templateId: t.id, roles: t.roles, durationDays: 365, autoExtend: true, runId: null },
    new Date(),
  );
  return { row, template: t, conn };
}

/** The GDAP routes (apps/server/src/gdap/gdap.routes.ts). */
export const GDAP_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/gdap/roles': {
    scope: 'self',
    allowed: STAFF,
    request: async (ctx) => {
      await emulatorFor(ctx);
      return { path: `/api/v1/gdap/roles?connectionId=${(await emulatorConnection(ctx)).id}` };
    },
  },
  'GET /api/v1/gdap/templates': { scope: 'self', allowed: STAFF, request: () => ({ path: '/api/v1/gdap/templates' }) },
  'POST /api/v1/gdap/templates': {
    scope: 'distributor',
    allowed: TEMPLATE_WRITERS,
    request: async (ctx) => {
      await emulatorFor(ctx);
      const conn = await emulatorConnection(ctx);
      return { path: '/api/v1/gdap/templates', body: { connectionId: conn.id, name: `Matrix ${randomUUID().slice(0, 8)}`, roleIds: roles.map((r) => r.id), durationDays: 730, autoExtend: true, securityGroups: [] } };
    },
  },
  'POST /api/v1/gdap/templates/{id}/versions': {
    scope: 'distributor',
    allowed: TEMPLATE_WRITERS,
    request: async (ctx) => {
      await emulatorFor(ctx);
      const t = await template(ctx);
      return { path: `/api/v1/gdap/templates/${t.id}/versions`, body: { roleIds: [EntraRole.globalReader], durationDays: 180, autoExtend: false, securityGroups: [] } };
    },
  },
  'POST /api/v1/gdap/templates/{id}/default': {
    scope: 'distributor',
    allowed: TEMPLATE_WRITERS,
    request: async (ctx) => ({ path: `/api/v1/gdap/templates/${(await template(ctx)).id}/default` }),
  },
  'GET /api/v1/companies/{id}/gdap': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/gdap` }) },
  'POST /api/v1/companies/{id}/gdap': {
    scope: 'company',
    allowed: STAFF,
    // The test app's run starter stands in for the engine (the run itself: packages/provisioning/test/gdap).
    request: async (ctx) => {
      await relationship(ctx);
      const t = await template(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/gdap`, body: { templateId: t.id, emailCustomerAdmin: false } };
    },
  },
  'GET /api/v1/companies/{id}/gdap/{gdapId}/upgrade-preview': {
    scope: 'company',
    allowed: READERS,
    request: async (ctx) => {
      const { row } = await relationship(ctx);
      const next = await template(ctx, [...roles, { id: EntraRole.globalReader, name: 'Global Reader' }]);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/gdap/${row.id}/upgrade-preview?templateId=${next.id}` };
    },
  },
  'POST /api/v1/companies/{id}/gdap/{gdapId}/actions': {
    scope: 'company',
    allowed: STAFF,
    request: async (ctx) => {
      const { row } = await relationship(ctx);
      const next = await template(ctx, [...roles, { id: EntraRole.globalReader, name: 'Global Reader' }]);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/gdap/${row.id}/actions`, body: { action: 'upgrade', templateId: next.id } };
    },
  },
};
