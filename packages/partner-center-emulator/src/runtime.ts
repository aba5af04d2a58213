import { Engine, type EngineOptions } from './engine/engine';
import type { CallRecord } from './engine/emulator-state';
import type { Scenario } from './scenario/scenario.schema';
import { tick } from './engine/tick';
import { TokenService } from './protocol/tokens';
import { createMemoryStore, type StateStore } from './store/state-store';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

export interface RuntimeOptions extends EngineOptions {
  scenario: Scenario;
  store?: StateStore;
  /** Used to deliver webhooks; defaults to global fetch. */
  fetch?: typeof fetch;
  /** Where diagnostics go; defaults to nothing. */
  log?: (message: string) => void;
  /** The emulator's own origin, used in links it hands out (relationship URL, certificate URL). */
  publicUrl?: string;
}

/**
 * One emulator instance: the engine, the token service, the store and the webhook dispatcher.
 * Created per app so that many emulators can live in one process (tests), never a singleton.
 */
export class EmulatorRuntime {
  readonly engine: Engine;
  readonly tokens: TokenService;
  readonly store: StateStore;
  readonly webhooks: WebhookDispatcher;
  publicUrl: string;
  /** The scenario the emulator was created with; `POST /_emulator/reset` goes back to it. */
  readonly initialScenario: Scenario;
  private readonly logFn: (message: string) => void;

  constructor(options: RuntimeOptions) {
    this.initialScenario = options.scenario;
    this.engine = new Engine(options.scenario, options);
    this.store = options.store ?? createMemoryStore();
    this.logFn = options.log ?? (() => undefined);
    this.publicUrl = options.publicUrl ?? 'http://localhost';
    const saved = this.store.load();
    if (saved) this.engine.load(saved);
    else this.engine.markDirty();
    this.tokens = new TokenService(this.engine);
    this.webhooks = new WebhookDispatcher(this, options.fetch ?? fetch);
    this.commit();
  }

  log(message: string): void {
    this.logFn(message);
  }

  /** Runs due time-based transitions. */
  tick(): void {
    tick(this.engine);
  }

  /** Saves the state if something changed. */
  commit(): void {
    if (this.engine.takeDirty()) this.store.save(this.engine.state);
  }

  /** After every request: save, then start any due webhook deliveries (not awaited). */
  afterRequest(): void {
    this.commit();
    this.webhooks.kick();
  }

  recordCall(call: CallRecord): void {
    const state = this.engine.state;
    state.calls.push(call);
    if (state.calls.length > state.settings.callLogLimit) state.calls.splice(0, state.calls.length - state.settings.callLogLimit);
    state.counters[call.operation] = (state.counters[call.operation] ?? 0) + 1;
    // The call log alone does not trigger a save: it is written with the next mutation.
  }

  /** Replaces the state with a fresh seed. */
  reseed(scenario: Scenario): void {
    this.engine.reseed(scenario);
    this.tokens.clearCache();
    this.commit();
  }

  /** Waits for in-flight webhook deliveries (tests, shutdown). */
  async drain(): Promise<void> {
    await this.webhooks.drain();
  }
}
