import { createRoute, z } from '@hono/zod-openapi';
import { AppError, SYNC_STATUSES, changedFields, MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix, partnerOfRecordIdOf } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { IdParamSchema } from './company.schema';
import { requirePartnerIdChoice } from '../access/tenant-ownership';

import { json, listOf } from '../http/json-content';

export const SyncOptionsSchema = z
  .object({
    connection: z.object({ id: z.string(), name: z.string(), type: z.enum(['direct-bill', 'indirect-provider']), region: z.string() }),
    adminUsername: z.string().nullable(),
    domainPrefix: z.string().nullable(),
    resellerPartnerId: z.string().nullable().openapi({ description: 'Indirect connections only; defaults to the parent reseller\'s Partner ID' }),
    syncStatus: z.enum(SYNC_STATUSES),
    failureReason: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    tenantId: z.string().nullable(),
    defaultDomain: z.string().nullable(),
  })
  .openapi('AccountSyncOptions');

const SyncOptionsPatchSchema = z
  .object({
    adminUsername: z.string().trim().max(64).nullable(),
    domainPrefix: z.string().trim().max(63).nullable(),
    resellerPartnerId: z.string().trim().max(16).nullable(),
  })
  .partial()
  .strict()
  .openapi('AccountSyncOptionsPatch');

const ParamsSchema = IdParamSchema.extend({ connectionId: z.string().uuid().openapi({ param: { name: 'connectionId', in: 'path' } }) });

/** Sync options of an account, one set per Partner Center connection. */
export function syncOptionsRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/sync-options',
        tags: ['Accounts'],
        summary: "An account's sync options and status in every connection",
        request: { params: IdParamSchema },
        responses: { 200: { description: 'One entry per connection', content: json(listOf(SyncOptionsSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, 'sync.read', 'see sync options');
        const root = await repos.companies.root();
        const [conns, options, parent] = await Promise.all([
          root ? repos.connections.list(root.id) : [],
          repos.syncOptions.listForCompany(company.id),
          company.parentId ? repos.companies.get(company.parentId) : undefined,
        ]);
        const items = conns.map((conn) => {
          const o = options.find((x) => x.connectionId === conn.id);
          const indirect = conn.type === 'indirect-provider';
          return {
            connection: { id: conn.id, name: conn.name, type: conn.type, region: conn.region },
            adminUsername: o?.adminUsername ?? null,
            domainPrefix: o?.domainPrefix ?? null,
            resellerPartnerId: indirect ? (o?.resellerPartnerId ?? (parent?.kind === 'reseller' ? partnerOfRecordIdOf(parent) : null)) : null,
            syncStatus: o?.syncStatus ?? 'not_synced',
            failureReason: o?.failureReason ?? null,
            lastAttemptAt: o?.lastAttemptAt?.toISOString() ?? null,
            tenantId: o?.tenantId ?? null,
            defaultDomain: o?.defaultDomain ?? null,
          };
        });
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/companies/{id}/sync-options/{connectionId}',
        tags: ['Accounts'],
        summary: "Set an account's admin user name, domain prefix and reseller Partner ID for one connection",
        request: { params: ParamsSchema, body: { required: true, content: json(SyncOptionsPatchSchema) } },
        responses: { 200: { description: 'Saved', content: json(z.object({ ok: z.literal(true) })) }, 400: problem('A field is not valid'), ...scopedErrors },
      }),
      async (c) => {
        const { id, connectionId } = c.req.valid('param');
        const body = c.req.valid('json');
        await scopedMutation(deps, c, {
          scope: async (repos, p) => {
            const company = await companyInScope(repos, p, id);
            const conn = await repos.connections.get(connectionId);
            if (!conn) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId}.`);
            return { company, conn };
          },
          permission: 'sync.manage', what: 'change sync options',
          run: async ({ repos, now, principal: p, scoped: { company, conn }, audit }) => {
            if (company.kind !== 'customer') throw new AppError('VALIDATION_FAILED', 'Only customer accounts are provisioned as Microsoft tenants.');
            const errors = [];
            if (body.domainPrefix && !isValidDomainPrefix(body.domainPrefix)) errors.push({ field: 'domainPrefix', message: `Use at most ${MAX_DOMAIN_PREFIX_LENGTH} letters or digits (no dots, dashes or spaces).` });
            if (body.adminUsername && !/^[A-Za-z0-9._-]{1,64}$/.test(body.adminUsername)) errors.push({ field: 'adminUsername', message: 'Use letters, digits, dots, dashes or underscores (the part before @).' });
            if (body.resellerPartnerId && conn.type !== 'indirect-provider') errors.push({ field: 'resellerPartnerId', message: 'A reseller Partner ID only applies to indirect-provider connections.' });
            if (body.resellerPartnerId && !/^\d{5,10}$/.test(body.resellerPartnerId)) errors.push({ field: 'resellerPartnerId', message: 'A Partner ID is 5 to 10 digits.' });
            if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join(' '), errors);
            // Only the distributor names another reseller as the account's partner of record.
            if (body.resellerPartnerId) await requirePartnerIdChoice(repos, p, company, body.resellerPartnerId, "The account's sync options");
            const before = await repos.syncOptions.get(company.id, conn.id);
            const fields = { ...body, ...(body.domainPrefix ? { domainPrefix: body.domainPrefix.toLowerCase() } : {}) };
            const after = await repos.syncOptions.upsert(company.id, conn.id, fields, now);
            const pick = (o: typeof after | undefined) => ({ adminUsername: o?.adminUsername ?? null, domainPrefix: o?.domainPrefix ?? null, resellerPartnerId: o?.resellerPartnerId ?? null });
            await audit({
              companyId: company.id,
              action: 'sync_options.updated',
              targetType: 'company',
              targetId: company.id,
              summary: `Changed ${changedFields(pick(before), pick(after)).join(', ') || 'nothing'} of the sync options for connection "${conn.name}"`,
              before: pick(before),
              after: pick(after),
            });
          },
        });
        return c.json({ ok: true as const }, 200);
      },
    );
}
