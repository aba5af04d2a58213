import { sql, type SQL } from 'drizzle-orm';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '@csphub/domain';
import { rowsOf } from './companies.repo';
import type { Database } from './database';

/** Days a relationship counts as expiring, and Microsoft's limit on a pending reseller invitation. */
export const EXPIRING_WITHIN_DAYS = 30;
export const INVITATION_LIMIT_DAYS = 90;

/** Runs a read and returns its rows (PGlite and node-postgres shapes alike). */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
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
 * Each active customer of the subtree with one state from its accounts in every connection: a
 * failed sync needs attention, one in progress is provisioning, a synced one is ready, and otherwise
 * it is not ready with the stored reason (`never-provisioned` when no connection was ever tried).
 */
export function customerStates(path: string): SQL {
  return sql`
    select c.id as "companyId", c.name as "name", p.name as "parentName", c.created_at as "createdAt",
      case when bool_or(o.sync_status = 'failed') then 'needs_attention'
           when bool_or(o.sync_status = 'in_progress') then 'provisioning'
           when bool_or(o.sync_status = 'synced') then 'ready'
           else 'not_ready' end as "state",
      case when bool_or(o.sync_status in ('failed', 'in_progress', 'synced')) then max(o.failure_reason)
           else coalesce(max(o.failure_reason), case when count(o.company_id) = 0 then 'never-provisioned' else 'not-synced' end) end as "reason",
      max(o.tenant_id) as "tenantId", max(o.last_attempt_at) as "lastAttemptAt"
    from companies c
    left join companies p on p.id = c.parent_id
    left join account_sync_options o on o.company_id = c.id
    where c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
    group by c.id, c.name, p.name, c.created_at`;
}

/**
 * GDAP relationships of the subtree's customers (the one store, `gdap_relationships`, rows Graph
 * has an id for), with the finding flags the cockpit filters on: Global Administrator among the
 * roles, and the access assignments not being deleted of a live relationship (null otherwise).
 */
export function gdapRows(path: string, now: Date): SQL {
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000);
  return sql`
    select g.connection_id as "connectionId", g.relationship_id as "relationshipId", g.company_id as "companyId",
      c.name as "companyName", g.customer_name as "customerName", g.display_name as "displayName", g.status as "status",
      g.ends_at as "endsAt", exists (select 1 from jsonb_array_elements(g.roles) r where lower(r->>'id') = ${GLOBAL_ADMINISTRATOR_ROLE_ID}) as "hasGlobalAdmin",
      g.auto_extend as "autoExtend",
      case when g.status in ('active', 'expiring')
        then (select count(*) from jsonb_array_elements(g.access_assignments) a where coalesce(a->>'status', '') not in ('deleted', 'deleting'))::int end as "accessAssignments",
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
 * The MCA of each active customer of the subtree with a Microsoft tenant, from what the runs stored:
 * `accepted` when an account of it is synced (a run syncs an account only once the MCA is accepted
 * or attested), otherwise `missing`; with the new-tenant run waiting for the customer to accept
 * (`runId`, since when, age in days) when there is one.
 */
export function mcaRows(path: string, now: Date): SQL {
  return sql`
    select c.id as "companyId", c.name as "companyName",
      case when a.synced then 'accepted' else 'missing' end as "mcaStatus",
      w.id as "runId", w.updated_at as "since",
      floor(extract(epoch from (${now}::timestamptz - w.updated_at)) / 86400)::int as "ageDays"
    from companies c
    left join (select o.company_id, bool_or(o.sync_status = 'synced') as synced, bool_or(o.tenant_id is not null) as tenant
               from account_sync_options o group by o.company_id) a on a.company_id = c.id
    left join (select r.subject_id, (array_agg(r.id order by r.updated_at))[1] as id, min(r.updated_at) as updated_at
               from workflow_runs r
               where r.kind = 'provision-tenant' and r.state = 'running' and r.current_step = 'await-mca-acceptance'
               group by r.subject_id) w on w.subject_id = c.id::text
    where c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
      and (a.synced or a.tenant or w.id is not null)`;
}

/**
 * The subtree's resellers with their partner-of-record verdict and how many active customers each
 * has (its own and its sub-resellers'): every customer counts once for each company on its path, so
 * one pass over the customers replaces a prefix scan per reseller.
 */
export function resellerRows(path: string): SQL {
  return sql`
    with counts as (
      select a.id as id, count(*)::int as n
      from companies k, unnest(string_to_array(trim(both '/' from k.path), '/')) as a(id)
      where k.kind = 'customer' and k.status = 'active' and k.path like ${subtreeOf(path)}
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
