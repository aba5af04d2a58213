import { z } from '@hono/zod-openapi';

/** Request and response shapes of the onboarding wizard's routes (OpenAPI is derived from these). */

export const CompanyIdParamSchema = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 100017 }) });

/** A company's provisioning run in the path: `/companies/{id}/onboarding/runs/{runId}/...`. */
export const CompanyRunParamSchema = CompanyIdParamSchema.extend({ runId: z.string().min(1).max(200).openapi({ param: { name: 'runId', in: 'path' } }) });

export const ServiceSchema = z
  .object({
    id: z.enum(['microsoft-tenant']),
    vendor: z.literal('Microsoft'),
    keywords: z.array(z.string()).openapi({ description: 'Words the search matches besides the translated name' }),
  })
  .openapi('OnboardingService');

export const PrerequisiteItemSchema = z.object({
  key: z.enum(['phone', 'email', 'billingAddress']),
  ok: z.boolean(),
  source: z.enum(['own', 'reseller']).optional(),
  problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() }).passthrough()),
});

/** One GDAP relationship as it will be requested: its roles, duration and auto-extension (0: none). */
export const GdapOfferSchema = z.object({
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  durationDays: z.number().int(),
  autoExtendDays: z.number().int(),
});

export const OnboardingContextSchema = z
  .object({
    company: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['distributor', 'reseller', 'customer']), country: z.string().nullable(), language: z.string(), email: z.string().nullable(), domain: z.string().nullable() }),
    distributor: z.object({ id: z.number().int(), name: z.string() }),
    reseller: z.object({ id: z.number().int(), name: z.string(), partnerId: z.string().nullable() }).nullable(),
    direct: z.boolean().openapi({ description: 'A direct customer of the distributor: no reseller, the direct invitation link' }),
    resellerChoice: z.enum(['any', 'own']).openapi({ description: "'any': the caller (the distributor) may name any reseller of its network; 'own': only the account's own reseller's Partner ID" }),
    connections: z.array(z.object({ id: z.string(), name: z.string(), region: z.string(), type: z.enum(['direct-bill', 'indirect-provider']) })),
    defaultConnectionId: z.string().nullable(),
    syncOptions: z.array(
      z.object({
        connectionId: z.string(),
        adminUsername: z.string().nullable(),
        domainPrefix: z.string().nullable(),
        resellerPartnerId: z.string().nullable(),
        syncStatus: z.enum(['not_synced', 'in_progress', 'synced', 'failed']),
        failureReason: z.string().nullable(),
        tenantId: z.string().nullable(),
        defaultDomain: z.string().nullable(),
      }),
    ),
    cultures: z.array(z.string()),
    defaultCulture: z.string(),
    prerequisites: z.object({ ready: z.boolean(), items: z.array(PrerequisiteItemSchema) }),
    gdap: z
      .object({
        newTenant: GdapOfferSchema.openapi({ description: 'The default GDAP relationship Microsoft creates with a new tenant when default GDAP is chosen.' }),
        existingTenant: GdapOfferSchema.openapi({ description: 'The GDAP relationship requested from an existing tenant when GDAP is chosen.' }),
        templates: z
          .array(
            z.object({
              connectionId: z.string(),
              id: z.number().int(),
              name: z.string(),
              version: z.number().int(),
              roles: z.array(z.object({ id: z.string(), name: z.string() })),
              durationDays: z.number().int(),
              autoExtend: z.boolean(),
              isDefault: z.boolean().openapi({ description: "The connection's default: requested when the order names no template (`gdapTemplateId`)" }),
            }),
          )
          .openapi({ description: "Each connection's GDAP templates the order may name (the GDAP templates page): its default first, then the latest version of every other template" }),
      })
      .openapi({ description: 'Exactly what each path requests: the same definitions the provisioning runs use.' }),
    defaults: z
      .object({
        defaultGdap: z.boolean().openapi({ description: "The distributor's default GDAP template is Microsoft's default roles: the order starts with them ticked" }),
        notifyMe: z.boolean().openapi({ description: '"Notify me when it is done" starts ticked (distributor setting)' }),
      })
      .openapi({ description: "The order form's starting values, from the distributor's settings" }),
  })
  .openapi('OnboardingContext');

/** A durable run started (or found already running) by a request. */
export const RunStartedSchema = z.object({ runId: z.string() });

export const ConnectionQuerySchema = z.object({ connectionId: z.string().uuid().openapi({ param: { name: 'connectionId', in: 'query' } }) });

export const TermsSchema = z
  .object({ templateId: z.string(), link: z.string(), versionRank: z.number() })
  .openapi('CustomerAgreementTerms', { description: "The Microsoft Customer Agreement's current template and link, from Partner Center's agreement metadata" });

export const DomainCheckQuerySchema = ConnectionQuerySchema.extend({
  prefix: z.string().max(100).openapi({ param: { name: 'prefix', in: 'query' }, example: 'fabrikamretail' }),
});

export const DomainCheckSchema = z
  .object({
    prefix: z.string(),
    domain: z.string(),
    valid: z.boolean(),
    available: z.boolean().nullable().openapi({ description: 'Null when the prefix is not valid (nothing was asked)' }),
    problem: z.enum(['empty', 'characters', 'too-long', 'taken']).nullable(),
    message: z.string(),
    suggestions: z.array(z.string()).openapi({ description: 'Free prefixes, checked live, when this one is taken' }),
    visibleTenant: z.boolean().optional().openapi({ description: 'The prefix is taken by a tenant this Partner Center account already serves' }),
    linkable: z.boolean().optional().openapi({ description: 'That tenant may be linked to this account by the caller (Verify confirms it)' }),
  })
  .openapi('DomainCheck');

export const PartnerIdCheckBodySchema = z
  .object({ connectionId: z.string().uuid(), partnerId: z.string().max(20).nullable() })
  .openapi('PartnerIdCheckRequest');

export const PartnerIdVerdictSchema = z
  .object({
    status: z.enum(['empty', 'invalid-format', 'unknown', 'not-allowed', 'not-in-network', 'mpa-not-signed', 'not-partner-of-record', 'global-id', 'ok']),
    partnerId: z.string().optional(),
    partnerName: z.string().optional().openapi({ description: "Only when the caller may know it: a reseller of its subtree or its own reseller, or (the distributor) a reseller of its network" }),
    message: z.string(),
    distributorName: z.string(),
  })
  .openapi('PartnerIdVerdict');

export const RunStepSchema = z.object({
  stepId: z.string(),
  attempt: z.number().int(),
  state: z.string(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  correlationId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const RunSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['running', 'succeeded', 'failed', 'needs_attention']),
    currentStep: z.string().nullable(),
    failedStep: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    facts: z.record(z.string(), z.unknown()),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    steps: z.array(RunStepSchema),
  })
  .openapi('ProvisioningRun');
