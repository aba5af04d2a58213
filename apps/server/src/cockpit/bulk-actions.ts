import { includesGlobalAdministrator, isWithinPath, partnerOfRecordIdOf } from '@csphub/domain';
import { createCockpitRepo, createRepos, createTenantAuthorizationsRepo, type BulkAction, type BulkJobRow, type CompanyRow, type Database, type Repos, type SecretBox } from '@csphub/db';
import type { BulkItemResult } from '@csphub/provisioning';
import type { PartnerCenterClient } from '@csphub/partner-center';
import type { Notifier } from '@csphub/notifications';
import type { Clock } from '@csphub/domain';
import { reposOf } from '../app/server-deps';
import { revalidateResellers } from '../channel/reseller-revalidation';
import { removeGlobalAdministrator } from '../gdap/gdap-global-admin';
import type { GdapAuditFields } from '../gdap/gdap-relationships';
import { skipped, type PlannedItem } from './bulk-plan-item';
import { gdapRequestOptionsOf, planGdapRequest, requestGdapItem, type GdapRequestJobOptions } from './bulk-gdap-request';

export type { PlannedItem } from './bulk-plan-item';

/** What a bulk fix is built from (the server's adapters; the durable run calls `runBulkItem`). */
export interface BulkDeps {
  db: Database;
  box: SecretBox;
  clock: Clock;
  partnerCenterFor(connectionId: string): Promise<PartnerCenterClient>;
  notifier: Pick<Notifier, 'send'>;
  logger?: { warn(obj: object, msg: string): void };
  /** Between two reads of a relationship whose Global Administrator removal Graph runs as an operation (default: Graph's Retry-After). */
  pollMs?: number;
  /** How long one item waits for that operation before it is left for a retry (default 2 minutes). */
  maxWaitMs?: number;
}

export const BULK_ACTIONS = ['gdap-remove-global-admin', 'resend-acceptance-links', 'revalidate-partners-of-record', 'gdap-request-from-template'] as const satisfies readonly BulkAction[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dry run: for each selected key, what the action would do to it, read from the database only.
 * A key outside the caller's subtree is `not-found`, as if it did not exist.
 */
export async function planBulk(deps: Pick<BulkDeps, 'db' | 'box'>, action: BulkAction, scope: Pick<CompanyRow, 'path'>, keys: string[], options: GdapRequestJobOptions = { templateId: null, emailCustomerAdmin: false }): Promise<PlannedItem[]> {
  const repos = reposOf(deps);
  const out: PlannedItem[] = [];
  for (const itemKey of [...new Set(keys)]) {
    if (action === 'gdap-request-from-template') out.push(await planGdapRequest(repos, scope, itemKey, options));
    else if (action === 'gdap-remove-global-admin') {
      const [connectionId, relationshipId] = splitRelationshipKey(itemKey);
      const row = connectionId && relationshipId && UUID.test(connectionId) ? await repos.gdap.getByGraphId(connectionId, relationshipId) : undefined;
      const company = row?.companyId ? await repos.companies.get(row.companyId) : undefined;
      if (!row || !company || !isWithinPath(company.path, scope.path)) {
        out.push(skipped(itemKey, 'not-found'));
        continue;
      }
      const label = `${company.name}: ${row.displayName}`;
      if (row.status !== 'active' && row.status !== 'expiring') {
        out.push(skipped(itemKey, 'not-active', label, company.id, row.status));
        continue;
      }
      const will = [...(includesGlobalAdministrator(row.roles.map((r) => r.id)) ? ['remove-global-admin'] : []), ...(row.autoExtend ? [] : ['enable-auto-extend'])];
      out.push(will.length ? { itemKey, companyId: company.id, label, will, skip: null, detail: row.endsAt?.toISOString() ?? null } : skipped(itemKey, 'nothing-to-do', label, company.id));
    } else if (action === 'resend-acceptance-links') {
      const a = UUID.test(itemKey) ? await createTenantAuthorizationsRepo(deps.db).get(itemKey) : undefined;
      const company = a ? await repos.companies.get(a.companyId) : undefined;
      if (!a || !company || !isWithinPath(company.path, scope.path) || a.state !== 'pending') {
        out.push(skipped(itemKey, 'not-found'));
        continue;
      }
      if (a.sentTo.length === 0) out.push(skipped(itemKey, 'never-sent', company.name, company.id));
      else out.push({ itemKey, companyId: company.id, label: company.name, will: ['resend-request'], skip: null, detail: a.sentTo.join(', ') });
    } else {
      const company = /^\d{1,9}$/.test(itemKey) ? await repos.companies.get(Number(itemKey)) : undefined;
      if (!company || company.kind !== 'reseller' || company.status !== 'active' || !isWithinPath(company.path, scope.path)) {
        out.push(skipped(itemKey, 'not-found'));
        continue;
      }
      const por = partnerOfRecordIdOf(company);
      if (!por) out.push(skipped(itemKey, 'no-partner-location-id', company.name, company.id));
      else out.push({ itemKey, companyId: company.id, label: company.name, will: ['revalidate'], skip: null, detail: por });
    }
  }
  return out;
}

export function splitRelationshipKey(key: string): [string | undefined, string | undefined] {
  const at = key.indexOf('/');
  return at < 0 ? [undefined, undefined] : [key.slice(0, at), key.slice(at + 1)];
}

/**
 * Does one item of a job and records its result with one audit entry, in one transaction. The item
 * is planned again first (the data may have changed since the dry run), and each action reads
 * Microsoft's current state before changing it, so running it twice does it once. Partner Center
 * calls go with low priority: provisioning runs pass first in the limiter.
 */
export async function runBulkItem(deps: BulkDeps, job: BulkJobRow, round: number, itemKey: string, call: { requestId: string | undefined; signal: AbortSignal }): Promise<BulkItemResult> {
  const repos = reposOf(deps);
  const scope = await repos.companies.get(job.scopeCompanyId);
  const [plan] = scope ? await planBulk(deps, job.action, scope, [itemKey], gdapRequestOptionsOf(job)) : [skipped(itemKey, 'not-found')];
  let outcome: Record<string, unknown> = {};
  let error: { code: string; message: string } | null = null;
  let start: BulkItemResult['start'];
  try {
    if (plan!.skip === 'nothing-to-do') outcome = { already: true, ...(plan!.detail ? { detail: plan!.detail } : {}) };
    else if (plan!.skip) error = { code: plan!.skip.toUpperCase().replace(/-/g, '_'), message: `Skipped: ${plan!.skip}${plan!.detail ? ` (${plan!.detail})` : ''}` };
    else if (job.action === 'gdap-request-from-template') {
      const audit = async (tx: Repos, entry: GdapAuditFields) => void (await tx.auditLog.append({ ...entry, at: deps.clock.now(), actor: actorOfJob(job), summary: `${entry.summary} (bulk fix ${job.id})` }));
      ({ outcome, start } = await requestGdapItem(deps, job, itemKey, audit));
    } else if (job.action === 'gdap-remove-global-admin') outcome = await fixGdap(deps, job, itemKey, call.signal);
    else if (job.action === 'resend-acceptance-links') outcome = await resend(deps, itemKey);
    else {
      const reseller = (await repos.companies.get(Number(itemKey)))!;
      const pass = await revalidateResellers(deps, { scope: reseller, actor: actorOfJob(job), signal: call.signal });
      if (pass.connections === 0) error = { code: 'PARTNER_CENTER_UNAVAILABLE', message: 'No indirect-provider connection answered; the last verdict is kept.' };
      else outcome = { porStatus: (await repos.companies.get(reseller.id))?.porStatus ?? null, changed: pass.changed > 0 };
    }
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    error = { code: typeof err.code === 'string' ? err.code : 'FAILED', message: typeof err.message === 'string' ? err.message : String(e) };
  }
  const at = deps.clock.now();
  const state = error ? 'failed' : 'succeeded';
  await deps.db.transaction(async (handle) => {
    const txDb = handle as unknown as Database;
    const tx = createRepos(txDb, deps.box);
    await createCockpitRepo(txDb).recordItem(job.id, itemKey, { state, outcome, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, round, at });
    await tx.auditLog.append({
      at,
      companyId: plan!.companyId ?? job.scopeCompanyId,
      actor: actorOfJob(job),
      action: `bulk_fix.${job.action}.${state}`,
      targetType: 'bulk_job_item',
      targetId: `${job.id}:${itemKey}`,
      summary: `${plan!.label}: ${error ? `failed (${error.message})` : plan!.will.length ? `done (${plan!.will.join(', ')})` : 'nothing to do'}`,
      after: { round, outcome, error },
    });
  });
  return start ? { state, start } : { state };
}

function actorOfJob(job: BulkJobRow) {
  return { type: 'user' as const, id: job.createdBy, label: job.createdByLabel };
}

/**
 * Removes Global Administrator and turns auto-extend on through the GDAP service (the company
 * page's path too), with low priority and the job's actor on the relationship's audit entry; a
 * removal Graph has not finished within the wait fails the item, and a retry continues it.
 */
async function fixGdap(deps: BulkDeps, job: BulkJobRow, itemKey: string, signal: AbortSignal): Promise<Record<string, unknown>> {
  const [connectionId, relationshipId] = splitRelationshipKey(itemKey) as [string, string];
  const repos = reposOf(deps);
  const row = (await repos.gdap.getByGraphId(connectionId, relationshipId))!;
  const company = (await repos.companies.get(row.companyId))!;
  const done = await removeGlobalAdministrator(
    { ...deps, clientFor: deps.partnerCenterFor },
    {
      company,
      gdapId: row.id,
      audit: async (tx, entry) => void (await tx.auditLog.append({ ...entry, at: deps.clock.now(), actor: actorOfJob(job), summary: `${entry.summary} (bulk fix ${job.id})` })),
      waitMs: deps.maxWaitMs ?? 120_000,
      ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
      call: { priority: 'low', signal },
    },
  );
  if (done.operationId) throw Object.assign(new Error('Graph has not removed Global Administrator yet; retry the item later.'), { code: 'GDAP_OPERATION_PENDING' });
  return { removedGlobalAdmin: done.removedGlobalAdmin, enabledAutoExtend: done.enabledAutoExtend, status: done.gdap.status, endsAt: done.gdap.endsAt?.toISOString() ?? null };
}

/** Sends the customer authorization request again, to the recipients of the last one. */
async function resend(deps: BulkDeps, id: string): Promise<Record<string, unknown>> {
  const authorizations = createTenantAuthorizationsRepo(deps.db);
  const repos = reposOf(deps);
  const a = (await authorizations.get(id))!;
  const company = (await repos.companies.get(a.companyId))!;
  const [root, reseller] = await Promise.all([repos.companies.root(), a.resellerCompanyId ? repos.companies.get(a.resellerCompanyId) : Promise.resolve(undefined)]);
  await deps.notifier.send({
    template: 'customer-authorization-request',
    language: company.language,
    to: a.sentTo,
    cc: a.sentCc,
    fields: { customerName: company.name, partnerName: reseller?.name ?? root?.name ?? 'Your partner', invitationUrl: a.invitationUrl },
    dedupeKey: `authorization-request:${a.id}:${a.sendCount + 1}`,
    subjectId: String(company.id),
  });
  const updated = await authorizations.recordSent(a.id, { to: a.sentTo, cc: a.sentCc, at: deps.clock.now() });
  return { to: a.sentTo, sendCount: updated.sendCount };
}
