import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { publishEvent } from './events.repo';
import { accountSyncOptions, gdapTemplates, type gdapRelationships } from './schema/index';

type Row = typeof gdapRelationships.$inferSelect;

const LIVE = new Set(['active', 'expiring']);

/** The tenant fields of a GDAP event: the relationship's tenant and the account's default domain ('' when CSP Hub has none). */
async function tenantOf(db: Database, row: Row): Promise<{ connectionId: string; tenantId: string; defaultDomain: string }> {
  const [link] = await db
    .select({ defaultDomain: accountSyncOptions.defaultDomain })
    .from(accountSyncOptions)
    .where(and(eq(accountSyncOptions.companyId, row.companyId), eq(accountSyncOptions.connectionId, row.connectionId)));
  return { connectionId: row.connectionId, tenantId: row.customerTenantId, defaultDomain: link?.defaultDomain ?? '' };
}

/**
 * Whether a relationship is what `gdap.active` announces: live at Graph and, when it was requested
 * from a template, with an active access assignment for each of the template's security groups
 * (the run's last step), so subscribers hear of it when the partner's people can use it.
 */
async function isActiveWithAccess(db: Database, row: Row | undefined): Promise<boolean> {
  if (!row?.relationshipId || !LIVE.has(row.status)) return false;
  const live = row.accessAssignments.filter((a) => a.status !== 'deleted' && a.status !== 'deleting');
  if (live.some((a) => a.status !== 'active')) return false;
  if (!row.templateId) return true;
  const [template] = await db.select({ groups: gdapTemplates.securityGroups }).from(gdapTemplates).where(eq(gdapTemplates.id, row.templateId));
  return live.length >= (template?.groups.length ?? 0);
}

/**
 * Publishes what a change of a stored relationship means (docs/WEBHOOKS.md), on the handle of the
 * transaction that stores the change: `gdap.active` when it becomes active with its access
 * assignments, `gdap.expired` when it ends by expiry; each once per relationship.
 */
export async function publishGdapStatusChange(db: Database, before: Row | undefined, after: Row, at: Date): Promise<void> {
  if (!after.relationshipId) return;
  if ((await isActiveWithAccess(db, after)) && !(await isActiveWithAccess(db, before))) {
    await publishEvent(db, {
      type: 'gdap.active',
      companyId: after.companyId,
      at,
      data: { ...(await tenantOf(db, after)), relationshipId: after.relationshipId, endsAt: after.endsAt?.toISOString() ?? null },
      dedupeKey: `gdap.active:${after.connectionId}:${after.relationshipId}`,
    });
  } else if (after.status === 'expired' && before?.status !== 'expired') {
    await publishEvent(db, {
      type: 'gdap.expired',
      companyId: after.companyId,
      at,
      data: { ...(await tenantOf(db, after)), relationshipId: after.relationshipId, endedAt: (after.endsAt ?? at).toISOString() },
      dedupeKey: `gdap.expired:${after.connectionId}:${after.relationshipId}`,
    });
  }
}

/** `gdap.expiring`: a live relationship that does not renew itself ends within 30 days; once per end date. */
export async function publishGdapExpiring(db: Database, row: Row, at: Date): Promise<void> {
  if (!row.relationshipId || !row.endsAt) return;
  await publishEvent(db, {
    type: 'gdap.expiring',
    companyId: row.companyId,
    at,
    data: { ...(await tenantOf(db, row)), relationshipId: row.relationshipId, endsAt: row.endsAt.toISOString() },
    dedupeKey: `gdap.expiring:${row.connectionId}:${row.relationshipId}:${row.endsAt.toISOString()}`,
  });
}
