import type { Repos } from '@csphub/db';
import { CREDENTIALS_RECIPIENT_KEY } from '../onboarding/new-tenant-service';
import { readPolicy, POLICY_KEY } from './policy';

/** Where the distributor's defaults for new orders and notices live in the settings table. */
export const DEFAULTS_KEY = 'distributor.defaults';

/**
 * The GDAP a new tenant gets when the order form is first shown: Microsoft's default GDAP roles
 * at creation (`enableGDAPByDefault`, docs/PARTNER-CENTER-REFERENCE.md), or none (the partner sets
 * up GDAP later from role templates). Named templates may be added to this list.
 */
export const GDAP_TEMPLATES = ['microsoft-default-roles', 'none'] as const;
export type GdapTemplate = (typeof GDAP_TEMPLATES)[number];

export interface DistributorDefaults {
  defaultGdapTemplate: GdapTemplate;
  /** "Notify me when it is done" starts ticked on new orders. */
  notifyOrdererByDefault: boolean;
  /** Send the customers and resellers the notices about subscriptions (window closing, expiry near). */
  subscriptionNotices: boolean;
  /** Resellers' administrators may change the wording of notifications (docs/NOTIFICATIONS.md). */
  resellersEditNotifications: boolean;
}

export const DEFAULT_DEFAULTS: DistributorDefaults = { defaultGdapTemplate: 'microsoft-default-roles', notifyOrdererByDefault: true, subscriptionNotices: true, resellersEditNotifications: false };

export interface DistributorSettings extends DistributorDefaults {
  /** Who receives a new tenant's administrator credentials in the welcome notification. */
  credentialsRecipient: 'customer' | 'reseller';
  requireCorporateEmail: boolean;
  /** Sub-customers need their own billing address; no fallback to the reseller's. */
  requireSubCustomerBillingAddress: boolean;
}

/** The distributor's defaults, with the built-in ones for anything unset. */
export async function readDefaults(repos: Repos): Promise<DistributorDefaults> {
  const stored = await repos.settings.get<Partial<DistributorDefaults>>(DEFAULTS_KEY);
  return { ...DEFAULT_DEFAULTS, ...(stored ?? {}) };
}

/** Every distributor setting, read from where each one is kept (the policy, the credentials recipient, the defaults). */
export async function readDistributorSettings(repos: Repos): Promise<DistributorSettings> {
  const [policy, recipient, defaults] = await Promise.all([readPolicy(repos), repos.settings.get<'customer' | 'reseller'>(CREDENTIALS_RECIPIENT_KEY), readDefaults(repos)]);
  return { credentialsRecipient: recipient === 'reseller' ? 'reseller' : 'customer', ...policy, ...defaults };
}

/** Stores a changed set of settings, each part under its own key. */
export async function writeDistributorSettings(repos: Repos, s: DistributorSettings): Promise<void> {
  await repos.settings.set(POLICY_KEY, { requireCorporateEmail: s.requireCorporateEmail, requireSubCustomerBillingAddress: s.requireSubCustomerBillingAddress });
  await repos.settings.set(CREDENTIALS_RECIPIENT_KEY, s.credentialsRecipient);
  await repos.settings.set(DEFAULTS_KEY, { defaultGdapTemplate: s.defaultGdapTemplate, notifyOrdererByDefault: s.notifyOrdererByDefault, subscriptionNotices: s.subscriptionNotices, resellersEditNotifications: s.resellersEditNotifications });
}

/** The order form's starting values (the new-tenant and existing-tenant orders), from the defaults. */
export async function orderDefaults(repos: Repos): Promise<{ defaultGdap: boolean; notifyMe: boolean }> {
  const d = await readDefaults(repos);
  return { defaultGdap: d.defaultGdapTemplate === 'microsoft-default-roles', notifyMe: d.notifyOrdererByDefault };
}
