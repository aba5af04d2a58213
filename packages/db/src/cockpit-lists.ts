import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database';
import { GAP_OF, gdapRows, iso, licenceRows, orderRows, pendingAuthorizations, relationshipGapRows, resellerRows, rows, subscriptionTermRows, INVITATION_LIMIT_DAYS, RENEWING_SOON_DAYS } from './cockpit-sql';
import { customerStates, mcaRows, MCA_OF, STATE_OF } from './cockpit-accounts-sql';
import { COCKPIT_CUSTOMER_STATES, COCKPIT_MCA_STATUSES, COCKPIT_RELATIONSHIP_GAPS, END_OF_TERM_OUTCOMES } from '@csphub/domain';
import { writeCsv } from '@csphub/domain/csv';

type Cell = string | number | boolean | null;

interface ListDefinition {
  /** The rows of the subtree (`path`) at `now`, before the filter. */
  base: (path: string, now: Date) => SQL;
  /** Filter name to a condition on the base's columns; the first is the default. */
  filters: Record<string, SQL>;
  /** The columns shown and sortable, in order; the first is the default sort. */
  columns: readonly string[];
  /** Columns that together name a row (for bulk selections). */
  key: readonly string[];
}

const t = sql`true`;

/** Every list the cockpit's numbers link to: the same queries the summary counts. */
export const COCKPIT_LISTS = {
  customers: {
    base: customerStates,
    filters: { all: t, ...Object.fromEntries(COCKPIT_CUSTOMER_STATES.map((s) => [s, sql`state = ${STATE_OF[s]}`])) },
    columns: ['name', 'companyId', 'parentName', 'state', 'reason', 'tenantId', 'lastAttemptAt', 'createdAt'],
    key: ['companyId'],
  },
  gdap: {
    base: gdapRows,
    filters: {
      active: sql`status in ('active', 'expiring')`,
      expiring_30_days: sql`"expiringSoon"`,
      expired: sql`status = 'expired'`,
      global_admin: sql`"hasGlobalAdmin" and status in ('active', 'expiring')`,
      without_access_assignments: sql`status in ('active', 'expiring') and "accessAssignments" = 0`,
      all: t,
    },
    columns: ['endsAt', 'companyName', 'displayName', 'status', 'hasGlobalAdmin', 'autoExtend', 'accessAssignments', 'companyId', 'customerName', 'relationshipId', 'connectionId'],
    key: ['connectionId', 'relationshipId'],
  },
  authorizations: {
    base: pendingAuthorizations,
    filters: {
      pending: t,
      under_30_days: sql`"ageDays" < 30`,
      from_30_to_60_days: sql`"ageDays" >= 30 and "ageDays" < 60`,
      from_60_to_90_days: sql`"ageDays" >= 60 and "ageDays" < ${INVITATION_LIMIT_DAYS}`,
      over_90_days: sql`"ageDays" >= ${INVITATION_LIMIT_DAYS}`,
    },
    columns: ['ageDays', 'companyName', 'resellerName', 'createdAt', 'sentAt', 'sendCount', 'lastCheckResult', 'companyId', 'id'],
    key: ['id'],
  },
  mca: {
    base: mcaRows,
    filters: {
      pending_acceptance: sql`"runId" is not null`,
      ...Object.fromEntries(COCKPIT_MCA_STATUSES.map((s) => [s, sql`"mcaStatus" = ${MCA_OF[s]}`])),
    },
    columns: ['ageDays', 'companyName', 'mcaStatus', 'acceptedVersion', 'acceptedAt', 'since', 'companyId', 'runId'],
    key: ['companyId'],
  },
  resellers: {
    base: (path: string) => resellerRows(path),
    filters: { all: t, por_eligible: sql`"porStatus" = 'eligible'`, por_ineligible: sql`"porStatus" = 'ineligible'`, por_unchecked: sql`"porStatus" is null` },
    columns: ['name', 'companyId', 'customers', 'partnerLocationId', 'partnerId', 'porStatus', 'porCheckedAt', 'porError'],
    key: ['companyId'],
  },
  orders: {
    base: (path: string) => orderRows(path),
    filters: { in_progress: sql`status in ('submitted', 'in_progress')`, failed: sql`status in ('failed', 'needs_attention')` },
    columns: ['createdAt', 'reference', 'companyName', 'status', 'errorMessage', 'updatedAt', 'companyId', 'orderId'],
    key: ['orderId'],
  },
  subscriptions_ending: {
    base: subscriptionTermRows,
    filters: {
      next_60_days: t,
      auto_renew_off_30_days: sql`not "autoRenew" and "daysLeft" < ${RENEWING_SOON_DAYS}`,
      ...Object.fromEntries(END_OF_TERM_OUTCOMES.map((o) => [o, sql`outcome = ${o}`])),
    },
    columns: ['termEndsAt', 'companyName', 'productName', 'quantity', 'outcome', 'nextQuantity', 'autoRenew', 'daysLeft', 'companyId', 'subscriptionId', 'connectionId'],
    key: ['connectionId', 'subscriptionId'],
  },
  licences: {
    base: (path: string) => licenceRows(path),
    filters: { unused: sql`unused > 0`, all: t },
    columns: ['companyName', 'bought', 'assigned', 'unused', 'skus', 'readAt', 'companyId'],
    key: ['companyId'],
  },
  relationships: {
    base: (path: string) => relationshipGapRows(path),
    filters: Object.fromEntries(COCKPIT_RELATIONSHIP_GAPS.map((g) => [g, sql`gap = ${GAP_OF[g]}`])),
    columns: ['companyName', 'gap', 'tenantId', 'connectionName', 'liveRelationships', 'companyId', 'connectionId'],
    key: ['companyId', 'connectionId'],
  },
} satisfies Record<string, ListDefinition>;

export type CockpitListName = keyof typeof COCKPIT_LISTS;
export const COCKPIT_LIST_NAMES = Object.keys(COCKPIT_LISTS) as [CockpitListName, ...CockpitListName[]];

export interface CockpitListQuery {
  filter?: string | undefined;
  sort?: string | undefined;
  dir?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

/** Why a list request cannot be answered: the field and what it may be. */
export class CockpitListInputError extends Error {
  constructor(
    readonly field: 'filter' | 'sort',
    readonly allowed: readonly string[],
  ) {
    super(`${field} must be one of: ${allowed.join(', ')}`);
  }
}

/**
 * One page of a cockpit list for the subtree: filtered, sorted by one of its columns (then by its
 * key, so pages are stable) and counted. Filter and sort come from fixed tables, never from the
 * request's text.
 */
export async function cockpitList(db: Database, name: CockpitListName, path: string, now: Date, q: CockpitListQuery) {
  const def: ListDefinition = COCKPIT_LISTS[name];
  const filterNames = Object.keys(def.filters);
  const filter = q.filter ?? filterNames[0]!;
  if (!filterNames.includes(filter)) throw new CockpitListInputError('filter', filterNames);
  const sort = q.sort ?? def.columns[0]!;
  if (!def.columns.includes(sort)) throw new CockpitListInputError('sort', def.columns);
  const dir = q.dir === 'desc' ? sql.raw('desc nulls last') : sql.raw('asc nulls last');
  const order = sql.join([sql`${sql.identifier(sort)} ${dir}`, ...def.key.map((k) => sql`${sql.identifier(k)} asc`)], sql`, `);
  const filtered = sql`select * from (${def.base(path, now)}) b where ${def.filters[filter]!}`;
  // One pass: the page and the total together (`count(*) over ()` is taken before limit and
  // offset), rather than evaluating the base twice. Only a page past the end asks for the count alone.
  const page = await rows<Record<string, unknown> & { __total: number }>(db, sql`select f.*, count(*) over ()::int as "__total" from (${filtered}) f order by ${order} limit ${q.limit} offset ${q.offset}`);
  const total = page[0]?.__total ?? (q.offset > 0 ? ((await rows<{ n: number }>(db, sql`select count(*)::int as "n" from (${filtered}) f`))[0]?.n ?? 0) : 0);
  return {
    list: name,
    filter,
    filters: filterNames,
    sort,
    dir: q.dir ?? 'asc',
    total,
    columns: [...def.columns],
    key: [...def.key],
    rows: page.map((r) => Object.fromEntries(def.columns.map((c) => [c, cell(r[c])])) as Record<string, Cell>),
  };
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return iso(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** RFC 4180 CSV of a list's rows, with a formula-injection guard for spreadsheet programs. */
export function toCsv(columns: readonly string[], data: readonly Record<string, Cell>[]): string {
  return writeCsv(columns, data, { guardFormulas: true });
}
