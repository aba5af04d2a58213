import { randomBytes, randomUUID } from 'node:crypto';
import { EmulatorClock, type TimeSource, systemTime } from './emulator-clock';
import type { CustomerRelationshipRecord, EmulatorState, PartnerRecord, SubscriptionRecord } from './emulator-state';
import { seedState } from './seed';
import type { Scenario } from '../scenario/scenario.schema';

export interface EngineOptions {
  /** Base time source; emulator time = base + the offset moved by the control plane. */
  clock?: TimeSource;
  /** Id generator (GUIDs); injected so tests can make ids predictable. */
  ids?: () => string;
  /** Uniform [0,1) source for probabilistic faults. */
  random?: () => number;
}

/**
 * The state engine of one emulator instance. Holds the state and the emulator clock; the
 * resource-family modules (`*.engine.ts`) are plain functions over it. Nothing here touches HTTP.
 * Every mutation calls {@link Engine.markDirty} so the store saves after the request.
 */
export class Engine {
  state: EmulatorState;
  readonly clock: EmulatorClock;
  readonly newId: () => string;
  readonly random: () => number;
  private dirty = false;
  /** In-memory throttling windows, keyed `partner|family`; not persisted (a restart resets them). */
  readonly throttleWindows = new Map<string, { windowStart: number; count: number }>();
  /** Emulator-time of the last validation event per partner (webhook test: 2/min). */
  readonly validationEventTimes = new Map<string, number[]>();
  /** Lower-cased domains of every tenant and partner, built on first use; `undefined` = rebuild. */
  domainIndex: Set<string> | undefined;
  /** Subscriptions by customer tenant id, built on first use; `undefined` = rebuild ({@link invalidateIndexes}). */
  subscriptionIndex: Map<string, SubscriptionRecord[]> | undefined;
  /** Relationships by `partner|customer`, valid while `state.relationships` is the same array of the same length. */
  relationshipIndex: { of: CustomerRelationshipRecord[]; length: number; byKey: Map<string, CustomerRelationshipRecord> } | undefined;
  /** Earliest emulator time at which a time-based transition is due; the tick skips work before it. */
  nextDueAt = 0;

  constructor(scenario: Scenario, options: EngineOptions = {}) {
    this.clock = new EmulatorClock(options.clock ?? systemTime);
    this.newId = options.ids ?? (() => randomUUID());
    this.random = options.random ?? Math.random;
    this.state = seedState(scenario, this.clock.now(), this.newId, randomBytes(32).toString('base64url'));
  }

  now(): number {
    return this.clock.now();
  }

  iso(ms: number = this.clock.now()): string {
    return new Date(ms).toISOString();
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** Asks the tick to look again at emulator time `at` (an order to fulfil, a relationship to expire). */
  schedule(at: number): void {
    if (at < this.nextDueAt) this.nextDueAt = at;
  }

  /** Returns whether something changed since the last call, and clears the flag. */
  takeDirty(): boolean {
    const was = this.dirty;
    this.dirty = false;
    return was;
  }

  /** Replaces the whole state with a fresh seed of `scenario` (keeps the token key so issued tokens stay valid). */
  reseed(scenario: Scenario): void {
    const tokenKey = this.state.secrets.tokenKey;
    this.state = seedState(scenario, this.clock.now(), this.newId, tokenKey);
    this.state.clockOffsetMs = this.clock.offset;
    this.throttleWindows.clear();
    this.validationEventTimes.clear();
    this.nextDueAt = 0;
    this.invalidateIndexes();
    this.markDirty();
  }

  /** Drops the lookup indexes (after a reseed, a load, or a mutation that removes records). */
  invalidateIndexes(): void {
    this.domainIndex = undefined;
    this.subscriptionIndex = undefined;
    this.relationshipIndex = undefined;
  }

  /** Loads a saved state (from the state file). */
  load(state: EmulatorState): void {
    this.state = state;
    this.clock.restoreOffset(state.clockOffsetMs);
    this.nextDueAt = 0;
    this.invalidateIndexes();
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
    this.state.clockOffsetMs = this.clock.offset;
    this.nextDueAt = 0;
    this.markDirty();
  }

  partnerByTenant(tenantIdOrDomain: string): PartnerRecord | undefined {
    const key = tenantIdOrDomain.toLowerCase();
    return (
      this.state.partners[key] ?? Object.values(this.state.partners).find((p) => p.domain.toLowerCase() === key || p.tenantId.toLowerCase() === key)
    );
  }

  partnerByKey(key: string): PartnerRecord | undefined {
    return Object.values(this.state.partners).find((p) => p.key === key);
  }

  /** A short random-looking token (passwords, etags). */
  token(bytes = 12): string {
    return this.newId().replace(/-/g, '').slice(0, bytes * 2);
  }
}
