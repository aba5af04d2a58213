import { AppError } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantAccounts, ProvisioningProfile } from '../ports/new-tenant.ports';

/**
 * Checks the account's prerequisites before any call to Microsoft: phone, e-mail,
 * billing address valid for its country. Reads the account fresh, so a retry after the user fixed
 * the company page sees the fix. Its output is the profile the later steps send.
 */
export function validatePrerequisitesStep(accounts: NewTenantAccounts) {
  return defineStep<{ companyId: number; connectionId: string }, ProvisioningProfile>({
    id: 'validate-prerequisites',
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run(input) {
      const profile = await accounts.loadProfile(input.companyId, input.connectionId);
      if (!profile.prerequisites.ready) {
        throw new AppError(
          'PREREQUISITES_MISSING',
          `The account is not ready to provision: ${profile.prerequisites.problems.join('; ')}. Complete the company details, then retry.`,
          profile.prerequisites.problems.map((message) => ({ message })),
        );
      }
      return profile;
    },
  });
}
