import type { Engine } from './engine';
import { parseIsoDuration } from './emulator-clock';
import { emitWebhookEvent } from './events';
import { GDAP_APPROVAL_EXPIRY_MS, GDAP_EXPIRING_WINDOW_MS, newEtag, relationshipUri, setExpired } from './gdap.engine';

/** Time-based GDAP transitions; returns the next emulator time something is due. */
export function tickGdap(engine: Engine, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  const settings = engine.state.settings;
  for (const r of Object.values(engine.state.gdap)) {
    if (r.status === 'approvalPending' && r.lockedAt !== undefined) {
      if (now >= r.lockedAt + GDAP_APPROVAL_EXPIRY_MS) setExpired(engine, r);
      else next = Math.min(next, r.lockedAt + GDAP_APPROVAL_EXPIRY_MS);
    }
    if (r.status === 'approved' && r.approvedAt !== undefined) {
      const activateAt = r.approvedAt + settings.gdapActivationDelaySeconds * 1000;
      if (now >= activateAt) {
        r.status = 'active';
        r.activatedAt = activateAt;
        r.endAt = activateAt + (parseIsoDuration(r.duration) ?? 0);
        r.modifiedAt = now;
        r.etag = newEtag();
        emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-relationship-activated', 'GranularAdminRelationship', relationshipUri(r.id));
        engine.markDirty();
      } else next = Math.min(next, activateAt);
    }
    if ((r.status === 'active' || r.status === 'expiring') && r.endAt !== undefined) {
      const extend = parseIsoDuration(r.autoExtendDuration) ?? 0;
      if (now >= r.endAt) {
        if (extend > 0) {
          // Auto-extend adds 180 days at the end date, repeatedly (docs/PARTNER-CENTER-REFERENCE.md §12.3).
          while (r.endAt <= now) r.endAt += extend;
          r.status = 'active';
        } else {
          setExpired(engine, r);
          continue;
        }
        r.modifiedAt = now;
        r.etag = newEtag();
        engine.markDirty();
      }
      if (extend === 0 && r.status === 'active' && now >= r.endAt - GDAP_EXPIRING_WINDOW_MS) {
        r.status = 'expiring';
        r.modifiedAt = now;
        r.etag = newEtag();
        engine.markDirty();
      }
      next = Math.min(next, r.status === 'active' && extend === 0 ? r.endAt - GDAP_EXPIRING_WINDOW_MS : r.endAt);
    }
    if (r.status === 'terminationRequested' && r.terminationRequestedAt !== undefined) {
      const doneAt = r.terminationRequestedAt + settings.gdapTerminationDelaySeconds * 1000;
      if (now >= doneAt) {
        r.status = 'terminated';
        r.endAt = doneAt;
        r.modifiedAt = now;
        r.etag = newEtag();
        for (const a of r.accessAssignments) if (a.status !== 'deleted') a.status = 'deleted';
        emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-relationship-terminated', 'GranularAdminRelationship', relationshipUri(r.id));
        engine.markDirty();
      } else next = Math.min(next, doneAt);
    }
    for (const a of r.accessAssignments) {
      if (a.transitionAt === undefined) continue;
      if (now >= a.transitionAt) {
        const uri = `${relationshipUri(r.id)}/accessAssignments/${a.id}`;
        if (a.status === 'pending') {
          a.status = 'active';
          emitWebhookEvent(engine, r.partnerTenantId, 'granular-admin-access-assignment-activated', 'GranularAdminAccessAssignment', uri);
        } else if (a.status === 'deleting') {
          a.status = 'deleted';
        }
        a.transitionAt = undefined;
        a.modifiedAt = now;
        a.etag = newEtag();
        engine.markDirty();
      } else next = Math.min(next, a.transitionAt);
    }
  }
  return next;
}
