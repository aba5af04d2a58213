import type { CreateTransferRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { SubscriptionRecord, TransferRecord } from './emulator-state';
import * as pcErrors from '../errors/pc-errors';
import { DAY_MS } from './emulator-clock';
import { getVisibleCustomer } from './customers.engine';
import { subscriptionsOfTenant } from './subscriptions.engine';
import { emitWebhookEvent, recordAudit } from './events';

/**
 * How long a transfer waits for the source partner (Learn "Transfer new commerce subscriptions":
 * a request not accepted within 30 days expires).
 */
export const TRANSFER_EXPIRY_MS = 30 * DAY_MS;

const transfersOf = (engine: Engine): Record<string, TransferRecord> => (engine.state.transfers ??= {});

/** An `Active` transfer past its expiry is `Expired` from then on (checked whenever it is read). */
function settleExpiry(engine: Engine, t: TransferRecord): TransferRecord {
  if (t.status === 'Active' && engine.now() >= t.expiresAt) {
    t.status = 'Expired';
    t.lastModifiedAt = t.expiresAt;
    engine.markDirty();
  }
  return t;
}

/**
 * Whether a subscription can go in a partner-to-partner new-commerce transfer, and the reason when
 * not (Learn "TransferEligibility resources": `isEligible` and `reason`, e.g. "Subscription: … is
 * in state: Deleted"). Licence-based new commerce only: Azure plans travel by other means here.
 */
export function transferEligibility(engine: Engine, sub: SubscriptionRecord): { isEligible: boolean; reason?: string } {
  if (sub.status !== 'active') return { isEligible: false, reason: `Subscription: ${sub.id} is in state: ${sub.status[0]!.toUpperCase()}${sub.status.slice(1)}` };
  if (sub.productType !== 'OnlineServicesNCE') return { isEligible: false, reason: `Subscription: ${sub.id} is not a new commerce license-based subscription` };
  const pending = Object.values(transfersOf(engine)).find((t) => settleExpiry(engine, t).status === 'Active' && t.lineItems.some((l) => l.subscriptionId === sub.id));
  if (pending) return { isEligible: false, reason: `Subscription: ${sub.id} is part of transfer ${pending.id}` };
  return { isEligible: true };
}

/** `GET …/transferseligibility`: the caller's own subscriptions of the customer, each with its eligibility. */
export function listTransferEligibility(engine: Engine, partnerTenantId: string, customerTenantId: string): { id: string; isEligible: boolean; reason: string | null }[] {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  return subscriptionsOfTenant(engine, tenant.tenantId)
    .filter((s) => s.partnerTenantId === partnerTenantId)
    .map((s) => {
      const e = transferEligibility(engine, s);
      return { id: s.id, isEligible: e.isEligible, reason: e.reason ?? null };
    });
}

/** The transfers of a customer the caller is a party to (source or target), oldest first. */
export function listTransfers(engine: Engine, partnerTenantId: string, customerTenantId: string): TransferRecord[] {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  return Object.values(transfersOf(engine))
    .filter((t) => t.customerTenantId === tenant.tenantId && (t.targetPartnerTenantId === partnerTenantId || t.sourcePartnerTenantId === partnerTenantId))
    .map((t) => settleExpiry(engine, t))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** One transfer of a customer, for a partner that is a party to it (404 otherwise, as for any resource not the caller's). */
export function getTransfer(engine: Engine, partnerTenantId: string, customerTenantId: string, transferId: string): TransferRecord {
  const t = listTransfers(engine, partnerTenantId, customerTenantId).find((x) => x.id === transferId.toLowerCase());
  if (!t) throw pcErrors.transferNotFound(transferId);
  return t;
}

/**
 * `POST …/transfers` by the target partner (Learn "Create a transfer for new commerce"): the request
 * to the customer's current partner. It needs something to transfer: the source partner must hold at
 * least one eligible subscription of the customer; one active request per source partner at a time.
 */
export function createTransfer(engine: Engine, targetPartnerTenantId: string, customerTenantId: string, input: CreateTransferRequest): TransferRecord {
  const { tenant } = getVisibleCustomer(engine, targetPartnerTenantId, customerTenantId);
  const source = input.sourcePartnerTenantId.toLowerCase();
  if (input.targetPartnerTenantId && input.targetPartnerTenantId.toLowerCase() !== targetPartnerTenantId) {
    throw pcErrors.invalidProperty('targetPartnerTenantId must be the partner making the request.', ['targetPartnerTenantId']);
  }
  if (source === targetPartnerTenantId) throw pcErrors.invalidProperty('sourcePartnerTenantId is the partner making the request; a transfer moves subscriptions from another partner.', ['sourcePartnerTenantId']);
  const held = subscriptionsOfTenant(engine, tenant.tenantId).filter((s) => s.partnerTenantId === source);
  if (!held.some((s) => transferEligibility(engine, s).isEligible)) {
    throw pcErrors.transferNotEligible(held.length === 0 ? 'the source partner holds no subscription of this customer' : 'none of the source partner\'s subscriptions of this customer can be transferred');
  }
  const open = listTransfers(engine, targetPartnerTenantId, tenant.tenantId).find((t) => t.status === 'Active' && t.sourcePartnerTenantId === source && t.targetPartnerTenantId === targetPartnerTenantId);
  if (open) throw pcErrors.transferAlreadyExists(open.id);
  const now = engine.now();
  const t: TransferRecord = {
    id: engine.newId(),
    customerTenantId: tenant.tenantId,
    targetPartnerTenantId,
    sourcePartnerTenantId: source,
    sourcePartnerName: input.sourcePartnerName,
    customerEmailId: input.customerEmailId,
    ...(input.customerName ? { customerName: input.customerName } : {}),
    ...(input.targetPartnerEmailId ? { targetPartnerEmailId: input.targetPartnerEmailId } : {}),
    ...(input.partnerOnRecord ? { partnerOnRecord: input.partnerOnRecord } : {}),
    transferType: Number(input.transferType),
    status: 'Active',
    createdAt: now,
    lastModifiedAt: now,
    expiresAt: now + TRANSFER_EXPIRY_MS,
    lineItems: [],
  };
  transfersOf(engine)[t.id] = t;
  recordAudit(engine, { partnerTenantId: targetPartnerTenantId, customerTenantId: tenant.tenantId, customerName: tenant.companyName, resourceType: 'transfer', operationType: 'create_transfer', resourceNewValue: JSON.stringify({ id: t.id, sourcePartnerTenantId: source }) });
  engine.markDirty();
  return t;
}

/** `PATCH …/transfers/{id}` with `Cancel`: only the target partner that created it, only while active. */
export function cancelTransfer(engine: Engine, partnerTenantId: string, t: TransferRecord): TransferRecord {
  if (t.targetPartnerTenantId !== partnerTenantId) throw pcErrors.transferWrongPartner('only the target partner that created the transfer can cancel it');
  if (t.status !== 'Active') throw pcErrors.transferNotActive(t.status);
  t.status = 'Cancel';
  t.lastModifiedAt = engine.now();
  engine.markDirty();
  return t;
}

/**
 * `PATCH …/transfers/{id}` with `Complete` and line items, by the source partner (its acceptance):
 * each subscription must be the source's, of this customer, and eligible. The subscriptions then
 * belong to the target partner with their term unchanged (start, end date, term, billing, seats);
 * the partner of record becomes the transfer's `partnerOnRecord`. All or nothing.
 */
export function acceptTransfer(engine: Engine, partnerTenantId: string, t: TransferRecord, subscriptionIds: readonly string[]): TransferRecord {
  if (t.sourcePartnerTenantId !== partnerTenantId) throw pcErrors.transferWrongPartner('only the source partner accepts a transfer');
  if (t.status !== 'Active') throw pcErrors.transferNotActive(t.status);
  if (subscriptionIds.length === 0) throw pcErrors.invalidProperty('lineItems: give at least one subscription to transfer.', ['lineItems']);
  const subs = [...new Set(subscriptionIds.map((id) => id.toLowerCase()))].map((id) => {
    const sub = engine.state.subscriptions[id];
    if (!sub || sub.customerTenantId !== t.customerTenantId) throw pcErrors.subscriptionNotFound(id);
    if (sub.partnerTenantId === t.targetPartnerTenantId) throw pcErrors.subscriptionAlreadyTransferred(id);
    if (sub.partnerTenantId !== t.sourcePartnerTenantId) throw pcErrors.transferWrongPartner(`subscription ${id} is not held by the source partner`);
    const e = transferEligibility(engine, sub);
    if (!e.isEligible) throw pcErrors.transferNotEligible(e.reason ?? id);
    return sub;
  });
  const now = engine.now();
  for (const sub of subs) {
    sub.partnerTenantId = t.targetPartnerTenantId;
    if (t.partnerOnRecord) sub.partnerId = t.partnerOnRecord;
    else delete sub.partnerId;
    sub.etag = engine.newId();
    t.lineItems.push({
      id: engine.newId(),
      subscriptionId: sub.id,
      quantity: sub.quantity,
      billingCycle: sub.billingCycle,
      termDuration: sub.termDuration,
      friendlyName: sub.friendlyName,
      offerId: sub.offerId,
      productType: sub.productType,
      commitmentEndAt: sub.commitmentEndAt,
      status: 'Complete',
    });
    emitWebhookEvent(engine, t.targetPartnerTenantId, 'subscription-updated', 'Subscription', `/webhooks/v1/customers/${sub.customerTenantId}/subscriptions/${sub.id}`);
  }
  t.status = 'Complete';
  t.completedAt = now;
  t.lastModifiedAt = now;
  const tenant = engine.state.tenants[t.customerTenantId];
  recordAudit(engine, { partnerTenantId, customerTenantId: t.customerTenantId, customerName: tenant?.companyName, resourceType: 'transfer', operationType: 'complete_transfer', resourceNewValue: JSON.stringify({ id: t.id, subscriptions: subs.map((s) => s.id) }) });
  engine.markDirty();
  return t;
}
