import { z } from 'zod';

/** Bodies of the control plane (`/_emulator/*`); emulator-only, camelCase. */
export const FaultInputSchema = z.object({
  route: z.string().regex(/^(\*|GET|HEAD|POST|PUT|PATCH|DELETE)\s+\/\S*$/i, "route must be 'METHOD /path' (segments may be :param or *)"),
  status: z.number().int().min(100).max(599).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().max(120_000).optional(),
  drop: z.boolean().optional(),
  body: z.unknown().optional(),
  /** How many times the fault fires; default 1 unless `probability` is set (then unlimited). */
  count: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
});
export type FaultInput = z.infer<typeof FaultInputSchema>;

export const ClockAdvanceSchema = z
  .object({ seconds: z.number().nonnegative().optional(), duration: z.string().optional(), to: z.string().optional() })
  .refine((v) => [v.seconds, v.duration, v.to].filter((x) => x !== undefined).length === 1, 'give exactly one of seconds, duration (ISO-8601) or to (ISO date)');

export const SettingsPatchSchema = z
  .object({
    orderFulfilmentDelaySeconds: z.number().nonnegative(),
    gdapActivationDelaySeconds: z.number().nonnegative(),
    accessAssignmentActivationDelaySeconds: z.number().nonnegative(),
    gdapTerminationDelaySeconds: z.number().nonnegative(),
    gdapRequestDelaySeconds: z.number().nonnegative(),
    gdapOperationDelaySeconds: z.number().nonnegative(),
    throttleLimitPerMinute: z.number().int().positive(),
    replayWindowHours: z.number().positive(),
    callLogLimit: z.number().int().positive(),
    /** ISO 8601, or null: the cut-over after which the partner-typed MCA confirmation is refused. */
    legacyMcaAttestationRetiredAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .partial();

/** Publishes a new MCA version: customers must accept it before their next purchase. */
export const PublishMcaVersionSchema = z.object({ templateId: z.guid().optional() });

/** Acts as the signatory in Microsoft's component. */
export const DecideAttestationSchema = z.object({ decision: z.enum(['accept', 'decline']) });

export const ThrottleInputSchema = z.object({
  limitPerMinute: z.number().int().positive(),
  /** Partner tenant id or key; omitted = the default for every partner. */
  partner: z.string().optional(),
});

export const AcceptRelationshipSchema = z.object({
  /** Partner tenant id or key. */
  partner: z.string(),
  /** Customer tenant id, or a tenant key of the scenario, or a domain of the tenant. */
  customer: z.string(),
  /** Indirect reseller tenant id or key, for the indirect form of the invitation. */
  indirectReseller: z.string().optional(),
});

export const ApproveGdapSchema = z.object({ customer: z.string().optional() });

export const RevokeRefreshTokenSchema = z.object({ refreshToken: z.string().optional(), partner: z.string().optional() }).refine((v) => v.refreshToken || v.partner, 'give refreshToken or partner');

/**
 * Whether the sign-in behind a refresh token passed MFA: `false` makes the access tokens it yields
 * lack `mfa` in `amr`, so Partner Center refuses its App+User calls (401/900421).
 */
export const RefreshTokenMfaSchema = z
  .object({ refreshToken: z.string().optional(), partner: z.string().optional(), mfa: z.boolean() })
  .strict()
  .refine((v) => v.refreshToken || v.partner, 'give refreshToken or partner');

export const SetMcaDirectSchema = z.object({ isSigned: z.boolean() });
/** Change what Microsoft says of a reseller's partner-of-record eligibility (`validateresellers`, checkout). */
export const SetResellerPorSchema = z.object({
  authorization: z.enum(['authorized', 'notAuthorized', 'expired']).optional(),
  /** End or restore the reseller's partnership with its providers. */
  state: z.enum(['Active', 'Inactive']).optional(),
});
/** Act as a customer user signing in: checks the password the partner delivered. */
export const SignInSchema = z.object({ userPrincipalName: z.string().min(3), password: z.string().min(1) });

/** `POST /_emulator/customers/bulk`: many customers of one partner at once, as a person in the portal would add them. */
export const BulkCustomersSchema = z.object({
  partner: z.string().min(1),
  customers: z
    .array(
      z.object({
        tenantId: z.guid().optional(),
        companyName: z.string().min(1),
        domainPrefix: z.string().min(1),
        customDomains: z.array(z.string().min(3)).optional(),
        email: z.string().min(3),
        address: z.object({
          addressLine1: z.string().min(1),
          city: z.string().min(1),
          state: z.string().optional(),
          postalCode: z.string().min(1),
          country: z.string().length(2),
          firstName: z.string().min(1),
          lastName: z.string().min(1),
          phoneNumber: z.string().optional(),
        }),
        /** Reseller tenant id, key or Partner ID; absent = a direct customer. */
        reseller: z.string().optional(),
        subscriptions: z
          .array(
            z.object({
              catalogItemId: z.string().min(1),
              quantity: z.number().int().positive(),
              termDuration: z.enum(['P1M', 'P1Y', 'P3Y']).optional(),
              billingCycle: z.enum(['monthly', 'annual']).optional(),
              /** The Partner ID on record (a reseller's PLA, known or not). */
              partnerOfRecord: z.string().optional(),
              /** Another partner (key or tenant id) that sold this subscription to the same tenant. */
              partner: z.string().optional(),
            }),
          )
          .default([]),
        gdap: z.boolean().optional(),
        mcaAccepted: z.boolean().optional(),
      }),
    )
    .max(50_000),
});

/** `PATCH /_emulator/customers/{id}/subscriptions/{subscriptionId}`: a person changes a subscription in the portal. */
export const PortalSubscriptionChangeSchema = z
  .object({ quantity: z.number().int().positive().optional(), status: z.enum(['active', 'suspended']).optional(), autoRenewEnabled: z.boolean().optional() })
  .refine((v) => v.quantity !== undefined || v.status !== undefined || v.autoRenewEnabled !== undefined, 'give quantity, status or autoRenewEnabled');

/**
 * `POST /_emulator/customers/{id}/partner-subscriptions`: subscriptions another partner sold to an
 * existing customer (for transfers): that partner's, with the term end given or a year from now.
 */
export const PartnerSubscriptionsSchema = z.object({
  partner: z.string().min(1),
  subscriptions: z
    .array(
      z.object({
        catalogItemId: z.string().min(1),
        quantity: z.number().int().positive(),
        termDuration: z.enum(['P1M', 'P1Y', 'P3Y']).optional(),
        billingCycle: z.enum(['monthly', 'annual']).optional(),
        /** When the current term ends (ISO date or date-time); its start is one term before. */
        termEndsAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
        status: z.enum(['active', 'suspended', 'deleted']).optional(),
      }),
    )
    .min(1)
    .max(100),
});

/** `POST /_emulator/customers/{id}/transfers/{transferId}/accept`: the source partner accepts (all its eligible subscriptions when none are named). */
export const AcceptTransferSchema = z.object({ subscriptionIds: z.array(z.string().min(1)).optional() });
