import { ThrottleClasses, type ThrottleClass } from '@csphub/partner-center/wire';
import type { Engine } from '../engine/engine';

/**
 * Throttling of the operations on Microsoft's throttling list, per throttle class of the operation
 * catalogue (`ThrottleClasses`: 500 requests per minute per (partner, customer), from
 * https://learn.microsoft.com/partner-center/developer/api-throttling-guidance and the resource
 * pages), counted in fixed one-minute windows of emulator time. The limit can be changed with
 * `PUT /_emulator/throttling` (all partners, or one). Returns the seconds to wait when over it.
 */
export function checkThrottle(engine: Engine, partnerTenantId: string, throttleClass: ThrottleClass, customerTenantId: string | undefined): number | undefined {
  const definition = ThrottleClasses[throttleClass];
  const limit = engine.state.settings.throttleOverrides[partnerTenantId] ?? engine.state.settings.throttleLimitPerMinute;
  const now = engine.now();
  const windowMs = definition.windowMs;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const key =
    definition.key === 'partnerCustomer'
      ? `${partnerTenantId}|${throttleClass}|${(customerTenantId ?? '').toLowerCase()}`
      : `${partnerTenantId}|${throttleClass}`;
  let window = engine.throttleWindows.get(key);
  if (!window || window.windowStart !== windowStart) {
    window = { windowStart, count: 0 };
    engine.throttleWindows.set(key, window);
  }
  if (window.count >= limit) return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
  window.count += 1;
  return undefined;
}
