import type { PrerequisitePolicy } from '@csphub/domain';
import type { Repos } from '@csphub/db';

/** Where the distributor's policy lives in the settings table. */
export const POLICY_KEY = 'distributor.policy';

/** The default: corporate e-mail required (so notices reach the company), reseller fallback allowed. */
export const DEFAULT_POLICY: PrerequisitePolicy = { requireCorporateEmail: true, requireSubCustomerBillingAddress: false };

/** The distributor's prerequisite policy, with defaults for anything unset. */
export async function readPolicy(repos: Repos): Promise<PrerequisitePolicy> {
  const stored = await repos.settings.get<Partial<PrerequisitePolicy>>(POLICY_KEY);
  return { ...DEFAULT_POLICY, ...(stored ?? {}) };
}
