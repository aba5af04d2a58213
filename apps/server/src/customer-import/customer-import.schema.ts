import { z } from '@hono/zod-openapi';

const CompanyRefSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['distributor', 'reseller', 'customer']) }).openapi('ImportCompanyRef');

export const ImportRunSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    state: z.enum(['reading', 'review', 'importing', 'paused', 'done', 'failed']),
    customersRead: z.number().int(),
    subscriptionsRead: z.number().int(),
    companiesCreated: z.number().int(),
    companiesUpdated: z.number().int(),
    failureReason: z.string().nullable(),
    startedBy: z.string(),
    owner: CompanyRefSchema.openapi({ description: "The connection's owner: where direct customers go" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    counts: z
      .object({
        total: z.number().int(),
        matched: z.number().int(),
        new: z.number().int(),
        conflicts: z.number().int(),
        conflictsDecided: z.number().int(),
        planned: z.number().int(),
        applied: z.number().int(),
        skipped: z.number().int(),
        /** What "import" will do now: customers decided or proposed and not yet applied. */
        toApply: z.number().int(),
      })
      .openapi({ description: 'Counts of the staged items (the review screen and the progress bar)' }),
    perParent: z.array(z.object({ parent: CompanyRefSchema, new: z.number().int() })).openapi({ description: 'New companies proposed under each reseller (or the distributor for direct customers)' }),
  })
  .openapi('CustomerImportRun');

const ConflictSchema = z
  .object({
    code: z.enum(['tenant-on-several-companies', 'domain-on-several-companies', 'domain-company-linked-elsewhere', 'reseller-not-in-network', 'resellers-disagree']),
    domain: z.string().nullable(),
    partnerId: z.string().nullable(),
    resellerTenantId: z.string().nullable(),
    companies: z.array(CompanyRefSchema).openapi({ description: 'The companies the conflict names (candidates to match, or resellers to place under)' }),
  })
  .openapi('CustomerImportConflict');

export const ImportDecisionSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('match'), companyId: z.number().int().positive() }).strict(),
    z.object({ action: z.literal('new'), parentCompanyId: z.number().int().positive() }).strict(),
    z.object({ action: z.literal('skip') }).strict(),
    z.object({ action: z.literal('proposal') }).strict().openapi({ description: 'Clears a decision: the proposal applies again' }),
  ])
  .openapi('CustomerImportDecision');

export const ImportItemSchema = z
  .object({
    tenantId: z.string(),
    companyName: z.string(),
    defaultDomain: z.string(),
    proposal: z.enum(['matched', 'new', 'conflict']),
    company: CompanyRefSchema.nullable().openapi({ description: 'The company matched' }),
    parent: CompanyRefSchema.nullable().openapi({ description: 'Where a new company goes' }),
    conflicts: z.array(ConflictSchema),
    decision: z
      .object({ action: z.enum(['match', 'new', 'skip']), company: CompanyRefSchema.nullable() })
      .nullable()
      .openapi({ description: "A person's choice; null when the proposal applies" }),
    outcome: z.enum(['planned', 'applied', 'skipped']),
    appliedCompanyId: z.number().int().nullable(),
    subscriptions: z.number().int(),
    mca: z.enum(['current', 'outdated', 'none']).nullable().openapi({ description: "The customer's Microsoft Customer Agreement as Partner Center showed it; null when not read" }),
    gdap: z.object({ total: z.number().int(), active: z.number().int(), withGlobalAdmin: z.number().int() }).openapi({ description: "The partner's GDAP relationships with the customer" }),
    billingCountry: z.string().nullable().openapi({ description: "The billing profile's country, which a new company takes with its address" }),
  })
  .openapi('CustomerImportItem');

export const ImportItemsQuerySchema = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Part of the name, tenant id or domain' }),
  proposal: z.enum(['matched', 'new', 'conflict']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ImportItemsPageSchema = z.object({ items: z.array(ImportItemSchema), total: z.number().int() }).openapi('CustomerImportItemsPage');

export const RunParams = z.object({ runId: z.uuid().openapi({ param: { name: 'runId', in: 'path' } }) });
export const ItemParams = RunParams.extend({ tenantId: z.string().trim().min(1).max(100).openapi({ param: { name: 'tenantId', in: 'path' } }) });
export const ConnParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
