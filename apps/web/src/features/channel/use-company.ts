import { useCallback } from 'react';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import type { Company, Prerequisites } from '@csphub/server/contract';
import { useTree } from './tree-data';

/**
 * One company with its checklist. `save` sends a PATCH and then reloads the company, the checklist
 * and the tree (names and readiness may change).
 */
export function useCompany(id: number) {
  const company = useApi<Company>(Number.isFinite(id) ? `/api/v1/companies/${id}` : null);
  const prerequisites = useApi<Prerequisites>(Number.isFinite(id) ? `/api/v1/companies/${id}/prerequisites` : null);
  const tree = useTree();
  const reloadCompany = company.reload;
  const reloadPrerequisites = prerequisites.reload;
  const refreshTree = tree.refresh;
  const reloadAll = useCallback(() => {
    reloadCompany();
    reloadPrerequisites();
    refreshTree();
  }, [reloadCompany, reloadPrerequisites, refreshTree]);
  const save = useCallback(
    async (patch: Partial<Company>) => {
      await apiSend<Company>('PATCH', `/api/v1/companies/${id}`, patch);
      reloadAll();
    },
    [id, reloadAll],
  );
  return { company, prerequisites, save, reloadAll };
}
