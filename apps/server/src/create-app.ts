import type { Config } from '@csphub/config';
import { randomBytes } from 'node:crypto';
import { createSecretBox, type OpenDatabase } from '@csphub/db';
import { AppError } from '@csphub/domain';
import { createRouter } from './http/openapi-app';
import { requestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { appErrorFromPartnerCenter } from './http/partner-center-problem';
import { problemFromError, problemResponse, toProblem } from './http/problem';
import { staticWeb } from './http/static-web';
import { healthRoutes } from './routes/health.routes';
import { systemRoutes } from './routes/system.routes';
import type { Logger } from './logger';
import { systemClock, type Clock } from './clock';
import { mountChannelRoutes } from './channel/channel-routes';
import { createPartnerCenterConnectionTester, type ConnectionTester } from './partner-center/connection-tester';
import { SESSION_COOKIE } from './auth/authenticate';
import { mountOnboardingRoutes, type OnboardingOptions } from './onboarding/mount-onboarding-routes';
import { startPendingAuthorizationChecks } from './onboarding/acceptance-detector';
import { mountCommerceRoutes, type CommerceOptions } from './commerce/mount-commerce-routes';
import { createLimiterRegistry, systemClock as partnerCenterClock } from '@csphub/partner-center';

/** Everything the server is built from; tests pass their own. */
export interface AppDeps {
  database: OpenDatabase;
  logger: Logger;
  version: string;
  /** The embedded emulator, when it runs. */
  emulator?: { url: string; ping(): Promise<boolean> } | undefined;
  /** Folder of the built web app; omitted in API-only tests. */
  webDist?: string | undefined;
  /** The 32-byte key sealing secrets at rest (see security/secret-key.ts); tests may omit it for a random one. */
  secretKey?: Buffer | undefined;
  clock?: Clock | undefined;
  /** How "test connection" reaches Partner Center; the real client by default. */
  connectionTester?: ConnectionTester | undefined;
  /** Onboarding wiring (notifier, Partner Center clients, the existing-tenant run starter); defaults work. */
  onboarding?: (Partial<Pick<OnboardingOptions, 'notifier' | 'clients' | 'startLinkExistingTenant' | 'startNewTenant' | 'retryNewTenant' | 'engineWaitMs'>> & { checkPendingAuthorizationsEveryMs?: number }) | undefined;
  /** Orders and subscriptions wiring (the place-order run starter, a Partner Center client factory); defaults work. */
  commerce?: Partial<Omit<CommerceOptions, 'publicUrl'>> | undefined;
}

/**
 * The one composition root of the HTTP server: wires routes, middleware and error handling.
 * Returns the Hono app (use `app.request()` in tests, `@hono/node-server` in main).
 */
export function createApp(config: Config, deps: AppDeps) {
  const app = createRouter();
  app.use('*', securityHeaders());
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const logger = deps.logger.child({ requestId: c.var.requestId });
    c.set('logger', logger);
    const start = performance.now();
    await next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/assets/')) return;
    logger.info({ method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - start) }, 'request');
  });

  app.route('/', healthRoutes({ version: deps.version, database: deps.database, emulator: { mode: config.emulator.mode, url: deps.emulator?.url, ping: deps.emulator?.ping } }));

  const api = createRouter();
  api.route('/', systemRoutes({ version: deps.version, demo: config.demo, emulator: config.emulator.mode === 'embedded' }));
  const channelDeps = {
    db: deps.database.db,
    box: createSecretBox(deps.secretKey ?? randomBytes(32)),
    clock: deps.clock ?? systemClock,
    trustProxy: config.trustProxy,
    secureCookies: config.publicUrl.startsWith('https://'),
    emulatorUrl: deps.emulator?.url ?? `http://127.0.0.1:${config.emulator.port}`,
    connectionTester: deps.connectionTester ?? createPartnerCenterConnectionTester(),
    publicUrl: config.publicUrl,
  };
  mountChannelRoutes(api, channelDeps);
  const onboarding = mountOnboardingRoutes(api, channelDeps, { publicUrl: config.publicUrl, mail: config.mail, ...deps.onboarding, logger: deps.logger });
  if (deps.onboarding?.checkPendingAuthorizationsEveryMs) startPendingAuthorizationChecks(onboarding, deps.onboarding.checkPendingAuthorizationsEveryMs);
  mountCommerceRoutes(api, channelDeps, {
    publicUrl: config.publicUrl,
    logger: deps.logger,
    limiters: createLimiterRegistry({ clock: partnerCenterClock, maxQueued: config.partnerCenter.maxQueued }),
    ...deps.commerce,
  });
  app.route('/api/v1', api);

  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'CSP Hub API',
      version: deps.version,
      description:
        'Provision Microsoft customer tenants through the Cloud Solution Provider programme. Errors are application/problem+json with a stable `code` and a `requestId`.',
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
