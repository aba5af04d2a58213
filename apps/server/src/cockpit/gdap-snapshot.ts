import { EntraRole } from '@csphub/partner-center/wire';
import type { GdapRelationshipSnapshot } from '@csphub/db';
import type { GdapRelationship, PartnerCenterClient } from '@csphub/partner-center';

export const GLOBAL_ADMINISTRATOR = EntraRole.globalAdministrator;

/** The stored form of a relationship Graph answered, with its access assignments counted when read. */
export function snapshotOf(connectionId: string, r: GdapRelationship, accessAssignments: number | null, at: Date): GdapRelationshipSnapshot {
  return {
    connectionId,
    relationshipId: r.id,
    customerTenantId: r.customerTenantId ?? null,
    customerName: r.customerName ?? null,
    displayName: r.displayName,
    status: r.status,
    roleIds: r.roleIds.map((x) => x.toLowerCase()),
    hasGlobalAdmin: r.roleIds.some((x) => x.toLowerCase() === GLOBAL_ADMINISTRATOR),
    autoExtend: r.autoExtendDuration !== 'PT0S' && r.autoExtendDuration !== 'P0D',
    endsAt: r.endsAt ? new Date(r.endsAt) : null,
    accessAssignments,
    syncedAt: at,
  };
}

/** Access assignments of an active relationship that are not deleted; null for other statuses (Graph has none to read). */
export async function countAccessAssignments(client: PartnerCenterClient, r: GdapRelationship, signal?: AbortSignal): Promise<number | null> {
  if (r.status !== 'active' && r.status !== 'expiring') return null;
  let n = 0;
  for await (const a of client.listGdapAccessAssignments(r.id, { priority: 'low', ...(signal ? { signal } : {}) })) if (a.status !== 'deleted' && a.status !== 'deleting') n++;
  return n;
}
