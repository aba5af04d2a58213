import { randomUUID } from 'node:crypto';
import { createAddressValidationOps } from './address-validation.ops';
import { createAuditRecordOps } from './audit-records.ops';
import { createCartOps } from './carts.ops';
import { createCheckoutOptionOps } from './checkout-options.ops';
import { createCatalogOps } from './catalog.ops';
import { createPriceSheetOps } from './price-sheets.ops';
import { systemClock, type TimerClock } from '@csphub/domain';
import type { Random } from './random';
import { createCustomerAgreementOps } from './customer-agreements.ops';
import { createMcaAttestationOps } from './mca-attestations.ops';
import { createCustomerUserOps } from './customer-users.ops';
import { createDirectoryRoleOps } from './directory-roles.ops';
import { createCustomerOps } from './customers.ops';
import { createDomainOps } from './domains.ops';
import { createGdapAccessAssignmentOps } from './gdap-access-assignments.ops';
import { createGdapRelationshipOps } from './gdap-relationships.ops';
import { createEntraRoleOps } from './entra-roles.ops';
import { createIndirectResellerOps } from './indirect-resellers.ops';
import { silentLogger, type PartnerCenterLogger } from './logger';
import { createOrderOps } from './orders.ops';
import {
  parsePartnerCenterConnection,
  type PartnerCenterConnection,
  type PartnerCenterConnectionInput,
} from './partner-center-connection.schema';
import { createPartnerCenterMetrics, type PartnerCenterMetrics } from './partner-center-metrics';
import { createLimiterRegistry, type LimiterRegistry } from './rate-limiter';
import { createRelationshipRequestOps } from './relationship-requests.ops';
import { createRequestPipeline, defaultRateLimits, type ClientRateLimits } from './request-pipeline';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { createSubscriptionOps } from './subscriptions.ops';
import { createTransferOps } from './transfers.ops';
import { createTokenProvider, type RefreshTokenCallback } from './token-provider';
import { createWebhookOps } from './webhooks.ops';

/** Everything a client is built from; only `connection` is required. */
export interface PartnerCenterClientOptions {
  /** The connection's settings and credentials. */
  connection: PartnerCenterConnectionInput;
  /** Defaults to Node's global fetch. */
  fetch?: typeof fetch;
  /** Defaults to the wall clock; tests pass a manual one. */
  clock?: TimerClock;
  /** Jitter source; defaults to Math.random. */
  random?: Random;
  /** Request and correlation id generator; defaults to random UUIDs. */
  generateId?: () => string;
  logger?: PartnerCenterLogger;
  /** Shared counters; a new set per client when absent (read it from `client.metrics`). */
  metrics?: PartnerCenterMetrics;
  /**
   * The process's rate limiters. Pass the same registry to every client of a process so that they
   * share Microsoft's limits; a client given none gets a private one (fine for one-off scripts).
   */
  limiters?: LimiterRegistry;
  /** Overrides of the client-side limits (tests scale them down). */
  limits?: Partial<ClientRateLimits>;
  retry?: Partial<RetryPolicy>;
  /** Timeout of each attempt. Default 30 s. */
  timeoutMs?: number;
  /** Called when Microsoft rotates the App+User refresh token: store the new one. */
  onRefreshToken?: RefreshTokenCallback;
}

/** The parts of a connection safe to show (no secrets). */
export type PartnerCenterConnectionInfo = Pick<
  PartnerCenterConnection,
  'id' | 'name' | 'type' | 'tenantId' | 'partnerCenterBaseUrl'
> & {
  hasAppUserConsent: boolean;
};

/**
 * Creates the typed Partner Center client of one connection: every operation CSP Hub needs on
 * Partner Center REST, Graph GDAP and the token endpoint, with headers, token cache, limiter,
 * retries, errors, logs and metrics handled in one place. Methods take and return
 * CSP Hub's camelCase types; Microsoft's wire names stay inside this package.
 */
export function createPartnerCenterClient(options: PartnerCenterClientOptions) {
  const connection = parsePartnerCenterConnection(options.connection);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? createPartnerCenterMetrics();
  const limiters = options.limiters ?? createLimiterRegistry({ clock });
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const tokens = createTokenProvider({
    connection,
    fetch: fetchImpl,
    clock,
    logger,
    metrics,
    onRefreshToken: options.onRefreshToken,
  });
  const pipeline = createRequestPipeline({
    connection,
    fetch: fetchImpl,
    clock,
    random: options.random ?? Math.random,
    generateId: options.generateId ?? randomUUID,
    logger,
    metrics,
    limiters,
    limits: { ...defaultRateLimits, ...options.limits },
    tokens,
    retry: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
  });

  const info: PartnerCenterConnectionInfo = {
    id: connection.id,
    name: connection.name,
    type: connection.type,
    tenantId: connection.tenantId,
    partnerCenterBaseUrl: connection.partnerCenterBaseUrl,
    hasAppUserConsent: tokens.flows.appUser,
  };

  return {
    /** Which connection this client speaks for (no secrets). */
    connection: info,
    /** This client's counters (or the shared ones passed in). */
    metrics,
    /** The limiter registry in use. */
    limiters,
    /** What is known of the App+User sign-in (MFA claim, refresh token rotation), for credential health. */
    appUserState: () => tokens.appUserState(),
    /** Redeems a partner user's new sign-in (authorization code) for a refresh token; see TokenProvider. */
    redeemAuthorizationCode: (code: string, redirectUri: string) => tokens.redeemAuthorizationCode(code, redirectUri),
    /**
     * The Entra sign-in page where a partner user consents the app again (secure application model,
     * https://learn.microsoft.com/partner-center/developer/enable-secure-app-model); it redirects to
     * `redirectUri` with `code` and `state`.
     */
    consentUrl: (redirectUri: string, state: string) => {
      const v2 = connection.tokenEndpointVersion === 'v2';
      const q = new URLSearchParams({ client_id: connection.appId, response_type: 'code', redirect_uri: redirectUri, state, prompt: 'login' });
      if (v2) q.set('scope', `${connection.partnerCenterResource}/.default offline_access`);
      else q.set('resource', connection.partnerCenterResource);
      return `${connection.authorityBaseUrl}/${encodeURIComponent(connection.tenantId)}/oauth2/${v2 ? 'v2.0/' : ''}authorize?${q}`;
    },
    ...createDomainOps(pipeline),
    ...createAddressValidationOps(pipeline),
    ...createCustomerOps(pipeline),
    ...createCustomerAgreementOps(pipeline),
    ...createMcaAttestationOps(pipeline),
    ...createRelationshipRequestOps(pipeline),
    ...createIndirectResellerOps(pipeline),
    ...createCatalogOps(pipeline),
    ...createPriceSheetOps(pipeline),
    ...createCartOps(pipeline),
    ...createCheckoutOptionOps(pipeline),
    ...createOrderOps(pipeline),
    ...createSubscriptionOps(pipeline),
    ...createTransferOps(pipeline),
    ...createCustomerUserOps(pipeline),
    ...createDirectoryRoleOps(pipeline),
    ...createGdapRelationshipOps(pipeline),
    ...createGdapAccessAssignmentOps(pipeline),
    ...createEntraRoleOps(pipeline),
    ...createWebhookOps(pipeline),
    ...createAuditRecordOps(pipeline),
  };
}

/** The client's type, for ports and tests. */
export type PartnerCenterClient = ReturnType<typeof createPartnerCenterClient>;
