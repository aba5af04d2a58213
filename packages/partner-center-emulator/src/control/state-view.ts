import type { Engine } from '../engine/engine';
import { rolesOf, TENANT_DIRECTORY_ROLES } from '../engine/directory-roles.engine';

/**
 * What `GET /_emulator/state` answers: the clock, settings, counters, the side effects that
 * happened and the records a test asserts on; never a password, its digest or a secret.
 */
export function stateView(engine: Engine) {
  const s = engine.state;
  return {
    now: engine.iso(),
    clockOffsetMs: s.clockOffsetMs,
    settings: s.settings,
    counters: s.counters,
    // Side effects that happened (audit operation types), whatever the number of calls/replays.
    effects: countEffects(s.audit),
    totals: {
      tenants: Object.keys(s.tenants).length,
      relationships: s.relationships.length,
      agreements: s.agreements.length,
      carts: Object.keys(s.carts).length,
      orders: Object.keys(s.orders).length,
      subscriptions: Object.keys(s.subscriptions).length,
      users: Object.keys(s.users).length,
      gdapRelationships: Object.keys(s.gdap).length,
      webhookDeliveries: s.webhookDeliveries.length,
      auditRecords: s.audit.length,
      calls: s.calls.length,
    },
    tenants: Object.values(s.tenants).map((t) => ({ tenantId: t.tenantId, companyName: t.companyName, domains: [t.initialDomain, ...t.customDomains], mcaDirectlySigned: t.mcaDirectlySigned })),
    relationships: s.relationships,
    agreements: s.agreements,
    orders: Object.values(s.orders),
    subscriptions: Object.values(s.subscriptions),
    gdap: Object.values(s.gdap),
    // Customer users with what a test may assert (never a password or its digest).
    users: Object.values(s.users).map((u) => ({
      id: u.id,
      customerTenantId: u.customerTenantId,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      state: u.state,
      forceChangePassword: u.forceChangePassword ?? false,
      directoryRoles: rolesOf(u).map((id) => TENANT_DIRECTORY_ROLES.find((r) => r.templateId === id)?.name ?? id),
    })),
    faults: s.faults,
  };
}

/** The emulator's state as `GET /_emulator/state` answers it. */
export type EmulatorStateView = ReturnType<typeof stateView>;

function countEffects(audit: readonly { operationType: string; operationStatus: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of audit) if (record.operationStatus === 'succeeded') out[record.operationType] = (out[record.operationType] ?? 0) + 1;
  return out;
}
