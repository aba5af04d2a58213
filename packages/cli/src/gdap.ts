import type { Api } from './api';

/** A relationship as `GET /api/v1/companies/{id}/gdap` answers it (the fields the command shows). */
export interface GdapRelationshipItem {
  id: number;
  /** Graph's id, once the run has created it. */
  relationshipId: string | null;
  displayName: string;
  state: string;
  status: string;
  roles: { id: string; name: string }[];
  template: { id: number; name: string; version: number } | null;
  durationDays: number;
  autoExtend: boolean;
  approvalUrl: string | null;
  runId: string | null;
  endsAt: string | null;
}

/** A template as `GET /api/v1/gdap/templates` answers it. */
export interface GdapTemplateItem {
  id: number;
  connectionId: string;
  name: string;
  version: number;
  roles: { id: string; name: string }[];
  durationDays: number;
  autoExtend: boolean;
  isDefault: boolean;
}

/** States after which a relationship will never get an approval link. */
const OVER = new Set(['expired', 'terminating', 'terminated']);

/** Lines of a plain-text table: each column as wide as its widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

export async function listGdap(api: Api, companyId: number): Promise<GdapRelationshipItem[]> {
  return (await api.get<{ items: GdapRelationshipItem[] }>(`/api/v1/companies/${companyId}/gdap`)).items;
}

export function gdapTable(items: GdapRelationshipItem[]): string {
  if (items.length === 0) return 'No GDAP relationships.\n';
  return table(
    ['id', 'name', 'state', 'roles', 'ends', 'auto-extend', 'template'],
    items.map((r) => [String(r.id), r.displayName, r.state, String(r.roles.length), r.endsAt?.slice(0, 10) ?? '-', r.autoExtend ? 'yes' : 'no', r.template ? `${r.template.name} v${r.template.version}` : '-']),
  );
}

export async function listTemplates(api: Api): Promise<GdapTemplateItem[]> {
  return (await api.get<{ items: GdapTemplateItem[] }>('/api/v1/gdap/templates')).items;
}

export function templatesTable(items: GdapTemplateItem[]): string {
  return table(
    ['id', 'name', 'version', 'roles', 'days', 'auto-extend', 'default', 'connection'],
    items.map((t) => [String(t.id), t.name, String(t.version), String(t.roles.length), String(t.durationDays), t.autoExtend ? 'yes' : 'no', t.isDefault ? 'yes' : '', t.connectionId]),
  );
}

/** How long to wait for a new relationship's approval link, and how often to look. */
export interface ApprovalWait {
  /** How long to wait for the approval link (the run asks Microsoft for it after the request is accepted). */
  waitMs: number;
  pollMs?: number;
}

export interface GdapRequestOptions extends ApprovalWait {
  companyId: number;
  templateId: number;
  /** E-mail the approval link to the company's address too. */
  emailCustomerAdmin: boolean;
}

/** What a request, a renewal or an upgrade answers: the new relationship and its run. */
export interface GdapStarted {
  relationship: GdapRelationshipItem;
  runId: string;
}

/**
 * Reads the company's relationships until the run of a new one has the approval link from
 * Microsoft, or `waitMs` passes (the relationship is returned as last read; its link shows later
 * in `gdap list --json`).
 */
async function withApprovalLink(api: Api, companyId: number, started: GdapStarted, o: ApprovalWait): Promise<GdapStarted> {
  let relationship = started.relationship;
  const deadline = Date.now() + o.waitMs;
  while (!relationship.approvalUrl && !OVER.has(relationship.state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 1000));
    relationship = (await listGdap(api, companyId)).find((r) => r.id === started.relationship.id) ?? relationship;
  }
  return { relationship, runId: started.runId };
}

/** Requests a relationship from a template (`POST /api/v1/companies/{id}/gdap`) and waits for its approval link. */
export async function requestGdap(api: Api, o: GdapRequestOptions): Promise<GdapStarted> {
  const started = await api.post<GdapStarted>(`/api/v1/companies/${o.companyId}/gdap`, { templateId: o.templateId, emailCustomerAdmin: o.emailCustomerAdmin });
  return withApprovalLink(api, o.companyId, started, o);
}

const actionsPath = (companyId: number, gdapId: number) => `/api/v1/companies/${companyId}/gdap/${gdapId}/actions`;

export interface GdapActionTarget {
  companyId: number;
  /** CSP Hub's id of the relationship (the `id` column of `gdap list`). */
  gdapId: number;
}

/**
 * Renews a live relationship before it ends: a new request from its template (the current one stays
 * until it ends); waits for the new relationship's approval link.
 */
export async function renewGdap(api: Api, o: GdapActionTarget & ApprovalWait & { emailCustomerAdmin: boolean }): Promise<GdapStarted> {
  const started = await api.post<GdapStarted>(actionsPath(o.companyId, o.gdapId), { action: 'renew', emailCustomerAdmin: o.emailCustomerAdmin });
  return withApprovalLink(api, o.companyId, started, o);
}

/** What upgrading to a template version changes (`GET …/upgrade-preview`): roles added, removed and kept, duration, auto-extend. */
export interface GdapUpgradePreview {
  template: { id: number; name: string; version: number };
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  kept: { id: string; name: string }[];
  durationDays: { from: number; to: number };
  autoExtend: { from: boolean; to: boolean };
}

export async function previewGdapUpgrade(api: Api, o: GdapActionTarget & { templateId: number }): Promise<GdapUpgradePreview> {
  return api.get<GdapUpgradePreview>(`/api/v1/companies/${o.companyId}/gdap/${o.gdapId}/upgrade-preview?templateId=${o.templateId}`);
}

export function upgradePreviewText(p: GdapUpgradePreview): string {
  const names = (roles: { name: string }[]) => (roles.length === 0 ? '-' : roles.map((r) => r.name).join(', '));
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return table(
    ['', 'upgrade to', `${p.template.name} v${p.template.version}`],
    [
      ['roles added', String(p.added.length), names(p.added)],
      ['roles removed', String(p.removed.length), names(p.removed)],
      ['roles kept', String(p.kept.length), names(p.kept)],
      ['days', `${p.durationDays.from} -> ${p.durationDays.to}`, ''],
      ['auto-extend', `${yesNo(p.autoExtend.from)} -> ${yesNo(p.autoExtend.to)}`, ''],
    ],
  );
}

/** Re-requests the relationship from another template version; waits for the new relationship's approval link. */
export async function upgradeGdap(api: Api, o: GdapActionTarget & ApprovalWait & { templateId: number; emailCustomerAdmin: boolean }): Promise<GdapStarted> {
  const started = await api.post<GdapStarted>(actionsPath(o.companyId, o.gdapId), { action: 'upgrade', templateId: o.templateId, emailCustomerAdmin: o.emailCustomerAdmin });
  return withApprovalLink(api, o.companyId, started, o);
}

/** Asks Microsoft to end an active relationship; the answer is the relationship, terminating. */
export async function terminateGdap(api: Api, o: GdapActionTarget): Promise<GdapRelationshipItem> {
  return (await api.post<{ relationship: GdapRelationshipItem }>(actionsPath(o.companyId, o.gdapId), { action: 'terminate' })).relationship;
}
