import type { Scenario } from '../scenario/scenario.schema';
import { DAY_MS, addTerm } from './emulator-clock';
import { DEFAULT_SETTINGS, type EmulatorState, type SubscriptionRecord, type TenantRecord, type CustomerUserRecord } from './emulator-state';
import { findCatalogItem } from './catalog.engine';

/**
 * Builds a fresh state from a scenario at emulator time `now`. Relative dates (`startedDaysAgo`)
 * become absolute here, so one scenario file stays meaningful whenever it is loaded.
 */
export function seedState(scenario: Scenario, now: number, newId: () => string, tokenKey: string): EmulatorState {
  const state: EmulatorState = {
    version: 1,
    scenario,
    clockOffsetMs: 0,
    settings: { ...DEFAULT_SETTINGS, throttleOverrides: {}, legacyMcaAttestationRetiredAt: scenario.legacyMcaAttestationRetiredAt ?? null },
    secrets: { tokenKey },
    partners: {},
    resellers: {},
    tenants: {},
    relationships: [],
    agreements: [],
    attestations: [],
    mcaVersions: [],
    carts: {},
    orders: {},
    subscriptions: {},
    transfers: {},
    users: {},
    gdap: {},
    webhooks: {},
    webhookDeliveries: [],
    validationEvents: {},
    audit: [],
    replay: {},
    revokedRefreshTokens: [],
    refreshTokensWithoutMfa: [],
    issuedRefreshTokens: {},
    authorizationCodes: {},
    calls: [],
    counters: {},
    faults: [],
  };
  const partnerTenant = (key: string): string => {
    const p = scenario.partners.find((x) => x.key === key);
    if (!p) throw new Error(`scenario: unknown partner key '${key}'`);
    return p.tenantId.toLowerCase();
  };
  const resellerOf = (key: string) => {
    const r = scenario.resellers.find((x) => x.key === key);
    if (!r) throw new Error(`scenario: unknown reseller key '${key}'`);
    return r;
  };

  for (const p of scenario.partners) {
    state.partners[p.tenantId.toLowerCase()] = {
      key: p.key,
      name: p.name,
      kind: p.kind,
      tenantId: p.tenantId.toLowerCase(),
      domain: p.domain,
      partnerId: p.partnerId,
      region: p.region,
      country: p.country.toUpperCase(),
      sandbox: p.sandbox,
      appId: p.app.appId.toLowerCase(),
      appSecret: p.app.appSecret,
      userObjectId: p.user.objectId.toLowerCase(),
      userPrincipalName: p.user.userPrincipalName,
      refreshToken: p.user.refreshToken,
    };
  }
  for (const r of scenario.resellers) {
    state.resellers[r.tenantId.toLowerCase()] = {
      key: r.key,
      name: r.name,
      tenantId: r.tenantId.toLowerCase(),
      partnerId: r.partnerId,
      ...(r.globalPartnerId ? { globalPartnerId: r.globalPartnerId } : {}),
      country: r.country.toUpperCase(),
      region: r.region,
      mpaSignedRegions: [...r.mpaSignedRegions],
      providerTenantIds: r.providers.map(partnerTenant),
      state: r.state,
      porAuthorization: r.porAuthorization ?? 'authorized',
    };
  }
  for (const t of scenario.tenants) {
    const tenantId = t.tenantId.toLowerCase();
    const createdAt = now - 1000 * DAY_MS;
    const tenant: TenantRecord = {
      tenantId,
      commerceId: newId(),
      companyName: t.companyName,
      initialDomain: `${t.domainPrefix.toLowerCase()}.onmicrosoft.com`,
      customDomains: t.customDomains.map((d) => d.toLowerCase()),
      email: t.email,
      billing: {
        id: newId(),
        firstName: t.address.firstName,
        lastName: t.address.lastName,
        email: t.email,
        culture: t.culture,
        language: t.language,
        companyName: t.companyName,
        address: { ...t.address, country: t.address.country.toUpperCase() },
        etag: newId(),
      },
      mcaDirectlySigned: t.mcaDirectlySigned,
      createdAt,
    };
    state.tenants[tenantId] = tenant;
    const admin: CustomerUserRecord = {
      id: newId(),
      customerTenantId: tenantId,
      userPrincipalName: `${t.globalAdmin.userName}@${tenant.customDomains[0] ?? tenant.initialDomain}`,
      displayName: t.globalAdmin.displayName,
      usageLocation: t.address.country.toUpperCase(),
      state: 'active',
      isGlobalAdmin: true,
      licenses: [],
      createdAt,
    };
    state.users[admin.id] = admin;
    for (const rel of t.relationships) {
      state.relationships.push({
        partnerTenantId: partnerTenant(rel.partner),
        customerTenantId: tenantId,
        associatedPartnerId: rel.reseller ? resellerOf(rel.reseller).tenantId.toLowerCase() : undefined,
        allowDelegatedAccess: false,
        createdAt: now - rel.sinceDaysAgo * DAY_MS,
      });
    }
    for (const g of t.gdap ?? []) {
      const activatedAt = now - g.activatedDaysAgo * DAY_MS;
      const endAt = now + g.endsInDays * DAY_MS;
      const roles = g.roles.map((r) => r.toLowerCase());
      const id = `${newId()}-${newId()}`;
      state.gdap[id] = {
        id,
        partnerTenantId: partnerTenant(g.partner),
        displayName: g.displayName,
        duration: `P${Math.round((endAt - activatedAt) / DAY_MS)}D`,
        customerTenantId: tenantId,
        customerDisplayName: t.companyName,
        roles,
        autoExtendDuration: g.autoExtend === true ? 'P180D' : 'PT0S',
        status: 'active',
        createdAt: activatedAt - DAY_MS,
        modifiedAt: activatedAt,
        lockedAt: activatedAt - DAY_MS,
        approvedAt: activatedAt,
        activatedAt,
        endAt,
        etag: newId(),
        requests: [],
        accessAssignments: (g.assignedGroups ?? []).map((group) => ({ id: newId(), accessContainerId: group, roles, status: 'active' as const, createdAt: activatedAt, modifiedAt: activatedAt, etag: newId() })),
        isDefault: false,
      };
    }
    for (const s of t.subscriptions) {
      const item = findCatalogItem(scenario.catalog, s.catalogItemId);
      if (!item) throw new Error(`scenario: unknown catalogItemId '${s.catalogItemId}'`);
      const startedAt = now - s.startedDaysAgo * DAY_MS;
      // A subscription started long ago has been renewed: its current term starts at the last renewal.
      let termStart = startedAt;
      while (addTerm(termStart, s.termDuration) <= now) termStart = addTerm(termStart, s.termDuration);
      const orderId = newId().replace(/-/g, '').slice(0, 12);
      const sub: SubscriptionRecord = {
        id: newId(),
        partnerTenantId: partnerTenant(s.partner),
        customerTenantId: tenantId,
        orderId,
        offerId: s.catalogItemId,
        productId: item.product.id,
        skuId: item.sku.id,
        offerName: item.sku.title,
        friendlyName: item.sku.title,
        quantity: s.quantity,
        termDuration: s.termDuration,
        billingCycle: s.billingCycle,
        productType: item.product.productType,
        partnerId: s.reseller ? resellerOf(s.reseller).partnerId : undefined,
        createdAt: startedAt,
        termStartAt: termStart,
        commitmentEndAt: addTerm(termStart, s.termDuration),
        status: 'active',
        autoRenewEnabled: s.autoRenewEnabled,
        etag: newId(),
      };
      state.subscriptions[sub.id] = sub;
    }
  }
  return state;
}
