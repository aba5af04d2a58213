import type { z } from '@hono/zod-openapi';
import { createRepos, type CompanyRow, type CustomerImportItemRow, type CustomerImportRunRow } from '@csphub/db';
import type { ImportConflict } from '@csphub/domain';
import type { ImportDeps } from './customer-import.service';
import type { ReadCustomer } from './customer-base-reader';
import type { ImportItemSchema, ImportRunSchema } from './customer-import.schema';

type RunView = z.infer<typeof ImportRunSchema>;
type ItemView = z.infer<typeof ImportItemSchema>;
type CompanyRef = { id: number; name: string; kind: CompanyRow['kind'] };

const ref = (c: CompanyRow | undefined): CompanyRef | null => (c ? { id: c.id, name: c.name, kind: c.kind } : null);

/** The run as the review screen and its progress bar read it: the run's counters and the counts of its staged items. */
export async function importRunView(deps: ImportDeps, run: CustomerImportRunRow): Promise<RunView> {
  const repos = createRepos(deps.db, deps.box);
  const groups = await repos.customerImports.summary(run.id);
  const sum = (f: (g: (typeof groups)[number]) => boolean) => groups.filter(f).reduce((n, g) => n + g.count, 0);
  const newPerParent = new Map<number, number>();
  for (const g of groups) if (g.proposal === 'new' && g.parentCompanyId !== null) newPerParent.set(g.parentCompanyId, (newPerParent.get(g.parentCompanyId) ?? 0) + g.count);
  const conn = await repos.connections.get(run.connectionId);
  const parents = new Map((await repos.companies.getMany([...newPerParent.keys(), ...(conn ? [conn.ownerCompanyId] : [])])).map((c) => [c.id, c]));
  return {
    id: run.id,
    connectionId: run.connectionId,
    state: run.state,
    customersRead: run.customersRead,
    subscriptionsRead: run.subscriptionsRead,
    companiesCreated: run.companiesCreated,
    companiesUpdated: run.companiesUpdated,
    failureReason: run.failureReason,
    startedBy: run.startedBy,
    owner: ref(conn ? parents.get(conn.ownerCompanyId) : undefined) ?? { id: 0, name: '', kind: 'distributor' },
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    counts: {
      total: sum(() => true),
      matched: sum((g) => g.proposal === 'matched'),
      new: sum((g) => g.proposal === 'new'),
      conflicts: sum((g) => g.proposal === 'conflict'),
      conflictsDecided: sum((g) => g.proposal === 'conflict' && g.decided),
      planned: sum((g) => g.outcome === 'planned'),
      applied: sum((g) => g.outcome === 'applied'),
      skipped: sum((g) => g.outcome === 'skipped'),
      toApply: sum((g) => g.outcome === 'planned' && (g.proposal !== 'conflict' || g.decided)),
    },
    perParent: [...newPerParent]
      .flatMap(([id, n]) => (parents.get(id) ? [{ parent: ref(parents.get(id))!, new: n }] : []))
      .sort((a, b) => b.new - a.new || a.parent.name.localeCompare(b.parent.name)),
  };
}

const conflictIds = (c: ImportConflict): number[] =>
  c.code === 'tenant-on-several-companies' || c.code === 'domain-on-several-companies' ? c.companyIds : c.code === 'domain-company-linked-elsewhere' ? [c.companyId] : c.code === 'resellers-disagree' ? c.resellerCompanyIds : [];

const decisionId = (d: string | null) => (d && d.includes(':') ? Number(d.split(':')[1]) : undefined);

function detailsView(d: Pick<ReadCustomer, 'mca' | 'gdap' | 'billing'>) {
  const gdap = d.gdap ?? [];
  const live = gdap.filter((g) => g.status === 'active');
  return { mca: d.mca ?? null, gdap: { total: gdap.length, active: live.length, withGlobalAdmin: live.filter((g) => g.globalAdmin).length }, billingCountry: d.billing?.address.country ?? null };
}

/** A page of staged items with the companies they name. */
export async function importItemViews(deps: ImportDeps, rows: CustomerImportItemRow[]): Promise<ItemView[]> {
  const repos = createRepos(deps.db, deps.box);
  const ids = new Set<number>();
  for (const r of rows) {
    for (const id of [r.companyId, r.parentCompanyId, decisionId(r.decision)]) if (id) ids.add(id);
    for (const c of r.conflicts as ImportConflict[]) for (const id of conflictIds(c)) ids.add(id);
  }
  const companies = new Map((await repos.companies.getMany([...ids])).map((c) => [c.id, c]));
  return rows.map((r) => {
    const d = r.decision;
    const action = d === 'skip' ? 'skip' : d?.startsWith('match:') ? 'match' : d?.startsWith('new:') ? 'new' : null;
    const did = decisionId(d);
    return {
      tenantId: r.tenantId,
      companyName: r.companyName,
      defaultDomain: r.defaultDomain,
      proposal: r.proposal,
      company: r.companyId ? ref(companies.get(r.companyId)) : null,
      parent: r.parentCompanyId ? ref(companies.get(r.parentCompanyId)) : null,
      conflicts: (r.conflicts as ImportConflict[]).map((c) => ({
        code: c.code,
        domain: 'domain' in c ? c.domain : null,
        partnerId: 'partnerId' in c ? (c.partnerId ?? null) : null,
        resellerTenantId: 'resellerTenantId' in c ? (c.resellerTenantId ?? null) : null,
        companies: conflictIds(c).flatMap((id) => (companies.get(id) ? [ref(companies.get(id))!] : [])),
      })),
      decision: action ? { action, company: did ? ref(companies.get(did)) : null } : null,
      outcome: r.outcome,
      appliedCompanyId: r.appliedCompanyId,
      subscriptions: ((r.details as { subscriptions?: unknown[] }).subscriptions ?? []).length,
      ...detailsView(r.details as Pick<ReadCustomer, 'mca' | 'gdap' | 'billing'>),
    };
  });
}
