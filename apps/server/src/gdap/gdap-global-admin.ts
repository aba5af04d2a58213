import { AppError, gdapStateOf, includesGlobalAdministrator, isGdapLive } from '@csphub/domain';
import type { CompanyRow, GdapRelationshipRow } from '@csphub/db';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { inTransaction, reposOf, type ServerDeps } from '../app/server-deps';
import { gdapRowOf, type GdapAuditWriter } from './gdap-relationships';

/** What changing a relationship at Graph needs: the database and a client for the relationship's connection. */
export interface GdapChangeDeps extends Pick<ServerDeps, 'db' | 'box' | 'clock'> {
  clientFor(connectionId: string): Promise<PartnerCenterClient>;
}

export interface GlobalAdminRemoval {
  gdap: GdapRelationshipRow;
  removedGlobalAdmin: boolean;
  enabledAutoExtend: boolean;
  /** Graph's removal operation still running when the wait ended (call again to continue); null when done. */
  operationId: string | null;
}

/**
 * "Remove Global Administrator and enable auto-extend", the one path for the company page and the
 * cockpit's bulk fix: removes the role from an active relationship, then turns auto-extend on
 * (Graph refuses auto-extend while the role is in it). Each change is made only when Graph still
 * needs it, so calling again does nothing twice. The removal is a long-running operation at Graph:
 * this follows it for up to `waitMs` (`pollMs` apart, else Graph's Retry-After); when it has not
 * finished by then the row keeps the role and the answer says so (`operationId`). The stored row
 * and its audit entry (the caller's actor) are written in one transaction.
 */
export async function removeGlobalAdministrator(
  deps: GdapChangeDeps,
  o: { company: CompanyRow; gdapId: number; audit: GdapAuditWriter; waitMs?: number; pollMs?: number; call?: { priority?: 'low'; signal?: AbortSignal } },
): Promise<GlobalAdminRemoval> {
  const row = await gdapRowOf(reposOf(deps), o.company.id, o.gdapId);
  const state = gdapStateOf(row.status, row.endsAt, row.autoExtend, deps.clock.now());
  if (!row.relationshipId || !isGdapLive(state)) throw new AppError('CONFLICT', `Global Administrator can only be removed from an active relationship; this one is ${state.replace('_', ' ')}.`);
  const client = await deps.clientFor(row.connectionId);
  const opts = o.call ?? {};
  const removal = await client.removeGdapGlobalAdministrator(row.relationshipId, opts);
  if (removal.state === 'accepted') {
    const deadline = Date.now() + (o.waitMs ?? 30_000);
    let delay = o.pollMs ?? removal.retryAfterSeconds * 1000;
    for (;;) {
      await new Promise<void>((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
      const op = await client.getGdapOperation(row.relationshipId, removal.operationId, opts);
      if (op.status === 'failed') throw new AppError('PARTNER_CENTER_REFUSED', `Microsoft could not remove the Global Administrator role from "${row.displayName}".`);
      if (op.status === 'succeeded') break;
      if (Date.now() >= deadline) return { gdap: row, removedGlobalAdmin: false, enabledAutoExtend: false, operationId: removal.operationId };
      delay = o.pollMs ?? (op.retryAfterSeconds ?? 5) * 1000;
    }
  }
  let current = await client.getGdapRelationship(row.relationshipId, opts);
  const enabledAutoExtend = current.autoExtendDuration === 'PT0S' || current.autoExtendDuration === 'P0D';
  if (enabledAutoExtend) current = await client.setGdapAutoExtend(row.relationshipId, true, opts);
  const removedGlobalAdmin = includesGlobalAdministrator(row.roles.map((r) => r.id)) && !includesGlobalAdministrator(current.roleIds);
  const names = new Map(row.roles.map((x) => [x.id.toLowerCase(), x.name]));
  return inTransaction(deps, async (repos) => {
    const now = deps.clock.now();
    const saved = await repos.gdap.saveFacts(
      row.id,
      { roles: current.roleIds.map((id) => ({ id, name: names.get(id.toLowerCase()) ?? id })), autoExtend: true, status: current.status, endsAt: current.endsAt ? new Date(current.endsAt) : row.endsAt, syncedAt: now },
      now,
    );
    await o.audit(repos, {
      companyId: o.company.id,
      action: 'gdap.global_admin_removed',
      targetType: 'gdap_relationship',
      targetId: row.id,
      summary: `${removedGlobalAdmin ? 'Removed Global Administrator from' : 'Global Administrator was already gone from'} GDAP "${row.displayName}"; auto-extend ${enabledAutoExtend ? 'turned on' : 'was already on'}`,
      before: { roles: row.roles.map((r) => r.id), autoExtend: row.autoExtend },
      after: { roles: saved.roles.map((r) => r.id), autoExtend: true },
    });
    return { gdap: saved, removedGlobalAdmin, enabledAutoExtend, operationId: null };
  });
}
