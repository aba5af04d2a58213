import { pagePartnerCenterCollection } from './collection-paging';
import { toCustomerTenant, type CustomerTenant } from './customer-tenant';
import { toOnMicrosoftDomain } from './domains.ops';
import type { PagedResult } from './paged-result';
import { isPartnerCenterError } from './partner-center-error';
import { toWireAddress, type PostalAddress } from './postal-address';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { CustomerSchema, encodeCustomerFilter, type CustomerSearchField } from './wire/customer.schema';

/** What is needed to create a customer tenant (docs/PARTNER-CENTER-REFERENCE.md §2.2, §2.3). */
export interface NewCustomer {
  /** The `onmicrosoft.com` prefix (`contoso`) or the full initial domain. */
  domainPrefix: string;
  companyName: string;
  /** Billing contact e-mail (not `@microsoft.com`, not the partner's own domain). */
  email: string;
  /** Culture (`en-US`) and two-letter language (`en`) of the billing profile. */
  culture: string;
  language: string;
  /** The default (billing) address; its first and last name are the contact person. */
  address: PostalAddress & { firstName: string; lastName: string };
  /** Required in some countries (docs/PARTNER-CENTER-REFERENCE.md §2.2); refused in some others. */
  organizationRegistrationNumber?: string;
  /** Create Microsoft's default GDAP relationship (docs/PARTNER-CENTER-REFERENCE.md §2.2, §12.6). Default true. */
  enableDefaultGdap?: boolean;
  /**
   * For an indirect provider: the indirect reseller's tenant id (`associatedPartnerId`, from
   * {@link createIndirectResellerOps} `listIndirectResellers`). Needs App+User (docs/PARTNER-CENTER-REFERENCE.md §2.3).
   */
  indirectResellerTenantId?: string;
}

/** A new tenant, with the one-time admin credentials Microsoft generated. */
export interface CreatedCustomer extends CustomerTenant {
  /**
   * Shown once by Microsoft: deliver it and forget it. Absent when Microsoft did not
   * return credentials (a replayed request may omit them).
   */
  adminCredentials?: { userName: string; signInName: string; password: string };
}

/** How to search customers: Partner Center only supports a case-insensitive prefix (docs/PARTNER-CENTER-REFERENCE.md §2.6). */
export interface CustomerSearch {
  by: 'companyName' | 'domain' | 'indirectReseller' | 'indirectProvider';
  /** The prefix (for `indirectReseller`/`indirectProvider`: the tenant id). */
  value: string;
  pageSize?: number;
}

const searchFields: Record<CustomerSearch['by'], CustomerSearchField> = {
  companyName: 'CompanyName',
  domain: 'Domain',
  indirectReseller: 'IndirectReseller',
  indirectProvider: 'IndirectCloudSolutionProvider',
};

/** Customers: create, get, list, search (docs/PARTNER-CENTER-REFERENCE.md §2). */
export function createCustomerOps(pipeline: RequestPipeline) {
  const listCustomers = (
    query: Record<string, string | number>,
    options?: CallOptions,
    auth: 'any' | 'appUser' = 'any',
  ): PagedResult<CustomerTenant> =>
    pagePartnerCenterCollection(
      pipeline,
      {
        ...fromCatalogue('customers.list'),
        query,
        auth,
      },
      CustomerSchema,
      toCustomerTenant,
      options,
    );

  const ops = {
    /**
     * Creates a customer tenant (`POST /v1/customers`). Pass the `requestId` saved before the call:
     * Microsoft treats a repeated `MS-RequestId` as the same creation (docs/PARTNER-CENTER-REFERENCE.md §2.2, §14), so a retried
     * step never creates two tenants. With `indirectResellerTenantId`, the tenant is created for
     * that reseller (App+User only, §2.3). A taken domain fails with `DOMAIN_PREFIX_TAKEN`.
     */
    async createCustomer(input: NewCustomer, options?: CallOptions): Promise<CreatedCustomer> {
      const domain = toOnMicrosoftDomain(input.domainPrefix);
      const body = {
        enableGDAPByDefault: input.enableDefaultGdap ?? true,
        ...(input.indirectResellerTenantId ? { associatedPartnerId: input.indirectResellerTenantId } : {}),
        companyProfile: {
          domain,
          companyName: input.companyName,
          ...(input.organizationRegistrationNumber
            ? { organizationRegistrationNumber: input.organizationRegistrationNumber }
            : {}),
        },
        billingProfile: {
          email: input.email,
          culture: input.culture,
          language: input.language,
          companyName: input.companyName,
          firstName: input.address.firstName,
          lastName: input.address.lastName,
          defaultAddress: toWireAddress(input.address),
        },
      };
      return pipeline.send(
        {
          ...fromCatalogue('customers.create'),
          body,
          // Creating a customer for an indirect reseller is App+User only (docs/PARTNER-CENTER-REFERENCE.md §2.3).
          auth: input.indirectResellerTenantId ? 'appUser' : 'any',
          parse: ({ body }) => {
            const c = CustomerSchema.parse(body);
            const created: CreatedCustomer = toCustomerTenant(c);
            if (c.userCredentials) {
              created.adminCredentials = {
                userName: c.userCredentials.userName,
                signInName: c.userCredentials.userName.includes('@')
                  ? c.userCredentials.userName
                  : `${c.userCredentials.userName}@${c.companyProfile.domain}`,
                password: c.userCredentials.password,
              };
            }
            return created;
          },
        },
        options,
      );
    },

    /** A customer by tenant id (`GET /v1/customers/{id}`, §2.4). Fails with `NOT_FOUND` when unknown. */
    async getCustomer(tenantId: string, options?: CallOptions): Promise<CustomerTenant> {
      return pipeline.send(
        {
          ...fromCatalogue('customers.get'),
          params: { customerId: tenantId },
          customerId: tenantId,
          parse: ({ body }) => toCustomerTenant(CustomerSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * Like {@link getCustomer}, but undefined when the partner does not see the tenant (not found,
     * or no relationship yet): what relationship-acceptance polling and "look before you create"
     * need (docs/PARTNER-CENTER-REFERENCE.md §6).
     */
    async findCustomer(tenantId: string, options?: CallOptions): Promise<CustomerTenant | undefined> {
      try {
        return await ops.getCustomer(tenantId, options);
      } catch (error) {
        if (isPartnerCenterError(error, 'NOT_FOUND') || isPartnerCenterError(error, 'NO_RELATIONSHIP'))
          return undefined;
        throw error;
      }
    },

    /** Every customer of the partner, page by page (docs/PARTNER-CENTER-REFERENCE.md §2.5, seek paging with `MS-ContinuationToken`). */
    listCustomers(options: CallOptions & { pageSize?: number } = {}): PagedResult<CustomerTenant> {
      return listCustomers({ size: options.pageSize ?? 100 }, options);
    },

    /** Customers whose company name, domain or reseller starts with a value (docs/PARTNER-CENTER-REFERENCE.md §2.6). */
    searchCustomers(search: CustomerSearch, options?: CallOptions): PagedResult<CustomerTenant> {
      // §1.2: "get customers of a reseller" is App+User only; name and domain searches take app-only.
      const auth = search.by === 'indirectReseller' || search.by === 'indirectProvider' ? 'appUser' : 'any';
      return listCustomers(
        {
          size: search.pageSize ?? 100,
          filter: encodeCustomerFilter({ field: searchFields[search.by], value: search.value }),
        },
        options,
        auth,
      );
    },

    /** The customers of one indirect reseller (docs/PARTNER-CENTER-REFERENCE.md §7). */
    listResellerCustomers(resellerTenantId: string, options?: CallOptions): PagedResult<CustomerTenant> {
      return ops.searchCustomers({ by: 'indirectReseller', value: resellerTenantId }, options);
    },

    /**
     * The customer whose initial domain (or, when visible, a custom domain) is exactly `domain`:
     * used to link an existing tenant and to look before creating.
     */
    async findCustomerByDomain(
      prefixOrDomain: string,
      options?: CallOptions,
    ): Promise<CustomerTenant | undefined> {
      const domain = toOnMicrosoftDomain(prefixOrDomain);
      const prefix = domain.split('.')[0] ?? domain;
      for await (const c of ops.searchCustomers({ by: 'domain', value: prefix }, options)) {
        if (c.domain.toLowerCase() === domain || c.customDomains.some((d) => d.toLowerCase() === domain))
          return c;
      }
      return undefined;
    },

    /** Deletes a customer; only the integration sandbox allows it (docs/PARTNER-CENTER-REFERENCE.md §2.7). For test clean-up. */
    async deleteSandboxCustomer(tenantId: string, options?: CallOptions): Promise<void> {
      await pipeline.send(
        {
          ...fromCatalogue('customers.delete'),
          params: { customerId: tenantId },
          customerId: tenantId,
          parse: () => undefined,
        },
        options,
      );
    },
  };
  return ops;
}
