import { isWithinPath, partnerOfRecordIdOf, porChanges, type PorValidation } from '@csphub/domain';
import type { AuditActor, CompanyRow, Repos } from '@csphub/db';
import type { PartnerOfRecordValidation } from '@csphub/partner-center';
import type { CommerceDeps } from '../commerce/commerce-deps';
import { inTransaction, reposOf } from '../app/server-deps';

/** What one revalidation of the reseller base did. */
export interface RevalidationPass {
  at: string;
  /** Active resellers with a partner-of-record ID. */
  resellers: number;
  /** Indirect-provider connections that answered. */
  connections: number;
  /** Resellers whose verdict changed (each with an audit entry). */
  changed: number;
  /** Resellers Microsoft now calls ineligible. */
  ineligible: number;
  /** Connections that did not answer (the pass keeps the stored verdicts of what they would have said). */
  failures: number;
}

/** The settings key of the last pass: a restarted server runs a pass at once when the last is older than the period. */
export const LAST_PASS_KEY = 'partnerOfRecord.lastRevalidation';

const SYSTEM: AuditActor = { type: 'system', id: null, label: 'partner-of-record revalidation' };

/**
 * One answer per ID from several provider connections: valid when any connection accepts it (the
 * reseller is that provider's); otherwise the refusal of a connection whose network holds the
 * reseller (its reason is the useful one: expired, no Partner Agreement), else the first refusal.
 */
export function mergeValidations(perConnection: { results: PartnerOfRecordValidation[]; network: ReadonlySet<string> }[]): PorValidation[] {
  const merged = new Map<string, PorValidation>();
  for (const { results, network } of perConnection) {
    for (const r of results) {
      const current = merged.get(r.partnerId);
      const better = !current || (!current.isValid && (r.isValid || network.has(r.partnerId)));
      if (better) merged.set(r.partnerId, r);
    }
  }
  return [...merged.values()];
}

/** What a revalidation pass reads and calls. */
export type RevalidationDeps = Pick<CommerceDeps, 'db' | 'box' | 'clock' | 'partnerCenterFor' | 'logger'>;

/**
 * Asks Partner Center (`validateresellers`, docs/PARTNER-CENTER-REFERENCE.md §7.1) about every active
 * reseller under `scope` (the distributor: the whole base), through each indirect-provider
 * connection of the distributor, batched by the client, and records what changed: the reseller's
 * status, Microsoft's code and description, and an audit entry `reseller.partner_of_record_changed`
 * in the same transaction. `actor` and `requestId` name who asked (a person, or the schedule).
 */
export async function revalidateResellers(deps: RevalidationDeps, opts: { scope?: CompanyRow; actor?: AuditActor; requestId?: string | null; signal?: AbortSignal } = {}): Promise<RevalidationPass> {
  const repos = reposOf(deps);
  const now = deps.clock.now();
  const root = await repos.companies.root();
  const pass: RevalidationPass = { at: now.toISOString(), resellers: 0, connections: 0, changed: 0, ineligible: 0, failures: 0 };
  if (!root) return pass;
  const scope = opts.scope ?? root;
  const resellers = (await repos.companies.listSubtree(scope.path)).filter((c) => c.kind === 'reseller' && c.status === 'active' && isWithinPath(c.path, scope.path) && partnerOfRecordIdOf(c) !== null);
  pass.resellers = resellers.length;
  const ids = [...new Set(resellers.map((r) => partnerOfRecordIdOf(r)!))];
  if (ids.length === 0) return pass;

  const perConnection: { results: PartnerOfRecordValidation[]; network: ReadonlySet<string> }[] = [];
  for (const connection of (await repos.connections.list(root.id)).filter((c) => c.type === 'indirect-provider')) {
    try {
      const client = await deps.partnerCenterFor(connection.id);
      const results = await client.validateResellers(ids, opts.signal ? { signal: opts.signal, priority: 'low' } : { priority: 'low' });
      // The network only chooses which refusal to show; without App+User access it is unknown.
      const network = await client
        .listIndirectResellers({ priority: 'low' })
        .then((list) => new Set(list.map((r) => r.partnerId)))
        .catch(() => new Set<string>());
      perConnection.push({ results, network });
      pass.connections++;
    } catch (error) {
      pass.failures++;
      deps.logger?.warn({ err: error, connectionId: connection.id }, 'partner-of-record revalidation: connection skipped');
    }
  }
  if (perConnection.length === 0) return pass;

  const changes = porChanges(resellers, mergeValidations(perConnection));
  const answered = new Set(perConnection.flatMap((p) => p.results.map((r) => r.partnerId)));
  await inTransaction(deps, async (tx: Repos) => {
    for (const reseller of resellers) {
      if (!answered.has(partnerOfRecordIdOf(reseller)!)) continue;
      const change = changes.find((c) => c.id === reseller.id);
      if (!change) {
        await tx.companies.update(reseller.id, { porCheckedAt: now }, now);
        continue;
      }
      await tx.companies.update(reseller.id, { porStatus: change.after, porCheckedAt: now, porErrorCode: change.errorCode, porErrorDescription: change.errorDescription }, now);
      const lost = change.after === 'ineligible';
      await tx.auditLog.append({
        at: now,
        companyId: reseller.id,
        actor: opts.actor ?? SYSTEM,
        requestId: opts.requestId ?? null,
        action: 'reseller.partner_of_record_changed',
        targetType: 'company',
        targetId: reseller.id,
        summary: lost
          ? `Microsoft no longer accepts ${reseller.name} (Partner Location ID ${change.partnerOfRecordId}) as partner of record: ${change.errorDescription ?? `code ${change.errorCode ?? 'none'}`}`
          : `Microsoft accepts ${reseller.name} (Partner Location ID ${change.partnerOfRecordId}) as partner of record`,
        before: { porStatus: change.before ?? 'unchecked', porErrorCode: reseller.porErrorCode, porErrorDescription: reseller.porErrorDescription },
        after: { porStatus: change.after, porErrorCode: change.errorCode, porErrorDescription: change.errorDescription },
      });
    }
    if (scope.id === root.id) await tx.settings.set(LAST_PASS_KEY, pass);
  });
  pass.changed = changes.length;
  const after = await reposOf(deps).companies.listSubtree(scope.path);
  pass.ineligible = after.filter((c) => c.kind === 'reseller' && c.status === 'active' && c.porStatus === 'ineligible').length;
  return pass;
}

/**
 * The periodic revalidation: a pass of the whole reseller base every `everyMs`, and one at start
 * when the last pass recorded in the database is older than that (or there is none), so a restart
 * never skips a period. Returns how to stop it.
 */
export function startResellerRevalidation(deps: CommerceDeps, everyMs: number): () => void {
  let running = false;
  const runIfDue = async (force: boolean) => {
    if (running) return;
    running = true;
    try {
      const last = await reposOf(deps).settings.get<RevalidationPass>(LAST_PASS_KEY);
      const due = force || !last || deps.clock.now().getTime() - new Date(last.at).getTime() >= everyMs;
      if (due) await revalidateResellers(deps);
    } catch (e) {
      deps.logger?.warn({ err: e }, 'partner-of-record revalidation failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void runIfDue(false), 1_000);
  first.unref();
  const timer = setInterval(() => void runIfDue(true), everyMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
