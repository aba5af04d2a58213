import type { Config } from '@csphub/config';
import { createSecretBox, type OpenDatabase } from '@csphub/db';
import { z } from 'zod';
import { AppError, EVENT_CATALOGUE, EVENT_TYPES } from '@csphub/domain';
import { createRouter } from './http/openapi-app';
import { requestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { appErrorFromPartnerCenter } from './http/partner-center-problem';
import { problemFromError, problemResponse, toProblem } from './http/problem';
import { staticWeb } from './http/static-web';
import { admission } from './http/admission';
import { SessionCache } from './auth/session-cache';
import type { Logger } from './logger';
import type { Clock } from './clock';
import { SESSION_COOKIE } from './auth/authenticate';
import type { ServerDeps } from './app/server-deps';
import { emulatorUrlOf, type ServerAdapters } from './app/composition';
import type { WorkflowStarters } from './workflows/wiring';
import { mountSystemRoutes } from './system/mount-system-routes';
import { mountChannelRoutes } from './channel/mount-channel-routes';
import { mountOnboardingRoutes } from './onboarding/mount-onboarding-routes';
import type { OnboardingDeps } from './onboarding/onboarding-deps';
import { listRunsOfCompany } from './onboarding/onboarding-runs';
import { startPendingAuthorizationChecks } from './onboarding/acceptance-detector';
import { mountCommerceRoutes } from './commerce/mount-commerce-routes';
import { mountGdapRoutes } from './gdap/mount-gdap-routes';
import type { GdapDeps } from './gdap/gdap-deps';
import { startGdapChecks } from './gdap/gdap-relationships';
import { mountCockpitRoutes } from './cockpit/mount-cockpit-routes';
import type { CommerceDeps } from './commerce/commerce-deps';
import { startSubscriptionNotices } from './commerce/subscription-notices';
import { startTransferChecks } from './commerce/subscription-transfers-service';
import { startResellerRevalidation } from './channel/reseller-revalidation';
import { mountNotificationTemplatesRoutes } from './notifications/mount-notification-templates-routes';
import { mountWebhooksRoutes } from './webhooks/mount-webhooks-routes';
import { mountCustomerImportRoutes } from './customer-import/mount-customer-import-routes';
import { startMcaVersionChecks } from './onboarding/mca-records';
import { startImportIntents } from './customer-import/import-intents';
import { API_DESCRIPTION, mountApiReference } from './system/api-reference';

/**
 * Everything the server is built from, passed in whole: main.ts builds the real ones
 * (app/composition.ts, workflows/wiring.ts), tests their own. Nothing here has a default that
 * would create a second client, limiter registry or notifier.
 */
export interface AppDeps {
  database: OpenDatabase;
  logger: Logger;
  version: string;
  /** The 32-byte key sealing secrets at rest (see security/secret-key.ts). */
  secretKey: Buffer;
  clock: Clock;
  /** The process's Partner Center clients, notifier and connection tester (createServerAdapters). */
  adapters: ServerAdapters;
  /**
   * The starters of the durable runs (`wireWorkflows(...).starters(runtime)`); a starter left out
   * (the runtime is not launched, in API-only tests) makes its route answer that runs are unavailable.
   */
  runs: Partial<WorkflowStarters>;
  /** The embedded emulator, when it runs. */
  emulator?: { url: string; ping(): Promise<boolean> } | undefined;
  /** Folder of the built web app; omitted in API-only tests. */
  webDist?: string | undefined;
  /** Background checks, each off unless given: pending customer authorizations, subscription notices. */
  every?: { pendingAuthorizationsMs?: number; subscriptionNoticesMs?: number; resellerRevalidationMs?: number; gdapChecksMs?: number; importIntentsMs?: number; mcaVersionsMs?: number; transferChecksMs?: number } | undefined;
  /** How long a route waits for the workflow engine before answering 503 WORKFLOWS_BUSY (default 15 s). */
  engineWaitMs?: number | undefined;
}

/**
 * The one composition root of the HTTP server: wires routes, middleware and error handling.
 * Returns the Hono app (use `app.request()` in tests, `@hono/node-server` in main).
 */
export function createApp(config: Config, deps: AppDeps) {
  const app = createRouter();
  app.use('*', securityHeaders());
  app.use('*', requestId());
  // The web app's files are compressed by staticWeb, once per file. API answers are not, as a rule:
  // with Hono's streaming compression, a client that went away while its read waited for Partner
  // Center could leave the answer's stream open (seen on PostgreSQL in commerce/abandoned-reads.test.ts);
  // the large lists are paged instead (GET /companies/branch, /companies/search), and those pages are
  // compressed whole once their handler has returned (http/compress-json.ts), never streamed.
  app.use('*', async (c, next) => {
    const logger = deps.logger.child({ requestId: c.var.requestId });
    c.set('logger', logger);
    const start = performance.now();
    await next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/assets/')) return;
    logger.info({ method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - start) }, 'request');
  });
  // A saturated server answers 503 with Retry-After at once instead of queueing for seconds.
  app.use('/api/*', admission(config.requests));
  // Sessions checked in the last seconds are not checked again; any change made through the API forgets them all.
  const sessionCache = new SessionCache();
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    try {
      await next();
    } finally {
      sessionCache.clear();
    }
  });

  const serverDeps: ServerDeps = {
    db: deps.database.db,
    box: createSecretBox(deps.secretKey),
    clock: deps.clock,
    trustProxy: config.trustProxy,
    secureCookies: config.publicUrl.startsWith('https://'),
    emulatorUrl: emulatorUrlOf(config, deps.emulator),
    connectionTester: deps.adapters.connectionTester,
    publicUrl: config.publicUrl,
    sessionCache,
  };
  const { runs } = deps;
  const onboardingDeps: OnboardingDeps = {
    ...serverDeps,
    publicUrl: config.publicUrl,
    notifier: deps.adapters.notifier,
    clients: deps.adapters.clients,
    runs: {
      ...(runs.startLinkExistingTenant ? { startLinkExistingTenant: runs.startLinkExistingTenant } : {}),
      ...(runs.startNewTenant ? { startNewTenant: runs.startNewTenant } : {}),
      ...(runs.retryNewTenant ? { retryNewTenant: runs.retryNewTenant } : {}),
      ...(runs.wakeMcaCheck ? { wakeMcaCheck: runs.wakeMcaCheck } : {}),
      ...(runs.startMcaAcceptance ? { startMcaAcceptance: runs.startMcaAcceptance } : {}),
      ...(runs.startGdapAccessUpdate ? { startGdapAccessUpdate: runs.startGdapAccessUpdate } : {}),
      ...(deps.engineWaitMs !== undefined ? { engineWaitMs: deps.engineWaitMs } : {}),
      listForCompany: (companyId) => listRunsOfCompany(serverDeps.db, companyId),
    },
    logger: deps.logger,
  };
  const commerceDeps: CommerceDeps = {
    ...serverDeps,
    publicUrl: config.publicUrl,
    orderRuns: runs.startPlaceOrder ? { startPlaceOrder: runs.startPlaceOrder } : {},
    partnerCenterFor: deps.adapters.partnerCenterFor,
    logger: deps.logger,
  };

  const gdapDeps: GdapDeps = {
    ...serverDeps,
    publicUrl: config.publicUrl,
    clients: deps.adapters.clients,
    notifier: deps.adapters.notifier,
    startRequestGdap: runs.startRequestGdap,
    logger: deps.logger,
  };

  // Every feature's routes, mounted in one place: /healthz at the root, the rest under /api/v1.
  mountSystemRoutes(app, {
    health: { version: deps.version, database: deps.database, emulator: { mode: config.emulator.mode, url: deps.emulator?.url, ping: deps.emulator?.ping } },
    info: { version: deps.version, demo: config.demo, emulator: config.emulator.mode === 'embedded' },
  });
  const api = createRouter();
  mountChannelRoutes(api, serverDeps);
  mountOnboardingRoutes(api, onboardingDeps);
  mountCommerceRoutes(api, commerceDeps);
  mountWebhooksRoutes(api, { ...serverDeps, webhookPolicy: config.webhooks });
  mountNotificationTemplatesRoutes(api, { ...serverDeps, publicUrl: config.publicUrl, notifier: deps.adapters.notifier });
  mountGdapRoutes(api, gdapDeps);
  mountCockpitRoutes(api, {
    ...serverDeps,
    partnerCenterFor: deps.adapters.partnerCenterFor,
    notifier: deps.adapters.notifier,
    logger: deps.logger,
    bulkRuns: runs.startBulkFix ? { startBulkFix: runs.startBulkFix } : {},
  });
  mountCustomerImportRoutes(api, {
    ...serverDeps,
    importRuns: {
      ...(runs.startImportRead ? { startImportRead: runs.startImportRead } : {}),
      ...(runs.startImportApply ? { startImportApply: runs.startImportApply } : {}),
    },
  });
  if (deps.every?.pendingAuthorizationsMs) startPendingAuthorizationChecks(onboardingDeps, deps.every.pendingAuthorizationsMs);
  if (deps.every?.subscriptionNoticesMs) startSubscriptionNotices(commerceDeps, deps.adapters.notifier, deps.every.subscriptionNoticesMs);
  if (deps.every?.resellerRevalidationMs) startResellerRevalidation(commerceDeps, deps.every.resellerRevalidationMs);
  if (deps.every?.gdapChecksMs) startGdapChecks(gdapDeps, deps.every.gdapChecksMs);
  if (deps.every?.mcaVersionsMs) startMcaVersionChecks({ db: serverDeps.db, clients: deps.adapters.clients, clock: deps.clock, logger: deps.logger }, deps.every.mcaVersionsMs);
  if (deps.every?.transferChecksMs) startTransferChecks(commerceDeps, deps.every.transferChecksMs);
  // Imports whose request committed but whose durable run never started (the process stopped in
  // between) get their run, at start and then every `importIntentsMs`. The customer sync itself is
  // a DBOS scheduled run (workflows/wiring.ts, docs/CUSTOMER-IMPORT.md).
  if (deps.every?.importIntentsMs) {
    const importDeps = { db: serverDeps.db, box: serverDeps.box, now: () => deps.clock.now() };
    const intents = () => startImportIntents(importDeps, runs).catch((err: unknown) => deps.logger?.warn({ err }, 'customer import runs not started'));
    void intents();
    setInterval(() => void intents(), deps.every.importIntentsMs).unref();
  }
  app.route('/api/v1', api);

  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'CSP Hub API',
      version: deps.version,
      description: API_DESCRIPTION,
    },
    servers: [{ url: config.publicUrl }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by POST /api/v1/auth/login. Changes also need the X-CSRF-Token header (the csrfToken of the session).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'An API token (csph_...) created on a company\'s Security tab.' });

  // The payload of every catalogued event, as components of the document (docs/WEBHOOKS.md).
  for (const type of EVENT_TYPES) {
    const e = EVENT_CATALOGUE[type];
    app.openAPIRegistry.registerComponent('schemas', `WebhookEvent.${type}.v${e.version}`, {
      description: e.description,
      ...(z.toJSONSchema(e.data, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>),
    });
  }
  mountApiReference(app);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    return problemResponse(c, toProblem('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${path}. See /api/openapi.json for the API.`, c.var.requestId));
  });
  app.onError((thrown, c) => {
    // A Partner Center failure no route translated (a read such as the domain check) is Microsoft's
    // outage or refusal, not ours: say so, with when to try again.
    const err = appErrorFromPartnerCenter(thrown) ?? thrown;
    const { problem, unexpected } = problemFromError(err, c.var.requestId ?? 'unknown');
    // A request whose client went away stops at its next Partner Center call (CANCELLED): not a fault.
    if (unexpected && c.req.raw.signal.aborted) (c.var.logger ?? deps.logger).debug({ err }, 'the client went away');
    else if (unexpected) (c.var.logger ?? deps.logger).error({ err }, 'unexpected error');
    // A refusal that knows when to come back says so (RFC 9110, Retry-After): the sign-in back-off, a full Partner Center queue.
    if (err instanceof AppError && err.retryAfterSeconds !== undefined && err.retryAfterSeconds > 0) c.header('Retry-After', String(Math.ceil(err.retryAfterSeconds)));
    return problemResponse(c, problem);
  });

  if (deps.webDist) {
    // After the API so that /api and /healthz are never shadowed; before notFound via middleware order.
    app.use('*', staticWeb(deps.webDist));
  }
  return app;
}
export type App = ReturnType<typeof createApp>;
