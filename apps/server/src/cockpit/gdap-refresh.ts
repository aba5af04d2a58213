import { createCockpitRepo } from '@csphub/db';
import { reposOf } from '../app/server-deps';
import type { BulkDeps } from './bulk-actions';
import { countAccessAssignments, snapshotOf } from './gdap-snapshot';

export interface GdapRefreshPass {
  at: string;
  connections: number;
  relationships: number;
  /** Connections that did not answer; their stored relationships stay as last read. */
  failures: number;
}

/**
 * Reads every GDAP relationship of each of the distributor's connections from Graph (with the
 * access assignments of the active ones) and stores them for the cockpit, which never calls Graph
 * while it loads. Calls go with low priority, behind provisioning.
 */
export async function refreshGdap(deps: Pick<BulkDeps, 'db' | 'box' | 'clock' | 'partnerCenterFor' | 'logger'>, signal?: AbortSignal): Promise<GdapRefreshPass> {
  const repos = reposOf(deps);
  const cockpit = createCockpitRepo(deps.db);
  const at = deps.clock.now();
  const pass: GdapRefreshPass = { at: at.toISOString(), connections: 0, relationships: 0, failures: 0 };
  const root = await repos.companies.root();
  if (!root) return pass;
  for (const connection of await repos.connections.list(root.id)) {
    try {
      const client = await deps.partnerCenterFor(connection.id);
      for await (const r of client.listGdapRelationships({}, { priority: 'low', ...(signal ? { signal } : {}) })) {
        await cockpit.upsertGdap(snapshotOf(connection.id, r, await countAccessAssignments(client, r, signal), at));
        pass.relationships++;
      }
      pass.connections++;
    } catch (error) {
      pass.failures++;
      deps.logger?.warn({ err: error, connectionId: connection.id }, 'GDAP refresh: connection skipped');
    }
  }
  return pass;
}
