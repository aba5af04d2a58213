import { isWithinPath } from '@csphub/domain';
import type { BulkJobRow, CompanyRow, GdapTemplateRow, Repos } from '@csphub/db';
import { REQUEST_GDAP_WORKFLOW, requestGdapRunId, type BulkItemFollowUp, type RequestGdapFromTemplateInput } from '@csphub/provisioning';
import { LIVE_OR_PENDING, requestGdapFromTemplate, type GdapAuditWriter } from '../gdap/gdap-relationships';
import type { ServerDeps } from '../app/server-deps';
import { reposOf } from '../app/server-deps';
import { skipped, type PlannedItem } from './bulk-plan-item';

/** What the person chose for a "request GDAP from a template" job: a template (null: each connection's default) and the approval e-mail. */
export interface GdapRequestJobOptions {
  templateId: number | null;
  emailCustomerAdmin: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The options a job was started with (absent on jobs of other actions). */
export function gdapRequestOptionsOf(job: Pick<BulkJobRow, 'options'>): GdapRequestJobOptions {
  return { templateId: job.options?.templateId ?? null, emailCustomerAdmin: job.options?.emailCustomerAdmin ?? false };
}

/** `<companyId>/<connectionId>`, the key of a row of the cockpit's "reseller relationship without GDAP" list. */
function parseTenantKey(key: string): { companyId: number; connectionId: string } | undefined {
  const m = /^(\d{1,9})\/(.+)$/.exec(key);
  return m && UUID.test(m[2]!) ? { companyId: Number(m[1]), connectionId: m[2]! } : undefined;
}

async function templateOf(repos: Repos, connectionId: string, templateId: number | null): Promise<GdapTemplateRow | undefined> {
  return templateId === null ? repos.gdap.defaultTemplate(connectionId) : repos.gdap.getTemplate(templateId);
}

/**
 * The dry run of one customer tenant: the template that will be requested for it, or why none
 * will. A customer outside the caller's subtree is `not-found`, as if it did not exist; a tenant
 * that already has a relationship requested or live on that connection has nothing to do (a second
 * request would be a duplicate), which also makes a replayed item a no-op.
 */
export async function planGdapRequest(repos: Repos, scope: Pick<CompanyRow, 'path'>, itemKey: string, options: GdapRequestJobOptions): Promise<PlannedItem> {
  const key = parseTenantKey(itemKey);
  const company = key ? await repos.companies.get(key.companyId) : undefined;
  if (!key || !company || company.kind !== 'customer' || company.status !== 'active' || !isWithinPath(company.path, scope.path)) return skipped(itemKey, 'not-found');
  const link = await repos.syncOptions.get(company.id, key.connectionId);
  if (!link?.tenantId) return skipped(itemKey, 'no-tenant', company.name, company.id);
  const template = await templateOf(repos, key.connectionId, options.templateId);
  if (!template) return skipped(itemKey, options.templateId === null ? 'no-template' : 'not-found', company.name, company.id);
  const named = `${template.name} v${template.version}`;
  if (template.connectionId !== key.connectionId) return skipped(itemKey, 'template-other-connection', company.name, company.id, named);
  const existing = (await repos.gdap.listRelationships(company.id)).find((r) => r.connectionId === key.connectionId && LIVE_OR_PENDING.has(r.status));
  if (existing) return skipped(itemKey, 'nothing-to-do', company.name, company.id, `${existing.displayName}: ${existing.status}`);
  return { itemKey, companyId: company.id, label: company.name, will: ['request-gdap'], skip: null, detail: named };
}

/**
 * Requests GDAP for one tenant through the GDAP service (the company page's path too: the row,
 * its display name and its audit entry in one transaction). The durable run is not started here:
 * a bulk item is a step, and a step cannot start a run, so the item hands the run's input back and
 * the bulk run starts it by its business id (`request-gdap:<row>`).
 */
export async function requestGdapItem(deps: Pick<ServerDeps, 'db' | 'box' | 'clock'>, job: BulkJobRow, itemKey: string, audit: GdapAuditWriter): Promise<{ outcome: Record<string, unknown>; start: BulkItemFollowUp }> {
  const repos = reposOf(deps);
  const options = gdapRequestOptionsOf(job);
  const { companyId, connectionId } = parseTenantKey(itemKey)!;
  const company = (await repos.companies.get(companyId))!;
  const template = (await templateOf(repos, connectionId, options.templateId))!;
  let handed: RequestGdapFromTemplateInput | undefined;
  const { gdap, runId } = await requestGdapFromTemplate(
    {
      ...deps,
      startRequestGdap: async (input) => {
        handed = input;
        return { runId: requestGdapRunId(input.rowId) };
      },
    },
    { company, templateId: template.id, emailCustomerAdmin: options.emailCustomerAdmin, partnerName: (await repos.companies.root())?.name ?? 'Your partner', audit },
  );
  return {
    outcome: { gdapId: gdap.id, displayName: gdap.displayName, template: `${template.name} v${template.version}`, runId },
    start: { workflow: REQUEST_GDAP_WORKFLOW, workflowId: runId, input: handed },
  };
}
