import type { Engine } from '../engine/engine';
import type { PartnerRecord, ResellerRecord, TenantRecord } from '../engine/emulator-state';

/** Control-plane lookups accept ids, scenario keys or domains, so tests can say `fabrikam`. */
export function resolvePartner(engine: Engine, idOrKey: string): PartnerRecord | undefined {
  return engine.partnerByTenant(idOrKey) ?? engine.partnerByKey(idOrKey);
}

export function resolveReseller(engine: Engine, idOrKey: string): ResellerRecord | undefined {
  const v = idOrKey.toLowerCase();
  return engine.state.resellers[v] ?? Object.values(engine.state.resellers).find((r) => r.key === idOrKey || r.partnerId === idOrKey);
}

export function resolveTenant(engine: Engine, idKeyOrDomain: string): TenantRecord | undefined {
  const v = idKeyOrDomain.toLowerCase();
  const direct = engine.state.tenants[v];
  if (direct) return direct;
  const key = engine.state.scenario.tenants.find((t) => t.key === idKeyOrDomain);
  if (key) return engine.state.tenants[key.tenantId.toLowerCase()];
  return Object.values(engine.state.tenants).find((t) => t.initialDomain === v || t.customDomains.includes(v) || t.initialDomain === `${v}.onmicrosoft.com`);
}
