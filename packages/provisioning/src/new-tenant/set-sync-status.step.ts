import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantAccounts } from '../ports/new-tenant.ports';

export interface SetSyncStatusInput {
  companyId: number;
  connectionId: string;
  status: 'not_synced' | 'in_progress' | 'synced' | 'failed';
  reason: string | null;
}

/** Moves the account's sync status with the run (in progress, not synced with the reason ...). */
export function setSyncStatusStep(accounts: NewTenantAccounts) {
  return defineStep<SetSyncStatusInput, { status: SetSyncStatusInput['status'] }>({
    id: 'set-sync-status',
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run(input) {
      await accounts.setSyncStatus(input);
      return { status: input.status };
    },
  });
}
