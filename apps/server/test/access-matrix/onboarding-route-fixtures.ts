import { randomUUID } from 'node:crypto';
import type { Role } from '@csphub/domain';
import { createOutboxRepo, createSecretBox, createTenantAuthorizationsRepo, createWorkflowRunsRepo, type ConnectionSummary } from '@csphub/db';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { linkExistingTenantRunId, mcaAcceptanceRunId, provisionTenantRunId } from '@csphub/provisioning';
import type { FixtureContext, RouteFixture } from './route-fixture.types';
import { emulatorOf, latamConnection } from './fixture-emulator';

/**
 * Access fixtures of the onboarding routes: the wizard, the existing-tenant
 * branch, pending authorizations, the outbox and the one-time password. Ordering is for people who
 * may order for the account (staff with sync.manage, and a customer admin for its own company);
 * reading is for sync.read. Routes that must reach Partner Center use the emulator's LATAM account;
 * routes that would start a durable run are called on an existing run, which they attach to.
 */
const ORDERERS: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin'];
const READERS: readonly Role[] = ORDERERS;
const STAFF: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator'];
const ALL: readonly Role[] = [...ORDERERS, 'billing_reader'];

const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;

/**
 * The reseller of the targets (r1) holds Adatum's Partner ID, the emulator's LATAM reseller: only
 * the distributor may name another reseller's Partner ID, so the routes that take one (or carry
 * one on file) are called with the target's own.
 */
export async function resellerIsAdatum(ctx: FixtureContext): Promise<void> {
  if ((await ctx.world.repos.companies.get(ctx.world.r1.id))?.partnerId !== adatum.partnerId) await ctx.world.repos.companies.update(ctx.world.r1.id, { partnerId: adatum.partnerId }, new Date());
}
/** A connection of the world's distributor with the emulator's LATAM credentials (created once per app). */
async function emulatorConnection(ctx: FixtureContext): Promise<ConnectionSummary> {
  await emulatorOf(ctx.t);
  await resellerIsAdatum(ctx);
  return latamConnection(ctx, 'Onboarding LATAM');
}

/** A pending authorization of the target customer (optionally already sent, or accepted). */
async function seedAuthorization(ctx: FixtureContext, opts: { sent?: boolean; accepted?: boolean } = {}) {
  const conn = await emulatorConnection(ctx);
  const repo = createTenantAuthorizationsRepo(ctx.t.database.db);
  const now = new Date();
  const open = await repo.findOpen(ctx.target.customer.id, conn.id);
  if (open) await repo.cancel(open.id, now);
  let row = await repo.create(
    {
      companyId: ctx.target.customer.id,
      connectionId: conn.id,
      resellerCompanyId: null,
      resellerPartnerId: adatum.partnerId,
      resellerTenantId: adatum.tenantId,
      invitationUrl: 'http://127.0.0.1/admin/Adminportal/Home?invType=ResellerRelationship',
      domain: 'matrix.example',
      requestedById: null,
      requestedByLabel: 'matrix',
      requestedByEmail: null,
    },
    now,
  );
  if (opts.sent) row = await repo.recordSent(row.id, { to: ['ga@matrix.example'], cc: [], at: now });
  if (opts.accepted) row = (await repo.markAccepted(row.id, { tenantId: randomUUID(), defaultDomain: 'matrix.onmicrosoft.com', detectedBy: 'verify', at: now }))!;
  return { conn, row };
}

async function seedRun(ctx: FixtureContext, id: string, kind: string, connectionId: string, state: 'running' | 'needs_attention' = 'running') {
  await createWorkflowRunsRepo(ctx.t.database.db).saveRun({ id, kind, subjectId: String(ctx.target.customer.id), connectionId, state, at: new Date() });
}

const attestation = { firstName: 'Ana', lastName: 'Matrix', email: 'ana@matrix.example', acceptedAt: '2026-01-01T00:00:00.000Z' };

export const ONBOARDING_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/onboarding/services': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/onboarding/services' }) },
  'GET /api/v1/companies/{id}/onboarding': { scope: 'company', allowed: ORDERERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding` }) },
  'GET /api/v1/companies/{id}/onboarding/terms': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/terms?connectionId=${(await emulatorConnection(ctx)).id}` }),
  },
  'GET /api/v1/companies/{id}/onboarding/domain-check': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/domain-check?connectionId=${(await emulatorConnection(ctx)).id}&prefix=matrixfree${Date.now()}` }),
  },
  'POST /api/v1/companies/{id}/onboarding/partner-id-check': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/partner-id-check`, body: { connectionId: (await emulatorConnection(ctx)).id, partnerId: adatum.partnerId } }),
  },
  'GET /api/v1/companies/{id}/onboarding/runs': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/runs` }) },
  'POST /api/v1/companies/{id}/onboarding/new-tenant': {
    scope: 'company',
    allowed: ORDERERS,
    // A second Finish attaches to the run under way: authorised callers get 2xx without a new run.
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      await seedRun(ctx, provisionTenantRunId(ctx.target.customer.id, conn.id), 'provision-tenant', conn.id);
      return {
        path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/new-tenant`,
        body: { connectionId: conn.id, domainPrefix: 'matrixprefix', culture: 'es-MX', defaultGdap: true, attestation },
      };
    },
  },
  'POST /api/v1/companies/{id}/onboarding/runs/{runId}/retry': {
    scope: 'company',
    allowed: ORDERERS,
    // A run stopped after creating the tenant; the test app's engine stand-in wakes it.
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      const runId = provisionTenantRunId(ctx.target.customer.id, conn.id);
      await seedRun(ctx, runId, 'provision-tenant', conn.id, 'needs_attention');
      return { path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/runs/${encodeURIComponent(runId)}/retry` };
    },
  },
  'POST /api/v1/companies/{id}/onboarding/runs/{runId}/mca-check': {
    scope: 'company',
    allowed: ORDERERS,
    // A run waiting for the signatory's acceptance; the test app's engine stand-in takes the message.
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      const runId = provisionTenantRunId(ctx.target.customer.id, conn.id);
      await createWorkflowRunsRepo(ctx.t.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(ctx.target.customer.id), connectionId: conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'waiting' } });
      return { path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/runs/${encodeURIComponent(runId)}/mca-check` };
    },
  },
  'GET /api/v1/companies/{id}/mca': { scope: 'company', allowed: ORDERERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/mca` }) },
  'POST /api/v1/companies/{id}/mca/acceptance-request': {
    scope: 'company',
    allowed: ORDERERS,
    // A linked tenant whose acceptance request already waits: authorised callers attach to it.
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      const customer = ctx.target.customer.id;
      await ctx.world.repos.syncOptions.upsert(customer, conn.id, { tenantId: randomUUID(), syncStatus: 'synced' }, new Date());
      await createWorkflowRunsRepo(ctx.t.database.db).saveRun({ id: mcaAcceptanceRunId(customer, conn.id, 1), kind: 'mca-acceptance', subjectId: String(customer), connectionId: conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'waiting' } });
      return { path: `/api/v1/companies/${customer}/mca/acceptance-request`, body: { connectionId: conn.id, signatory: { firstName: 'Ana', lastName: 'Matrix', email: 'ana@matrix.example', country: 'US' } } };
    },
  },
  'POST /api/v1/companies/{id}/gdap/relationships/{relationshipId}/access-assignments/{assignmentId}/roles': {
    scope: 'company',
    allowed: ORDERERS,
    // A change already under way for the assignment: authorised callers attach to its run.
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      const customer = ctx.target.customer.id;
      await ctx.world.repos.syncOptions.upsert(customer, conn.id, { tenantId: randomUUID(), syncStatus: 'synced' }, new Date());
      const assignmentId = randomUUID();
      await createWorkflowRunsRepo(ctx.t.database.db).saveRun({ id: `gdap-access-update:${customer}:${assignmentId}:1`, kind: 'gdap-access-update', subjectId: String(customer), connectionId: conn.id, state: 'running', at: new Date() });
      return { path: `/api/v1/companies/${customer}/gdap/relationships/${randomUUID()}/access-assignments/${assignmentId}/roles`, body: { connectionId: conn.id, roleIds: ['fe930be7-5e62-47db-91af-98c3a49a38b1'] } };
    },
  },
  'POST /api/v1/companies/{id}/onboarding/runs/{runId}/reveal-credentials': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => {
      const conn = await emulatorConnection(ctx);
      const runId = provisionTenantRunId(ctx.target.customer.id, conn.id);
      await seedRun(ctx, runId, 'provision-tenant', conn.id);
      const user = await ctx.world.repos.users.findByEmail(ctx.caller.email);
      await ctx.world.repos.auditLog.append({
        at: new Date(),
        companyId: ctx.target.customer.id,
        actor: { type: 'user', id: user!.id, label: ctx.caller.email },
        action: 'tenant.provisioning_ordered',
        targetType: 'company',
        targetId: ctx.target.customer.id,
        summary: 'matrix order',
        after: { connectionId: conn.id },
      });
      const outbox = createOutboxRepo(ctx.t.database.db, createSecretBox(ctx.t.secretKey));
      await outbox.deliver({
        dedupeKey: `${runId}:welcome`,
        template: 'welcome',
        language: 'en',
        from: 'matrix@csphub.local',
        to: ['it@matrix.example'],
        subject: 'Welcome',
        text: 'Sign in as admin@matrix.onmicrosoft.com',
        html: '<p>Welcome</p>',
        subjectId: String(ctx.target.customer.id),
        secrets: { temporaryPassword: 'Matrix-Once-1' },
      });
      return { path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/runs/${encodeURIComponent(runId)}/reveal-credentials` };
    },
  },

  'POST /api/v1/companies/{id}/existing-tenant/authorization': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/existing-tenant/authorization`, body: { connectionId: (await emulatorConnection(ctx)).id, resellerPartnerId: adatum.partnerId } }),
  },
  'POST /api/v1/companies/{id}/existing-tenant/authorization/request': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => {
      const { conn } = await seedAuthorization(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/existing-tenant/authorization/request`, body: { connectionId: conn.id, to: ['ga@matrix.example'], cc: [] } };
    },
  },
  'POST /api/v1/companies/{id}/existing-tenant/verify': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => {
      const { conn } = await seedAuthorization(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/existing-tenant/verify`, body: { connectionId: conn.id, domain: 'fabrikam.com' } };
    },
  },
  'POST /api/v1/companies/{id}/existing-tenant/link-visible': {
    scope: 'company',
    allowed: ORDERERS,
    // An unknown domain: allowed callers get the verdict (200) and nothing is linked.
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/existing-tenant/link-visible`, body: { connectionId: (await emulatorConnection(ctx)).id, resellerPartnerId: adatum.partnerId, domain: 'matrix.example' } }),
  },
  'POST /api/v1/companies/{id}/existing-tenant/checkout': {
    scope: 'company',
    allowed: ORDERERS,
    // A second Finish attaches to the authorization's run: authorised callers get 2xx without a new run.
    request: async (ctx) => {
      const { conn, row } = await seedAuthorization(ctx, { accepted: true });
      await seedRun(ctx, linkExistingTenantRunId({ companyId: ctx.target.customer.id, connectionId: conn.id, authorizationId: row.id }), 'link-existing-tenant', conn.id);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/existing-tenant/checkout`, body: { connectionId: conn.id, attestation } };
    },
  },
  'GET /api/v1/existing-tenant/authorizations': { scope: 'self', allowed: READERS, request: () => ({ path: '/api/v1/existing-tenant/authorizations' }) },
  'POST /api/v1/existing-tenant/authorizations/{authorizationId}/resend': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/existing-tenant/authorizations/${(await seedAuthorization(ctx, { sent: true })).row.id}/resend` }),
  },
  'POST /api/v1/existing-tenant/authorizations/{authorizationId}/cancel': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/existing-tenant/authorizations/${(await seedAuthorization(ctx)).row.id}/cancel` }),
  },
  'GET /api/v1/companies/{id}/onboarding/draft': { scope: 'company', allowed: ORDERERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/draft` }) },
  'PUT /api/v1/companies/{id}/onboarding/draft': {
    scope: 'company',
    allowed: ORDERERS,
    request: (ctx) => ({
      path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/draft`,
      body: {
        step: 2,
        state: {
          serviceId: 'microsoft-tenant',
          termsAccepted: true,
          connectionId: null,
          existing: false,
          domainPrefix: 'matrixdraft',
          culture: 'es-MX',
          adminUsername: 'admin',
          requirePasswordChange: true,
          gdap: true,
          partnerId: '',
          attestation: { firstName: 'Ana' },
          notifyMe: true,
          customerDomain: '',
        },
      },
    }),
  },
  'DELETE /api/v1/companies/{id}/onboarding/draft': { scope: 'company', allowed: ORDERERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/onboarding/draft` }) },
  'PUT /api/v1/existing-tenant/authorizations/{authorizationId}/domain': {
    scope: 'company',
    allowed: ORDERERS,
    request: async (ctx) => ({ path: `/api/v1/existing-tenant/authorizations/${(await seedAuthorization(ctx)).row.id}/domain`, body: { domain: 'no-such-tenant-anywhere.com' } }),
  },
  'POST /api/v1/existing-tenant/authorizations/check': { scope: 'self', allowed: STAFF, request: () => ({ path: '/api/v1/existing-tenant/authorizations/check' }) },
  'POST /api/v1/webhooks/partner-center/{connectionId}': { scope: 'public', why: 'Partner Center has no CSP Hub session; every delivery is authenticated by its RSA signature instead (tested in existing-tenant.test.ts)' },

  'GET /api/v1/outbox': { scope: 'self', allowed: READERS, request: () => ({ path: '/api/v1/outbox' }) },
  'GET /api/v1/outbox/{messageId}': {
    scope: 'company',
    allowed: READERS,
    request: async (ctx) => {
      const { id } = await createOutboxRepo(ctx.t.database.db, createSecretBox(ctx.t.secretKey)).deliver({
        dedupeKey: `matrix:${randomUUID()}`,
        template: 'provisioning-completed',
        language: 'en',
        from: 'matrix@csphub.local',
        to: ['it@matrix.example'],
        subject: 'Done',
        text: 'Done',
        html: '<p>Done</p>',
        subjectId: String(ctx.target.customer.id),
      });
      return { path: `/api/v1/outbox/${id}` };
    },
  },
};
