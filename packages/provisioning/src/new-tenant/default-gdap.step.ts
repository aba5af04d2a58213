import { defineStep } from '../runtime/step-definition';
import { noRetry } from '../runtime/retry-policy';

/**
 * Default GDAP (docs/PARTNER-CENTER-REFERENCE.md §12.6): Microsoft creates the relationship with the preset
 * roles when the customer is created with `enableGDAPByDefault`, so there is nothing to call. The
 * step exists so the timeline says which GDAP path the run took.
 */
export const defaultGdapStep = defineStep<{ tenantId: string }, { gdap: 'default' }>({
  id: 'default-gdap',
  retry: noRetry,
  timeoutMs: 5_000,
  async run() {
    return { gdap: 'default' };
  },
});
