import type { CreateCustomerRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { CustomerRelationshipRecord, PartnerRecord, TenantRecord, CustomerUserRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { checkBillingAddress, checkCompanyName, checkCustomerEmail } from './address-rules';
import { createDefaultGdapRelationship, hasActiveGdap } from './gdap.engine';
import { emitWebhookEvent, recordAudit } from './events';
import { passwordDigest } from './password-policy';

/** Sandbox limits (docs/PARTNER-CENTER-REFERENCE.md §1.4). */
export const SANDBOX_CUSTOMER_LIMIT = 75;
/** onmicrosoft.com prefix: letters and digits (docs/PARTNER-CENTER-REFERENCE.md §3); the length limit is an emulator choice, and CSP Hub's domain rule (MAX_DOMAIN_PREFIX_LENGTH) follows it: change both together. */
export const DOMAIN_PREFIX_PATTERN = /^[a-zA-Z0-9]{1,27}$/;
export const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';

export interface CustomerView {
  tenant: TenantRecord;
  relationship: CustomerRelationshipRecord;
}

/** Every domain of every tenant, and of the partners themselves, is taken (docs/PARTNER-CENTER-REFERENCE.md §3: HEAD 200). */
export function isDomainTaken(engine: Engine, domain: string): boolean {
  if (!engine.domainIndex) {
    const index = new Set<string>();
    for (const t of Object.values(engine.state.tenants)) for (const d of [t.initialDomain, ...t.customDomains]) index.add(d);
    for (const p of Object.values(engine.state.partners)) index.add(p.domain.toLowerCase());
    engine.domainIndex = index;
  }
  return engine.domainIndex.has(domain.trim().toLowerCase());
}

export function relationshipOf(engine: Engine, partnerTenantId: string, customerTenantId: string): CustomerRelationshipRecord | undefined {
  const all = engine.state.relationships;
  let index = engine.relationshipIndex;
  // Relationships are only appended or filtered into a new array, so the same array of the same length holds the same records.
  if (!index || index.of !== all || index.length !== all.length) {
    const byKey = new Map<string, CustomerRelationshipRecord>();
    for (const r of all) if (!byKey.has(`${r.partnerTenantId}|${r.customerTenantId}`)) byKey.set(`${r.partnerTenantId}|${r.customerTenantId}`, r);
    index = { of: all, length: all.length, byKey };
    engine.relationshipIndex = index;
  }
  return index.byKey.get(`${partnerTenantId}|${customerTenantId}`);
}

/**
 * The customer as seen by a partner: 404/60003 when no such tenant exists, 403/20002 when it exists
 * but the partner has no relationship with it (the pre-acceptance status is not documented, §6).
 */
export function getVisibleCustomer(engine: Engine, partnerTenantId: string, customerTenantId: string): CustomerView {
  const id = customerTenantId.toLowerCase();
  const tenant = engine.state.tenants[id];
  if (!tenant) throw pcErrors.tenantNotFound(customerTenantId);
  const relationship = relationshipOf(engine, partnerTenantId, id);
  if (!relationship) throw pcErrors.noCommerceRelationship(customerTenantId);
  return { tenant, relationship };
}

/** Whether the partner has admin access (GDAP active, or legacy DAP) and so sees address/email (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
export function hasAdminAccess(engine: Engine, view: CustomerView): boolean {
  return view.relationship.allowDelegatedAccess || hasActiveGdap(engine, view.relationship.partnerTenantId, view.tenant.tenantId);
}

/** Customers of a partner, oldest relationship first (a stable order for seek paging). */
export function listCustomers(engine: Engine, partnerTenantId: string): CustomerView[] {
  const out: CustomerView[] = [];
  for (const relationship of engine.state.relationships) {
    if (relationship.partnerTenantId !== partnerTenantId) continue;
    const tenant = engine.state.tenants[relationship.customerTenantId];
    if (tenant) out.push({ tenant, relationship });
  }
  return out;
}

export interface CreatedCustomer extends CustomerView {
  credentials: { userName: string; password: string };
}

/** `POST /v1/customers` (docs/PARTNER-CENTER-REFERENCE.md §2.2, §2.3). */
export function createCustomer(engine: Engine, principal: Principal, input: CreateCustomerRequest): CreatedCustomer {
  const partner = engine.partnerByTenant(principal.partnerTenantId)!;
  const domain = input.companyProfile.domain.trim().toLowerCase();
  if (!domain.endsWith(ONMICROSOFT_SUFFIX) || !DOMAIN_PREFIX_PATTERN.test(domain.slice(0, -ONMICROSOFT_SUFFIX.length))) {
    throw pcErrors.invalidProperty(
      `companyProfile.domain must be <prefix>.onmicrosoft.com where the prefix has 1 to 27 letters or digits; got '${input.companyProfile.domain}'.`,
      ['companyProfile.domain'],
    );
  }
  if (input.userCredentials?.password) {
    throw pcErrors.invalidProperty('userCredentials.password is not accepted; Microsoft generates the password.', ['userCredentials.password']);
  }
  const associatedPartnerId = input.associatedPartnerId?.trim().toLowerCase() || undefined;
  if (associatedPartnerId) checkAssociatedReseller(engine, principal, partner, associatedPartnerId);
  const billing = input.billingProfile;
  checkCompanyName(billing.companyName);
  checkCustomerEmail(billing.email, partner);
  checkBillingAddress(billing.defaultAddress, input.companyProfile.organizationRegistrationNumber ?? undefined);
  if (partner.sandbox && listCustomers(engine, partner.tenantId).length >= SANDBOX_CUSTOMER_LIMIT) {
    throw pcErrors.sandboxLimitReached(`${SANDBOX_CUSTOMER_LIMIT} customers`);
  }
  if (isDomainTaken(engine, domain)) throw pcErrors.domainAlreadyExists(domain);

  const now = engine.now();
  const tenantId = engine.newId();
  const address = { ...billing.defaultAddress, country: billing.defaultAddress.country.toUpperCase() };
  const tenant: TenantRecord = {
    tenantId,
    commerceId: engine.newId(),
    companyName: input.companyProfile.companyName ?? billing.companyName,
    initialDomain: domain,
    customDomains: [],
    email: billing.email,
    organizationRegistrationNumber: input.companyProfile.organizationRegistrationNumber ?? undefined,
    billing: {
      id: engine.newId(),
      firstName: billing.firstName ?? address.firstName ?? undefined,
      lastName: billing.lastName ?? address.lastName ?? undefined,
      email: billing.email,
      culture: billing.culture,
      language: billing.language,
      companyName: billing.companyName,
      address,
      etag: engine.newId(),
    },
    mcaDirectlySigned: false,
    createdAt: now,
    createdByPartnerTenantId: partner.tenantId,
  };
  engine.state.tenants[tenantId] = tenant;
  engine.domainIndex?.add(domain);
  const relationship: CustomerRelationshipRecord = { partnerTenantId: partner.tenantId, customerTenantId: tenantId, associatedPartnerId, allowDelegatedAccess: false, createdAt: now };
  engine.state.relationships.push(relationship);
  const userName = input.userCredentials?.userName?.trim() || 'admin';
  const password = generatePassword(engine);
  const admin: CustomerUserRecord = {
    id: engine.newId(),
    customerTenantId: tenantId,
    userPrincipalName: `${userName}@${domain}`,
    displayName: `${userName} (Global Administrator)`,
    usageLocation: address.country,
    state: 'active',
    isGlobalAdmin: true,
    // Microsoft's first password is temporary: the admin changes it at the first sign-in.
    forceChangePassword: true,
    passwordSha256: passwordDigest(password),
    licenses: [],
    createdAt: now,
  };
  engine.state.users[admin.id] = admin;
  // From 1 Nov 2023 omitting the flag also yields default GDAP (docs/PARTNER-CENTER-REFERENCE.md §2.2).
  if (input.enableGDAPByDefault !== false) createDefaultGdapRelationship(engine, partner, tenant);
  recordAudit(engine, {
    partnerTenantId: partner.tenantId,
    customerTenantId: tenantId,
    customerName: tenant.companyName,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'customer',
    operationType: 'add_customer',
    resourceNewValue: JSON.stringify({ id: tenantId, domain }),
  });
  engine.markDirty();
  return { tenant, relationship, credentials: { userName, password } };
}

/** §2.3: only indirect providers, app+user, with an active reseller of their own network. */
function checkAssociatedReseller(engine: Engine, principal: Principal, partner: PartnerRecord, resellerTenantId: string): void {
  if (principal.kind === 'app') throw pcErrors.appOnlyNotSupported();
  if (partner.kind !== 'indirect_provider') {
    throw pcErrors.invalidProperty('associatedPartnerId can only be set by an indirect provider.', ['associatedPartnerId']);
  }
  const reseller = engine.state.resellers[resellerTenantId];
  if (!reseller || !reseller.providerTenantIds.includes(partner.tenantId) || reseller.state !== 'Active') {
    throw pcErrors.invalidProperty(`associatedPartnerId ${resellerTenantId} is not an indirect reseller with an active partnership with this provider.`, ['associatedPartnerId']);
  }
}

/** Microsoft generates the first password (docs/PARTNER-CENTER-REFERENCE.md §2.1): 16 characters with every class. */
function generatePassword(engine: Engine): string {
  const raw = engine.newId().replace(/-/g, '');
  return `Q${raw.slice(0, 6)}!x${raw.slice(6, 12).toUpperCase()}9z`;
}

/** `DELETE /v1/customers/{id}` (docs/PARTNER-CENTER-REFERENCE.md §2.7): integration sandbox only. */
export function deleteCustomer(engine: Engine, partner: PartnerRecord, customerTenantId: string): void {
  const view = getVisibleCustomer(engine, partner.tenantId, customerTenantId);
  if (!partner.sandbox) throw pcErrors.actionNotAllowed('Customers can only be deleted in an integration sandbox account.');
  const id = view.tenant.tenantId;
  delete engine.state.tenants[id];
  engine.invalidateIndexes();
  engine.state.relationships = engine.state.relationships.filter((r) => r.customerTenantId !== id);
  engine.state.agreements = engine.state.agreements.filter((a) => a.customerTenantId !== id);
  for (const [key, value] of Object.entries(engine.state.subscriptions)) if (value.customerTenantId === id) delete engine.state.subscriptions[key];
  for (const [key, value] of Object.entries(engine.state.orders)) if (value.customerTenantId === id) delete engine.state.orders[key];
  for (const [key, value] of Object.entries(engine.state.carts)) if (value.customerTenantId === id) delete engine.state.carts[key];
  for (const [key, value] of Object.entries(engine.state.users)) if (value.customerTenantId === id) delete engine.state.users[key];
  for (const [key, value] of Object.entries(engine.state.gdap)) if (value.customerTenantId === id) delete engine.state.gdap[key];
  engine.markDirty();
}

/** `PATCH /v1/customers/{id}` (docs/PARTNER-CENTER-REFERENCE.md §2.8): remove the reseller relationship or legacy DAP. */
export function patchCustomer(engine: Engine, partner: PartnerRecord, customerTenantId: string, patch: { relationshipToPartner?: string; allowDelegatedAccess?: boolean }): CustomerView {
  const view = getVisibleCustomer(engine, partner.tenantId, customerTenantId);
  if (patch.relationshipToPartner !== undefined && patch.relationshipToPartner !== 'none' && patch.relationshipToPartner !== 'reseller') {
    throw pcErrors.invalidProperty(`relationshipToPartner can only be set to 'none'.`, ['relationshipToPartner']);
  }
  if (patch.allowDelegatedAccess === true) throw pcErrors.invalidProperty('allowDelegatedAccess can only be set to false; DAP is retired.', ['allowDelegatedAccess']);
  if (patch.allowDelegatedAccess === false) view.relationship.allowDelegatedAccess = false;
  if (patch.relationshipToPartner === 'none') {
    engine.state.relationships = engine.state.relationships.filter((r) => r !== view.relationship);
    recordAudit(engine, { partnerTenantId: partner.tenantId, customerTenantId: view.tenant.tenantId, customerName: view.tenant.companyName, resourceType: 'customer', operationType: 'remove_partner_customer_relationship' });
  }
  engine.markDirty();
  return view;
}

/**
 * Customer-side acceptance of a reseller relationship request (docs/PARTNER-CENTER-REFERENCE.md §6), from the /admin page or the
 * control plane. Idempotent: accepting twice keeps one relationship.
 */
export function acceptResellerRelationship(engine: Engine, partnerTenantId: string, customerTenantId: string, indirectResellerId?: string): { created: boolean; relationship: CustomerRelationshipRecord } {
  const partner = engine.partnerByTenant(partnerTenantId);
  if (!partner) throw pcErrors.notFound(`Partner ${partnerTenantId}`);
  const tenant = engine.state.tenants[customerTenantId.toLowerCase()];
  if (!tenant) throw pcErrors.tenantNotFound(customerTenantId);
  const reseller = indirectResellerId ? engine.state.resellers[indirectResellerId.toLowerCase()] : undefined;
  if (indirectResellerId && (!reseller || !reseller.providerTenantIds.includes(partner.tenantId))) {
    throw pcErrors.invalidProperty(`Indirect reseller ${indirectResellerId} is not in the network of ${partner.name}.`, ['indirectResellerId']);
  }
  const existing = relationshipOf(engine, partner.tenantId, tenant.tenantId);
  if (existing) {
    if (reseller && !existing.associatedPartnerId) {
      existing.associatedPartnerId = reseller.tenantId;
      engine.markDirty();
    }
    return { created: false, relationship: existing };
  }
  const relationship: CustomerRelationshipRecord = {
    partnerTenantId: partner.tenantId,
    customerTenantId: tenant.tenantId,
    associatedPartnerId: reseller?.tenantId,
    allowDelegatedAccess: false,
    createdAt: engine.now(),
  };
  engine.state.relationships.push(relationship);
  recordAudit(engine, {
    partnerTenantId: partner.tenantId,
    customerTenantId: tenant.tenantId,
    customerName: tenant.companyName,
    resourceType: 'customer',
    operationType: 'accept_reseller_relationship',
  });
  emitWebhookEvent(engine, partner.tenantId, 'reseller-relationship-accepted-by-customer', 'Customer', `https://api.partnercenter.microsoft.com/v1/customers/${tenant.tenantId}`);
  engine.markDirty();
  return { created: true, relationship };
}
