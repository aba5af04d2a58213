import { publishEvent, type Database, type Repos } from '@csphub/db';
import type { ReadCustomer } from './customer-base-reader';

/** A subscription as CSP Hub held it before the sync stored what Partner Center shows now. */
export interface SubscriptionBefore {
  subscriptionId: string;
  quantity: number;
  status: string;
}

/**
 * What one customer's change found by the sync means for the integrations (docs/WEBHOOKS.md),
 * published on the handle of the transaction that stores the change, so both commit or neither:
 * `tenant.linked` when the tenant was not linked to the company in this connection (a customer
 * added in Partner Center, or a relationship accepted or restored), and `subscription.changed` for
 * each subscription whose seats or status differ from what CSP Hub held. A replayed cycle finds
 * nothing different and publishes nothing.
 */
export async function publishCustomerChanges(
  tx: Database,
  c: { connectionId: string; companyId: number; tenantId: string; defaultDomain: string; wasLinked: boolean; before: readonly SubscriptionBefore[]; after: ReadCustomer['subscriptions']; at: Date },
): Promise<number> {
  let published = 0;
  const tenant = { connectionId: c.connectionId, tenantId: c.tenantId, defaultDomain: c.defaultDomain };
  if (!c.wasLinked) {
    const resellerPartnerId = c.after.find((s) => s.resellerPartnerId)?.resellerPartnerId ?? null;
    await publishEvent(tx, { type: 'tenant.linked', companyId: c.companyId, at: c.at, data: { ...tenant, resellerPartnerId } });
    published++;
  }
  const held = new Map(c.before.map((s) => [s.subscriptionId, s]));
  for (const s of c.after) {
    const was = held.get(s.id);
    if (!was) continue;
    const changes = [
      ...(was.quantity !== s.quantity ? [{ change: 'quantity' as const, before: { quantity: was.quantity }, after: { quantity: s.quantity } }] : []),
      ...(was.status !== s.status ? [{ change: 'status' as const, before: { status: was.status }, after: { status: s.status } }] : []),
    ];
    for (const ch of changes) {
      await publishEvent(tx, {
        type: 'subscription.changed',
        companyId: c.companyId,
        at: c.at,
        data: { connectionId: c.connectionId, tenantId: c.tenantId, subscriptionId: s.id, ...ch, detectedBy: 'partner-center-sync' },
      });
      published++;
    }
  }
  return published;
}

/**
 * A relationship removed or a customer deleted in Partner Center: each company linked to the
 * tenant in the connection is marked failed with the reason, audited, and `tenant.unlinked` is
 * published, all in one transaction. A link already marked is left as it is (a replayed cycle
 * publishes nothing twice). Answers how many links it marked.
 */
export async function unlinkTenant(repos: Repos, tx: Database, c: { connectionId: string; tenantId: string; reason: 'relationship_removed' | 'customer_deleted'; at: Date }): Promise<number> {
  const text = c.reason === 'customer_deleted' ? 'The customer was deleted in Partner Center.' : 'The reseller relationship was removed in Partner Center.';
  const marked = await repos.customerImports.markTenantUnlinked(c.connectionId, c.tenantId, text, c.at);
  for (const m of marked) {
    await repos.auditLog.append({
      at: c.at,
      companyId: m.companyId,
      actor: { type: 'system', id: null, label: 'Partner Center sync' },
      action: 'company.unlinked',
      targetType: 'company',
      targetId: m.companyId,
      summary: `${c.tenantId}: ${text}`,
      after: { tenantId: c.tenantId, reason: c.reason },
    });
    await publishEvent(tx, {
      type: 'tenant.unlinked',
      companyId: m.companyId,
      at: c.at,
      data: { connectionId: c.connectionId, tenantId: c.tenantId, defaultDomain: m.defaultDomain ?? '', reason: c.reason },
    });
  }
  return marked.length;
}
