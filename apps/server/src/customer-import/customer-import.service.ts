// size: the import's two phases (stage the plan, apply it item by item) share the run's counters and state rules; one file keeps them together.
import { proposeImport, type buildMatchingIndex, type ImportConflict } from '@csphub/domain';
import { createRepos, type CompanyFields, type CustomerImportItemRow, type CustomerImportRunRow, type Database, type SecretBox } from '@csphub/db';
import type { IndirectReseller } from '@csphub/partner-center';
import { readCustomerBase, type CustomerBaseSource, type ReadCustomer } from './customer-base-reader';
import { loadNetwork } from './import-network';

export { loadNetwork, loadNetworkFor } from './import-network';
import { writeCsv } from '@csphub/domain/csv';

export interface ImportDeps {
  db: Database;
  box: SecretBox;
  now: () => Date;
}

export type ImportRun = CustomerImportRunRow;
type ItemRow = Parameters<ReturnType<typeof createRepos>['customerImports']['upsertItems']>[0][number];
const repos = (deps: ImportDeps) => createRepos(deps.db, deps.box);

const systemActor = (label: string) => ({ type: 'system' as const, id: null, label });

/** Starts a run in `reading` state; {@link stageImport} fills it. */
export async function createImportRun(deps: ImportDeps, connectionId: string, startedBy: string): Promise<ImportRun> {
  return repos(deps).customerImports.createRun(connectionId, startedBy, deps.now());
}

export async function getImportRun(deps: ImportDeps, runId: string): Promise<ImportRun | undefined> {
  return repos(deps).customerImports.getRun(runId);
}

/** The item row of one read customer, with the proposal of the matching rules. */
export function stageItem(runId: string, seq: number, c: ReadCustomer, index: ReturnType<typeof buildMatchingIndex>, ownerId: number): ItemRow {
  const proposal = proposeImport({ tenantId: c.tenantId, companyName: c.companyName, domains: c.domains, ...(c.resellerTenantId ? { resellerTenantId: c.resellerTenantId } : {}), partnerIdsOfRecord: c.subscriptions.flatMap((s) => (s.resellerPartnerId ? [s.resellerPartnerId] : [])) }, index);
  return {
    runId,
    seq,
    tenantId: c.tenantId,
    companyName: c.companyName,
    defaultDomain: c.domains[1] ?? c.domains[0] ?? '',
    resellerTenantId: c.resellerTenantId ?? null,
    proposal: proposal.kind,
    companyId: proposal.kind === 'matched' ? proposal.companyId : null,
    parentCompanyId: proposal.kind === 'new' ? (proposal.parent.kind === 'reseller' ? proposal.parent.companyId : ownerId) : null,
    conflicts: proposal.kind === 'conflict' ? (proposal.conflicts as ImportConflict[]) : [],
    details: { domains: c.domains, subscriptions: c.subscriptions, ...(c.billing ? { billing: c.billing } : {}), ...(c.mca ? { mca: c.mca } : {}), ...(c.gdap ? { gdap: c.gdap } : {}) },
  };
}

/**
 * Reads the whole base and stages the plan: one row per customer, written a page at a time
 * (upserted on run and tenant, so reading again after a crash duplicates nothing), then `review`.
 */
export async function stageImport(deps: ImportDeps, runId: string, source: CustomerBaseSource & { listIndirectResellers(): Promise<IndirectReseller[]> }): Promise<ImportRun> {
  const run = await getImportRun(deps, runId);
  if (!run) throw new Error(`no import run ${runId}`);
  // The sync follows the connection from the moment its first import began reading.
  if (!(await repos(deps).customerImports.getSyncCursor(run.connectionId))) await repos(deps).customerImports.saveSyncCursor(run.connectionId, run.createdAt, [], deps.now());
  const indirect = await source.listIndirectResellers().catch(() => [] as IndirectReseller[]);
  const { owner, index } = await loadNetwork(deps, run.connectionId, indirect);
  let seq = 0;
  let subscriptions = 0;
  for await (const page of readCustomerBase(source)) {
    const rows = page.map((c) => stageItem(runId, seq++, c, index, owner.id));
    subscriptions += page.reduce((n, c) => n + c.subscriptions.length, 0);
    await repos(deps).customerImports.upsertItems(rows);
    await repos(deps).customerImports.setRun(runId, { customersRead: seq, subscriptionsRead: subscriptions }, deps.now());
  }
  return (await repos(deps).customerImports.setRun(runId, { state: 'review' }, deps.now()))!;
}

/** A person's choice for one customer in conflict (or to override a proposal). */
export async function decideItem(deps: ImportDeps, runId: string, tenantId: string, decision: `match:${number}` | `new:${number}` | 'skip'): Promise<boolean> {
  return repos(deps).customerImports.decide(runId, tenantId.toLowerCase(), decision);
}

type Target = { kind: 'match'; companyId: number } | { kind: 'new'; parentId: number } | { kind: 'skip' } | { kind: 'undecided' };

function targetOf(item: CustomerImportItemRow): Target {
  const d = item.decision;
  if (d === 'skip') return { kind: 'skip' };
  if (d?.startsWith('match:')) return { kind: 'match', companyId: Number(d.slice(6)) };
  if (d?.startsWith('new:')) return { kind: 'new', parentId: Number(d.slice(4)) };
  if (item.proposal === 'matched') return { kind: 'match', companyId: item.companyId! };
  if (item.proposal === 'new') return { kind: 'new', parentId: item.parentCompanyId! };
  return { kind: 'undecided' };
}

/** Customers applied in one transaction: each is whole or untouched, and a batch commits together. */
export const APPLY_BATCH = 100;

/**
 * Applies the staged plan in batches of {@link APPLY_BATCH} customers, one transaction per batch
 * (for each customer: company created or updated, tenant link, subscriptions, the item's outcome and
 * the audit entry; then the run's counters), so a crash at any point leaves each batch either done
 * or untouched and a resumed run does only the rest. Conflicts without a decision stay planned.
 * Stops between batches when the run is paused or `shouldStop` says so, and after `limit`
 * customers; `left` is 0 when nothing decided remains planned.
 */
export async function applyImport(deps: ImportDeps, runId: string, opts: { shouldStop?: () => boolean; limit?: number; batch?: number } = {}): Promise<ImportRun & { left: number }> {
  const batch = opts.batch ?? APPLY_BATCH;
  let budget = opts.limit ?? Number.POSITIVE_INFINITY;
  await repos(deps).customerImports.setRun(runId, { state: 'importing' }, deps.now(), 'review');
  let afterSeq = -1;
  for (;;) {
    const run = (await getImportRun(deps, runId))!;
    if (run.state !== 'importing') return { ...run, left: 0 };
    const planned = await repos(deps).customerImports.plannedAfter(runId, afterSeq, Math.min(batch * 8, 1000));
    const items = planned.filter((i) => targetOf(i).kind !== 'undecided');
    if (planned.length === 0) break;
    afterSeq = planned[planned.length - 1]!.seq;
    // Advanced by what each batch took: a budget smaller than a batch must not skip the rest.
    for (let i = 0; i < items.length; ) {
      if (budget <= 0 || opts.shouldStop?.()) return { ...(await getImportRun(deps, runId))!, left: 1 };
      const slice = items.slice(i, i + Math.min(batch, budget));
      i += slice.length;
      budget -= slice.length;
      await applyBatch(deps, run, slice);
      const now = await getImportRun(deps, runId);
      if (now?.state !== 'importing') return { ...now!, left: 0 };
    }
  }
  const finished = await repos(deps).customerImports.setRun(runId, { state: 'done' }, deps.now(), 'importing');
  // A finished import is a full reconciliation: the sync's safety net counts from here.
  const cursor = finished && (await repos(deps).customerImports.getSyncCursor(finished.connectionId));
  if (cursor) await repos(deps).customerImports.saveSyncCursor(cursor.connectionId, cursor.auditCursor, cursor.seenAtCursor, deps.now(), deps.now());
  return { ...(finished ?? (await getImportRun(deps, runId))!), left: 0 };
}

/**
 * One batch in one transaction, in a few statements whatever its size: the items claimed (none
 * applied twice: a claim short of the batch rolls it back), new companies created per parent,
 * tenant links and subscriptions upserted, each company's audit entry, the run's counters.
 */
async function applyBatch(deps: ImportDeps, run: ImportRun, items: CustomerImportItemRow[]): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const repos = createRepos(tx as unknown as Database, deps.box);
    const now = deps.now();
    const targeted = items.map((item) => ({ item, target: targetOf(item) }));
    const skipped = targeted.filter((x) => x.target.kind === 'skip').map((x) => x.item.tenantId);
    const work = targeted.filter((x): x is { item: CustomerImportItemRow; target: Extract<Target, { kind: 'match' | 'new' }> } => x.target.kind === 'match' || x.target.kind === 'new');
    const companyOf = new Map<string, number>();
    for (const w of work) if (w.target.kind === 'match') companyOf.set(w.item.tenantId, w.target.companyId);
    const byParent = new Map<number, CustomerImportItemRow[]>();
    for (const w of work) if (w.target.kind === 'new') byParent.set(w.target.parentId, [...(byParent.get(w.target.parentId) ?? []), w.item]);
    const fresh = await repos.companies.reserveIds(work.length - companyOf.size);
    const idsOf = new Map<number, number[]>();
    for (const [parentId, group] of byParent) {
      idsOf.set(parentId, fresh.splice(0, group.length));
      group.forEach((item, k) => companyOf.set(item.tenantId, idsOf.get(parentId)![k]!));
    }
    const parents = new Map((await repos.companies.getMany([...byParent.keys()])).map((p) => [p.id, p]));
    for (const [parentId, group] of byParent) {
      const parent = parents.get(parentId);
      if (!parent) throw new Error(`parent company ${parentId} is gone`);
      await repos.companies.createMany(parent, 'customer', group.map((item) => ({ name: item.companyName, domain: item.defaultDomain, ...billingFields((item.details as { billing?: ReadCustomer['billing'] }).billing) })), now, idsOf.get(parentId));
    }
    // Claimed with their outcome and company in one statement; another execution applied some
    // meanwhile: throwing rolls this batch back whole.
    const claims = [...skipped.map((tenantId) => ({ tenantId, outcome: 'skipped' as const, companyId: null })), ...work.map((w) => ({ tenantId: w.item.tenantId, outcome: 'applied' as const, companyId: companyOf.get(w.item.tenantId)! }))];
    const claimed = await repos.customerImports.claimItems(run.id, claims);
    if (claimed.length !== claims.length) throw new Error('import item applied twice');
    // Two tenants a person matched to one company: the later one's link stands, as one at a time would leave it.
    const links = new Map(work.map((w) => [companyOf.get(w.item.tenantId)!, { companyId: companyOf.get(w.item.tenantId)!, tenantId: w.item.tenantId, defaultDomain: w.item.defaultDomain }]));
    await repos.customerImports.upsertTenantLinks(run.connectionId, [...links.values()], now);
    const subsOf = (item: CustomerImportItemRow) => (item.details as { subscriptions?: ReadCustomer['subscriptions'] }).subscriptions ?? [];
    await repos.customerImports.upsertSubscriptions(
      work.flatMap((w) => subsOf(w.item).map((s) => ({ connectionId: run.connectionId, subscriptionId: s.id, tenantId: w.item.tenantId, companyId: companyOf.get(w.item.tenantId)!, offerId: s.catalogItemId, offerName: s.offerName, quantity: s.quantity, status: s.status, partnerIdOfRecord: s.resellerPartnerId ?? null, updatedAt: now }))),
    );
    // One entry per company, written in one statement.
    const actor = systemActor(`Import of existing customers (${run.startedBy})`);
    await repos.auditLog.appendMany(
      work.map(({ item, target }) => {
        const companyId = companyOf.get(item.tenantId)!;
        const created = target.kind === 'new';
        const subscriptions = subsOf(item).length;
        return {
          at: now,
          companyId,
          actor,
          action: created ? 'company.imported' : 'company.import_matched',
          targetType: 'company',
          targetId: companyId,
          summary: `${item.companyName} (${item.tenantId}) ${created ? 'imported' : 'matched'} with ${subscriptions} subscription(s)`,
          after: { tenantId: item.tenantId, defaultDomain: item.defaultDomain, subscriptions },
        };
      }),
    );
    const created = work.filter((w) => w.target.kind === 'new').length;
    await repos.customerImports.countApplied(run.id, created, work.length - created, now);
  });
}

/** A new company's address, e-mail, contact and language from Partner Center's billing profile. */
function billingFields(b: ReadCustomer['billing']): CompanyFields {
  if (!b) return {};
  const a = b.address;
  const contact = [b.firstName ?? a.firstName, b.lastName ?? a.lastName].filter(Boolean).join(' ');
  const place = { line1: a.line1, line2: a.line2 ?? null, city: a.city ?? null, state: a.state ?? null, postalCode: a.postalCode ?? null, country: a.country };
  return {
    addressLine1: place.line1,
    addressLine2: place.line2,
    city: place.city,
    state: place.state,
    postalCode: place.postalCode,
    country: place.country,
    billingLine1: place.line1,
    billingLine2: place.line2,
    billingCity: place.city,
    billingState: place.state,
    billingPostalCode: place.postalCode,
    billingCountry: place.country,
    email: b.email || null,
    ...(a.phoneNumber ? { phone: a.phoneNumber } : {}),
    ...(contact ? { contactPerson: contact } : {}),
    ...(b.language ? { language: b.language } : {}),
  };
}

type StagedCustomer = Pick<CustomerImportItemRow, 'tenantId' | 'companyName' | 'defaultDomain' | 'details'>;

/**
 * Brings one customer in, inside the caller's transaction: the company matched or created under its
 * parent, its tenant link in the connection, its subscriptions (upserted by id). Shared by the
 * import and the sync.
 */
export async function importCustomer(
  repos: ReturnType<typeof createRepos>,
  connectionId: string,
  target: { kind: 'match'; companyId: number } | { kind: 'new'; parentId: number },
  item: StagedCustomer,
  now: Date,
): Promise<{ companyId: number; created: boolean; subscriptions: number }> {
  let companyId: number;
  let created = false;
  if (target.kind === 'match') {
    companyId = target.companyId;
  } else {
    const parent = await repos.companies.get(target.parentId);
    if (!parent) throw new Error(`parent company ${target.parentId} is gone`);
    const company = await repos.companies.create({ kind: 'customer', parent, name: item.companyName, domain: item.defaultDomain, now, ...billingFields((item.details as { billing?: ReadCustomer['billing'] }).billing) });
    companyId = company.id;
    created = true;
  }
  await repos.syncOptions.upsert(companyId, connectionId, { tenantId: item.tenantId, defaultDomain: item.defaultDomain, syncStatus: 'synced', failureReason: null }, now);
  const subs = (item.details as { subscriptions?: ReadCustomer['subscriptions'] }).subscriptions ?? [];
  await repos.customerImports.upsertSubscriptions(subs.map((s) => ({ connectionId, subscriptionId: s.id, tenantId: item.tenantId, companyId, offerId: s.catalogItemId, offerName: s.offerName, quantity: s.quantity, status: s.status, partnerIdOfRecord: s.resellerPartnerId ?? null, updatedAt: now })));
  return { companyId, created, subscriptions: subs.length };
}

/** Pauses an importing run; {@link applyImport} stops before its next customer. */
export async function pauseImport(deps: ImportDeps, runId: string): Promise<void> {
  await repos(deps).customerImports.setRun(runId, { state: 'paused' }, deps.now(), 'importing');
}

/** The final report: one line per customer (CSV for a spreadsheet: formula-looking names are shown as text). */
export async function importReportCsv(deps: ImportDeps, runId: string): Promise<string> {
  const rows = await repos(deps).customerImports.listItems(runId);
  const columns = ['tenant_id', 'company_name', 'default_domain', 'proposal', 'decision', 'outcome', 'company_id', 'subscriptions', 'conflicts'] as const;
  const records = rows.map((r) => ({
    tenant_id: r.tenantId,
    company_name: r.companyName,
    default_domain: r.defaultDomain,
    proposal: r.proposal,
    decision: r.decision,
    outcome: r.outcome,
    company_id: r.appliedCompanyId,
    subscriptions: ((r.details as { subscriptions?: unknown[] }).subscriptions ?? []).length,
    conflicts: (r.conflicts as { code: string }[]).map((c) => c.code).join(' '),
  }));
  return writeCsv(columns, records, { guardFormulas: true });
}

