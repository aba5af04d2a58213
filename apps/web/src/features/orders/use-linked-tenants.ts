import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import type { ListOf, SyncOptions } from '@csphub/server/contract';

/** The connections where the company has a Microsoft tenant (from its sync options), with the load's state. */
export function useLinkedTenants(companyId: number) {
  const { can } = useSession();
  const options = useApi<ListOf<SyncOptions>>(can('sync.read') ? `/api/v1/companies/${companyId}/sync-options` : null);
  return {
    linked: (options.data?.items ?? []).filter((o) => !!o.tenantId),
    /** True once an answer came (it stays while a reload runs, so the page does not flicker). */
    loaded: options.data !== undefined,
    loading: options.loading,
    error: options.error,
    reload: options.reload,
  };
}
