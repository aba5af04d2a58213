/**
 * Header names used on the wire (docs/PARTNER-CENTER-REFERENCE.md §1.3, §2.5, §14, §16). Lower-case keys for
 * lookups; HTTP header names are case-insensitive.
 */
export const PcHeader = {
  authorization: 'Authorization',
  requestId: 'MS-RequestId',
  correlationId: 'MS-CorrelationId',
  contractVersion: 'MS-Contract-Version',
  continuationToken: 'MS-ContinuationToken',
  ifMatch: 'If-Match',
  eTag: 'ETag',
  application: 'MS-PartnerCenter-Application',
  locale: 'X-Locale',
  msCv: 'MS-CV',
  serverId: 'MS-ServerId',
  retryAfter: 'Retry-After',
  wwwAuthenticate: 'WWW-Authenticate',
  location: 'Location',
} as const;

/** Microsoft Graph headers (GDAP, docs/PARTNER-CENTER-REFERENCE.md §12). */
export const GraphHeader = {
  requestId: 'request-id',
  clientRequestId: 'client-request-id',
  ifMatch: 'If-Match',
  prefer: 'Prefer',
  location: 'Location',
  retryAfter: 'Retry-After',
} as const;

/** Headers on a webhook delivery (docs/PARTNER-CENTER-REFERENCE.md §16). */
export const WebhookHeader = {
  authorization: 'Authorization',
  certificateUrl: 'X-MS-Certificate-Url',
  signatureAlgorithm: 'X-MS-Signature-Algorithm',
  msSignature: 'x-ms-signature',
} as const;

/** Audiences / resources accepted by the token endpoint (docs/PARTNER-CENTER-REFERENCE.md §1.2, §12.1). */
export const Audience = {
  partnerCenter: 'https://api.partnercenter.microsoft.com',
  graph: 'https://graph.microsoft.com',
} as const;
export type AudienceUri = (typeof Audience)[keyof typeof Audience];
