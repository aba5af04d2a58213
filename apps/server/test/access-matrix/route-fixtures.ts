import { randomUUID } from 'node:crypto';
import type { Role } from '@csphub/domain';
import { createSecretBox } from '@csphub/db';
import { PASSWORD, signInAs } from '../channel-world';
import { hashPassword } from '../../src/security/password';
import { ONBOARDING_ROUTE_FIXTURES } from './onboarding-route-fixtures';
import { COMMERCE_ROUTE_FIXTURES, emulatorConnection, emulatorFor } from './commerce-route-fixtures';
import { WEBHOOKS_ROUTE_FIXTURES } from './webhooks-route-fixtures';
import { TRANSFER_ROUTE_FIXTURES } from './transfer-route-fixtures';
import { NOTIFICATION_TEMPLATES_ROUTE_FIXTURES } from './notification-templates-route-fixtures';
import { GDAP_ROUTE_FIXTURES } from './gdap-route-fixtures';
import { COCKPIT_ROUTE_FIXTURES } from './cockpit-route-fixtures';
import { CUSTOMER_IMPORT_ROUTE_FIXTURES } from './customer-import-route-fixtures';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

export type { CaseRequest, FixtureContext, RouteFixture, Targets } from './route-fixture.types';

const ALL: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin', 'billing_reader'];
const EDITORS: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin'];
const STAFF: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator'];
const ADMINS: readonly Role[] = ['distributor_admin', 'reseller_admin', 'customer_admin'];
const READERS = EDITORS;

async function freshUser(ctx: FixtureContext) {
  return ctx.world.repos.users.create({ companyId: ctx.target.customer.id, email: `u-${randomUUID()}@matrix.test`, name: 'Matrix user', passwordHash: 'x', role: 'billing_reader', now: new Date() });
}
async function freshToken(ctx: FixtureContext) {
  return ctx.world.repos.apiTokens.create({
    companyId: ctx.target.customer.id,
    createdByUserId: null,
    name: 'matrix',
    role: 'billing_reader',
    tokenHash: randomUUID(),
    tokenPrefix: 'csph_matrix',
    now: new Date(),
    expiresAt: null,
  });
}

/**
 * One entry per `METHOD path` of the OpenAPI document. The access-matrix test fails for a route that
 * has no entry here, so a new route cannot escape it: add yours (or spread a table from your
 * feature's own file into ROUTE_FIXTURES).
 */
export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /healthz': { scope: 'public', why: 'liveness for load balancers; says nothing about tenants' },
  'GET /api/v1/system': { scope: 'public', why: 'product name and version for the sign-in page' },
  'POST /api/v1/auth/login': { scope: 'public', why: 'how a session starts' },

  'POST /api/v1/auth/logout': { scope: 'self', allowed: ALL, request: async (ctx) => ({ path: '/api/v1/auth/logout', headers: (await signInAs(ctx.t, ctx.caller.email)).headers }) },
  'GET /api/v1/auth/session': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/auth/session' }) },
  'POST /api/v1/auth/password': {
    scope: 'self',
    allowed: ALL,
    // A fresh person with the caller's role and company: the change ends their other sessions, which
    // must not be the shared callers' ones.
    request: async (ctx) => {
      const email = `self-${randomUUID()}@matrix.test`;
      await ctx.world.repos.users.create({ companyId: ctx.caller.home.id, email, name: 'Matrix self', passwordHash: await hashPassword(PASSWORD), role: ctx.caller.role, now: new Date() });
      const { headers } = await signInAs(ctx.t, email);
      return { path: '/api/v1/auth/password', headers, body: { currentPassword: PASSWORD, newPassword: PASSWORD.split('').reverse().join('') } };
    },
  },
  'GET /api/v1/companies/tree': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/companies/tree' }) },
  'GET /api/v1/companies/branch': { scope: 'company', allowed: ALL, request: (ctx) => ({ path: `/api/v1/companies/branch?parentId=${ctx.target.customer.id}` }) },
  'GET /api/v1/companies/readiness': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/companies/readiness' }) },
  'GET /api/v1/companies/search': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/companies/search?q=customer' }) },
  'GET /api/v1/settings/policy': { scope: 'self', allowed: ALL, request: () => ({ path: '/api/v1/settings/policy' }) },
  'PATCH /api/v1/settings/policy': { scope: 'self', allowed: ['distributor_admin'], request: () => ({ path: '/api/v1/settings/policy', body: { requireCorporateEmail: true } }) },
  'GET /api/v1/settings/distributor': { scope: 'self', allowed: ['distributor_admin'], request: () => ({ path: '/api/v1/settings/distributor' }) },
  'PATCH /api/v1/settings/distributor': { scope: 'self', allowed: ['distributor_admin'], request: () => ({ path: '/api/v1/settings/distributor', body: { credentialsRecipient: 'customer' } }) },

  'POST /api/v1/companies': {
    scope: 'company',
    allowed: STAFF,
    request: (ctx) => ({ path: '/api/v1/companies', body: { parentId: ctx.target.parent.id, kind: 'customer', name: 'Matrix Customer' } }),
  },
  'GET /api/v1/companies/{id}': { scope: 'company', allowed: ALL, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}` }) },
  'PATCH /api/v1/companies/{id}': { scope: 'company', allowed: EDITORS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}`, body: { city: 'Matrixville' } }) },
  'POST /api/v1/companies/{id}/move': {
    scope: 'company',
    allowed: ['distributor_admin'],
    request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/move`, body: { parentId: ctx.target.otherParent.id } }),
  },
  'POST /api/v1/companies/{id}/deactivate': { scope: 'company', allowed: ['distributor_admin', 'reseller_admin'], request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/deactivate` }) },
  'POST /api/v1/companies/{id}/reactivate': { scope: 'company', allowed: ['distributor_admin', 'reseller_admin'], request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/reactivate` }) },
  'GET /api/v1/companies/{id}/prerequisites': { scope: 'company', allowed: ALL, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/prerequisites` }) },

  'GET /api/v1/companies/{id}/users': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/users` }) },
  'POST /api/v1/companies/{id}/users': {
    scope: 'company',
    allowed: ADMINS,
    request: (ctx) => ({
      path: `/api/v1/companies/${ctx.target.customer.id}/users`,
      body: { email: `new-${randomUUID()}@matrix.test`, name: 'New person', role: 'billing_reader', password: 'a-long-enough-password' },
    }),
  },
  'PATCH /api/v1/companies/{id}/users/{userId}': {
    scope: 'company',
    allowed: ADMINS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/users/${(await freshUser(ctx)).id}`, body: { name: 'Renamed' } }),
  },
  'POST /api/v1/companies/{id}/users/{userId}/reset-password': {
    scope: 'company',
    allowed: ADMINS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/users/${(await freshUser(ctx)).id}/reset-password` }),
  },

  'GET /api/v1/companies/{id}/api-tokens': { scope: 'company', allowed: ADMINS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/api-tokens` }) },
  'POST /api/v1/companies/{id}/api-tokens': { scope: 'company', allowed: ADMINS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/api-tokens`, body: { name: 'matrix', role: 'billing_reader' } }) },
  'POST /api/v1/companies/{id}/api-tokens/{tokenId}/revoke': {
    scope: 'company',
    allowed: ADMINS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/api-tokens/${(await freshToken(ctx)).id}/revoke` }),
  },

  'GET /api/v1/companies/{id}/sync-options': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/sync-options` }) },
  'PUT /api/v1/companies/{id}/sync-options/{connectionId}': {
    scope: 'company',
    allowed: STAFF,
    request: (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/sync-options/${ctx.world.conn.id}`, body: { domainPrefix: 'matrixprefix', adminUsername: 'admin' } }),
  },

  'GET /api/v1/audit-log': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/audit-log?companyId=${ctx.target.customer.id}` }) },
  'GET /api/v1/audit/verify': { scope: 'distributor', allowed: ['distributor_admin'], request: () => ({ path: '/api/v1/audit/verify' }) },
  'GET /api/v1/audit-log/export.csv': { scope: 'company', allowed: READERS, request: (ctx) => ({ path: `/api/v1/audit-log/export.csv?companyId=${ctx.target.customer.id}` }) },

  'GET /api/v1/connections': { scope: 'distributor', allowed: ['distributor_admin', 'distributor_operator'], request: () => ({ path: '/api/v1/connections' }) },
  'POST /api/v1/connections': {
    scope: 'distributor',
    allowed: ['distributor_admin'],
    request: () => ({ path: '/api/v1/connections', body: { name: `Matrix ${randomUUID()}`, region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 'matrix-secret' } }),
  },
  'GET /api/v1/connections/{id}': { scope: 'distributor', allowed: ['distributor_admin', 'distributor_operator'], request: (ctx) => ({ path: `/api/v1/connections/${ctx.world.conn.id}` }) },
  'PATCH /api/v1/connections/{id}': { scope: 'distributor', allowed: ['distributor_admin'], request: (ctx) => ({ path: `/api/v1/connections/${ctx.world.conn.id}`, body: { appId: 'app' } }) },
  'POST /api/v1/resellers/partner-of-record/revalidate': { scope: 'distributor', allowed: ['distributor_admin', 'distributor_operator'], request: () => ({ path: '/api/v1/resellers/partner-of-record/revalidate' }) },
  'POST /api/v1/connections/{id}/test': { scope: 'distributor', allowed: ['distributor_admin', 'distributor_operator'], request: (ctx) => ({ path: `/api/v1/connections/${ctx.world.conn.id}/test` }) },
  'POST /api/v1/connections/{id}/consent': {
    scope: 'distributor',
    allowed: ['distributor_admin'],
    request: async (ctx) => ({ path: `/api/v1/connections/${(await emulatorConnection(ctx)).id}/consent` }),
  },
  'POST /api/v1/connections/{id}/consent/complete': {
    scope: 'distributor',
    allowed: ['distributor_admin'],
    request: async (ctx) => {
      // A real sign-in at the emulator's authorize page, so that an allowed caller gets 2xx.
      const emulatorUrl = await emulatorFor(ctx);
      const conn = await emulatorConnection(ctx);
      const state = createSecretBox(ctx.t.secretKey).seal(JSON.stringify({ c: conn.id, e: Date.now() + 600_000 }));
      const redirectUri = new URL('/connections/consent', ctx.t.config.publicUrl).toString();
      const res = await fetch(`${emulatorUrl}/login/${conn.tenantId}/oauth2/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: conn.appId, response_type: 'code', redirect_uri: redirectUri, state, mfa: 'true' }).toString(),
        redirect: 'manual',
      });
      if (res.status !== 302) throw new Error(`The emulator's sign-in answered ${res.status}: ${await res.text()}`);
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      return { path: `/api/v1/connections/${conn.id}/consent/complete`, body: { code, state } };
    },
  },
  ...COMMERCE_ROUTE_FIXTURES,
  ...TRANSFER_ROUTE_FIXTURES,
  ...GDAP_ROUTE_FIXTURES,
  ...COCKPIT_ROUTE_FIXTURES,
  ...CUSTOMER_IMPORT_ROUTE_FIXTURES,
  ...ONBOARDING_ROUTE_FIXTURES,
  ...WEBHOOKS_ROUTE_FIXTURES,
  ...NOTIFICATION_TEMPLATES_ROUTE_FIXTURES,
};
