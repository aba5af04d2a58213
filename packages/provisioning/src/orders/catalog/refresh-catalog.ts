import type { Clock } from '@csphub/domain';
import type { CatalogPartnerCenter, CatalogStore } from './catalog-ports';
import { loadCatalog } from './load-catalog';

/** What a refresh reports (the manual refresh button and the bench show it). */
export interface CatalogRefreshResult {
  ok: boolean;
  entries: number;
  partnerCenterCalls: number;
  durationMs: number;
  error?: string;
}

/**
 * Reloads the cached catalog of one connection and country and replaces it in one go, so readers
 * see the old catalog or the new one, never half of each. A failure keeps the old catalog and
 * records the reason (the catalog page shows "last refresh failed: …").
 */
export async function refreshCatalog(
  deps: { partnerCenter: CatalogPartnerCenter; store: CatalogStore; clock: Clock; elapsedMs?: () => number },
  target: { connectionId: string; country: string },
): Promise<CatalogRefreshResult> {
  const country = target.country.toUpperCase();
  const started = deps.elapsedMs?.() ?? deps.clock.now().getTime();
  const elapsed = () => (deps.elapsedMs?.() ?? deps.clock.now().getTime()) - started;
  try {
    const { entries, calls } = await loadCatalog(deps.partnerCenter, country);
    const durationMs = Math.round(elapsed());
    await deps.store.replaceCatalog(target.connectionId, country, entries, deps.clock.now(), { partnerCenterCalls: calls, durationMs });
    return { ok: true, entries: entries.length, partnerCenterCalls: calls, durationMs };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await deps.store.markRefreshFailed(target.connectionId, country, message, deps.clock.now());
    return { ok: false, entries: 0, partnerCenterCalls: 0, durationMs: Math.round(elapsed()), error: message };
  }
}
