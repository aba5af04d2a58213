import type { PatchSubscriptionRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { SubscriptionRecord } from './emulator-state';
import * as pcErrors from '../errors/pc-errors';
import { HOUR_MS } from './emulator-clock';
import { findCatalogItem } from './catalog.engine';
import { getVisibleCustomer } from './customers.engine';
import { emitWebhookEvent, recordAudit } from './events';
import { applyScheduledActions, applyScheduledInstructions, endTerm, scheduledActionsOf } from './end-of-term.engine';

/** Integration sandbox: 25 licenses per subscription, in a cart or a seat change (docs/PARTNER-CENTER-REFERENCE.md §1.4). */
export const SANDBOX_LICENSES_PER_SUBSCRIPTION = 25;

/** NCE: seats can be reduced and subscriptions cancelled only within 7 days (168 h) of purchase or renewal (docs/PARTNER-CENTER-REFERENCE.md §10). */
export const NCE_WINDOW_MS = 168 * HOUR_MS;

export function isInsideNceWindow(engine: Engine, sub: SubscriptionRecord): boolean {
  return engine.now() < sub.termStartAt + NCE_WINDOW_MS;
}

/** Every subscription of a customer tenant, whoever sold it, through the engine's index (built on first use). */
export function subscriptionsOfTenant(engine: Engine, customerTenantId: string): SubscriptionRecord[] {
  if (!engine.subscriptionIndex) {
    const index = new Map<string, SubscriptionRecord[]>();
    for (const s of Object.values(engine.state.subscriptions)) {
      const list = index.get(s.customerTenantId);
      if (list) list.push(s);
      else index.set(s.customerTenantId, [s]);
    }
    engine.subscriptionIndex = index;
  }
  return engine.subscriptionIndex.get(customerTenantId) ?? [];
}

/** Adds a new subscription to the state and to the index. */
export function addSubscriptionRecord(engine: Engine, sub: SubscriptionRecord): void {
  engine.state.subscriptions[sub.id] = sub;
  const list = engine.subscriptionIndex?.get(sub.customerTenantId);
  if (list) list.push(sub);
  else engine.subscriptionIndex?.set(sub.customerTenantId, [sub]);
}

export function listSubscriptions(engine: Engine, partnerTenantId: string, customerTenantId: string): SubscriptionRecord[] {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  return subscriptionsOfTenant(engine, tenant.tenantId)
    .filter((s) => s.partnerTenantId === partnerTenantId)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function getSubscription(engine: Engine, partnerTenantId: string, customerTenantId: string, subscriptionId: string): SubscriptionRecord {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  const sub = engine.state.subscriptions[subscriptionId.toLowerCase()] ?? engine.state.subscriptions[subscriptionId];
  if (!sub || sub.customerTenantId !== tenant.tenantId || sub.partnerTenantId !== partnerTenantId) throw pcErrors.subscriptionNotFound(subscriptionId);
  return sub;
}

function subscriptionUri(sub: SubscriptionRecord): string {
  return `/webhooks/v1/customers/${sub.customerTenantId}/subscriptions/${sub.id}`;
}

/**
 * `PATCH …/subscriptions/{id}` (docs/PARTNER-CENTER-REFERENCE.md §10): quantity, suspend/reactivate, cancel (`deleted`), auto-renew,
 * friendly name. The ETag is checked from `If-Match` or `attributes.etag` (2055 when stale).
 */
export function patchSubscription(
  engine: Engine,
  sub: SubscriptionRecord,
  ifMatch: string | undefined,
  patch: PatchSubscriptionRequest,
  /** Who made the change, for the audit record: the API caller, or a person in the portal (control plane). */
  actor: { userPrincipalName?: string; applicationId?: string } = {},
): SubscriptionRecord {
  if (sub.status === 'deleted') throw pcErrors.deletedSubscriptionUpdate();
  const presented = ifMatch?.replace(/^W\//, '').replace(/"/g, '') ?? patch.attributes?.etag;
  if (presented !== undefined && presented !== '*' && presented !== sub.etag) throw pcErrors.etagStale();
  const item = findCatalogItem(engine.state.scenario.catalog, sub.offerId);
  const partner = engine.partnerByTenant(sub.partnerTenantId)!;
  let changed: boolean;

  if (patch.status === 'deleted') {
    // In the Extended Service Term a subscription can be cancelled at any time; otherwise only in the window.
    if (sub.extendedServiceTermSince === undefined && !isInsideNceWindow(engine, sub)) throw pcErrors.cancellationWindowPassed();
    sub.status = 'deleted';
    sub.autoRenewEnabled = false;
    delete sub.scheduledNextTerm;
    changed = true;
  } else if (sub.extendedServiceTermSince !== undefined && isAnyChange(sub, patch)) {
    throw pcErrors.invalidProperty('A subscription in its Extended Service Term can only be cancelled; buy a new subscription to renew.', ['status']);
  } else {
    // A refused PATCH changes nothing: the record is put back as it was when a later field is refused.
    const snapshot = structuredClone(sub);
    try {
      changed = applyPatchFields(engine, sub, patch, item, partner.sandbox);
    } catch (e) {
      for (const key of Object.keys(sub) as (keyof SubscriptionRecord)[]) if (!(key in snapshot)) delete sub[key];
      Object.assign(sub, snapshot);
      throw e;
    }
  }
  if (changed) {
    sub.etag = engine.newId();
    recordAudit(engine, {
      partnerTenantId: sub.partnerTenantId,
      customerTenantId: sub.customerTenantId,
      customerName: engine.state.tenants[sub.customerTenantId]?.companyName,
      ...actor,
      resourceType: 'subscription',
      operationType: 'update_subscription',
      resourceNewValue: JSON.stringify({ id: sub.id, quantity: sub.quantity, status: sub.status, autoRenewEnabled: sub.autoRenewEnabled, scheduledNextTerm: sub.scheduledNextTerm ?? null, cancelAtTermEnd: sub.cancelAtTermEnd ?? false }),
    });
    emitWebhookEvent(engine, sub.partnerTenantId, 'subscription-updated', 'Subscription', subscriptionUri(sub));
    engine.markDirty();
  }
  return sub;
}

/** The fields of a PATCH other than cancellation, in Partner Center's order; answers whether anything changed. */
function applyPatchFields(engine: Engine, sub: SubscriptionRecord, patch: PatchSubscriptionRequest, item: ReturnType<typeof findCatalogItem>, sandbox: boolean): boolean {
  let changed = false;
  const seatsBefore = sub.quantity;
  const actionsBefore = scheduledActionsOf(sub);
  if (patch.quantity !== undefined && patch.quantity !== sub.quantity) {
    const min = item?.sku.minimumQuantity ?? 1;
    const max = item?.sku.maximumQuantity ?? 10_000;
    if (patch.quantity < min || patch.quantity > max) throw pcErrors.quantityOutOfRange(min, max);
    if (sandbox && patch.quantity > SANDBOX_LICENSES_PER_SUBSCRIPTION) throw pcErrors.sandboxLimitReached(`${SANDBOX_LICENSES_PER_SUBSCRIPTION} licenses per subscription`);
    if (patch.quantity < sub.quantity && !isInsideNceWindow(engine, sub)) throw pcErrors.quantityDecreaseNotAllowed();
    sub.quantity = patch.quantity;
    changed = true;
  }
  if (patch.status !== undefined && patch.status !== sub.status) {
    if (patch.status !== 'suspended' && patch.status !== 'active') throw pcErrors.invalidProperty(`status can be set to active, suspended or deleted; got '${patch.status}'.`, ['status']);
    if (sub.status === 'expired') throw pcErrors.invalidProperty('An expired subscription cannot be suspended or reactivated.', ['status']);
    sub.status = patch.status;
    changed = true;
  }
  if (patch.autoRenewEnabled !== undefined && patch.autoRenewEnabled !== sub.autoRenewEnabled) {
    sub.autoRenewEnabled = patch.autoRenewEnabled;
    changed = true;
  }
  if (patch.friendlyName !== undefined && patch.friendlyName !== sub.friendlyName) {
    sub.friendlyName = patch.friendlyName;
    changed = true;
  }
  if (applyScheduledInstructions(engine, sub, patch.scheduledNextTermInstructions, sub.quantity !== seatsBefore)) changed = true;
  if (applyScheduledActions(sub, patch.scheduledActions, actionsBefore)) changed = true;
  return changed;
}

/** Whether a PATCH asks for anything besides cancellation (the body is the whole subscription, echoed). */
function isAnyChange(sub: SubscriptionRecord, patch: PatchSubscriptionRequest): boolean {
  return (
    (patch.quantity !== undefined && patch.quantity !== sub.quantity) ||
    (patch.status !== undefined && patch.status !== sub.status) ||
    (patch.autoRenewEnabled !== undefined && patch.autoRenewEnabled !== sub.autoRenewEnabled) ||
    (patch.scheduledNextTermInstructions !== undefined && patch.scheduledNextTermInstructions !== null)
  );
  // scheduledActions echoed by the client are ignored here; an EST subscription reports RenewToExtendedServiceTerm.
}

/** Term ends: renew (with the changes scheduled for it), the Extended Service Term, or expire (`endTerm`). */
export function tickSubscriptions(engine: Engine, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const sub of Object.values(engine.state.subscriptions)) {
    if (sub.status !== 'active' && sub.status !== 'suspended') continue;
    if (now < sub.commitmentEndAt) {
      next = Math.min(next, sub.commitmentEndAt);
      continue;
    }
    endTerm(engine, sub, now);
    if (sub.status === 'active') next = Math.min(next, sub.commitmentEndAt);
    sub.etag = engine.newId();
    emitWebhookEvent(engine, sub.partnerTenantId, 'subscription-updated', 'Subscription', subscriptionUri(sub));
    engine.markDirty();
  }
  return next;
}
