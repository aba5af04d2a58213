import * as graphErrors from '../errors/graph-errors';

/** Graph's `$top` limit on delegatedAdminRelationships (docs/PARTNER-CENTER-REFERENCE.md §12.3). */
export const GRAPH_MAX_TOP = 300;
export const GRAPH_DEFAULT_TOP = 100;

export interface EqClause {
  path: string;
  value: string;
}

/**
 * Parses the `$filter` forms the emulator supports: `<path> eq '<value>'` joined by `and`
 * (e.g. `customer/tenantId eq '…'`, `status eq 'active'`). Anything else is 400, as Graph answers an
 * unsupported filter.
 */
export function parseEqFilter(raw: string | undefined, allowedPaths: readonly string[]): EqClause[] {
  if (raw === undefined || raw.trim() === '') return [];
  const parts = raw.split(/\s+and\s+/i);
  return parts.map((part) => {
    const m = /^\s*([A-Za-z]+(?:\/[A-Za-z]+)?)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(part);
    if (!m) throw graphErrors.graphInvalidFilter(`'${part.trim()}' (supported: <property> eq '<value>' joined by 'and')`);
    const path = allowedPaths.find((p) => p.toLowerCase() === m[1]!.toLowerCase());
    if (!path) throw graphErrors.graphInvalidFilter(`filtering on '${m[1]}' is not supported (supported: ${allowedPaths.join(', ')})`);
    return { path, value: m[2]!.replace(/''/g, "'") };
  });
}

export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function parseTop(raw: string | undefined): number {
  if (raw === undefined || raw === '') return GRAPH_DEFAULT_TOP;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > GRAPH_MAX_TOP) throw graphErrors.graphBadRequest(`$top must be an integer between 1 and ${GRAPH_MAX_TOP}.`);
  return n;
}

export function parseSkipToken(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const n = Number(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw graphErrors.graphBadRequest('The $skipToken is not valid.');
  return n;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

/** `$orderby=<property> [asc|desc]` on the allowed properties. */
export function parseOrderBy(raw: string | undefined, allowed: readonly string[]): { path: string; desc: boolean } | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const m = /^\s*([A-Za-z/]+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const path = m ? allowed.find((p) => p.toLowerCase() === m[1]!.toLowerCase()) : undefined;
  if (!m || !path) throw graphErrors.graphBadRequest(`$orderby '${raw}' is not supported (supported: ${allowed.join(', ')}).`);
  return { path, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
}

/** `$select`: keeps the listed properties plus `id` and OData annotations. */
export function applySelect<T extends Record<string, unknown>>(item: T, raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return item;
  const wanted = new Set(raw.split(',').map((s) => s.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || k.startsWith('@') || wanted.has(k.toLowerCase())));
}
