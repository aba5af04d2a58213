import { createRoute, z } from '@hono/zod-openapi';
import { AppError, ROLES, canGrantRole, isRoleAllowedFor, type Role } from '@csphub/domain';
import type { ApiTokenRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { API_TOKEN_PREFIX, randomToken, sha256 } from '../security/random-token';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { IdParamSchema } from './company.schema';
import type { Principal } from '../auth/principal';

import { json, listOf } from '../http/json-content';

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    companyId: z.number().int(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string().openapi({ description: 'The first characters, to tell tokens apart' }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const NewApiTokenSchema = z
  .object({ name: z.string().min(1).max(100), role: z.enum(ROLES), expiresInDays: z.number().int().min(1).max(730).optional() })
  .strict()
  .openapi('NewApiToken');

const TokenParamsSchema = IdParamSchema.extend({ tokenId: z.string().uuid().openapi({ param: { name: 'tokenId', in: 'path' } }) });

function tokenDto(t: ApiTokenRow) {
  return {
    id: t.id,
    companyId: t.companyId,
    name: t.name,
    role: t.role as Role,
    prefix: t.tokenPrefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/**
 * When a new token expires: `expiresInDays` from now, never later than the token minting it (a
 * token cannot outlive the one that made it; without `expiresInDays` it inherits that expiry).
 */
function tokenExpiry(p: Principal, now: Date, expiresInDays: number | undefined): Date | null {
  const requested = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const limit = p.via === 'api_token' ? (p.tokenExpiresAt ?? null) : null;
  if (!limit) return requested;
  if (!requested) return limit;
  if (requested > limit) {
    const days = Math.max(0, Math.floor((limit.getTime() - now.getTime()) / 86_400_000));
    throw new AppError('VALIDATION_FAILED', `A token cannot outlive the token that creates it, which expires on ${limit.toISOString()}; ask for ${days} day(s) at most.`, [
      { field: 'expiresInDays', message: `At most ${days} (the creating token expires on ${limit.toISOString()})` },
    ]);
  }
  return requested;
}

/** API tokens of a company: list, create (the token is shown once), revoke. */
export function apiTokensRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/api-tokens',
        tags: ['People and access'],
        summary: "A company's API tokens (never the token values)",
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Tokens', content: json(listOf(ApiTokenSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, 'tokens.manage', 'manage API tokens');
        return c.json({ items: (await repos.apiTokens.listByCompanies([company.id])).map(tokenDto) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/api-tokens',
        tags: ['People and access'],
        summary: 'Create an API token scoped to this company and a role; the token is in this answer only',
        request: { params: IdParamSchema, body: { required: true, content: json(NewApiTokenSchema) } },
        responses: {
          201: { description: 'Created; store `token` now, it is never shown again', content: json(ApiTokenSchema.extend({ token: z.string() }).openapi('NewApiTokenResult')) },
          400: problem('A field is not valid, or `expiresInDays` would outlive the API token making this one'),
          ...scopedErrors,
          422: problem('The role cannot be held there or is stronger than yours (for an API token: than its capped role)'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const token = API_TOKEN_PREFIX + randomToken();
        const row = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          permission: 'tokens.manage', what: 'manage API tokens',
          run: async ({ repos, principal: p, now, scoped: company, audit }) => {
            if (!isRoleAllowedFor(body.role, company.kind)) throw new AppError('ROLE_NOT_ALLOWED', `The role ${body.role.replace(/_/g, ' ')} cannot be held in a ${company.kind}.`);
            if (!canGrantRole(p.role, body.role)) throw new AppError('ROLE_NOT_ALLOWED', 'A token cannot do more than its creator.');
            const expiresAt = tokenExpiry(p, now, body.expiresInDays);
            const created = await repos.apiTokens.create({
              companyId: company.id,
              // A token made by a token belongs to that token's owner, whose power caps both.
              createdByUserId: p.userId ?? p.ownerUserId ?? null,
              name: body.name,
              role: body.role,
              tokenHash: sha256(token),
              tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
              now,
              expiresAt,
            });
            await audit({
              companyId: company.id,
              action: 'api_token.created',
              targetType: 'api_token',
              targetId: created.id,
              summary: `Created API token "${body.name}" with role ${body.role.replace(/_/g, ' ')}`,
              after: { name: body.name, role: body.role, prefix: created.tokenPrefix, expiresAt: created.expiresAt?.toISOString() ?? null },
            });
            return created;
          },
        });
        return c.json({ ...tokenDto(row), token }, 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/api-tokens/{tokenId}/revoke',
        tags: ['People and access'],
        summary: 'Revoke an API token at once',
        request: { params: TokenParamsSchema },
        responses: { 200: { description: 'Revoked', content: json(ApiTokenSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { id, tokenId } = c.req.valid('param');
        const row = await scopedMutation(deps, c, {
          scope: async (repos, p) => {
            const company = await companyInScope(repos, p, id);
            const token = await repos.apiTokens.get(tokenId);
            if (!token || token.companyId !== company.id) throw new AppError('NOT_FOUND', `There is no API token ${tokenId} in ${company.name}.`);
            return { company, token };
          },
          permission: 'tokens.manage', what: 'manage API tokens',
          run: async ({ repos, now, scoped: { company, token }, audit }) => {
            if (token.revokedAt) return token;
            const revoked = await repos.apiTokens.revoke(token.id, now);
            await audit({
              companyId: company.id,
              action: 'api_token.revoked',
              targetType: 'api_token',
              targetId: token.id,
              summary: `Revoked API token "${token.name}"`,
              before: { revokedAt: null },
              after: { revokedAt: now.toISOString() },
            });
            return revoked;
          },
        });
        return c.json(tokenDto(row), 200);
      },
    );
}
