import { createRoute, z } from '@hono/zod-openapi';
import { AppError, SUPPORTED_COUNTRIES, changedFields } from '@csphub/domain';
import type { ConnectionSummary } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { toClientConnection } from '../partner-center/connection-tester';
import { refreshTokenHealth } from '../partner-center/refresh-token-health';
import { CONSENT_CALLBACK_PATH, createConnectionConsent } from '../partner-center/connection-consent';
import { inTransaction, reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { connectionForUse, connectionInScope, distributorOf, testAndRecord } from './connection-access';

import { json, listOf } from '../http/json-content';

export const TestResultSchema = z
  .object({
    ok: z.boolean(),
    checks: z.array(z.object({ name: z.enum(['app-only-token', 'app-user-token', 'reseller-network', 'mfa-claim']), ok: z.boolean(), detail: z.string() })),
    testedAt: z.string(),
  })
  .openapi('ConnectionTestResult');

export const ConnectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    region: z.string(),
    type: z.enum(['direct-bill', 'indirect-provider']),
    mode: z.enum(['emulated', 'live']),
    tenantId: z.string(),
    appId: z.string(),
    hasAppSecret: z.boolean().openapi({ description: 'The secret itself is never returned' }),
    hasRefreshToken: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastTestAt: z.string().nullable(),
    lastTestResult: TestResultSchema.nullable(),
    refreshTokenHealth: z
      .object({
        state: z.enum(['none', 'unknown', 'ok', 'expiring', 'expired']),
        consentedAt: z.string().nullable(),
        issuedAt: z.string().nullable(),
        ageDays: z.number().int().nullable(),
        expiresAt: z.string().nullable(),
        daysLeft: z.number().int().nullable(),
      })
      .openapi({ description: "Estimated from Entra's 90 days of inactivity (docs/PARTNER-CENTER-REFERENCE.md §1.2); `expiring` in the last 14 days" }),
  })
  .openapi('Connection');

const ConsentStartSchema = z.object({ url: z.string().openapi({ description: "Microsoft's sign-in page; it returns to the web app's /connections/consent with code and state" }) }).openapi('ConnectionConsentStart');
const ConsentCompleteSchema = z.object({ code: z.string().trim().min(1).max(8192), state: z.string().trim().min(1).max(4096) }).strict().openapi('ConnectionConsentComplete');

const ConnectionFieldsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  region: z
    .string()
    .length(2)
    .transform((s) => s.toUpperCase())
    .refine((s) => SUPPORTED_COUNTRIES.includes(s), { message: 'Pick a supported country' }),
  type: z.enum(['direct-bill', 'indirect-provider']),
  mode: z.enum(['emulated', 'live']),
  tenantId: z.string().trim().min(1).max(100),
  appId: z.string().trim().min(1).max(100),
  appSecret: z.string().max(4096).nullable().openapi({ description: 'Write-only; null clears it' }),
  refreshToken: z.string().max(16384).nullable().openapi({ description: 'App+User refresh token; write-only; null clears it' }),
});
const NewConnectionSchema = ConnectionFieldsSchema.partial({ appSecret: true, refreshToken: true }).strict().openapi('NewConnection');
const ConnectionPatchSchema = ConnectionFieldsSchema.partial().strict().openapi('ConnectionPatch');
const ConnIdSchema = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

type ConnectionDto = Omit<z.infer<typeof ConnectionSchema>, 'refreshTokenHealth'>;

function connectionDto(s: ConnectionSummary): ConnectionDto {
  return {
    id: s.id,
    name: s.name,
    region: s.region,
    type: s.type,
    mode: s.mode,
    tenantId: s.tenantId,
    appId: s.appId,
    hasAppSecret: s.hasAppSecret,
    hasRefreshToken: s.hasRefreshToken,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    lastTestAt: s.lastTestAt?.toISOString() ?? null,
    lastTestResult: (s.lastTestResult as z.infer<typeof TestResultSchema> | null) ?? null,
  };
}

/** The API's view of a connection: its fields and its refresh-token health at `now`. */
function connectionView(s: ConnectionSummary, now: Date): z.infer<typeof ConnectionSchema> {
  return { ...connectionDto(s), refreshTokenHealth: refreshTokenHealth(s, now) };
}


/** Partner Center connections of the distributor: list, create, read, change, test. */
export function connectionsRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/connections',
        tags: ['Partner Center connections'],
        summary: "The distributor's Partner Center connections (secrets never included)",
        responses: { 200: { description: 'Connections', content: json(listOf(ConnectionSchema)) }, ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'connections.read', 'see Partner Center connections');
        const repos = reposOf(deps);
        const root = await distributorOf(repos, p);
        const now = deps.clock.now();
        return c.json({ items: (await repos.connections.list(root.id)).map((s) => connectionView(s, now)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/connections',
        tags: ['Partner Center connections'],
        summary: 'Add a Partner Center connection; secrets are encrypted at rest and never returned',
        request: { body: { required: true, content: json(NewConnectionSchema) } },
        responses: { 201: { description: 'Created', content: json(ConnectionSchema) }, 400: problem('A field is not valid'), ...authErrors, 409: problem('The name is taken') },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'connections.manage', 'manage Partner Center connections');
        const body = c.req.valid('json');
        const now = deps.clock.now();
        const created = await inTransaction(deps, async (repos) => {
          const root = await distributorOf(repos, p);
          if (await repos.connections.findByName(root.id, body.name)) throw new AppError('CONFLICT', `A connection named "${body.name}" exists already; pick another name.`, [{ field: 'name', message: 'is already taken; pick another' }]);
          const conn = await repos.connections.create(root.id, body, now);
          await writeAudit(c, repos, {
            at: now,
            companyId: root.id,
            action: 'connection.created',
            targetType: 'connection',
            targetId: conn.id,
            summary: `Added Partner Center connection "${conn.name}" (${conn.type}, ${conn.region}, ${conn.mode})`,
            after: { ...connectionDto(conn), appSecret: body.appSecret ?? null, refreshToken: body.refreshToken ?? null },
          });
          return conn;
        });
        return c.json(connectionView(created, now), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/connections/{id}',
        tags: ['Partner Center connections'],
        summary: 'One connection (secrets never included)',
        request: { params: ConnIdSchema },
        responses: { 200: { description: 'The connection', content: json(ConnectionSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const conn = await connectionInScope(reposOf(deps), p, c.req.valid('param').id);
        requirePermission(p, 'connections.read', 'see Partner Center connections');
        return c.json(connectionView(conn, deps.clock.now()), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/connections/{id}',
        tags: ['Partner Center connections'],
        summary: 'Change a connection; send a secret to replace it, null to clear it, nothing to keep it',
        request: { params: ConnIdSchema, body: { required: true, content: json(ConnectionPatchSchema) } },
        responses: { 200: { description: 'Updated', content: json(ConnectionSchema) }, 400: problem('A field is not valid'), ...scopedErrors },
      }),
      async (c) => {
        const patch = c.req.valid('json');
        const updated = await scopedMutation(deps, c, {
          scope: (repos, p) => connectionInScope(repos, p, c.req.valid('param').id),
          permission: 'connections.manage', what: 'manage Partner Center connections',
          run: async ({ repos, now, scoped: conn, audit }) => {
            const row = await repos.connections.update(conn.id, patch, now);
            const before = { ...connectionDto(conn), appSecret: conn.hasAppSecret ? 'old' : null, refreshToken: conn.hasRefreshToken ? 'old' : null };
            const after = { ...connectionDto(row), appSecret: row.hasAppSecret ? (patch.appSecret ? 'new' : 'old') : null, refreshToken: row.hasRefreshToken ? (patch.refreshToken ? 'new' : 'old') : null };
            const changed = changedFields(before, after).filter((k) => k !== 'updatedAt');
            await audit({
              companyId: conn.ownerCompanyId,
              action: 'connection.updated',
              targetType: 'connection',
              targetId: conn.id,
              summary: `Changed ${changed.join(', ') || 'nothing'} of connection "${row.name}"`,
              before,
              after,
            });
            return row;
          },
        });
        return c.json(connectionView(updated, deps.clock.now()), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/connections/{id}/test',
        tags: ['Partner Center connections'],
        summary: 'Call Partner Center with the connection and report what works',
        request: { params: ConnIdSchema },
        responses: { 200: { description: 'The test result (ok false says what to fix)', content: json(TestResultSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { conn, creds } = await connectionForUse(deps, c.var.principal, c.req.valid('param').id, 'connections.read', 'test Partner Center connections');
        const now = deps.clock.now();
        const result = await testAndRecord(deps, c, conn, toClientConnection(conn, creds, deps.emulatorUrl), now, '');
        return c.json(result, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/connections/{id}/consent',
        tags: ['Partner Center connections'],
        summary: "Start a re-consent: the URL of Microsoft's sign-in page where a partner user signs in again with MFA",
        request: { params: ConnIdSchema },
        responses: { 200: { description: 'Where to send the browser', content: json(ConsentStartSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { conn, creds } = await connectionForUse(deps, c.var.principal, c.req.valid('param').id, 'connections.manage', 're-consent Partner Center connections');
        const { url } = createConnectionConsent(deps.box).start(toClientConnection(conn, creds, deps.emulatorUrl), consentRedirectUri(deps, c.req.url), deps.clock.now());
        return c.json({ url }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/connections/{id}/consent/complete',
        tags: ['Partner Center connections'],
        summary: 'Finish a re-consent: redeem the sign-in code for a new refresh token (stored encrypted), then test the connection again',
        request: { params: ConnIdSchema, body: { required: true, content: json(ConsentCompleteSchema) } },
        responses: {
          200: { description: 'The connection with its new refresh token, and the new test result', content: json(z.object({ connection: ConnectionSchema, test: TestResultSchema })) },
          400: problem('The code or state is not valid (expired, spent, or for another connection): start again'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const { code, state } = c.req.valid('json');
        const { repos, conn, creds } = await connectionForUse(deps, c.var.principal, c.req.valid('param').id, 'connections.manage', 're-consent Partner Center connections');
        const consent = createConnectionConsent(deps.box);
        consent.checkState(state, conn.id, deps.clock.now());
        const redeemed = await consent.redeem(toClientConnection(conn, creds, deps.emulatorUrl), code, consentRedirectUri(deps, c.req.url));
        const now = deps.clock.now();
        const updated = await inTransaction(deps, async (tx) => {
          const row = await tx.connections.replaceRefreshToken(conn.id, redeemed.refreshToken, now);
          await writeAudit(c, tx, {
            at: now,
            companyId: conn.ownerCompanyId,
            action: 'connection.reconsented',
            targetType: 'connection',
            targetId: conn.id,
            summary: `Re-consented connection "${conn.name}": a partner user signed in again${redeemed.mfaClaim === true ? ' with MFA' : redeemed.mfaClaim === false ? ' without MFA' : ''}; new refresh token stored`,
            before: { refreshToken: conn.hasRefreshToken ? 'old' : null, refreshTokenIssuedAt: conn.refreshTokenIssuedAt?.toISOString() ?? null },
            after: { refreshToken: 'new', refreshTokenIssuedAt: now.toISOString(), mfaClaim: redeemed.mfaClaim ?? null },
          });
          return row;
        });
        const fresh = (await repos.connections.readCredentials(conn.id))!;
        const test = await testAndRecord(deps, c, conn, toClientConnection(updated, fresh, deps.emulatorUrl), now, ' after re-consent');
        const latest = (await repos.connections.get(conn.id))!;
        return c.json({ connection: connectionView(latest, now), test }, 200);
      },
    );
}

/**
 * The preamble of a route that calls Partner Center with a connection: the connection in the
 * caller's scope (404 outside it), then the caller's permission, then its stored credentials.
 */


/** Where Microsoft sends the browser back: the web app's consent page on CSP Hub's public URL. */
function consentRedirectUri(deps: ServerDeps, requestUrl: string): string {
  return new URL(CONSENT_CALLBACK_PATH, deps.publicUrl ?? new URL(requestUrl).origin).toString();
}
