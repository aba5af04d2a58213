import { Hono } from 'hono';
import type { AppEnv } from './protocol/app-env';
import { ApiRouter } from './protocol/api-router';
import type { OperationSpec } from './protocol/operation';
import { fallback } from './protocol/fallback';
import { EmulatorRuntime, type RuntimeOptions } from './runtime';
import { DEFAULT_SCENARIO } from './scenario/default-scenario';
import { ScenarioSchema, type Scenario, type ScenarioInput } from './scenario/scenario.schema';
import { createFileStore, createMemoryStore } from './store/state-store';
import type { TimeSource } from './engine/emulator-clock';
import { registerTokenRoutes } from './routes/token.routes';
import { registerOpenIdRoutes } from './routes/openid.routes';
import { registerCustomerRoutes } from './routes/customers.routes';
import { registerControlRoutes } from './control/control.routes';
import { registerApiRoutes } from './routes/register-api-routes';
import { registerAdminRoutes } from './admin/admin.routes';
import { registerMcaAcceptanceRoutes } from './admin/mca-acceptance.routes';

export interface EmulatorAppOptions {
  /** Scenario seeded at first start and by `POST /_emulator/reset` (default: {@link DEFAULT_SCENARIO}). */
  scenario?: Scenario | ScenarioInput;
  /** JSON state file; without it the state lives in memory only. */
  statePath?: string;
  /** 32-byte key sealing the state file's secrets; default: a key file beside it (see createFileStore). */
  stateKey?: Buffer;
  /** Base time source (epoch ms); emulator time = base + control-plane offset. */
  clock?: TimeSource;
  /** GUID generator, for predictable ids in tests. */
  ids?: () => string;
  /** [0,1) source for probabilistic faults. */
  random?: () => number;
  /** fetch used to deliver webhooks (default: global fetch). */
  fetch?: typeof fetch;
  /** Diagnostics sink. */
  log?: (message: string) => void;
  /** Origin the emulator is reached at, used in links it hands out (default http://localhost). */
  publicUrl?: string;
  /** Let callers on other machines use the control plane (`/_emulator`); off: they get 403. */
  allowRemoteControl?: boolean;
}

/**
 * The Hono app of one emulator, with its runtime (engine, tokens, store) and the catalogue
 * operations it serves attached.
 */
export type EmulatorApp = Hono<AppEnv> & { emulator: EmulatorRuntime; operations: readonly OperationSpec[] };

/**
 * Builds one emulator as a Hono app: serve it with `startEmulator`, or call `app.request()` in
 * tests. Each call makes an independent instance (own state, clock offset and keys).
 */
export function createEmulatorApp(options: EmulatorAppOptions = {}): EmulatorApp {
  const scenario = ScenarioSchema.parse(options.scenario ?? DEFAULT_SCENARIO);
  const runtimeOptions: RuntimeOptions = {
    scenario,
    store: options.statePath ? createFileStore(options.statePath, { key: options.stateKey, log: options.log }) : createMemoryStore(),
    clock: options.clock,
    ids: options.ids,
    random: options.random,
    fetch: options.fetch,
    log: options.log,
    publicUrl: options.publicUrl,
  };
  const runtime = new EmulatorRuntime(runtimeOptions);
  const app = new Hono<AppEnv>();

  registerTokenRoutes(app, runtime);
  registerOpenIdRoutes(app, runtime);
  registerControlRoutes(app, runtime, { allowRemoteControl: options.allowRemoteControl });
  registerAdminRoutes(app, runtime);
  registerMcaAcceptanceRoutes(app, runtime);
  const pc = new ApiRouter(app, runtime, '');
  const graph = new ApiRouter(app, runtime, '/graph/v1.0');
  registerCustomerRoutes(pc);
  registerApiRoutes(pc, graph);

  const operations = () => [...pc.operations, ...graph.operations];
  app.notFound((c) => fallback(operations(), c, runtime.engine));
  app.onError((error, c) => {
    runtime.log(`unhandled error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json({ code: 800003, description: 'An unexpected error occurred.', data: [], source: 'CspEmulator' }, 500);
  });
  return Object.assign(app, { emulator: runtime, operations: operations() });
}
