// size: the GDAP actions other features call (request, renew, upgrade, terminate, refresh, expiry notices) share the row lookups and the audit shape.
import { AppError, gdapExpiryNoticeDue, gdapRelationshipDisplayName, gdapRoleDifference, gdapStateOf, isGdapLive, type GdapState } from '@csphub/domain';
import type { AuditEntry, CompanyRow, GdapRelationshipRow, GdapTemplateRow, Repos } from '@csphub/db';
import { requestGdapRunId, type RequestGdapFromTemplateInput } from '@csphub/provisioning';
import { inTransaction, reposOf } from '../app/server-deps';
import type { GdapDeps } from './gdap-deps';
import { graphReadOf } from './gdap-refresh';

/** An audit entry as a GDAP action writes it; the caller adds the actor, request id and time. */
export type GdapAuditFields = Omit<AuditEntry, 'actor' | 'requestId' | 'at'>;
/** Writes an audit entry in the action's transaction (a route: `writeAudit(c, repos, …)`; a bulk job: its own actor). */
export type GdapAuditWriter = (repos: Repos, entry: GdapAuditFields) => Promise<void>;

/** Relationship statuses that mean one is already requested or live (a new request would be a second). */
export const LIVE_OR_PENDING: ReadonlySet<string> = new Set(['requested', 'created', 'approvalPending', 'approved', 'activating', 'active', 'expiring']);

/** The relationship row of a company, or 404. */
export async function gdapRowOf(repos: Repos, companyId: number, gdapId: number): Promise<GdapRelationshipRow> {
  const row = await repos.gdap.getRelationship(gdapId);
  if (!row || row.companyId !== companyId) throw new AppError('NOT_FOUND', `The company has no GDAP relationship ${gdapId}.`);
  return row;
}

async function templateFor(repos: Repos, templateId: number, connectionId?: string): Promise<GdapTemplateRow> {
  const t = await repos.gdap.getTemplate(templateId);
  if (!t || (connectionId && t.connectionId !== connectionId)) throw new AppError('NOT_FOUND', `There is no GDAP template ${templateId} for the company's Partner Center connection.`, [{ field: 'templateId', message: 'pick a template of the connection the tenant is linked through' }]);
  return t;
}

/** The tenant the company is linked to through the template's connection, or a 409 naming what is missing. */
async function linkedTenant(repos: Repos, company: CompanyRow, connectionId: string): Promise<string> {
  const link = await repos.syncOptions.get(company.id, connectionId);
  if (!link?.tenantId) throw new AppError('CONFLICT', `${company.name} has no Microsoft tenant linked through this template's connection; link or create the tenant first.`, [{ field: 'templateId', message: 'the company has no tenant on this connection' }]);
  return link.tenantId;
}

export interface GdapRequestOptions {
  company: CompanyRow;
  templateId: number;
  /** E-mail the approval link to the customer's administrator (the company's e-mail), in its language. */
  emailCustomerAdmin: boolean;
  /** The partner's name in the e-mail. */
  partnerName: string;
  audit: GdapAuditWriter;
  /** Why (audit wording): a first request, a renewal or an upgrade. */
  reason?: 'request' | 'renew' | 'upgrade';
  /** The relationship a renewal or an upgrade replaces. */
  replaces?: GdapRelationshipRow;
}

/**
 * "Request GDAP from a template": records the relationship (its deterministic display name counts
 * the company's earlier requests from this template version) and its audit entry in one
 * transaction, then starts the durable run that creates it at Graph and follows it to active. A
 * second request while one from the same template version is pending or active is a 409 (renew it
 * instead); a renewal or an upgrade passes `replaces`.
 */
export async function requestGdapFromTemplate(deps: Pick<GdapDeps, 'db' | 'box' | 'clock' | 'startRequestGdap'>, o: GdapRequestOptions): Promise<{ gdap: GdapRelationshipRow; runId: string }> {
  const start = deps.startRequestGdap;
  if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running in this process; the GDAP request was not accepted.');
  const now = deps.clock.now();
  const { row, input } = await inTransaction(deps, async (repos) => {
    const template = await templateFor(repos, o.templateId);
    const tenantId = await linkedTenant(repos, o.company, template.connectionId);
    const earlier = (await repos.gdap.listRelationships(o.company.id)).filter((r) => r.templateId === template.id);
    const blocking = earlier.find((r) => LIVE_OR_PENDING.has(r.status) && r.id !== o.replaces?.id);
    if (blocking && !o.replaces) throw new AppError('CONFLICT', `A relationship from template "${template.name}" v${template.version} is already ${blocking.status}; renew or upgrade it instead.`, [{ field: 'templateId', message: 'already requested for this company' }]);
    const displayName = gdapRelationshipDisplayName({ companyId: o.company.id, templateId: template.id, templateVersion: template.version, attempt: earlier.length + 1 });
    const created = await repos.gdap.upsertRequested(
      { companyId: o.company.id, connectionId: template.connectionId, displayName, customerTenantId: tenantId, templateId: template.id, roles: template.roles, durationDays: template.durationDays, autoExtend: template.autoExtend, runId: null },
      now,
    );
    const runId = requestGdapRunId(created.id);
    const saved = await repos.gdap.saveFacts(created.id, { runId }, now);
    await o.audit(repos, {
      companyId: o.company.id,
      action: o.reason === 'renew' ? 'gdap.renewal_requested' : o.reason === 'upgrade' ? 'gdap.upgrade_requested' : 'gdap.requested',
      targetType: 'gdap_relationship',
      targetId: created.id,
      summary: `Requested GDAP "${displayName}" from template "${template.name}" v${template.version} (${template.roles.length} roles, ${template.durationDays} days${template.autoExtend ? ', auto-extend' : ''})${o.replaces ? ` to replace "${o.replaces.displayName}"` : ''}`,
      after: { displayName, templateId: template.id, templateVersion: template.version, roles: template.roles.map((r) => r.id), runId },
    });
    const input: RequestGdapFromTemplateInput = {
      rowId: created.id,
      companyId: o.company.id,
      connectionId: template.connectionId,
      customerTenantId: tenantId,
      customerName: o.company.name,
      displayName,
      template: { id: template.id, version: template.version, roles: template.roles, durationDays: template.durationDays, autoExtend: template.autoExtend, securityGroups: template.securityGroups },
      approver: o.emailCustomerAdmin && o.company.email ? { to: [o.company.email], language: o.company.language, partnerName: o.partnerName } : null,
    };
    return { row: saved, input };
  });
  const { runId } = await start(input);
  return { gdap: row, runId };
}

/** Renews a live relationship before it ends: a new request from its template (the current one stays until it ends). */
export async function renewGdapRelationship(deps: GdapDeps, o: Omit<GdapRequestOptions, 'templateId' | 'reason' | 'replaces'> & { gdapId: number }) {
  const row = await gdapRowOf(reposOf(deps), o.company.id, o.gdapId);
  if (!row.templateId) throw new AppError('CONFLICT', 'This relationship was not requested from a template; request one from a template instead.');
  const state = gdapStateOf(row.status, row.endsAt, row.autoExtend, deps.clock.now());
  if (!isGdapLive(state)) throw new AppError('CONFLICT', `Only an active or expiring relationship can be renewed; this one is ${state.replace('_', ' ')}.`);
  return requestGdapFromTemplate(deps, { ...o, templateId: row.templateId, reason: 'renew', replaces: row });
}

/** What upgrading a relationship to a template would change: the roles added and removed, and the duration and auto-extend. */
export async function previewGdapUpgrade(repos: Repos, companyId: number, gdapId: number, templateId: number) {
  const row = await gdapRowOf(repos, companyId, gdapId);
  const template = await templateFor(repos, templateId, row.connectionId);
  const names = new Map([...row.roles, ...template.roles].map((r) => [r.id.toLowerCase(), r.name]));
  const diff = gdapRoleDifference(row.roles.map((r) => r.id), template.roles.map((r) => r.id));
  const named = (ids: string[]) => ids.map((id) => ({ id, name: names.get(id) ?? id }));
  return {
    template: { id: template.id, name: template.name, version: template.version },
    added: named(diff.added),
    removed: named(diff.removed),
    kept: named(diff.kept),
    durationDays: { from: row.durationDays, to: template.durationDays },
    autoExtend: { from: row.autoExtend, to: template.autoExtend },
  };
}

/** "Upgrade to template vN": re-requests the relationship from the other template (the difference is what preview shows). */
export async function upgradeGdapRelationship(deps: GdapDeps, o: Omit<GdapRequestOptions, 'reason' | 'replaces'> & { gdapId: number }) {
  const row = await gdapRowOf(reposOf(deps), o.company.id, o.gdapId);
  if (row.templateId === o.templateId) throw new AppError('CONFLICT', 'The relationship already uses this template version; pick another to upgrade to.', [{ field: 'templateId', message: 'is the current template' }]);
  await templateFor(reposOf(deps), o.templateId, row.connectionId);
  return requestGdapFromTemplate(deps, { ...o, reason: 'upgrade', replaces: row });
}

/** Asks Microsoft to end an active relationship (Graph `terminate` request); the row follows as the check sees it. */
export async function terminateGdapRelationship(deps: GdapDeps, o: { company: CompanyRow; gdapId: number; audit: GdapAuditWriter }): Promise<GdapRelationshipRow> {
  const row = await gdapRowOf(reposOf(deps), o.company.id, o.gdapId);
  const state = gdapStateOf(row.status, row.endsAt, row.autoExtend, deps.clock.now());
  if (!row.relationshipId || !isGdapLive(state)) throw new AppError('CONFLICT', `Only an active or expiring relationship can be terminated; this one is ${state.replace('_', ' ')}.`);
  const { client } = await deps.clients.forConnection(row.connectionId);
  await client.terminateGdapRelationship(row.relationshipId);
  return inTransaction(deps, async (repos) => {
    const saved = await repos.gdap.saveFacts(row.id, { status: 'terminationRequested' }, deps.clock.now());
    await o.audit(repos, { companyId: o.company.id, action: 'gdap.terminated', targetType: 'gdap_relationship', targetId: row.id, summary: `Asked Microsoft to terminate GDAP "${row.displayName}"`, before: { status: row.status }, after: { status: saved.status } });
    return saved;
  });
}

/** Reads one relationship and its access assignments from Graph into its row (the one GDAP store). */
export async function refreshGdapRelationship(deps: GdapDeps, row: GdapRelationshipRow): Promise<GdapRelationshipRow> {
  if (!row.relationshipId) return row;
  const { client } = await deps.clients.forConnection(row.connectionId);
  const read = await graphReadOf(client, await client.getGdapRelationship(row.relationshipId));
  return (await reposOf(deps).gdap.upsertFromGraph(row.connectionId, read, deps.clock.now())) ?? row;
}

/** The CSP Hub state of a row now (created, approval pending, active, expiring, expired, terminated ...). */
export function gdapStateNow(row: GdapRelationshipRow, now: Date): GdapState | 'requested' {
  return row.status === 'requested' ? 'requested' : gdapStateOf(row.status, row.endsAt, row.autoExtend, now);
}

/**
 * The scheduled check: refreshes every relationship that is not over from Graph, then sends the
 * expiry notices due (30, 7 and 1 days before the end of one that does not auto-extend) to the
 * reseller and the distributor, each once (the row records the days sent before the message goes).
 */
export async function checkGdapRelationships(deps: GdapDeps): Promise<{ refreshed: number; notices: number; failures: number }> {
  const out = { refreshed: 0, notices: 0, failures: 0 };
  const repos = reposOf(deps);
  const root = await repos.companies.root();
  for (const before of await repos.gdap.listLive()) {
    let row = before;
    try {
      row = await refreshGdapRelationship(deps, before);
      out.refreshed++;
    } catch (e) {
      out.failures++;
      deps.logger?.warn?.({ err: e, gdapId: before.id }, 'GDAP check: relationship not refreshed');
    }
    const now = deps.clock.now();
    if (!row.endsAt || !isGdapLive(gdapStateOf(row.status, row.endsAt, row.autoExtend, now))) continue;
    const day = gdapExpiryNoticeDue(row.endsAt, now, row.autoExtend, row.noticesSent);
    if (day === null || !(await repos.gdap.markNoticeSent(row.id, day, now))) continue;
    const company = await repos.companies.get(row.companyId);
    if (!company) continue;
    const parent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
    const recipients = [parent?.kind === 'reseller' ? parent : undefined, root].filter((c): c is CompanyRow => !!c?.email);
    for (const to of recipients) {
      await deps.notifier.send({
        template: 'gdap-expiring',
        language: to.language,
        to: [to.email!],
        fields: {
          companyName: company.name,
          relationshipName: row.displayName,
          daysLeft: String(day),
          endDate: new Intl.DateTimeFormat(to.language, { dateStyle: 'long', timeZone: 'UTC' }).format(row.endsAt),
          companyUrl: `${deps.publicUrl}/companies/${company.id}?tab=gdap`,
        },
        dedupeKey: `gdap-expiring:${row.id}:${day}:${to.id}`,
        subjectId: String(company.id),
      });
      out.notices++;
    }
  }
  return out;
}

/** Runs {@link checkGdapRelationships} every `everyMs` (unref'd timer); returns how to stop it. */
export function startGdapChecks(deps: GdapDeps, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void checkGdapRelationships(deps)
      .catch((e: unknown) => deps.logger?.warn?.({ err: e }, 'GDAP check failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
