import { AppError, DEFAULT_ADMIN_USERNAME } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts } from '../ports/new-tenant.ports';
import { strongPasswordGenerator } from './strong-password';

/** The local part Microsoft gives the tenant's first Global Administrator (docs/PARTNER-CENTER-REFERENCE.md §2.1 userCredentials), declared in the domain. */
export { DEFAULT_ADMIN_USERNAME };

/** Partner Center's name of Global Administrator among a customer's directory roles. */
const COMPANY_ADMINISTRATOR = 'Company Administrator';

export interface SetUpAdminInput {
  runId: string;
  connectionId: string;
  tenantId: string;
  /** The tenant's onmicrosoft.com domain. */
  domain: string;
  /** The wizard's admin user name (the part before @). */
  adminUsername: string;
  /** The wizard's "require a password change at first sign-in". */
  requirePasswordChange: boolean;
  /** Where the admin uses the services (the billing country). */
  usageLocation: string;
}

export interface SetUpAdminOutput {
  /**
   * `default`: Microsoft's first admin as created (nothing to do); `password-reset`: the first admin
   * with a new password and the first-sign-in rule asked for; `created`: a new Global Administrator.
   */
  action: 'default' | 'password-reset' | 'created';
  signInName: string;
  forceChangePassword: boolean;
}

const isCode = (e: unknown, code: string) => typeof e === 'object' && e !== null && String((e as { code?: unknown }).code) === code;

/**
 * Gives the tenant the administrator the wizard asked for, the way Partner
 * Center allows it, since its create-customer call always makes `admin@<domain>` with a temporary
 * password (docs/PARTNER-CENTER-REFERENCE.md §2.1):
 * - another user name: creates `<name>@<domain>` (docs/PARTNER-CENTER-REFERENCE.md §11 create user) with a fresh password and
 *   `forceChangePassword` as chosen, and adds it to Company Administrator (Global Administrator;
 *   "Set user roles for a customer");
 * - `admin` without a forced change: resets the first admin's password with
 *   `forceChangePassword: false` (docs/PARTNER-CENTER-REFERENCE.md §11 PATCH, "Reset user password");
 * - `admin` with a forced change: Microsoft's account as it is, nothing to call, when the vault holds
 *   the password create-customer received; when it does not (create-customer's answer was lost and
 *   could no longer be replayed, so the run found the tenant by its domain), the first admin's
 *   password is reset with `forceChangePassword: true` and that one is delivered: a run never
 *   succeeds without a usable admin credential.
 * The new password replaces the pending credential in the encrypted vault, so the welcome message
 * carries the account that was set up; it never enters the step's output (journaled in clear) nor
 * a log line.
 *
 * Exactly once across a crash anywhere inside: it looks the user up by sign-in name before creating
 * it; a user already there (an earlier attempt created it, or its answer was lost) gets a new
 * password instead, so Partner Center and the vault always end on the same, last password (the vault
 * is written only after Partner Center took it); membership is checked before adding, and "already
 * a member" counts as done. Needs the default GDAP roles (User Administrator, Privileged Role
 * Administrator); without them Partner Center refuses and the run needs attention.
 */
export function setUpAdminStep(ports: Pick<NewTenantPorts, 'partnerCenter' | 'vault' | 'passwords'>) {
  const passwords = ports.passwords ?? strongPasswordGenerator;
  const holdsPasswordOf = async (runId: string, signInName: string) =>
    (await ports.vault.get(runId))?.userName.toLowerCase() === signInName.toLowerCase();
  return defineStep<SetUpAdminInput, SetUpAdminOutput>({
    id: 'set-up-admin',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 120_000,
    async run(input, ctx) {
      const userName = input.adminUsername.trim().toLowerCase() || DEFAULT_ADMIN_USERNAME;
      const signInName = `${userName}@${input.domain}`;
      const isDefault = userName === DEFAULT_ADMIN_USERNAME;
      if (isDefault && input.requirePasswordChange && (await holdsPasswordOf(input.runId, signInName))) {
        return { action: 'default', signInName, forceChangePassword: true };
      }
      // Otherwise, for Microsoft's admin with a forced change, create-customer left no usable password
      // (its first answer was lost and Partner Center's MS-RequestId replay window had passed, or the
      // tenant was adopted after a lookup): reset it below, so the run never ends without one.

      const pc = await ports.partnerCenter(input.connectionId);
      const call = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      const password = passwords.generate();
      const profile = { password, forceChangePassword: input.requirePasswordChange };

      let user = await pc.findCustomerUserByUpn(input.tenantId, signInName, call);
      let created = false;
      if (!user && isDefault) {
        throw new AppError('PARTNER_CENTER_REFUSED', `The tenant has no ${signInName} account to set the password of.`);
      }
      if (!user) {
        try {
          user = await pc.createCustomerUser(
            input.tenantId,
            { userPrincipalName: signInName, displayName: userName, usageLocation: input.usageLocation, ...profile },
            { ...call, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
          );
          created = true;
        } catch (e) {
          // Created meanwhile (a lost answer): take it over below with a new password.
          if (!isCode(e, 'CONFLICT')) throw e;
          user = await pc.findCustomerUserByUpn(input.tenantId, signInName, call);
          if (!user) throw e;
        }
      }
      // Found rather than created by this call: its password is unknown to us, so set ours.
      if (!created) await pc.updateCustomerUser(input.tenantId, user.id, { password: profile }, call);
      await ports.vault.put(input.runId, { userName: signInName, password });

      if (!isDefault) {
        const roles = await pc.listDirectoryRoles(input.tenantId, call);
        const admins = roles.find((r) => r.name.toLowerCase() === COMPANY_ADMINISTRATOR.toLowerCase());
        if (!admins) throw new AppError('PARTNER_CENTER_REFUSED', `Partner Center lists no ${COMPANY_ADMINISTRATOR} role in the tenant ${input.domain}.`);
        const members = await pc.listDirectoryRoleMembers(input.tenantId, admins.id, call);
        if (!members.some((m) => m.userId === user.id)) {
          try {
            await pc.addUserToDirectoryRole(input.tenantId, admins.id, { userId: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName }, call);
          } catch (e) {
            if (!isCode(e, 'CONFLICT')) throw e;
          }
        }
      }
      return { action: isDefault ? 'password-reset' : 'created', signInName, forceChangePassword: input.requirePasswordChange };
    },
  });
}
