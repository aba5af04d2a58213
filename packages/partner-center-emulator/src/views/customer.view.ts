import type { Customer, CustomerBillingProfile } from '@csphub/partner-center/wire';
import type { CustomerView } from '../engine/customers.engine';
import type { AddressRecord, TenantRecord } from '../engine/emulator-state';
import type { Address } from '@csphub/partner-center/wire';

/** Address as answered: absent fields are left out rather than sent as null. */
export function toWireAddress(address: AddressRecord): Address {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(address)) if (value !== null && value !== undefined) out[key] = value;
  return out as Address;
}

/** The billing profile as answered (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
export function toBillingProfile(tenant: TenantRecord): CustomerBillingProfile {
  const b = tenant.billing;
  return {
    id: b.id,
    ...(b.firstName ? { firstName: b.firstName } : {}),
    ...(b.lastName ? { lastName: b.lastName } : {}),
    email: b.email,
    culture: b.culture,
    language: b.language,
    companyName: b.companyName,
    defaultAddress: toWireAddress(b.address),
    links: { self: { uri: `/customers/${tenant.tenantId}/profiles/billing`, method: 'GET', headers: [] } },
    attributes: { etag: b.etag, objectType: 'CustomerBillingProfile' },
  };
}

/**
 * A Customer as Partner Center answers it (docs/PARTNER-CENTER-REFERENCE.md §2.1, §2.4, §2.5). `detail` adds what only get-by-id
 * returns; `adminAccess` (GDAP/DAP) adds address, e-mail and custom domains.
 */
export function toCustomer(view: CustomerView, options: { detail: boolean; adminAccess: boolean; credentials?: { userName: string; password: string } }): Customer {
  const { tenant, relationship } = view;
  const defaultDomain = tenant.customDomains[0] ?? tenant.initialDomain;
  const customer: Customer = {
    id: tenant.tenantId,
    commerceId: tenant.commerceId,
    companyProfile: {
      tenantId: tenant.tenantId,
      domain: defaultDomain,
      companyName: tenant.companyName,
      ...(options.detail && options.adminAccess ? { address: toWireAddress(tenant.billing.address), email: tenant.email } : {}),
      ...(options.detail && tenant.organizationRegistrationNumber ? { organizationRegistrationNumber: tenant.organizationRegistrationNumber } : {}),
      links: { self: { uri: `/customers/${tenant.tenantId}/profiles/company`, method: 'GET', headers: [] } },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    ...(options.detail ? { billingProfile: toBillingProfile(tenant) } : {}),
    relationshipToPartner: 'reseller',
    ...(options.detail ? { allowDelegatedAccess: relationship.allowDelegatedAccess } : {}),
    ...(options.detail && options.adminAccess ? { customDomains: [...tenant.customDomains] } : {}),
    ...(relationship.associatedPartnerId ? { associatedPartnerId: relationship.associatedPartnerId } : {}),
    ...(options.credentials ? { userCredentials: options.credentials } : {}),
    links: { self: { uri: `/customers/${tenant.tenantId}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'Customer' },
  };
  return customer;
}
