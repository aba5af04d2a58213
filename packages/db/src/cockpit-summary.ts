import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { GAP_OF, gdapRows, iso, licenceRows, orderRows, pendingAuthorizations, readsTogether, relationshipGapRows, resellerRows, subscriptionTermRows, subtreeOf, INVITATION_LIMIT_DAYS, RENEWING_SOON_DAYS } from './cockpit-sql';
import { accountFigures } from './cockpit-accounts-sql';

const WEEKS = 12;

type Count = number;
/** A figure CSP Hub has no record of yet: null, shown as not available. */
type Maybe = number | null;

/** The cockpit's figures (the API's `CockpitSummary` schema, apps/server/src/cockpit/cockpit.schema.ts). */
export interface CockpitSummary {
  generatedAt: string;
  customers: { total: Count; ready: Count; notReady: Count; provisioning: Count; needsAttention: Count; notReadyReasons: { reason: string; count: Count }[] };
  tenantsPerWeek: { week: string; count: Count }[];
  mca: { pendingAcceptance: Count; oldestPendingDays: Maybe; accepted: Maybe; missing: Maybe; needsReacceptance: Maybe };
  gdap: {
    syncedAt: string | null;
    active: Maybe;
    expiringIn30Days: Maybe;
    expired: Maybe;
    withGlobalAdmin: Maybe;
    withoutAccessAssignments: Maybe;
    resellerWithoutGdap: Maybe;
    gdapWithoutReseller: Maybe;
  };
  authorizations: { pending: Count; byAge: { under30: Count; from30to60: Count; from60to90: Count; over90: Count } };
  resellers: { total: Count; porEligible: Count; porIneligible: Count; porUnchecked: Count; customersPerReseller: { companyId: Count; name: string; customers: Count }[] };
  subscriptions: { renewingIn30DaysWithoutAutoRenew: Maybe; unusedLicences: Maybe };
  orders: { inProgress: Count; failed: Count };
}

/**
 * The cockpit's figures for one subtree, read from the database only (kept current by the runs,
 * webhooks, the GDAP refresh and the partner-of-record revalidation; never a Partner Center call).
 * A figure CSP Hub has no record of yet is `null`, which the page shows as not available.
 */
export async function cockpitSummary(db: Database, path: string, now: Date): Promise<CockpitSummary> {
  const since = new Date(now.getTime() - WEEKS * 7 * 86_400_000);
  // One read per figure group: on PostgreSQL a statement each, side by side; on PGlite all in one statement (readsTogether).
  const reads = readsTogether(db);
  const [byStateAndReason, weeks, gdap, gdapSync, auth, resellerList, orders, versions, terms, gaps, licences] = await Promise.all([
    reads.rows<{ state: string; reason: string | null; n: number; mcaPending: number; mcaOldest: number | null; mcaAccepted: number; mcaMissing: number; mcaOutdated: number }>(accountFigures(path, now)),
    reads.rows<{ week: unknown; n: number }>(sql`select date_trunc('week', w.finished_at) as "week", count(*)::int as "n"
          from workflow_runs w join companies c on c.id::text = w.subject_id
          where w.kind in ('provision-tenant', 'link-existing-tenant') and w.state = 'succeeded' and w.finished_at >= ${since}
            and c.path like ${subtreeOf(path)}
          group by 1 order by 1`),
    reads.rows<{ active: number; expiring: number; expired: number; ga: number; unassigned: number }>(sql`select count(*) filter (where status in ('active', 'expiring'))::int as "active",
                 count(*) filter (where "expiringSoon")::int as "expiring",
                 count(*) filter (where status = 'expired')::int as "expired",
                 count(*) filter (where "hasGlobalAdmin" and status in ('active', 'expiring'))::int as "ga",
                 count(*) filter (where status in ('active', 'expiring') and "accessAssignments" = 0)::int as "unassigned"
          from (${gdapRows(path, now)}) g`),
    reads.rows<{ at: unknown }>(sql`select max(synced_at) as "at" from gdap_relationships`),
    reads.rows<{ n: number; a: number; b: number; c: number; d: number }>(sql`select count(*)::int as "n", count(*) filter (where "ageDays" < 30)::int as "a", count(*) filter (where "ageDays" >= 30 and "ageDays" < 60)::int as "b",
                 count(*) filter (where "ageDays" >= 60 and "ageDays" < ${INVITATION_LIMIT_DAYS})::int as "c", count(*) filter (where "ageDays" >= ${INVITATION_LIMIT_DAYS})::int as "d"
          from (${pendingAuthorizations(path, now)}) a`),
    reads.rows<{ companyId: number; name: string; customers: number; porStatus: string | null }>(sql`select "companyId", "name", "customers", "porStatus" from (${resellerRows(path)}) r order by "customers" desc, "name"`),
    reads.rows<{ moving: number; failed: number }>(sql`select count(*) filter (where status in ('submitted', 'in_progress'))::int as "moving", count(*) filter (where status in ('failed', 'needs_attention'))::int as "failed" from (${orderRows(path)}) o`),
    reads.rows<{ known: boolean }>(sql`select coalesce(bool_or(mca_template_id is not null), false) as "known" from connections`),
    // Null until a subscription pass or a subscriptions tab has recorded any term end.
    reads.rows<{ known: boolean; n: number }>(sql`select exists (select 1 from subscription_terms) as "known",
                 (select count(*)::int from (${subscriptionTermRows(path, now)}) s where not "autoRenew" and "daysLeft" < ${RENEWING_SOON_DAYS}) as "n"`),
    reads.rows<{ noGdap: number; noReseller: number }>(sql`select count(*) filter (where gap = ${GAP_OF.reseller_without_gdap})::int as "noGdap", count(*) filter (where gap = ${GAP_OF.gdap_without_reseller})::int as "noReseller" from (${relationshipGapRows(path)}) x`),
    // Null until a subscription pass or a subscriptions tab has recorded any tenant's licences.
    reads.rows<{ known: boolean; n: number }>(sql`select exists (select 1 from tenant_licences) as "known", (select coalesce(sum(unused), 0)::int from (${licenceRows(path)}) l) as "n"`),
  ]);
  const sum = (f: (r: (typeof byStateAndReason)[number]) => number) => byStateAndReason.reduce((t, r) => t + f(r), 0);
  const oldest = byStateAndReason.reduce<number | null>((m, r) => (r.mcaOldest === null ? m : Math.max(m ?? r.mcaOldest, r.mcaOldest)), null);
  const byState = (s: string) => byStateAndReason.filter((r) => r.state === s).reduce((t, r) => t + r.n, 0);
  const reasons = byStateAndReason
    .filter((r) => r.state === 'not_ready')
    .map((r) => ({ reason: r.reason ?? 'not-synced', n: r.n }))
    .sort((x, y) => y.n - x.n)
    .slice(0, 8);
  const g = gdap[0]!;
  const a = auth[0]!;
  const por = (status: string | null) => resellerList.filter((x) => x.porStatus === status).length;
  const gdapSyncedAt = iso(gdapSync[0]?.at);
  return {
    generatedAt: now.toISOString(),
    customers: {
      total: byStateAndReason.reduce((t, c) => t + c.n, 0),
      ready: byState('ready'),
      notReady: byState('not_ready'),
      provisioning: byState('provisioning'),
      needsAttention: byState('needs_attention'),
      notReadyReasons: reasons.map((x) => ({ reason: x.reason, count: x.n })),
    },
    tenantsPerWeek: weekSeries(now, WEEKS, weeks.map((w) => ({ week: iso(w.week)!.slice(0, 10), count: w.n }))),
    // "Needs re-acceptance" is not available until a connection's current MCA version has been read.
    mca: {
      pendingAcceptance: sum((r) => r.mcaPending),
      oldestPendingDays: oldest,
      accepted: sum((r) => r.mcaAccepted),
      missing: sum((r) => r.mcaMissing),
      needsReacceptance: versions[0]?.known ? sum((r) => r.mcaOutdated) : null,
    },
    // Until GDAP has been read from Graph, "no GDAP" would be a guess: these figures are not available.
    gdap: gdapSyncedAt
      ? {
          syncedAt: gdapSyncedAt,
          active: g.active,
          expiringIn30Days: g.expiring,
          expired: g.expired,
          withGlobalAdmin: g.ga,
          withoutAccessAssignments: g.unassigned,
          resellerWithoutGdap: gaps[0]?.noGdap ?? 0,
          gdapWithoutReseller: gaps[0]?.noReseller ?? 0,
        }
      : { syncedAt: null, active: null, expiringIn30Days: null, expired: null, withGlobalAdmin: null, withoutAccessAssignments: null, resellerWithoutGdap: null, gdapWithoutReseller: null },
    authorizations: { pending: a.n, byAge: { under30: a.a, from30to60: a.b, from60to90: a.c, over90: a.d } },
    resellers: {
      total: resellerList.length,
      porEligible: por('eligible'),
      porIneligible: por('ineligible'),
      porUnchecked: por(null),
      customersPerReseller: resellerList.slice(0, 10).map(({ companyId, name, customers }) => ({ companyId, name, customers })),
    },
    subscriptions: { renewingIn30DaysWithoutAutoRenew: terms[0]?.known ? terms[0].n : null, unusedLicences: licences[0]?.known ? licences[0].n : null },
    orders: { inProgress: orders[0]?.moving ?? 0, failed: orders[0]?.failed ?? 0 },
  };
}

/** Every week of the last `weeks` (Monday, UTC), zero where nothing was created. */
export function weekSeries(now: Date, weeks: number, counts: { week: string; count: number }[]): { week: string; count: number }[] {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const out: { week: string; count: number }[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const w = new Date(monday.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10);
    out.push({ week: w, count: counts.find((c) => c.week === w)?.count ?? 0 });
  }
  return out;
}
