import { sql, type SQL } from 'drizzle-orm';
import { COCKPIT_CUSTOMER_STATES, COCKPIT_MCA_STATUSES, COCKPIT_NOT_READY_REASONS } from '@csphub/domain';
import { literals, subtreeOf } from './cockpit-sql';

/** The customer states, not-ready reasons and MCA statuses the SQL below can give (packages/domain). */
export const STATE_OF = literals(COCKPIT_CUSTOMER_STATES);
export const MCA_OF = literals(COCKPIT_MCA_STATUSES);
const REASON_OF = literals(COCKPIT_NOT_READY_REASONS);

/*
 * The per-customer facts of the cockpit's customer and MCA figures, from one grouping of each
 * active customer of the subtree with its accounts (`account_sync_options`, one per connection) and
 * their connections. The lists use them one at a time; the summary takes both from one pass
 * (`accountFigures`). The expressions are shared so the figures and their lists count the same rows.
 */

/** A failed sync needs attention, one in progress is provisioning, a synced one is ready, otherwise not ready. */
const STATE = sql`case when bool_or(o.sync_status = 'failed') then ${STATE_OF.needs_attention}
           when bool_or(o.sync_status = 'in_progress') then ${STATE_OF.provisioning}
           when bool_or(o.sync_status = 'synced') then ${STATE_OF.ready}
           else ${STATE_OF.not_ready} end`;

/** The stored reason, or `never-provisioned` when no connection was ever tried. */
const REASON = sql`case when bool_or(o.sync_status in ('failed', 'in_progress', 'synced')) then max(o.failure_reason)
           else coalesce(max(o.failure_reason), case when count(o.company_id) = 0 then ${REASON_OF['never-provisioned']} else ${REASON_OF['not-synced']} end) end`;

/**
 * `needs_reacceptance` when the version accepted in a connection (`mca_template_id`) is not the
 * current one that connection's Partner Center lists (docs/PARTNER-CENTER-REFERENCE.md §5.6);
 * otherwise `accepted` when an account is synced (a run syncs an account only once the MCA is
 * accepted or attested) or its recorded version is the current one; otherwise `missing`.
 */
const MCA_STATUS = sql`case when bool_or(o.mca_template_id <> k.mca_template_id) then ${MCA_OF.needs_reacceptance}
           when bool_or(o.sync_status = 'synced') or bool_or(o.mca_template_id = k.mca_template_id) then ${MCA_OF.accepted} else ${MCA_OF.missing} end`;

/** The customers the MCA figures are about: with a Microsoft tenant, or a new-tenant run waiting for the acceptance. */
const MCA_LISTED = sql`(bool_or(o.sync_status = 'synced') or bool_or(o.tenant_id is not null) or w.id is not null)`;

/** The new-tenant runs waiting for the customer to accept the MCA, the oldest per customer (a handful: served by the kind/state index). */
const MCA_WAITING = sql`(select r.subject_id, (array_agg(r.id order by r.updated_at))[1] as id, min(r.updated_at) as updated_at
               from workflow_runs r
               where r.kind = 'provision-tenant' and r.state = 'running' and r.current_step = 'await-mca-acceptance'
               group by r.subject_id)`;

const ageDays = (now: Date) => sql`floor(extract(epoch from (${now}::timestamptz - w.updated_at)) / 86400)::int`;

/** Each active customer of the subtree with one state from its accounts in every connection. */
export function customerStates(path: string): SQL {
  return sql`
    select c.id as "companyId", c.name as "name", p.name as "parentName", c.created_at as "createdAt",
      ${STATE} as "state", ${REASON} as "reason",
      max(o.tenant_id) as "tenantId", max(o.last_attempt_at) as "lastAttemptAt"
    from companies c
    left join companies p on p.id = c.parent_id
    left join account_sync_options o on o.company_id = c.id
    where c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
    group by c.id, c.name, p.name, c.created_at`;
}

/**
 * The MCA of each active customer of the subtree with a Microsoft tenant, from what the runs stored,
 * with the new-tenant run waiting for the customer to accept (`runId`, since when, age in days).
 */
export function mcaRows(path: string, now: Date): SQL {
  return sql`
    select c.id as "companyId", c.name as "companyName", ${MCA_STATUS} as "mcaStatus",
      max(o.mca_template_id) as "acceptedVersion", max(o.mca_accepted_at) as "acceptedAt",
      w.id as "runId", w.updated_at as "since", ${ageDays(now)} as "ageDays"
    from companies c
    left join account_sync_options o on o.company_id = c.id
    left join connections k on k.id = o.connection_id
    left join ${MCA_WAITING} w on w.subject_id = c.id::text
    where c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
    group by c.id, c.name, w.id, w.updated_at
    having ${MCA_LISTED}`;
}

/**
 * The summary's customer and MCA figures in one pass: per state and reason, how many customers, and
 * among those the MCA figures use (`mcaRows`' rows), how many wait for an acceptance (and the oldest
 * wait), are accepted, missing or need re-acceptance.
 */
export function accountFigures(path: string, now: Date): SQL {
  return sql`
    select f.state as "state", case when f.state = ${STATE_OF.not_ready} then f.reason end as "reason", count(*)::int as "n",
      count(*) filter (where f.listed and f.run_id is not null)::int as "mcaPending", max(f.age_days) filter (where f.listed)::int as "mcaOldest",
      count(*) filter (where f.listed and f.mca = ${MCA_OF.accepted})::int as "mcaAccepted", count(*) filter (where f.listed and f.mca = ${MCA_OF.missing})::int as "mcaMissing",
      count(*) filter (where f.listed and f.mca = ${MCA_OF.needs_reacceptance})::int as "mcaOutdated"
    from (
      select ${STATE} as state, ${REASON} as reason, ${MCA_STATUS} as mca, ${MCA_LISTED} as listed, w.id as run_id, ${ageDays(now)} as age_days
      from companies c
      left join account_sync_options o on o.company_id = c.id
      left join connections k on k.id = o.connection_id
      left join ${MCA_WAITING} w on w.subject_id = c.id::text
      where c.kind = 'customer' and c.status = 'active' and c.path like ${subtreeOf(path)}
      group by c.id, w.id, w.updated_at) f
    group by 1, 2`;
}
