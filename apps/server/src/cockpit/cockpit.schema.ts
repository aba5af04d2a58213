import { z } from '@hono/zod-openapi';

const count = z.number().int();
/** A figure CSP Hub has no record of yet: null, shown as not available. */
const maybe = count.nullable();

export const CockpitSummarySchema = z
  .object({
    generatedAt: z.string(),
    customers: z.object({
      total: count,
      ready: count,
      notReady: count,
      provisioning: count,
      needsAttention: count,
      notReadyReasons: z.array(z.object({ reason: z.string(), count })),
    }),
    tenantsPerWeek: z.array(z.object({ week: z.string().openapi({ description: 'Monday of the week (UTC), YYYY-MM-DD' }), count })),
    mca: z.object({ pendingAcceptance: count, oldestPendingDays: maybe, accepted: maybe, missing: maybe, needsReacceptance: maybe }),
    gdap: z.object({
      syncedAt: z.string().nullable().openapi({ description: 'When relationships were last read from Graph; null: never (the GDAP figures are then null)' }),
      active: maybe,
      expiringIn30Days: maybe,
      expired: maybe,
      withGlobalAdmin: maybe,
      withoutAccessAssignments: maybe,
      resellerWithoutGdap: maybe.openapi({ description: 'Customers with a tenant in a connection (reseller relationship) and no active or expiring GDAP there' }),
      gdapWithoutReseller: maybe.openapi({ description: 'Customers with an active or expiring GDAP relationship in a connection where CSP Hub has no tenant of theirs' }),
    }),
    authorizations: z.object({ pending: count, byAge: z.object({ under30: count, from30to60: count, from60to90: count, over90: count }) }),
    resellers: z.object({
      total: count,
      porEligible: count,
      porIneligible: count,
      porUnchecked: count,
      customersPerReseller: z.array(z.object({ companyId: count, name: z.string(), customers: count })),
    }),
    subscriptions: z.object({
      renewingIn30DaysWithoutAutoRenew: maybe,
      unusedLicences: maybe.openapi({ description: "Seats the subtree's customers have and nobody is assigned (Microsoft's availableUnits, summed over the list `licences`); null until a subscription read has recorded any tenant's licences" }),
    }),
    orders: z.object({ inProgress: count, failed: count }),
  })
  .openapi('CockpitSummary');
export type CockpitSummaryDto = z.infer<typeof CockpitSummarySchema>;

export const CockpitListSchema = z
  .object({
    list: z.string(),
    filter: z.string(),
    filters: z.array(z.string()),
    sort: z.string(),
    dir: z.enum(['asc', 'desc']),
    total: count,
    columns: z.array(z.string()),
    key: z.array(z.string()).openapi({ description: 'The columns that name a row (a bulk fix selects rows by them)' }),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  })
  .openapi('CockpitList');
export type CockpitListDto = z.infer<typeof CockpitListSchema>;
