/** Microsoft's own administrator, created with every new customer tenant. */
export const DEFAULT_ADMIN_USERNAME = 'admin';

/** What the new-tenant order asks of the tenant's first administrator. */
export interface AdminSetUpChoice {
  /** The part before `@`; empty or blank means Microsoft's `admin`. */
  adminUsername: string;
  /** Whether the administrator must change the password at first sign-in. */
  requirePasswordChange: boolean;
}

/**
 * Whether the administrator asked for needs the default GDAP roles: another user name (the run
 * creates the user and makes it Global Administrator) or Microsoft's `admin` without a forced
 * password change (the run resets its password) both go through Graph with the default GDAP roles
 * User Administrator and Privileged Role Administrator
 * (https://learn.microsoft.com/en-us/partner-center/customers/gdap-default-roles). Only `admin`
 * with a forced change, as Partner Center creates it, needs nothing.
 */
export function needsDefaultGdap(choice: AdminSetUpChoice): boolean {
  const name = choice.adminUsername.trim().toLowerCase() || DEFAULT_ADMIN_USERNAME;
  return name !== DEFAULT_ADMIN_USERNAME || !choice.requirePasswordChange;
}

/** Whether an order's administrator and GDAP path go together (the rule the API and the wizard share). */
export function isAdminChoiceAllowed(choice: AdminSetUpChoice & { defaultGdap: boolean }): boolean {
  return choice.defaultGdap || !needsDefaultGdap(choice);
}
