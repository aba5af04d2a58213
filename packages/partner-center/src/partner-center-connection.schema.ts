import { z } from 'zod';

/** Microsoft's public endpoints (docs/PARTNER-CENTER-REFERENCE.md §1.1, §1.2, §12.1). */
export const microsoftEndpoints = {
  partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  authorityBaseUrl: 'https://login.microsoftonline.com',
  partnerCenterResource: 'https://api.partnercenter.microsoft.com',
  graphResource: 'https://graph.microsoft.com',
  adminPortalBaseUrl: 'https://admin.microsoft.com',
  /** The partner API host of the pricing operations (Learn: "Get a price sheet"). */
  partnerApiBaseUrl: 'https://api.partner.microsoft.com',
} as const;

const baseUrl = z
  .string()
  .url()
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * One Partner Center connection: a distributor may hold several, each with its own
 * credentials, type and endpoints. The emulator is reached by pointing the three base URLs at it;
 * nothing else differs, so the same code runs against Microsoft and the emulator (X1).
 *
 * Secrets here (`appSecret`, `refreshToken`) are never logged; the client hands a rotated refresh
 * token back through `onRefreshToken` for the caller to store.
 */
export const PartnerCenterConnectionSchema = z.object({
  /** Stable id of the connection in CSP Hub; used in limiter keys, logs and error messages. */
  id: z.string().min(1),
  /** What an operator calls it ("Contoso EU (indirect)"); quoted in "reconnect" messages. */
  name: z.string().min(1),
  /** Direct-bill partner or indirect provider. */
  type: z.enum(['direct-bill', 'indirect-provider']),
  /** The partner's Entra tenant id (or its domain): the token authority's tenant and the throttling key. */
  tenantId: z.string().min(1),
  /** The Partner Center app registration's application (client) id. */
  appId: z.string().min(1),
  /** The app's secret. Required for app-only tokens and for redeeming the refresh token as a web app. */
  appSecret: z.string().min(1).optional(),
  /**
   * The App+User refresh token from the one-time MFA consent (Secure Application Model, §1.2).
   * Without it the client uses app-only tokens, and App+User-only operations fail with
   * `APP_USER_REQUIRED`.
   */
  refreshToken: z.string().min(1).optional(),
  partnerCenterBaseUrl: baseUrl.default(microsoftEndpoints.partnerCenterBaseUrl),
  graphBaseUrl: baseUrl.default(microsoftEndpoints.graphBaseUrl),
  /**
   * The partner API host (`api.partner.microsoft.com`: price sheets). Absent: Microsoft's when
   * `partnerCenterBaseUrl` is Microsoft's, otherwise `partnerCenterBaseUrl` (the emulator serves both
   * hosts on one origin); see `partnerApiBaseOf`.
   */
  partnerApiBaseUrl: baseUrl.optional(),
  /** Token authority root; the client appends `/{tenantId}/oauth2/token` (v1) or `/oauth2/v2.0/token`. */
  authorityBaseUrl: baseUrl.default(microsoftEndpoints.authorityBaseUrl),
  /** Which token endpoint form to use: v1 (`resource=`) as Partner Center documents, or v2 (`scope=`). */
  tokenEndpointVersion: z.enum(['v1', 'v2']).default('v1'),
  partnerCenterResource: z.string().min(1).default(microsoftEndpoints.partnerCenterResource),
  graphResource: z.string().min(1).default(microsoftEndpoints.graphResource),
  /** Where customers approve GDAP requests (docs/PARTNER-CENTER-REFERENCE.md §12.3 approval link). */
  adminPortalBaseUrl: baseUrl.default(microsoftEndpoints.adminPortalBaseUrl),
  /**
   * The base of the parameterized link to Microsoft's embeddable MCA component, where a customer's
   * signatory accepts an enhanced attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5). Microsoft hands
   * it to partners rather than documenting one address, so it has no default: without it the client
   * gives no acceptance link.
   */
  mcaComponentBaseUrl: baseUrl.optional(),
  /** `X-Locale` sent on every call (docs/PARTNER-CENTER-REFERENCE.md §1.3); Partner Center's default is en-US. */
  locale: z.string().min(2).default('en-US'),
});

/** A connection as configured (defaults not yet applied). */
export type PartnerCenterConnectionInput = z.input<typeof PartnerCenterConnectionSchema>;
/** A connection with every default applied. */
export type PartnerCenterConnection = z.output<typeof PartnerCenterConnectionSchema>;

/** Validates a connection's settings, naming the connection in the error. */
export function parsePartnerCenterConnection(input: PartnerCenterConnectionInput): PartnerCenterConnection {
  const result = PartnerCenterConnectionSchema.safeParse(input);
  if (!result.success) {
    const label =
      typeof input === 'object' && input && 'name' in input ? `"${String(input.name)}"` : '(unnamed)';
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TypeError(`Partner Center connection ${label} is misconfigured: ${issues}`);
  }
  if (!result.data.appSecret && !result.data.refreshToken) {
    throw new TypeError(
      `Partner Center connection "${result.data.name}" has neither an app secret nor a refresh token: it cannot get any token.`,
    );
  }
  return result.data;
}

/** The base URL of the partner API host (price sheets) for `connection`. */
export function partnerApiBaseOf(connection: Pick<PartnerCenterConnection, 'partnerCenterBaseUrl' | 'partnerApiBaseUrl'>): string {
  if (connection.partnerApiBaseUrl) return connection.partnerApiBaseUrl;
  return connection.partnerCenterBaseUrl === microsoftEndpoints.partnerCenterBaseUrl ? microsoftEndpoints.partnerApiBaseUrl : connection.partnerCenterBaseUrl;
}
