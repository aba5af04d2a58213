import { z } from 'zod';

/** Form fields of `POST /{tenant}/oauth2/token` and `/oauth2/v2.0/token` (docs/PARTNER-CENTER-REFERENCE.md §1.2). */
export const TokenRequestSchema = z.object({
  grant_type: z.enum(['client_credentials', 'refresh_token', 'authorization_code', 'password']),
  client_id: z.string().min(1),
  client_secret: z.string().optional(),
  resource: z.string().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
});
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

/**
 * Token response. The v1 endpoint sends numbers as strings (`"3600"`); v2 sends numbers, no
 * `resource`, `expires_on` or `not_before`.
 */
export const TokenResponseSchema = z.looseObject({
  token_type: z.literal('Bearer'),
  expires_in: z.union([z.string(), z.number()]),
  ext_expires_in: z.union([z.string(), z.number()]).optional(),
  expires_on: z.string().optional(),
  not_before: z.string().optional(),
  resource: z.string().optional(),
  scope: z.string().optional(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  id_token: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/**
 * Claims the emulator puts in its access tokens. `idtyp` tells app-only (`app`) from app+user
 * (`user`), as Entra ID's optional claim does; app+user tokens also carry `scp`.
 */
export const AccessTokenClaimsSchema = z.looseObject({
  aud: z.string(),
  iss: z.string(),
  tid: z.string(),
  appid: z.string(),
  idtyp: z.enum(['app', 'user']),
  oid: z.string(),
  scp: z.string().optional(),
  upn: z.string().optional(),
  amr: z.array(z.string()).optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;
