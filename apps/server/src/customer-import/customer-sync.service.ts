import { createRepos, createTenantSubscriptionReadsRepo, publishGdapStatusChange, type Database, type GdapGraphRead } from '@csphub/db';
import type { ActivityRecord, IndirectReseller, PartnerCenterClient } from '@csphub/partner-center';
import { graphReadOf } from '../gdap/gdap-refresh';
import { readCustomerBase, type ReadCustomer } from './customer-base-reader';
import { importCustomer, loadNetwork, loadNetworkFor, stageItem, type ImportDeps } from './customer-import.service';
import { publishCustomerChanges, unlinkTenant } from './customer-sync-events';

/** What a sync cycle did. */
export interface SyncReport {
  recordsRead: number;
  customersAdded: number;
  customersUpdated: number;
  customersUnlinked: number;
  subscriptionsUpserted: number;
  /** Events published to the integrations (tenant.linked, tenant.unlinked, subscription.changed; GDAP's own are not counted). */
  eventsPublished: number;
  /** Customers a person must place (the matching rules found a conflict). */
  needsPerson: string[];
  cursor: string;
}

export type SyncSource = Pick<PartnerCenterClient, 'listActivity' | 'getCustomer' | 'listSubscriptions' | 'listCustomers' | 'listIndirectResellers' | 'listGdapRelationships' | 'listGdapAccessAssignments'>;

/** How many changed customers are read, then matched against the network loaded for them, at a time. */
const SYNC_CHUNK = 500;

/** Operation types that change what CSP Hub holds of a customer (Learn "Get a record of Partner Center activity"). */
const CUSTOMER_CHANGES = new Set(['add_customer', 'accept_reseller_relationship', 'create_order', 'update_subscription', 'create_subscription', 'approve_granular_admin_relationship', 'activate_granular_admin_relationship', 'expire_granular_admin_relationship', 'terminate_granular_admin_relationship']);
const REMOVALS = new Map<string, 'relationship_removed' | 'customer_deleted'>([
  ['remove_partner_customer_relationship', 'relationship_removed'],
  ['delete_customer', 'customer_deleted'],
]);
const GDAP_CHANGES = new Set(['approve_granular_admin_relationship', 'activate_granular_admin_relationship', 'expire_granular_admin_relationship', 'terminate_granular_admin_relationship']);

/**
 * What the activity log says happened to one customer since the cursor (the last removal or change
 * wins): for a change, the GDAP relationships its records name (`*` when a record does not say
 * which), read again from Graph.
 */
type Noted = { kind: 'change'; gdap: Set<string> } | { kind: 'removal'; reason: 'relationship_removed' | 'customer_deleted' };

/**
 * One sync cycle of a connection from Partner Center's activity log (Microsoft recommends it over
 * scanning collections, docs/PARTNER-CENTER-REFERENCE.md §14): the records since the cursor, each
 * customer they name read once (customer and subscriptions), then brought in through the import's
 * matching rules (a new customer placed under its reseller, a known one updated); a removed
 * relationship marks the link. The cursor moves only after the changes are stored.
 */
export async function syncFromActivity(deps: ImportDeps, connectionId: string, source: SyncSource, opts: { firstStart?: Date; chunk?: number } = {}): Promise<SyncReport> {
  const chunk = opts.chunk ?? SYNC_CHUNK;
  const repos = createRepos(deps.db, deps.box);
  const cursor = await repos.customerImports.getSyncCursor(connectionId);
  const start = cursor?.auditCursor ?? opts.firstStart ?? new Date(deps.now().getTime() - 86_400_000);
  const seen = new Set(cursor?.seenAtCursor ?? []);
  const changed = new Map<string, Noted>();
  let last = start.getTime();
  let seenAtLast = new Set(seen);
  let recordsRead = 0;
  for await (const r of source.listActivity({ startDate: start })) {
    const at = Date.parse(r.operationDate);
    if (at < start.getTime() || (at === start.getTime() && seen.has(r.id))) continue;
    recordsRead++;
    if (at > last) {
      last = at;
      seenAtLast = new Set();
    }
    seenAtLast.add(r.id);
    note(changed, r);
  }
  const report: SyncReport = { recordsRead, customersAdded: 0, customersUpdated: 0, customersUnlinked: 0, subscriptionsUpserted: 0, eventsPublished: 0, needsPerson: [], cursor: new Date(last).toISOString() };
  if (changed.size > 0) {
    const indirect = await source.listIndirectResellers().catch(() => [] as IndirectReseller[]);
    const entries = [...changed];
    for (let at = 0; at < entries.length; at += chunk) {
      // Each chunk's customers are read first, then matched against only the companies they could
      // meet (their tenants' links, their domains, the resellers): never the whole base.
      const reads: { read: ReadCustomer; gdap: Set<string> }[] = [];
      for (const [tenantId, noted] of entries.slice(at, at + chunk)) {
        if (noted.kind === 'removal') {
          const unlinked = await deps.db.transaction(async (tx) => unlinkTenant(createRepos(tx as unknown as Database, deps.box), tx as unknown as Database, { connectionId, tenantId, reason: noted.reason, at: deps.now() }));
          report.customersUnlinked += unlinked;
          report.eventsPublished += unlinked;
          continue;
        }
        const customer = await source.getCustomer(tenantId).catch(() => undefined);
        if (!customer) continue;
        const subs = await source.listSubscriptions(tenantId);
        reads.push({
          gdap: noted.gdap,
          read: {
            tenantId,
            companyName: customer.companyName,
            domains: [customer.domain, ...customer.customDomains].map((d) => d.toLowerCase()),
            ...(customer.indirectResellerTenantId ? { resellerTenantId: customer.indirectResellerTenantId.toLowerCase() } : {}),
            subscriptions: subs.map((s) => ({ id: s.id, catalogItemId: s.catalogItemId, offerName: s.offerName, quantity: s.quantity, status: s.status, ...(s.resellerPartnerId ? { resellerPartnerId: s.resellerPartnerId } : {}) })),
          },
        });
      }
      if (reads.length === 0) continue;
      const { owner, index } = await loadNetworkFor(deps, connectionId, indirect, reads.map((r) => r.read));
      for (const { read, gdap: named } of reads) {
        const gdap = named.size > 0 ? { reads: await readGdap(source, read.tenantId), named } : undefined;
        await applyRead(deps, connectionId, read, index, owner.id, report, gdap);
      }
    }
  }
  await repos.customerImports.saveSyncCursor(connectionId, new Date(last), [...seenAtLast], deps.now());
  return report;
}

function note(changed: Map<string, Noted>, r: ActivityRecord): void {
  if (!r.customerTenantId || r.operationStatus !== 'succeeded') return;
  const tenantId = r.customerTenantId.toLowerCase();
  const removal = REMOVALS.get(r.operationType);
  if (removal) changed.set(tenantId, { kind: 'removal', reason: removal });
  else if (CUSTOMER_CHANGES.has(r.operationType) || r.resourceType === 'subscription') {
    const was = changed.get(tenantId);
    const gdap = was?.kind === 'change' ? was.gdap : new Set<string>();
    if (GDAP_CHANGES.has(r.operationType)) gdap.add(relationshipIdOf(r) ?? '*');
    changed.set(tenantId, { kind: 'change', gdap });
  }
}

/** The relationship a GDAP record names (its new value carries the id), if it says. */
function relationshipIdOf(r: ActivityRecord): string | undefined {
  try {
    const id = (JSON.parse(r.resourceNewValue ?? '') as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The customer's GDAP relationships as Graph shows them now (with the access assignments of live ones). */
async function readGdap(source: SyncSource, tenantId: string): Promise<GdapGraphRead[]> {
  const reads: GdapGraphRead[] = [];
  for await (const r of source.listGdapRelationships({ customerTenantId: tenantId }, { priority: 'low' })) reads.push(await graphReadOf(source, r));
  return reads;
}

/**
 * Brings one customer in as the import would, in one transaction with what the change means: the
 * audit entry, the integrations' events (`customer-sync-events.ts`) and the GDAP relationships
 * read for it (stored in the one GDAP store, which publishes `gdap.active` and `gdap.expired`).
 */
async function applyRead(deps: ImportDeps, connectionId: string, read: ReadCustomer, index: Awaited<ReturnType<typeof loadNetwork>>['index'], ownerId: number, report: SyncReport, gdap?: { reads: readonly GdapGraphRead[]; named: ReadonlySet<string> }): Promise<void> {
  const item = stageItem('sync', 0, read, index, ownerId);
  if (item.proposal === 'conflict') {
    report.needsPerson.push(read.tenantId);
    return;
  }
  const target = item.proposal === 'matched' ? { kind: 'match' as const, companyId: item.companyId! } : { kind: 'new' as const, parentId: item.parentCompanyId! };
  await deps.db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const repos = createRepos(tx, deps.box);
    const now = deps.now();
    const wasLinked = target.kind === 'match' && (await repos.customerImports.isLinkedInStep(connectionId, target.companyId, item.tenantId));
    const before = target.kind === 'match' ? await repos.customerImports.subscriptionsOfTenant(connectionId, target.companyId, item.tenantId) : [];
    const done = await importCustomer(repos, connectionId, target, { tenantId: item.tenantId, companyName: item.companyName, defaultDomain: item.defaultDomain, details: item.details }, now);
    if (done.created) report.customersAdded++;
    else report.customersUpdated++;
    report.subscriptionsUpserted += done.subscriptions;
    await repos.auditLog.append({
      at: now,
      companyId: done.companyId,
      actor: { type: 'system', id: null, label: 'Partner Center sync' },
      action: done.created ? 'company.imported' : 'company.synced',
      targetType: 'company',
      targetId: done.companyId,
      summary: `${item.companyName} (${item.tenantId}) ${done.created ? 'added' : 'updated'} from Partner Center's activity log`,
      after: { tenantId: item.tenantId, subscriptions: done.subscriptions },
    });
    // The subscriptions tab's stored read is older than this change: its next view reads again.
    await createTenantSubscriptionReadsRepo(tx).forget(connectionId, item.tenantId);
    report.eventsPublished += await publishCustomerChanges(tx, { connectionId, companyId: done.companyId, tenantId: item.tenantId, defaultDomain: item.defaultDomain, wasLinked, before, after: read.subscriptions, at: now });
    for (const r of gdap?.reads ?? []) {
      // A relationship the store did not hold yet is added without events; when the activity log
      // named it (approved, activated or expired since the cursor) the sync publishes what it became.
      const held = await repos.gdap.getByGraphId(connectionId, r.relationshipId);
      const stored = await repos.gdap.upsertFromGraph(connectionId, r, now);
      if (stored && !held && (gdap!.named.has(r.relationshipId) || gdap!.named.has('*'))) await publishGdapStatusChange(tx, undefined, stored, now);
    }
  });
}

/**
 * The low-rate safety net: the whole base read again and every customer brought in or updated as
 * the sync would (the activity log keeps 90 days and may miss a change Partner Center made itself).
 */
export async function reconcileAll(deps: ImportDeps, connectionId: string, source: SyncSource): Promise<SyncReport> {
  const indirect = await source.listIndirectResellers().catch(() => [] as IndirectReseller[]);
  const { owner, index } = await loadNetwork(deps, connectionId, indirect);
  const report: SyncReport = { recordsRead: 0, customersAdded: 0, customersUpdated: 0, customersUnlinked: 0, subscriptionsUpserted: 0, eventsPublished: 0, needsPerson: [], cursor: '' };
  for await (const page of readCustomerBase(source)) for (const read of page) await applyRead(deps, connectionId, read, index, owner.id, report);
  const repos = createRepos(deps.db, deps.box);
  const cursor = await repos.customerImports.getSyncCursor(connectionId);
  await repos.customerImports.saveSyncCursor(connectionId, cursor?.auditCursor ?? deps.now(), cursor?.seenAtCursor ?? [], deps.now(), deps.now());
  return report;
}
