import { z } from 'zod';

/**
 * Partner Center error body (docs/PARTNER-CENTER-REFERENCE.md §15): `code` (documented as string, sent as a
 * number in examples), `description`, optional `data` and `source`. Newer errors (600061) add
 * `message`, `errorName`, `isRetryable`.
 */
export const PartnerCenterErrorBodySchema = z.looseObject({
  code: z.union([z.number(), z.string()]),
  description: z.string(),
  data: z.array(z.unknown()).optional(),
  source: z.string().optional(),
  message: z.string().optional(),
  errorName: z.string().optional(),
  isRetryable: z.boolean().optional(),
});
export type PartnerCenterErrorBody = z.infer<typeof PartnerCenterErrorBodySchema>;

/** Partner Center 429 body, which differs from the normal error shape (docs/PARTNER-CENTER-REFERENCE.md §14). */
export const ThrottlingBodySchema = z.looseObject({
  statusCode: z.literal(429),
  message: z.string(),
});
export type ThrottlingBody = z.infer<typeof ThrottlingBodySchema>;

/** Microsoft Graph error envelope (docs/PARTNER-CENTER-REFERENCE.md §15, last line). */
export const GraphErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    innerError: z
      .looseObject({
        date: z.string().optional(),
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
      })
      .optional(),
  }),
});
export type GraphErrorBody = z.infer<typeof GraphErrorBodySchema>;

/** Entra ID token endpoint error (`invalid_grant`, `invalid_client`, ... with an AADSTS code). */
export const TokenErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string(),
  error_codes: z.array(z.number()).optional(),
  timestamp: z.string().optional(),
  trace_id: z.string().optional(),
  correlation_id: z.string().optional(),
});
export type TokenErrorBody = z.infer<typeof TokenErrorBodySchema>;

/** Cart line error (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export const CartErrorCode = {
  unknown: 0,
  currencyIsNotSupported: 10000,
  catalogItemIdIsNotValid: 10001,
  quotaNotAvailable: 10002,
  inventoryNotAvailable: 10003,
  participantsIsNotSupportedForPartner: 10004,
  unableToProcessCartLineItem: 10006,
  subscriptionIsNotValid: 10007,
  subscriptionIsNotEnabledForRi: 10008,
  sandboxLimitExceeded: 10009,
  invalidInput: 10010,
  subscriptionNotRegistered: 10011,
  attestationNotAccepted: 10012,
  maxAllowedSeatsPerSubscriptionExceeded: 10015,
} as const;
