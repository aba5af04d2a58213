import { and, eq, getTableColumns, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { maskSecrets } from '@csphub/domain';
import type { Database } from './database';
import { auditLog, companies } from './schema/index';
import { insertRowsAsJson } from './json-insert';
import { jsonRowsRead } from './json-rows';

export type AuditLogRow = typeof auditLog.$inferSelect;

/** The audit log's read: whole entries with their company's name, as one JSON text (src/json-rows.ts; before and after are JSON). */
const listAsJson = jsonRowsRead({ ...getTableColumns(auditLog), companyName: companies.name }, [{ key: 'id', desc: true }]);

/** Who acted: a signed-in user, an API token, or CSP Hub itself (seed, workflows). */
export interface AuditActor {
  type: 'user' | 'api_token' | 'system';
  id: string | null;
  label: string;
}

/** One audit entry to append. Before/after are masked here, whatever the caller passes. */
export interface AuditEntry {
  at: Date;
  companyId: number;
  actor: AuditActor;
  /** Dotted past tense, e.g. `company.updated`, `company.moved`, `connection.tested`. */
  action: string;
  targetType: string;
  targetId: string | number;
  summary: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** A company as the audit visibility rule needs it: its id and its path today. */
export interface AuditScopeCompany {
  id: number;
  path: string;
}

export interface AuditQuery {
  /** Only entries of companies under this path today (internal look-ups of one company's entries). */
  pathPrefix?: string;
  /**
   * Who reads: only entries written while their company was at or under this company (the path
   * recorded on each entry). A reseller keeps its former customer's entries from before a move and
   * never sees the ones after it; the new reseller sees only those after it.
   */
  reader?: AuditScopeCompany;
  /** Only entries written while their company was at or under this company (it and its descendants). */
  within?: AuditScopeCompany;
  /** Only this company (not its descendants). */
  companyId?: number;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: entries with a smaller id. */
  beforeId?: number;
  limit: number;
}

/**
 * The append-only audit log. There is deliberately no update or delete here; the database refuses
 * them too (migration 0002).
 */
export function createAuditLogRepo(db: Database) {
  return {
    async append(entry: AuditEntry): Promise<AuditLogRow> {
      const [row] = await db.insert(auditLog).values(toRow(entry)).returning();
      return row!;
    },

    /**
     * Appends many entries in one statement, chained in the order given (the chain trigger numbers
     * and hashes each row as it is inserted): one audit entry per change, at the cost of one insert.
     */
    async appendMany(entries: AuditEntry[]): Promise<void> {
      for (let i = 0; i < entries.length; i += 1000) {
        await insertRowsAsJson(db, auditLog, entries.slice(i, i + 1000).map(toRow));
      }
    },

    /** Entries newest first, with the company's name, filtered as asked. */
    async list(q: AuditQuery): Promise<(AuditLogRow & { companyName: string })[]> {
      const where: SQL[] = [];
      if (q.pathPrefix !== undefined) where.push(like(companies.path, `${q.pathPrefix}%`));
      if (q.reader) where.push(...recordedUnder(q.reader));
      if (q.within) where.push(...recordedUnder(q.within));
      if (q.companyId !== undefined) where.push(eq(auditLog.companyId, q.companyId));
      if (q.action) where.push(like(auditLog.action, `${q.action.replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
      if (q.from) where.push(gte(auditLog.at, q.from));
      if (q.to) where.push(lte(auditLog.at, q.to));
      if (q.beforeId !== undefined) where.push(lt(auditLog.id, q.beforeId));
      return listAsJson(db, sql`from ${auditLog} inner join ${companies} on ${companies.id} = ${auditLog.companyId}${where.length > 0 ? sql` where ${and(...where)}` : sql``}`, q.limit);
    },
  };
}
/** The row of one entry; before/after masked. */
function toRow(entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: entry.at,
    companyId: entry.companyId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    summary: entry.summary,
    before: entry.before === undefined ? null : maskSecrets(entry.before),
    after: entry.after === undefined ? null : maskSecrets(entry.after),
    requestId: entry.requestId ?? null,
  };
}

/**
 * Entries whose recorded path (the company's path when the entry was written) runs through
 * `company`. The exact test is the `/id/` segment; the prefix of its path today (or the company
 * itself, for a customer that moved) only lets the path index narrow the rows first.
 */
function recordedUnder(company: AuditScopeCompany): SQL[] {
  const id = Math.trunc(company.id);
  return [
    or(like(auditLog.companyPath, `${company.path.replace(/[%_\\]/g, (m) => `\\${m}`)}%`), eq(auditLog.companyId, id))!,
    sql`${auditLog.companyPath} like ${`%/${id}/%`}`,
  ];
}

export type AuditLogRepo = ReturnType<typeof createAuditLogRepo>;
