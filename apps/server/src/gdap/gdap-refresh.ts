import type { GdapGraphRead, Database, SecretBox } from '@csphub/db';
import type { Clock } from '@csphub/domain';
import type { GdapRelationship, PartnerCenterClient } from '@csphub/partner-center';
import { reposOf } from '../app/server-deps';

export interface GdapRefreshPass {
  at: string;
  connections: number;
  relationships: number;
  /** Connections that did not answer; their stored relationships stay as last read. */
  failures: number;
}

/** What reading relationships from Graph needs. */
export interface GdapReadDeps {
  db: Database;
  box: SecretBox;
  clock: Clock;
  partnerCenterFor(connectionId: string): Promise<PartnerCenterClient>;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

/** Days of an ISO duration Graph gives (`P730D`); 0 when it is not in days. */
function durationDays(duration: string): number {
  return Number(/^P(\d+)D$/.exec(duration)?.[1] ?? 0);
}

/** The stored form of a relationship Graph answered, with the access assignments of a live one. */
export async function graphReadOf(client: Pick<PartnerCenterClient, 'listGdapAccessAssignments'>, r: GdapRelationship, signal?: AbortSignal): Promise<GdapGraphRead> {
  let accessAssignments: GdapGraphRead['accessAssignments'] = null;
  if (r.status === 'active' || r.status === 'expiring') {
    accessAssignments = [];
    for await (const a of client.listGdapAccessAssignments(r.id, { priority: 'low', ...(signal ? { signal } : {}) }))
      if (a.status !== 'deleted') accessAssignments.push({ id: a.id, securityGroupId: a.securityGroupId, roleIds: a.roleIds, status: a.status });
  }
  return {
    relationshipId: r.id,
    displayName: r.displayName,
    customerTenantId: r.customerTenantId ?? null,
    customerName: r.customerName ?? null,
    status: r.status,
    roleIds: r.roleIds,
    durationDays: durationDays(r.duration),
    autoExtend: r.autoExtendDuration !== 'PT0S' && r.autoExtendDuration !== 'P0D',
    activatedAt: r.activatedAt ? new Date(r.activatedAt) : null,
    endsAt: r.endsAt ? new Date(r.endsAt) : null,
    accessAssignments,
  };
}

/**
 * Reads every GDAP relationship of each of the distributor's connections from Graph (with the
 * access assignments of the active ones) into the one GDAP store (`gdap_relationships`), which the
 * cockpit and the company page read without calling Graph. A relationship CSP Hub did not ask for
 * is added when its tenant is linked to an account. Calls go with low priority, behind provisioning.
 */
export async function refreshGdap(deps: GdapReadDeps, signal?: AbortSignal): Promise<GdapRefreshPass> {
  const repos = reposOf(deps);
  const at = deps.clock.now();
  const pass: GdapRefreshPass = { at: at.toISOString(), connections: 0, relationships: 0, failures: 0 };
  const root = await repos.companies.root();
  if (!root) return pass;
  for (const connection of await repos.connections.list(root.id)) {
    try {
      const client = await deps.partnerCenterFor(connection.id);
      for await (const r of client.listGdapRelationships({}, { priority: 'low', ...(signal ? { signal } : {}) })) {
        if (await repos.gdap.upsertFromGraph(connection.id, await graphReadOf(client, r, signal), deps.clock.now())) pass.relationships++;
      }
      pass.connections++;
    } catch (error) {
      pass.failures++;
      deps.logger?.warn({ err: error, connectionId: connection.id }, 'GDAP refresh: connection skipped');
    }
  }
  return pass;
}
