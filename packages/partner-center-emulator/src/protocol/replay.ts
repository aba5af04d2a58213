import type { Engine } from '../engine/engine';
import type { ReplayRecord } from '../engine/emulator-state';
import { HOUR_MS } from '../engine/emulator-clock';

/**
 * `MS-RequestId` replay (docs/PARTNER-CENTER-REFERENCE.md §1.3, §14, §17): a POST repeated with the same
 * request id by the same partner, on the same path, gets the first response again and changes
 * nothing. Window: 24 h of emulator time (Microsoft's is not documented). 429 and 5xx answers are
 * not kept, so a retry after a transient failure runs for real.
 */
export function replayKey(partnerTenantId: string, requestId: string, method: string, path: string): string {
  return `${partnerTenantId}|${requestId.toLowerCase()}|${method} ${path.toLowerCase()}`;
}

export function findReplay(engine: Engine, key: string): ReplayRecord | undefined {
  const hit = engine.state.replay[key];
  if (!hit) return undefined;
  if (engine.now() - hit.at > engine.state.settings.replayWindowHours * HOUR_MS) {
    delete engine.state.replay[key];
    engine.markDirty();
    return undefined;
  }
  return hit;
}

export function rememberReplay(engine: Engine, key: string, record: ReplayRecord): void {
  if (record.status === 429 || record.status >= 500) return;
  engine.state.replay[key] = record;
  engine.markDirty();
}

/** Drops entries older than the window (run from the tick). */
export function pruneReplay(engine: Engine): void {
  const cutoff = engine.now() - engine.state.settings.replayWindowHours * HOUR_MS;
  for (const [key, value] of Object.entries(engine.state.replay)) {
    if (value.at < cutoff) {
      delete engine.state.replay[key];
      engine.markDirty();
    }
  }
}
