import type { Engine } from '../engine/engine';

export type ThrottleFamily = 'customers' | 'orders' | 'subscriptions';

/**
 * Per-partner throttling of the Customer, Order and Subscription resources: 500 requests per
 * minute per tenant identifier (partner-center-api.md §14), counted in fixed one-minute windows of
 * emulator time per (partner tenant, family). Returns the seconds to wait when over the limit.
 */
export function checkThrottle(engine: Engine, partnerTenantId: string, family: ThrottleFamily): number | undefined {
  const limit = engine.state.settings.throttleOverrides[partnerTenantId] ?? engine.state.settings.throttleLimitPerMinute;
  const now = engine.now();
  const windowStart = Math.floor(now / 60_000) * 60_000;
  const key = `${partnerTenantId}|${family}`;
  let window = engine.throttleWindows.get(key);
  if (!window || window.windowStart !== windowStart) {
    window = { windowStart, count: 0 };
    engine.throttleWindows.set(key, window);
  }
  if (window.count >= limit) return Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
  window.count += 1;
  return undefined;
}
