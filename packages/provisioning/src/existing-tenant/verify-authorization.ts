import { isAcceptanceEvidence } from '@csphub/domain';

/**
 * "Verify authorization": given the customer's default domain (the
 * onmicrosoft.com one or a custom one), find out whether the customer's Global Admin accepted the
 * relationship, and if not, say what is missing. The same function serves the button in the wizard,
 * the relationship webhook and the background check of pending authorizations, so all three agree.
 */

/** A customer tenant as the partner sees it (a subset of the client's `CustomerTenant`). */
export interface VisibleTenant {
  tenantId: string;
  /** The initial `*.onmicrosoft.com` domain. */
  domain: string;
  companyName: string;
  relationship: string;
  indirectResellerTenantId?: string;
  customDomains: string[];
}

/** What the verification needs from Partner Center (the typed client satisfies it). */
export interface TenantDirectory {
  findCustomerByDomain(prefixOrDomain: string): Promise<VisibleTenant | undefined>;
  isDomainAvailable(prefixOrDomain: string): Promise<boolean>;
}

export type AuthorizationVerdict =
  | { status: 'verified'; tenant: VisibleTenant; defaultDomain: string; message: string }
  | { status: 'invalid-domain'; domain: string; message: string }
  | { status: 'domain-unknown'; domain: string; message: string }
  | { status: 'not-accepted'; domain: string; message: string }
  | { status: 'other-partner'; domain: string; tenant: VisibleTenant; message: string };

export type AuthorizationStatus = AuthorizationVerdict['status'];

const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PREFIX = /^[a-z0-9]{1,63}$/;

/**
 * Normalises what a person typed: `contoso` → `contoso.onmicrosoft.com`; a full domain is kept
 * (lower-cased, trimmed, without a trailing dot). Undefined when it cannot be a domain.
 */
export function normalizeCustomerDomain(input: string): string | undefined {
  const v = input.trim().toLowerCase().replace(/\.$/, '');
  if (PREFIX.test(v)) return `${v}.onmicrosoft.com`;
  return DOMAIN.test(v) ? v : undefined;
}

/**
 * Checks the relationship for `domain`. `resellerTenantId` is the indirect reseller selling (null
 * for the distributor's direct customer): an indirect order needs the customer associated with
 * that reseller, otherwise the acceptance went to another partner only.
 */
export async function verifyAuthorization(
  directory: TenantDirectory,
  input: { domain: string; resellerTenantId: string | null; resellerName?: string | null; distributorName: string },
): Promise<AuthorizationVerdict> {
  const domain = normalizeCustomerDomain(input.domain);
  if (!domain) {
    return { status: 'invalid-domain', domain: input.domain, message: `"${input.domain}" is not a domain. Enter the customer's default domain, such as contoso.onmicrosoft.com or contoso.com.` };
  }
  const tenant = await directory.findCustomerByDomain(domain);
  if (tenant && tenant.relationship === 'reseller') {
    // Evidence only when the tenant is associated with exactly this request's reseller (none for a
    // direct one): a tenant of another reseller says nothing about this account's request.
    if (!isAcceptanceEvidence({ authorizationResellerTenantId: input.resellerTenantId, tenantIndirectResellerTenantId: tenant.indirectResellerTenantId })) {
      return {
        status: 'other-partner',
        domain,
        tenant,
        message: input.resellerTenantId
          ? `The customer owning ${domain} has not accepted a relationship with ${input.distributorName} through ${input.resellerName ?? 'this reseller'}. Send the customer this reseller's invitation link and ask the Global Admin to accept it.`
          : `The customer owning ${domain} has not accepted ${input.distributorName} as its direct partner. Send the customer the direct invitation link and ask the Global Admin to accept it.`,
      };
    }
    return { status: 'verified', tenant, defaultDomain: domain, message: `Authorization verified: ${tenant.companyName} (${tenant.domain}) accepted ${input.resellerName ?? input.distributorName} as its CSP.` };
  }
  if (await directory.isDomainAvailable(domain)) {
    return {
      status: 'domain-unknown',
      domain,
      message: `No Microsoft tenant uses ${domain}. Check the domain with the customer: it must be the default domain shown in the Microsoft 365 admin center (Settings > Domains).`,
    };
  }
  return {
    status: 'not-accepted',
    domain,
    message: `The customer owning ${domain} has not accepted the invitation yet, or has accepted another partner only. Ask the customer's Global Admin to open the invitation link and accept it, then verify again.`,
  };
}
