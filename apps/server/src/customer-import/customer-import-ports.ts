import { createRepos } from '@csphub/db';
import type { PartnerCenterClient } from '@csphub/partner-center';
import type { CustomerImportPorts } from '@csphub/provisioning';
import { applyImport, getImportRun, stageImport, type ImportDeps } from './customer-import.service';

/**
 * The durable import's ports over the service: reading through the connection's client (a failure
 * stops the run with Microsoft's reason for a person to see, and a new import reads again), applying
 * in chunks.
 */
export function customerImportPorts(deps: ImportDeps, clientFor: (connectionId: string) => Promise<Pick<PartnerCenterClient, 'listCustomers' | 'listSubscriptions' | 'listIndirectResellers' | 'getCustomer' | 'mcaStatus' | 'listGdapRelationships'>>): CustomerImportPorts {
  return {
    async read(runId) {
      const run = await getImportRun(deps, runId);
      if (!run) return { state: 'failed' };
      if (run.state !== 'reading') return { state: run.state };
      try {
        return { state: (await stageImport(deps, runId, await clientFor(run.connectionId))).state };
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        await createRepos(deps.db, deps.box).customerImports.setRun(runId, { state: 'failed', failureReason: reason.slice(0, 1000) }, deps.now(), 'reading');
        return { state: 'failed' };
      }
    },
    async applySome(runId, limit) {
      const run = await applyImport(deps, runId, { limit });
      return { state: run.state, left: run.left };
    },
  };
}
