import type { Engine } from './engine';
import type { AgreementRecord, CustomerRelationshipRecord, PartnerRecord, SubscriptionRecord, TenantRecord } from './emulator-state';
import { DAY_MS, addTerm } from './emulator-clock';
import { findCatalogItem } from './catalog.engine';
import { createDefaultGdapRelationship } from './gdap.engine';
import { addSubscriptionRecord } from './subscriptions.engine';
import { recordAudit } from './events';
import { currentMcaTemplate } from './agreements.engine';
import { DOMAIN_PREFIX_PATTERN, isDomainTaken } from './customers.engine';

/** One customer of a bulk seed (control plane `POST /_emulator/customers/bulk`). */
export interface BulkCustomer {
  tenantId?: string;
  companyName: string;
  domainPrefix: string;
  customDomains?: string[];
  email: string;
  address: { addressLine1: string; city: string; state?: string; postalCode: string; country: string; firstName: string; lastName: string; phoneNumber?: string };
  /** The indirect reseller the customer belongs to (its tenant id); absent = a direct customer of the partner. */
  resellerTenantId?: string;
  subscriptions: { catalogItemId: string; quantity: number; termDuration?: string; billingCycle?: string; partnerOfRecord?: string; partnerTenantId?: string }[];
  /** Microsoft's default GDAP relationship, active. */
  gdap?: boolean;
  /** An MCA accepted (an agreement on record). */
  mcaAccepted?: boolean;
}

export interface BulkSeedResult {
  created: number;
  subscriptions: number;
  tenantIds: string[];
}

/**
 * Adds many customers at once for `partner`, as a person in Partner Center's portal would one by
 * one: each change is an audit record with the partner user's UPN and no application id. Built for
 * a large base (20,000 customers): no per-customer scan of the state; the domain index is used to
 * refuse a taken domain, the subscription index is kept up to date.
 */
export function bulkSeedCustomers(engine: Engine, partner: PartnerRecord, customers: readonly BulkCustomer[]): BulkSeedResult {
  const now = engine.now();
  const tenantIds: string[] = [];
  let subscriptions = 0;
  const portal = { userPrincipalName: partner.userPrincipalName };
  for (const [i, c] of customers.entries()) {
    if (!DOMAIN_PREFIX_PATTERN.test(c.domainPrefix)) throw new BulkSeedError(`customers.${i}.domainPrefix: letters and digits, 1 to 27`);
    const initialDomain = `${c.domainPrefix.toLowerCase()}.onmicrosoft.com`;
    if (isDomainTaken(engine, initialDomain)) throw new BulkSeedError(`customers.${i}.domainPrefix: ${initialDomain} is taken`);
    const tenantId = (c.tenantId ?? engine.newId()).toLowerCase();
    if (engine.state.tenants[tenantId]) throw new BulkSeedError(`customers.${i}.tenantId: ${tenantId} exists`);
    if (c.resellerTenantId && !engine.state.resellers[c.resellerTenantId.toLowerCase()]) throw new BulkSeedError(`customers.${i}.resellerTenantId: unknown reseller`);
    const tenant: TenantRecord = {
      tenantId,
      commerceId: engine.newId(),
      companyName: c.companyName,
      initialDomain,
      customDomains: (c.customDomains ?? []).map((d) => d.toLowerCase()),
      email: c.email,
      billing: {
        id: engine.newId(),
        firstName: c.address.firstName,
        lastName: c.address.lastName,
        email: c.email,
        culture: 'en-US',
        language: 'en',
        companyName: c.companyName,
        address: { ...c.address, country: c.address.country.toUpperCase() },
        etag: engine.newId(),
      },
      mcaDirectlySigned: false,
      createdAt: now,
      createdByPartnerTenantId: partner.tenantId,
    };
    engine.state.tenants[tenantId] = tenant;
    for (const d of [tenant.initialDomain, ...tenant.customDomains]) engine.domainIndex?.add(d);
    const relationship: CustomerRelationshipRecord = {
      partnerTenantId: partner.tenantId,
      customerTenantId: tenantId,
      associatedPartnerId: c.resellerTenantId?.toLowerCase(),
      allowDelegatedAccess: false,
      createdAt: now,
    };
    engine.state.relationships.push(relationship);
    const customer = { partnerTenantId: partner.tenantId, customerTenantId: tenantId, customerName: c.companyName, ...portal };
    recordAudit(engine, { ...customer, resourceType: 'customer', operationType: 'add_customer', resourceNewValue: JSON.stringify({ id: tenantId, domain: initialDomain }) });
    if (c.gdap) createDefaultGdapRelationship(engine, partner, tenant);
    if (c.mcaAccepted) {
      const agreement: AgreementRecord = {
        id: engine.newId(),
        partnerTenantId: partner.tenantId,
        customerTenantId: tenantId,
        templateId: currentMcaTemplate(engine).templateId,
        type: 'MicrosoftCustomerAgreement',
        dateAgreed: new Date(now).toISOString(),
        primaryContact: { firstName: c.address.firstName, lastName: c.address.lastName, email: c.email },
        userId: partner.userObjectId,
        createdAt: now,
      };
      engine.state.agreements.push(agreement);
      recordAudit(engine, { ...customer, resourceType: 'agreement', operationType: 'create_customer_agreement' });
    }
    for (const [j, s] of c.subscriptions.entries()) {
      const item = findCatalogItem(engine.state.scenario.catalog, s.catalogItemId);
      if (!item) throw new BulkSeedError(`customers.${i}.subscriptions.${j}.catalogItemId: unknown '${s.catalogItemId}'`);
      const seller = s.partnerTenantId?.toLowerCase() ?? partner.tenantId;
      if (!engine.state.partners[seller]) throw new BulkSeedError(`customers.${i}.subscriptions.${j}.partnerTenantId: unknown partner`);
      const term = s.termDuration ?? 'P1Y';
      const sub: SubscriptionRecord = {
        id: engine.newId(),
        partnerTenantId: seller,
        customerTenantId: tenantId,
        orderId: engine.token(6),
        offerId: s.catalogItemId,
        productId: item.product.id,
        skuId: item.sku.id,
        offerName: item.sku.title,
        friendlyName: item.sku.title,
        quantity: s.quantity,
        termDuration: term,
        billingCycle: s.billingCycle ?? 'monthly',
        productType: item.product.productType,
        ...(s.partnerOfRecord ? { partnerId: s.partnerOfRecord } : {}),
        createdAt: now - DAY_MS,
        termStartAt: now - DAY_MS,
        commitmentEndAt: addTerm(now - DAY_MS, term),
        status: 'active',
        autoRenewEnabled: true,
        etag: engine.newId(),
      };
      addSubscriptionRecord(engine, sub);
      engine.schedule(sub.commitmentEndAt);
      subscriptions++;
      if (seller === partner.tenantId) {
        recordAudit(engine, { ...customer, resourceType: 'order', operationType: 'create_order', resourceNewValue: JSON.stringify({ orderId: sub.orderId, offerId: sub.offerId }) });
      }
    }
    tenantIds.push(tenantId);
  }
  engine.markDirty();
  return { created: customers.length, subscriptions, tenantIds };
}

/** A bulk seed refused for its input (the control plane answers 400 with the message). */
export class BulkSeedError extends Error {}
