import { createRoute, z } from '@hono/zod-openapi';
import { COMPANY_KINDS, idsOfPath, isWithinPath, type PrerequisitePolicy } from '@csphub/domain';
import type { CompanyRow, Repos, TreeRow } from '@csphub/db';
import type { Principal } from '../auth/principal';
import { createRouter } from '../http/openapi-app';
import { compressJson } from '../http/compress-json';
import { json } from '../http/json-content';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { TreeNodeSchema } from './company.schema';
import { prerequisitesOf } from './company-prerequisites';
import { channelReadiness } from './channel-readiness';
import { readPolicy } from './policy';

/**
 * One node of the tree as the caller sees it: its own company has no parent (it is their root);
 * customers say whether they are ready to provision; resellers carry Microsoft's partner-of-record
 * verdict (only resellers of the caller's subtree are ever listed, so none sees another's).
 */
export function toTreeNode(row: TreeRow, parent: TreeRow | null | undefined, policy: PrerequisitePolicy, callerCompanyId: number) {
  return {
    id: row.id,
    parentId: row.id === callerCompanyId ? null : row.parentId,
    kind: row.kind,
    name: row.name,
    domain: row.domain,
    status: row.status,
    ready: row.kind === 'customer' ? prerequisitesOf(row, parent, policy).ready : null,
    porStatus: row.kind === 'reseller' ? (row.porStatus ?? ('unchecked' as const)) : null,
    porErrorDescription: row.kind === 'reseller' ? row.porErrorDescription : null,
  };
}

/**
 * The caller's whole subtree with each row's parent (the caller's own company may sit under a
 * reseller outside the view, as a customer admin's does) and the distributor's policy: what the
 * tree and the readiness count both need.
 */
export async function subtreeWithParents(repos: Repos, p: Principal) {
  const [rows, policy] = await Promise.all([repos.companies.listSubtree(p.company.path), readPolicy(repos)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const outsideParent = p.company.parentId && !byId.has(p.company.parentId) ? await repos.companies.get(p.company.parentId) : undefined;
  const parentOf = (r: CompanyRow) => (r.parentId && byId.get(r.parentId)) || outsideParent;
  return { rows, policy, parentOf };
}

export const BranchNodeSchema = TreeNodeSchema.extend({ childCount: z.number().int().openapi({ description: 'How many companies sit directly under this one' }) }).openapi('CompanyBranchNode');
export const BranchSchema = z
  .object({
    parent: BranchNodeSchema,
    children: z.array(BranchNodeSchema),
    total: z.number().int().openapi({ description: 'All children of the parent; page with offset and limit' }),
    offset: z.number().int(),
  })
  .openapi('CompanyBranch');
const BranchQuerySchema = z.object({
  parentId: z.coerce.number().int().positive().optional().openapi({ description: "The company whose children to list; the caller's own company when absent", example: 100002 }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const SearchMatchSchema = TreeNodeSchema.extend({
  trail: z.array(z.object({ id: z.number().int(), name: z.string() })).openapi({ description: "The match's ancestors within the caller's view, root first" }),
}).openapi('CompanySearchMatch');
export const CompanySearchSchema = z.object({ matches: z.array(SearchMatchSchema) });
const SearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Part of a name or a domain, or a company id; absent or empty: every company, by name', example: 'contoso' }),
  kind: z.enum(COMPANY_KINDS).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReadinessSchema = z
  .object({
    customers: z.number().int().openapi({ description: "Active customers in the caller's subtree" }),
    ready: z.number().int().openapi({ description: 'Of those, how many meet the provisioning prerequisites' }),
    notReady: z.array(z.object({ id: z.number().int(), name: z.string() })).openapi({ description: 'The first ten that do not, by name' }),
  })
  .openapi('ChannelReadiness');

/**
 * GET /companies/branch, GET /companies/search and GET /companies/readiness: the company tree a branch at a time and a
 * search over the caller's whole subtree, so that a channel of tens of thousands of companies never
 * travels whole to the browser (GET /companies/tree, the whole subtree at once, stays for small
 * channels and scripts).
 */
export function companyTreeRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  const readiness = channelReadiness();
  // A page of the tree or of the search is tens of kilobytes of JSON (the first load of a large
  // channel's home page, bench/large-channel-web.bench.ts): sent compressed, in one piece.
  const router = createRouter();
  router.use('/companies/branch', compressJson());
  router.use('/companies/search', compressJson());
  return router
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/branch',
        tags: ['Companies'],
        summary: "One branch of the caller's tree: a company and a page of its direct children",
        request: { query: BranchQuerySchema },
        responses: { 200: { description: 'The parent and its children (resellers first, then by name), each with its number of children', content: json(BranchSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { parentId, offset, limit } = c.req.valid('query');
        const repos = reposOf(deps);
        const parent = await companyInScope(repos, p, parentId ?? p.company.id);
        requirePermission(p, 'company.read', 'see companies');
        // The parent's own readiness (a customer's) needs its reseller; its number of children is the branch's total.
        const [{ rows, total }, policy, grandParent] = await Promise.all([
          repos.companies.children(parent.id, { offset, limit }),
          readPolicy(repos),
          parent.kind === 'customer' && parent.parentId ? repos.companies.get(parent.parentId) : undefined,
        ]);
        return c.json(
          {
            parent: { ...toTreeNode(parent, grandParent, policy, p.company.id), childCount: total },
            children: rows.map((r) => ({ ...toTreeNode(r, parent, policy, p.company.id), childCount: r.childCount })),
            total,
            offset,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/search',
        tags: ['Companies'],
        summary: "Companies of the caller's subtree by part of their name or domain, or by id (a picker's list without a query)",
        request: { query: SearchQuerySchema },
        responses: { 200: { description: 'The matches by name, each with its ancestors', content: json(CompanySearchSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'company.read', 'see companies');
        const { q, kind, status, limit } = c.req.valid('query');
        const repos = reposOf(deps);
        const [rows, policy] = await Promise.all([repos.companies.search(p.company.path, q ?? '', { limit, kind, status }), readPolicy(repos)]);
        // Ancestors the caller may see (their own company and below), for readiness and the trail.
        const ancestorIds = [...new Set(rows.flatMap((r) => idsOfPath(r.path).slice(0, -1)))];
        const ancestors = new Map((await repos.companies.treeRows(ancestorIds)).map((a) => [a.id, a]));
        const matches = rows.map((r) => {
          const trail = idsOfPath(r.path)
            .slice(0, -1)
            .map((id) => ancestors.get(id))
            .filter((a): a is TreeRow => !!a && isWithinPath(a.path, p.company.path))
            .map((a) => ({ id: a.id, name: a.name }));
          return { ...toTreeNode(r, r.parentId ? ancestors.get(r.parentId) : undefined, policy, p.company.id), trail };
        });
        return c.json({ matches }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/readiness',
        tags: ['Companies'],
        summary: "How many of the caller's active customers are ready to provision, and the first that are not",
        responses: { 200: { description: 'Counts and the first ten customers not ready', content: json(ReadinessSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'company.read', 'see companies');
        return c.json(await readiness.of(reposOf(deps), p), 200);
      },
    );
}
