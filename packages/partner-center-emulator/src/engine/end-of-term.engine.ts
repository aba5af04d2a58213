import type { ScheduledAction, ScheduledNextTermInstructions } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { SubscriptionRecord } from './emulator-state';
import * as pcErrors from '../errors/pc-errors';
import { addTerm } from './emulator-clock';
import { findCatalogItem, isOfferedTerm } from './catalog.engine';

/**
 * A subscription bought or renewed from this day on, whose term ends on or after
 * `EST_FROM`, rolls into the paid Extended Service Term when it ends with auto-renew off, instead
 * of lapsing into the old free grace period (docs/EMULATOR-DIFFERENCES.md, "End of term").
 */
export const EST_ELIGIBLE_TERM_START = Date.UTC(2025, 3, 1);
export const EST_FROM = Date.UTC(2026, 4, 4);

/** Whether ending the current term with auto-renew off puts the subscription in the Extended Service Term. */
export function rollsIntoExtendedServiceTerm(sub: SubscriptionRecord): boolean {
  return sub.productType === 'OnlineServicesNCE' && sub.termStartAt >= EST_ELIGIBLE_TERM_START && sub.commitmentEndAt >= EST_FROM;
}

/** The subscription's `scheduledActions` as it reports them: what its term end will do. */
export function scheduledActionsOf(sub: SubscriptionRecord): ScheduledAction[] {
  if (sub.status !== 'active' && sub.status !== 'suspended') return [];
  const at = new Date(sub.commitmentEndAt).toISOString();
  if (sub.autoRenewEnabled) return [{ scheduleType: 'TermEnd', actionType: 'RenewToNewTerm', effectiveDate: at }];
  if (sub.cancelAtTermEnd) return [{ scheduleType: 'TermEnd', actionType: 'Cancel', effectiveDate: at }];
  if (sub.extendedServiceTermSince !== undefined || rollsIntoExtendedServiceTerm(sub)) return [{ scheduleType: 'TermEnd', actionType: 'RenewToExtendedServiceTerm', effectiveDate: at }];
  return [];
}

const actionTypes = (actions: readonly ScheduledAction[]) => actions.map((a) => `${a.scheduleType}:${a.actionType}`).join(',');

/**
 * Applies a PATCH's `scheduledActions` after its `autoRenewEnabled`: a `Cancel` at `TermEnd` (auto-renew
 * off) ends the subscription with its term instead of rolling it into the Extended Service Term;
 * `RenewToExtendedServiceTerm` takes that back; `RenewToNewTerm` belongs to auto-renew on. The list
 * the client echoes unchanged from its GET changes nothing. Turning auto-renew on drops a cancellation.
 */
export function applyScheduledActions(sub: SubscriptionRecord, actions: readonly ScheduledAction[] | null | undefined, echoed: readonly ScheduledAction[]): boolean {
  const before = sub.cancelAtTermEnd === true;
  if (sub.autoRenewEnabled) {
    delete sub.cancelAtTermEnd;
    if (actions && actionTypes(actions) !== actionTypes(echoed) && actions.some((a) => a.actionType === 'Cancel' || a.actionType === 'RenewToExtendedServiceTerm')) {
      throw pcErrors.invalidProperty('Cancelling at term end or the Extended Service Term needs auto-renew to be off.', ['scheduledActions']);
    }
    return before;
  }
  if (!actions || actionTypes(actions) === actionTypes(echoed)) return false;
  const unknown = actions.find((a) => a.scheduleType !== 'TermEnd' || !['Cancel', 'RenewToExtendedServiceTerm'].includes(a.actionType));
  if (unknown) throw pcErrors.invalidProperty(`Scheduled action ${unknown.actionType} at ${unknown.scheduleType} is not possible for this subscription.`, ['scheduledActions']);
  if (actions.some((a) => a.actionType === 'Cancel')) {
    if (sub.extendedServiceTermSince !== undefined) throw pcErrors.invalidProperty('A subscription in its Extended Service Term is cancelled directly (status deleted).', ['scheduledActions']);
    sub.cancelAtTermEnd = true;
  } else {
    delete sub.cancelAtTermEnd;
  }
  return before !== (sub.cancelAtTermEnd === true);
}

const sameInstructions = (a: SubscriptionRecord['scheduledNextTerm'], b: SubscriptionRecord['scheduledNextTerm']) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The stored form of `scheduledNextTermInstructions`, checked against the catalog and the SKU's bounds. */
function toScheduled(instr: ScheduledNextTermInstructions): NonNullable<SubscriptionRecord['scheduledNextTerm']> {
  const p = instr.product;
  return {
    catalogItemId: `${p.productId}:${p.skuId}:${p.availabilityId}`.toUpperCase(),
    productId: p.productId.toUpperCase(),
    skuId: p.skuId,
    availabilityId: p.availabilityId.toUpperCase(),
    quantity: instr.quantity,
    termDuration: p.termDuration,
    billingCycle: p.billingCycle.toLowerCase(),
  };
}

/**
 * Applies a PATCH's `scheduledNextTermInstructions` (Learn: "Schedule changes for a new commerce
 * subscription"): they need auto-renew on; an immediate change of seats in the same term deletes
 * the changes scheduled earlier; `null` removes them. The product must be in the catalog with that
 * term and billing, and the seats within the SKU's bounds. Answers whether anything changed.
 */
export function applyScheduledInstructions(
  engine: Engine,
  sub: SubscriptionRecord,
  instr: ScheduledNextTermInstructions | null | undefined,
  immediateQuantityChange: boolean,
): boolean {
  const before = sub.scheduledNextTerm;
  if (!sub.autoRenewEnabled && instr && !sameInstructions(toScheduled(instr), before)) {
    throw pcErrors.invalidProperty('Changes at renewal need auto-renew to be on.', ['autoRenewEnabled']);
  }
  if (immediateQuantityChange || !sub.autoRenewEnabled) {
    // A mid-term change deletes what was scheduled; without auto-renew there is no renewal to change.
    delete sub.scheduledNextTerm;
    return before !== undefined;
  }
  if (instr === undefined) return false;
  if (instr === null) {
    delete sub.scheduledNextTerm;
    return before !== undefined;
  }
  const next = toScheduled(instr);
  if (sameInstructions(next, before)) return false;
  const item = findCatalogItem(engine.state.scenario.catalog, next.catalogItemId);
  if (!item) throw pcErrors.invalidProperty(`Catalog item ${next.catalogItemId} of the next term is not valid.`, ['scheduledNextTermInstructions.product']);
  if (item.product.id.toUpperCase() !== sub.productId.toUpperCase()) {
    throw pcErrors.invalidProperty('The next term can change the SKU within the same product only.', ['scheduledNextTermInstructions.product.productId']);
  }
  if (!isOfferedTerm(item, next.termDuration, next.billingCycle)) {
    throw pcErrors.invalidProperty(`Term ${next.termDuration} with billing cycle ${next.billingCycle} is not offered for ${item.catalogItemId}.`, ['scheduledNextTermInstructions.product']);
  }
  if (next.quantity < item.sku.minimumQuantity || next.quantity > item.sku.maximumQuantity) throw pcErrors.quantityOutOfRange(item.sku.minimumQuantity, item.sku.maximumQuantity);
  sub.scheduledNextTerm = { ...next, catalogItemId: item.catalogItemId };
  return true;
}

/**
 * The end of a term (docs/PARTNER-CENTER-REFERENCE.md §10 lifecycle, docs/EMULATOR-DIFFERENCES.md
 * "End of term"): with auto-renew on, a new term starts with the changes scheduled for it (seats,
 * SKU, term, billing) and a new 7-day window; cancelled at term end, it ends (`deleted`); with
 * auto-renew off otherwise, an eligible subscription runs on
 * in the paid Extended Service Term, one month at a time, billed monthly, under the same id, until
 * it is cancelled; any other ends `expired`.
 */
export function endTerm(engine: Engine, sub: SubscriptionRecord, now: number): void {
  if (sub.autoRenewEnabled && sub.status === 'active' && sub.termDuration) {
    while (sub.commitmentEndAt <= now) {
      const next = sub.scheduledNextTerm;
      if (next) {
        const item = findCatalogItem(engine.state.scenario.catalog, next.catalogItemId);
        sub.offerId = next.catalogItemId;
        sub.skuId = next.skuId;
        if (item) sub.offerName = item.sku.title;
        sub.quantity = next.quantity;
        sub.termDuration = next.termDuration;
        sub.billingCycle = next.billingCycle;
        delete sub.scheduledNextTerm;
      }
      sub.termStartAt = sub.commitmentEndAt;
      sub.commitmentEndAt = addTerm(sub.termStartAt, sub.termDuration);
    }
    return;
  }
  if (sub.cancelAtTermEnd) {
    // Cancelled at the end of its term: the service ends with it.
    sub.status = 'deleted';
    delete sub.cancelAtTermEnd;
    delete sub.scheduledNextTerm;
    return;
  }
  if (sub.status === 'active' && (sub.extendedServiceTermSince !== undefined || rollsIntoExtendedServiceTerm(sub))) {
    delete sub.scheduledNextTerm;
    sub.extendedServiceTermSince ??= sub.commitmentEndAt;
    sub.termDuration = 'P1M';
    sub.billingCycle = 'monthly';
    while (sub.commitmentEndAt <= now) {
      sub.termStartAt = sub.commitmentEndAt;
      sub.commitmentEndAt = addTerm(sub.termStartAt, 'P1M');
    }
    return;
  }
  sub.status = 'expired';
}
