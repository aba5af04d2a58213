import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { COCKPIT_RELATIONSHIP_GAPS } from '@csphub/domain';
import { rowsOf } from './companies.repo';
import type { Database } from './database';

/** Days a relationship counts as expiring, and Microsoft's limit on a pending reseller invitation. */
export const EXPIRING_WITHIN_DAYS = 30;
export const INVITATION_LIMIT_DAYS = 90;

/**
 * Each value of a fixed list (packages/domain's cockpit values, never request text) as an SQL
 * literal, so the cockpit's `case` results and filters can only be values of those lists.
 */
export function literals<const T extends string>(values: readonly T[]): { [K in T]: SQL } {
  return Object.fromEntries(
    values.map((v) => {
      if (!/^[A-Za-z_-]+$/.test(v)) throw new Error(`not a plain code: ${v}`);
      return [v, sql.raw(`'${v}'`)];
    }),
  ) as { [K in T]: SQL };
}

/** Runs a read and returns its rows (PGlite and node-postgres shapes alike). */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

type Queued = { query: SQL; resolve: (rows: unknown[]) => void; reject: (e: unknown) => void };

/**
 * `rows` for reads asked for together (in one `Promise.all`). On PostgreSQL each is its own
 * statement, run side by side on the pool. On the embedded database, where every statement costs a
 * fixed part of a millisecond of CPU (docs/THROUGHPUT.md, "Reads") and they would run one after the
 * other anyway, the reads asked for in the same tick go as one statement, each read's rows a JSON
 * array in a column of its own (in the order the read gives them). Every read must give its columns
 * as JSON keeps them: numbers cast to `int` (not `numeric` or `bigint`), times read through `iso`.
 */
export function readsTogether(db: Database): { rows<T>(query: SQL): Promise<T[]> } {
  if (!((db as { $client?: unknown }).$client instanceof PGlite))
    return { rows: <T>(query: SQL) => rows<T>(db, query) };
  const queued: Queued[] = [];
  const flush = async () => {
    const batch = queued.splice(0);
    try {
      const columns = batch.map(
        (b, i) =>
          sql`(select coalesce(json_agg(q), '[]'::json) from (${b.query}) q) as ${sql.identifier(`r${i}`)}`,
      );
      const [row] = await rows<Record<string, unknown[]>>(db, sql`select ${sql.join(columns, sql`, `)}`);
      batch.forEach((b, i) => b.resolve(row![`r${i}`]!));
    } catch (e) {
      batch.forEach((b) => b.reject(e));
    }
  };
  return {
    rows: <T>(query: SQL) =>
      new Promise<T[]>((resolve, reject) => {
        if (queued.length === 0) queueMicrotask(() => void flush());
        queued.push({ query, resolve: resolve as (rows: unknown[]) => void, reject });
      }),
  };
}

/** `like` on the materialized path: the caller's subtree, served by `companies_path_prefix_idx`. */
export function subtreeOf(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An ISO string from what a driver returns for a timestamp (a Date, or text on some paths). */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * GDAP relationships of the subtree's customers (the one store, `gdap_relationships`, rows Graph
 * has an id for), with the finding flags the cockpit filters on: Global Administrator among the
 * roles, and the access assignments not being deleted of a live relationship (null otherwise), both
 * stored columns PostgreSQL keeps from the JSON (migration 0024) rather than a JSON walk per row.
 */
export function gdapRows(path: string, now: Date): SQL {
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000);
  return sql`
    select g.connection_id as "connectionId", g.relationship_id as "relationshipId", g.company_id as "companyId",
      c.name as "companyName", g.customer_name as "customerName", g.display_name as "displayName", g.status as "status",
      g.ends_at as "endsAt", g.has_global_admin as "hasGlobalAdmin",
      g.auto_extend as "autoExtend",
      case when g.status in ('active', 'expiring') then g.live_access_assignments end as "accessAssignments",
      (g.status in ('active', 'expiring') and not g.auto_extend and g.ends_at is not null and g.ends_at <= ${soon}) as "expiringSoon"
    from gdap_relationships g
    join companies c on c.id = g.company_id
    where g.relationship_id is not null and c.path like ${subtreeOf(path)}`;
}

/** The subtree's pending existing-tenant authorizations (invitation or authorization request) with their age. */
export function pendingAuthorizations(path: string, now: Date): SQL {
  return sql`
    select a.id as "id", a.company_id as "companyId", c.name as "companyName", r.name as "resellerName",
      a.created_at as "createdAt", a.sent_at as "sentAt", a.send_count as "sendCount", a.last_check_result as "lastCheckResult",
      floor(extract(epoch from (${now}::timestamptz - a.created_at)) / 86400)::int as "ageDays"
    from tenant_authorizations a
    join companies c on c.id = a.company_id
    left join companies r on r.id = a.reseller_company_id
    where a.state = 'pending' and c.path like ${subtreeOf(path)}`;
}

/**
 * The subtree's resellers with their partner-of-record verdict and how many active customers each
 * has (its own and its sub-resellers'): one pass counts the customers per parent, then each parent's
 * count goes to every company on the parent's path, so the path is split once per parent (tens)
 * rather than once per customer (thousands), and no reseller needs a prefix scan of its own.
 */
export function resellerRows(path: string): SQL {
  return sql`
    with per_parent as (
      select k.parent_id as id, count(*)::int as n
      from companies k
      where k.kind = 'customer' and k.status = 'active' and k.path like ${subtreeOf(path)}
      group by k.parent_id),
    counts as (
      select a.id as id, sum(pp.n)::int as n
      from per_parent pp join companies p on p.id = pp.id, unnest(string_to_array(trim(both '/' from p.path), '/')) as a(id)
      group by a.id)
    select r.id as "companyId", r.name as "name", r.partner_location_id as "partnerLocationId", r.partner_id as "partnerId",
      r.por_status as "porStatus", r.por_checked_at as "porCheckedAt", r.por_error_description as "porError",
      coalesce(n.n, 0)::int as "customers"
    from companies r
    left join counts n on n.id = r.id::text
    where r.kind = 'reseller' and r.status = 'active' and r.path like ${subtreeOf(path)}`;
}

/** The subtree's orders still moving or stopped. */
export function orderRows(path: string): SQL {
  return sql`
    select o.id as "orderId", o.reference as "reference", o.company_id as "companyId", c.name as "companyName",
      o.status as "status", o.created_at as "createdAt", o.updated_at as "updatedAt", o.error_message as "errorMessage"
    from orders o
    join companies c on c.id = o.company_id
    where o.status in ('submitted', 'in_progress', 'failed', 'needs_attention') and c.path like ${subtreeOf(path)}`;
}

/** The horizon of the list of subscriptions ending soon, and of its "auto-renew off" figure. */
export const ENDING_WITHIN_DAYS = 60;
export const RENEWING_SOON_DAYS = 30;

/**
 * Subscriptions of the subtree's customers whose term ends in the next 60 days, with what the end
 * brings (renew, cancel, the Extended Service Term, expire), from `subscription_terms` (what CSP Hub
 * last read from Partner Center).
 */
export function subscriptionTermRows(path: string, now: Date): SQL {
  const until = new Date(now.getTime() + ENDING_WITHIN_DAYS * 86_400_000);
  return sql`
    select st.subscription_id as "subscriptionId", st.connection_id as "connectionId", st.company_id as "companyId", c.name as "companyName",
      st.product_name as "productName", st.quantity as "quantity", st.next_quantity as "nextQuantity", st.auto_renew as "autoRenew",
      st.outcome as "outcome", st.term_ends_at as "termEndsAt",
      floor(extract(epoch from (st.term_ends_at - ${now}::timestamptz)) / 86400)::int as "daysLeft"
    from subscription_terms st
    join companies c on c.id = st.company_id
    where st.status in ('active', 'suspended') and st.outcome <> 'none'
      and st.term_ends_at >= ${now} and st.term_ends_at < ${until}
      and c.path like ${subtreeOf(path)}`;
}

/**
 * Each customer of the subtree whose licences have been read, with its seats summed over its
 * tenants and SKUs: bought (Microsoft's `totalUnits`), assigned (`consumedUnits`) and unused
 * (`availableUnits`: active seats nobody has), from the rows the subscription reads store.
 */
export function licenceRows(path: string): SQL {
  return sql`
    select c.id as "companyId", c.name as "companyName",
      sum(l.total_units)::int as "bought", sum(l.consumed_units)::int as "assigned", sum(l.available_units)::int as "unused",
      count(*)::int as "skus", max(l.read_at) as "readAt"
    from tenant_licences l join companies c on c.id = l.company_id
    where c.kind = 'customer' and c.path like ${subtreeOf(path)}
    group by c.id, c.name`;
}

/** The gaps between reseller relationship and GDAP the relationship list and its figures name (packages/domain). */
export const GAP_OF = literals(COCKPIT_RELATIONSHIP_GAPS);

/**
 * Each customer of the subtree and connection where the reseller relationship and GDAP disagree,
 * from stored data only: a reseller relationship is a tenant CSP Hub linked or created in that
 * connection (`account_sync_options.tenant_id`); GDAP is a live (active or expiring) relationship
 * read from Graph or created by a run. `reseller_without_gdap`: a tenant and no live relationship;
 * `gdap_without_reseller`: a live relationship and no tenant.
 */
export function relationshipGapRows(path: string): SQL {
  return sql`
    with reseller as (
      select o.company_id, o.connection_id, o.tenant_id
      from account_sync_options o join companies c on c.id = o.company_id
      where o.tenant_id is not null and c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}),
    live as (
      select g.company_id, g.connection_id, max(g.customer_tenant_id) as tenant_id, count(*)::int as n
      from gdap_relationships g join companies c on c.id = g.company_id
      where g.relationship_id is not null and g.status in ('active', 'expiring') and c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
      group by g.company_id, g.connection_id)
    select c.id as "companyId", c.name as "companyName",
      case when l.company_id is null then ${GAP_OF.reseller_without_gdap} else ${GAP_OF.gdap_without_reseller} end as "gap",
      coalesce(r.tenant_id, l.tenant_id) as "tenantId", k.name as "connectionName", coalesce(l.n, 0)::int as "liveRelationships",
      k.id as "connectionId"
    from reseller r
    full join live l on l.company_id = r.company_id and l.connection_id = r.connection_id
    join companies c on c.id = coalesce(r.company_id, l.company_id)
    join connections k on k.id = coalesce(r.connection_id, l.connection_id)
    where r.company_id is null or l.company_id is null`;
}
