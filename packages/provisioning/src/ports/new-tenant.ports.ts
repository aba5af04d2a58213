import type { McaAcceptanceRecords } from '../mca/mca-signatory';
/**
 * What the new-tenant run talks to. Provisioning declares these; the server wires them:
 * Partner Center through `@csphub/partner-center`'s client (it satisfies `NewTenantPartnerCenter`
 * as is), accounts and the credential vault through `@csphub/db`, the notifier through
 * `@csphub/notifications`.
 */
import type { PartnerCenterCall, TenantLinkAccounts, TenantLinkPartnerCenter } from '../shared/tenant-link.ports';
import type { McaPartnerCenter } from '../mca/mca-signatory';

export type { PartnerCenterCall };

/** A postal address in CSP Hub's names (the client's `PostalAddress`). */
export interface TenantAddress {
  line1: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
  email?: string;
}

/** The Partner Center operations of one connection that the run needs. */
export interface NewTenantPartnerCenter extends TenantLinkPartnerCenter, McaPartnerCenter {
  validateAddress(
    address: TenantAddress,
    options?: PartnerCenterCall,
  ): Promise<{ status: string; isValid: boolean; needsConfirmation: boolean; suggestions: TenantAddress[]; message?: string }>;
  isDomainAvailable(prefixOrDomain: string, options?: PartnerCenterCall): Promise<boolean>;
  findCustomerByDomain(prefixOrDomain: string, options?: PartnerCenterCall): Promise<{ tenantId: string; domain: string; indirectResellerTenantId?: string } | undefined>;
  createCustomer(
    input: {
      domainPrefix: string;
      companyName: string;
      email: string;
      culture: string;
      language: string;
      address: TenantAddress & { firstName: string; lastName: string };
      organizationRegistrationNumber?: string;
      enableDefaultGdap?: boolean;
      indirectResellerTenantId?: string;
    },
    options?: PartnerCenterCall,
  ): Promise<{ tenantId: string; domain: string; adminCredentials?: { userName: string; signInName: string; password: string } }>;
  listIndirectResellers(options?: PartnerCenterCall): Promise<{ tenantId: string; partnerId: string; name: string; isActive: boolean }[]>;
  /** §11 customer users: the user with this sign-in name, or undefined. */
  findCustomerUserByUpn(customerTenantId: string, userPrincipalName: string, options?: PartnerCenterCall): Promise<TenantUser | undefined>;
  createCustomerUser(
    customerTenantId: string,
    user: { userPrincipalName: string; displayName: string; usageLocation: string; password: string; forceChangePassword?: boolean },
    options?: PartnerCenterCall,
  ): Promise<TenantUser>;
  /** Resets a user's password and its first-sign-in rule (docs/PARTNER-CENTER-REFERENCE.md §11 PATCH). */
  updateCustomerUser(
    customerTenantId: string,
    userId: string,
    changes: { password?: { password: string; forceChangePassword: boolean } },
    options?: PartnerCenterCall,
  ): Promise<TenantUser>;
  /** §11 directory roles: find "Company Administrator" by name (ids differ per tenant). */
  listDirectoryRoles(customerTenantId: string, options?: PartnerCenterCall): Promise<{ id: string; name: string }[]>;
  listDirectoryRoleMembers(customerTenantId: string, roleId: string, options?: PartnerCenterCall): Promise<{ userId: string; userPrincipalName: string }[]>;
  /** Fails with code CONFLICT when the user already holds the role. */
  addUserToDirectoryRole(
    customerTenantId: string,
    roleId: string,
    user: { userId: string; userPrincipalName: string; displayName?: string },
    options?: PartnerCenterCall,
  ): Promise<unknown>;
}

/** A user of the customer's tenant (docs/PARTNER-CENTER-REFERENCE.md §11). */
export interface TenantUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

/** Makes one-time passwords for the accounts the run sets up (randomness is a port, docs/ARCHITECTURE.md). */
export interface PasswordGenerator {
  /** A fresh password that meets Entra's rule (length and character classes). */
  generate(): string;
}

/** The account as the run needs it, read fresh at each attempt (a retry after a fix sees the fix). */
export interface ProvisioningProfile {
  companyName: string;
  /** Billing e-mail for Microsoft's billing profile. */
  email: string;
  phone: string | null;
  /** Culture such as `en-US`, `es-MX`; the two-letter language is derived from it. */
  culture: string;
  /** The account's language for notifications. */
  language: string;
  registrationNumber: string | null;
  /** The billing address to send (the reseller's when the sub-customer uses it), with a contact person. */
  billingAddress: TenantAddress & { firstName: string; lastName: string };
  /** The "ready to provision" checklist (domain `checkPrerequisites`). */
  prerequisites: { ready: boolean; problems: string[] };
}

/** The account side: profile, sync status and the tenant link. */
export interface NewTenantAccounts extends TenantLinkAccounts {
  loadProfile(companyId: number, connectionId: string): Promise<ProvisioningProfile>;
  /**
   * Records the link (tenant id, default domain, connection) and marks the account synced, or keeps
   * it in progress while the customer's MCA acceptance is awaited (`awaitingMca`). Idempotent.
   */
  storeTenantLink(link: { companyId: number; connectionId: string; tenantId: string; defaultDomain: string; resellerPartnerId: string | null; awaitingMca?: boolean; gdap?: 'default' | 'requested' }): Promise<void>;
  setSyncStatus(s: { companyId: number; connectionId: string; status: 'not_synced' | 'in_progress' | 'synced' | 'failed'; reason?: string | null }): Promise<void>;
}

/**
 * Holds a new tenant's one-time admin password, encrypted, between its creation and the welcome
 * message; `wipe` after delivery. Implemented by `createPendingCredentialsRepo`.
 */
export interface CredentialVault {
  put(runId: string, credentials: { userName: string; password: string }): Promise<void>;
  get(runId: string): Promise<{ userName: string; password: string } | undefined>;
  wipe(runId: string): Promise<boolean>;
}

/** Sends one templated notification; the same `dedupeKey` is delivered once where the transport can tell. */
export interface NewTenantNotifier {
  send(message: {
    template: 'welcome' | 'provisioning-completed' | 'provisioning-failed' | 'mca-acceptance-request' | 'gdap-approval-request';
    dedupeKey: string;
    to: string[];
    cc?: string[];
    language: string;
    subjectId: string;
    fields: Record<string, string>;
  }): Promise<unknown>;
}

export interface NewTenantPorts {
  partnerCenter(connectionId: string): Promise<NewTenantPartnerCenter>;
  accounts: NewTenantAccounts;
  vault: CredentialVault;
  notifier: NewTenantNotifier;
  /** Defaults to `strongPasswordGenerator` (node:crypto). */
  passwords?: PasswordGenerator;
  /** Keeps the MCA version the customer accepted (optional: a run without it records nothing). */
  mcaRecords?: McaAcceptanceRecords | undefined;
}
