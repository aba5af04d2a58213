import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

/** The emulator's typed control client, with the look-ups the provisioning runs' assertions share. */
export function emulatorControl(url: string) {
  const control = createEmulatorControl(url);
  return {
    ...control,
    /** Tenants whose initial domain is `<prefix>.onmicrosoft.com`. */
    async tenantsWithPrefix(prefix: string) {
      return (await control.state()).tenants.filter((t) => t.domains.includes(`${prefix}.onmicrosoft.com`));
    },
    /** MCA confirmations recorded for a tenant. */
    async agreementsOf(tenantId: string) {
      return (await control.state()).agreements.filter((a) => a.customerTenantId === tenantId);
    },
    /** The tenant's users, with their first-sign-in rule and directory roles. */
    async usersOf(tenantId: string) {
      return (await control.state()).users.filter((u) => u.customerTenantId === tenantId);
    },
  };
}
