import type { Api } from './api';

/** A relationship as `GET /api/v1/companies/{id}/gdap` answers it (the fields the command shows). */
export interface GdapRelationshipItem {
  id: number;
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

export interface GdapRequestOptions {
  companyId: number;
  templateId: number;
  /** E-mail the approval link to the company's address too. */
  emailCustomerAdmin: boolean;
  /** How long to wait for the approval link (the run asks Microsoft for it after the request is accepted). */
  waitMs: number;
  pollMs?: number;
}

/**
 * Requests a relationship from a template (`POST /api/v1/companies/{id}/gdap`), then reads the
 * company's relationships until the run has the approval link from Microsoft, or `waitMs` passes
 * (the relationship is returned as last read; its link shows later in `gdap list --json`).
 */
export async function requestGdap(api: Api, o: GdapRequestOptions): Promise<{ relationship: GdapRelationshipItem; runId: string }> {
  const started = await api.post<{ relationship: GdapRelationshipItem; runId: string }>(`/api/v1/companies/${o.companyId}/gdap`, { templateId: o.templateId, emailCustomerAdmin: o.emailCustomerAdmin });
  let relationship = started.relationship;
  const deadline = Date.now() + o.waitMs;
  while (!relationship.approvalUrl && !OVER.has(relationship.state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 1000));
    relationship = (await listGdap(api, o.companyId)).find((r) => r.id === started.relationship.id) ?? relationship;
  }
  return { relationship, runId: started.runId };
}
