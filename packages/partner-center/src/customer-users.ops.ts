import { pagePartnerCenterCollection } from './collection-paging';
import type { PagedResult } from './paged-result';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  CustomerUserSchema,
  LicenseSchema,
  LicenseUpdateSchema,
  SubscribedSkuCollectionSchema,
  type CustomerUser as WireUser,
} from './wire/user.schema';
import { collectionSchema } from './wire/common.schema';

/** Built once: zod compiles a schema's parser on its first parse. */
const LicenseCollectionSchema = collectionSchema(LicenseSchema);

/** A user in a customer tenant (docs/PARTNER-CENTER-REFERENCE.md §11). */
export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
  state: 'active' | 'inactive';
  domainType: 'none' | 'managed' | 'federated';
  /** Whether the user must change the password at the next sign-in, when Partner Center says. */
  forceChangePassword?: boolean;
}

/** A new user (docs/PARTNER-CENTER-REFERENCE.md §11 create). */
export interface NewCustomerUser {
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  /** Two-letter country where the user uses the services (required to assign licenses). */
  usageLocation: string;
  password: string;
  /** "require password change at first sign-in". Default true. */
  forceChangePassword?: boolean;
}

/** What `updateCustomerUser` may change (docs/PARTNER-CENTER-REFERENCE.md §11 PATCH); only what is given is sent. */
export interface CustomerUserChanges {
  displayName?: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
  /** A new password ("Reset user password for a customer"), and whether to change it at the next sign-in. */
  password?: { password: string; forceChangePassword: boolean };
}

/** A licence SKU the customer owns, with seat counts (docs/PARTNER-CENTER-REFERENCE.md §11 subscribed SKUs). */
export interface SubscribedSku {
  skuId: string;
  name: string;
  skuPartNumber: string;
  totalUnits: number;
  consumedUnits: number;
  availableUnits: number;
  status: string;
}

/** A licence assigned to one user (docs/PARTNER-CENTER-REFERENCE.md §11 `GET …/users/{id}/licenses`). */
export interface UserLicense {
  skuId: string;
  name: string;
  skuPartNumber: string;
}

const toUser = (u: WireUser): CustomerUser => {
  const out: CustomerUser = {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    state: u.state,
    domainType: u.userDomainType,
  };
  if (u.firstName) out.firstName = u.firstName;
  if (u.lastName) out.lastName = u.lastName;
  if (u.usageLocation) out.usageLocation = u.usageLocation;
  if (u.passwordProfile) out.forceChangePassword = u.passwordProfile.forceChangePassword;
  return out;
};

/** Customer users and licence assignment (docs/PARTNER-CENTER-REFERENCE.md §11; App+User and GDAP roles). */
export function createCustomerUserOps(pipeline: RequestPipeline) {
  /** The customer's users, page by page (seek paging, §11). */
  function listCustomerUsers(
    customerTenantId: string,
    options: CallOptions & { pageSize?: number } = {},
  ): PagedResult<CustomerUser> {
    return pagePartnerCenterCollection(
      pipeline,
      {
        ...fromCatalogue('users.list'),
        params: { customerId: customerTenantId },
        query: { size: options.pageSize ?? 100 },
        customerId: customerTenantId,
      },
      CustomerUserSchema,
      toUser,
      options,
    );
  }

  return {
    listCustomerUsers,

    /** Creates a user in the customer tenant (needs the User Administrator GDAP role). */
    async createCustomerUser(
      customerTenantId: string,
      user: NewCustomerUser,
      options?: CallOptions,
    ): Promise<CustomerUser> {
      return pipeline.send(
        {
          ...fromCatalogue('users.create'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: {
            usageLocation: user.usageLocation.toUpperCase(),
            userPrincipalName: user.userPrincipalName,
            displayName: user.displayName,
            ...(user.firstName ? { firstName: user.firstName } : {}),
            ...(user.lastName ? { lastName: user.lastName } : {}),
            passwordProfile: {
              password: user.password,
              forceChangePassword: user.forceChangePassword ?? true,
            },
            attributes: { objectType: 'CustomerUser' },
          },
          parse: ({ body }) => toUser(CustomerUserSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * The user with this sign-in name, or undefined (case-insensitive). Partner Center has no
     * documented UPN filter on the users list, so this pages through it.
     */
    async findCustomerUserByUpn(customerTenantId: string, userPrincipalName: string, options: CallOptions & { pageSize?: number } = {}): Promise<CustomerUser | undefined> {
      const wanted = userPrincipalName.toLowerCase();
      for await (const user of listCustomerUsers(customerTenantId, options)) {
        if (user.userPrincipalName.toLowerCase() === wanted) return user;
      }
      return undefined;
    },

    /** Updates a user, or resets its password (`PATCH …/users/{id}`, §11). */
    async updateCustomerUser(customerTenantId: string, userId: string, changes: CustomerUserChanges, options?: CallOptions): Promise<CustomerUser> {
      return pipeline.send(
        {
          ...fromCatalogue('users.update'),
          params: { customerId: customerTenantId, userId },
          customerId: customerTenantId,
          body: {
            ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
            ...(changes.firstName !== undefined ? { firstName: changes.firstName } : {}),
            ...(changes.lastName !== undefined ? { lastName: changes.lastName } : {}),
            ...(changes.usageLocation !== undefined ? { usageLocation: changes.usageLocation.toUpperCase() } : {}),
            ...(changes.password ? { passwordProfile: { password: changes.password.password, forceChangePassword: changes.password.forceChangePassword } } : {}),
            attributes: { objectType: 'CustomerUser' },
          },
          parse: ({ body }) => toUser(CustomerUserSchema.parse(body)),
        },
        options,
      );
    },

    /** The licences assigned to one user (`GET …/users/{id}/licenses`, §11). */
    async listUserLicenses(customerTenantId: string, userId: string, options?: CallOptions): Promise<UserLicense[]> {
      return pipeline.send(
        {
          ...fromCatalogue('users.licenses.list'),
          params: { customerId: customerTenantId, userId },
          customerId: customerTenantId,
          parse: ({ body }) =>
            LicenseCollectionSchema.parse(body)
              .items.map((l) => ({ skuId: l.productSku.id, name: l.productSku.name, skuPartNumber: l.productSku.skuPartNumber })),
        },
        options,
      );
    },

    /** The licences the customer owns and how many are free (`GET …/subscribedskus`). */
    async listSubscribedSkus(customerTenantId: string, options?: CallOptions): Promise<SubscribedSku[]> {
      return pipeline.send(
        {
          ...fromCatalogue('subscribedSkus.list'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          parse: ({ body }) =>
            SubscribedSkuCollectionSchema.parse(body).items.map((s) => ({
              skuId: s.productSku.id,
              name: s.productSku.name,
              skuPartNumber: s.productSku.skuPartNumber,
              totalUnits: s.totalUnits,
              consumedUnits: s.consumedUnits,
              availableUnits: s.availableUnits,
              status: s.capabilityStatus,
            })),
        },
        options,
      );
    },

    /**
     * Assigns and removes licences of one user (`POST …/users/{id}/licenseupdates`, one licence
     * group per request, §11). No free seat fails with `LICENSES_EXHAUSTED`. Returns Microsoft's
     * warnings, as text.
     */
    async updateUserLicenses(
      customerTenantId: string,
      userId: string,
      change: { assign?: { skuId: string; excludedPlans?: string[] }[]; remove?: string[] },
      options?: CallOptions,
    ): Promise<{ warnings: string[] }> {
      return pipeline.send(
        {
          ...fromCatalogue('users.licenseUpdates'),
          params: { customerId: customerTenantId, userId },
          customerId: customerTenantId,
          body: {
            licensesToAssign: change.assign?.length
              ? change.assign.map((a) => ({ skuId: a.skuId, excludedPlans: a.excludedPlans ?? null }))
              : null,
            licensesToRemove: change.remove?.length ? change.remove : null,
          },
          parse: ({ body }) => ({
            warnings: LicenseUpdateSchema.parse(body).licenseWarnings.map((w) =>
              typeof w === 'string' ? w : JSON.stringify(w),
            ),
          }),
        },
        options,
      );
    },
  };
}
