import { fromWireAddress, type PostalAddress } from './postal-address';
import type { Customer as WireCustomer } from './wire/customer.schema';

/** The partner's relationship to a customer tenant (docs/PARTNER-CENTER-REFERENCE.md §2.1 `relationshipToPartner`). */
export type CustomerRelationship =
  'none' | 'reseller' | 'advisor' | 'syndication' | 'microsoftSupport' | 'unknown';

/** A customer tenant as the partner sees it. */
export interface CustomerTenant {
  /** The customer's Entra tenant id (Partner Center's customer id). */
  tenantId: string;
  commerceId?: string;
  /** The initial `*.onmicrosoft.com` domain. */
  domain: string;
  companyName: string;
  relationship: CustomerRelationship;
  /** For an indirect provider: the reseller the customer belongs to (tenant id). */
  indirectResellerTenantId?: string;
  /** Verified custom domains; only shown when the partner has admin access (docs/PARTNER-CENTER-REFERENCE.md §2.4). */
  customDomains: string[];
  /** Legacy DAP flag; only on get-by-id (docs/PARTNER-CENTER-REFERENCE.md §2.1, §13). */
  hasDelegatedAdminAccess?: boolean;
  /** Company address and e-mail; only shown with admin access (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
  companyAddress?: PostalAddress;
  companyEmail?: string;
  billing?: CustomerBillingProfile;
}

/** The customer's billing profile (docs/PARTNER-CENTER-REFERENCE.md §2.1). */
export interface CustomerBillingProfile {
  email: string;
  culture: string;
  language: string;
  companyName: string;
  firstName?: string;
  lastName?: string;
  address: PostalAddress;
  /** Concurrency token for profile updates. */
  etag?: string;
}

const relationshipOf = (r: WireCustomer['relationshipToPartner']): CustomerRelationship =>
  r === 'microsoft_support' ? 'microsoftSupport' : r;

/** Maps Partner Center's Customer to {@link CustomerTenant}. */
export function toCustomerTenant(c: WireCustomer): CustomerTenant {
  const out: CustomerTenant = {
    tenantId: c.id,
    domain: c.companyProfile.domain,
    companyName: c.companyProfile.companyName,
    relationship: relationshipOf(c.relationshipToPartner),
    customDomains: c.customDomains ?? [],
  };
  if (c.commerceId) out.commerceId = c.commerceId;
  if (c.associatedPartnerId) out.indirectResellerTenantId = c.associatedPartnerId;
  if (c.allowDelegatedAccess !== undefined) out.hasDelegatedAdminAccess = c.allowDelegatedAccess;
  if (c.companyProfile.address) out.companyAddress = fromWireAddress(c.companyProfile.address);
  if (c.companyProfile.email) out.companyEmail = c.companyProfile.email;
  const b = c.billingProfile;
  if (b) {
    out.billing = {
      email: b.email,
      culture: b.culture,
      language: b.language,
      companyName: b.companyName,
      address: fromWireAddress(b.defaultAddress),
    };
    if (b.firstName) out.billing.firstName = b.firstName;
    if (b.lastName) out.billing.lastName = b.lastName;
    if (b.attributes?.etag) out.billing.etag = b.attributes.etag;
  }
  return out;
}
