import type { CreateCartRequest } from '@csphub/partner-center/wire';
import { CartErrorCode, ParticipantKey } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { CartLineRecord, CartRecord, OrderRecord, PartnerRecord, SubscriptionRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { partnerOfRecordProblem } from './resellers.engine';
import { DAY_MS, addTerm } from './emulator-clock';
import { isAllowedCustomTermEnd } from './checkout-options.engine';
import { findCatalogItem, isOfferedTerm } from './catalog.engine';
import { countryRule } from './country-rules';
import { getVisibleCustomer } from './customers.engine';
import { recordAudit } from './events';
import { currentMcaTemplate } from './agreements.engine';
import { SANDBOX_LICENSES_PER_SUBSCRIPTION, addSubscriptionRecord, tickSubscriptions } from './subscriptions.engine';

/** Carts expire 7 days after creation (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export const CART_LIFETIME_MS = 7 * DAY_MS;
/** Integration sandbox: 5 subscriptions per customer, 25 licenses per subscription (docs/PARTNER-CENTER-REFERENCE.md §1.4). */
export const SANDBOX_SUBSCRIPTIONS_PER_CUSTOMER = 5;

export function currencyOf(country: string): { code: string; symbol: string } {
  return countryRule(country)?.currency ?? { code: 'USD', symbol: '$' };
}

function lineError(errorCode: number, errorDescription: string): CartLineRecord['error'] {
  return { errorCode, errorDescription };
}

/** Validates one cart line against the catalog; problems become the line's `error` (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
function buildLine(engine: Engine, partner: PartnerRecord, customerTenantId: string, currencyCode: string, input: CreateCartRequest['lineItems'][number]): CartLineRecord {
  const item = findCatalogItem(engine.state.scenario.catalog, input.catalogItemId);
  const participants = (input.participants ?? []).map((p) => ({ key: p.key, value: p.value }));
  const line: CartLineRecord = {
    id: input.id,
    catalogItemId: item?.catalogItemId ?? input.catalogItemId,
    quantity: input.quantity,
    billingCycle: input.billingCycle.toLowerCase(),
    termDuration: input.termDuration,
    friendlyName: input.friendlyName,
    participants,
    provisioningContext: input.provisioningContext ?? {},
    orderGroup: '0',
    currencyCode,
  };
  if (!item) line.error = lineError(CartErrorCode.catalogItemIdIsNotValid, `Catalog item id ${input.catalogItemId} is not valid.`);
  else if (!isOfferedTerm(item, input.termDuration, input.billingCycle))
    line.error = lineError(CartErrorCode.invalidInput, `Term ${input.termDuration ?? '(none)'} with billing cycle ${input.billingCycle} is not offered for ${item.catalogItemId}.`);
  else if (input.quantity < item.sku.minimumQuantity) line.error = lineError(CartErrorCode.invalidInput, `Quantity must be at least ${item.sku.minimumQuantity}.`);
  else if (input.quantity > item.sku.maximumQuantity)
    line.error = lineError(CartErrorCode.maxAllowedSeatsPerSubscriptionExceeded, `Quantity exceeds the maximum of ${item.sku.maximumQuantity} seats per subscription.`);
  else if (partner.sandbox && input.quantity > SANDBOX_LICENSES_PER_SUBSCRIPTION)
    line.error = lineError(CartErrorCode.sandboxLimitExceeded, `Sandbox accounts are limited to ${SANDBOX_LICENSES_PER_SUBSCRIPTION} licenses per subscription.`);
  else if (participants.length > 0 && partner.kind !== 'indirect_provider')
    line.error = lineError(CartErrorCode.participantsIsNotSupportedForPartner, 'Participants are only supported for indirect providers.');
  else if (input.customTermEndDate) {
    // Only a date "Get custom term end dates" offers for a purchase today (§9.4).
    const at = isAllowedCustomTermEnd(engine, partner.tenantId, customerTenantId, input.termDuration, input.customTermEndDate);
    if (at === undefined) line.error = lineError(CartErrorCode.invalidInput, `Custom term end date ${input.customTermEndDate} is not an allowed end date for a ${input.termDuration ?? ''} term for this customer.`);
    else line.customTermEndAt = at;
  }
  return line;
}

function assignOrderGroups(lines: CartLineRecord[]): void {
  // An order has one billing cycle, so lines are grouped by it.
  const groups = new Map<string, string>();
  for (const line of lines) {
    if (!groups.has(line.billingCycle)) groups.set(line.billingCycle, String(groups.size));
    line.orderGroup = groups.get(line.billingCycle)!;
  }
}

/** `POST /v1/customers/{id}/carts` (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export function createCart(engine: Engine, principal: Principal, customerTenantId: string, input: CreateCartRequest): CartRecord {
  const partner = engine.partnerByTenant(principal.partnerTenantId)!;
  const { tenant } = getVisibleCustomer(engine, partner.tenantId, customerTenantId);
  const currency = currencyOf(tenant.billing.address.country).code;
  const lines = input.lineItems.map((l) => buildLine(engine, partner, tenant.tenantId, currency, l));
  assignOrderGroups(lines);
  const now = engine.now();
  const cart: CartRecord = {
    id: engine.newId(),
    partnerTenantId: partner.tenantId,
    customerTenantId: tenant.tenantId,
    status: 'Active',
    lines,
    createdAt: now,
    modifiedAt: now,
    lastModifiedUser: principal.userPrincipalName ?? principal.appId,
    checkoutInProgress: false,
  };
  engine.state.carts[cart.id] = cart;
  engine.schedule(now + CART_LIFETIME_MS);
  engine.markDirty();
  return cart;
}

export function getCart(engine: Engine, partnerTenantId: string, customerTenantId: string, cartId: string): CartRecord {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  const cart = engine.state.carts[cartId.toLowerCase()] ?? engine.state.carts[cartId];
  if (!cart || cart.customerTenantId !== tenant.tenantId || cart.partnerTenantId !== partnerTenantId) throw pcErrors.notFound(`Cart ${cartId}`);
  return cart;
}

/** `PUT /v1/customers/{id}/carts/{cartId}` (docs/PARTNER-CENTER-REFERENCE.md §9.1): replaces the line items of an active cart. */
export function updateCart(engine: Engine, principal: Principal, customerTenantId: string, cartId: string, input: CreateCartRequest): CartRecord {
  const partner = engine.partnerByTenant(principal.partnerTenantId)!;
  const cart = getCart(engine, partner.tenantId, customerTenantId, cartId);
  if (cart.status === 'Ordered') throw pcErrors.cartAlreadySubmitted(cart.id);
  const currency = currencyOf(engine.state.tenants[cart.customerTenantId]!.billing.address.country).code;
  cart.lines = input.lineItems.map((l) => buildLine(engine, partner, cart.customerTenantId, currency, l));
  assignOrderGroups(cart.lines);
  cart.modifiedAt = engine.now();
  cart.lastModifiedUser = principal.userPrincipalName ?? principal.appId;
  engine.markDirty();
  return cart;
}

/**
 * Whether the customer has accepted the MCA (partner attestation by anyone, or direct sign)
 * (docs/PARTNER-CENTER-REFERENCE.md §5). Once a newer MCA version is published (control plane), only
 * an agreement on that version counts (docs/EMULATOR-DIFFERENCES.md, "Agreements").
 */
export function hasMcaAcceptance(engine: Engine, customerTenantId: string): boolean {
  const tenant = engine.state.tenants[customerTenantId];
  if (tenant?.mcaDirectlySigned) return true;
  const current = currentMcaTemplate(engine).templateId;
  return engine.state.agreements.some((a) => a.customerTenantId === customerTenantId && a.type === 'MicrosoftCustomerAgreement' && a.templateId === current);
}

/** Partner-of-record checks at checkout (docs/PARTNER-CENTER-REFERENCE.md §7 "Order-time errors"). */
function checkTransactionReseller(engine: Engine, partner: PartnerRecord, value: string): void {
  if (value === partner.partnerId) throw pcErrors.ownPartnerIdOnRecord(value);
  const reseller = Object.values(engine.state.resellers).find((r) => r.partnerId === value);
  // A reseller's global ID (PGA) is known but not accepted: orders name its location ID (§7.1).
  if (!reseller && Object.values(engine.state.resellers).some((r) => r.globalPartnerId === value)) {
    throw pcErrors.partnerOfRecordNotValid(partnerOfRecordProblem(engine, partner, value)!);
  }
  if (!reseller) {
    const isOtherPartner = Object.values(engine.state.partners).some((p) => p.partnerId === value);
    if (isOtherPartner) throw pcErrors.partnerIdNotIndirectReseller(value);
    throw pcErrors.partnerIdNotFound(value);
  }
  if (!reseller.providerTenantIds.includes(partner.tenantId) || reseller.state !== 'Active') throw pcErrors.partnerIdNotIndirectReseller(value);
  if (!reseller.mpaSignedRegions.includes(partner.region)) throw pcErrors.resellerMpaNotAccepted(value);
  if ((reseller.porAuthorization ?? 'authorized') !== 'authorized') throw pcErrors.partnerOfRecordNotValid(partnerOfRecordProblem(engine, partner, value)!);
}

/** `POST …/carts/{cartId}/checkout` (docs/PARTNER-CENTER-REFERENCE.md §9.2): one pending order per order group. */
export function checkoutCart(engine: Engine, principal: Principal, customerTenantId: string, cartId: string): { orders: OrderRecord[]; orderErrors: { orderGroupId: string; code: number; description: string }[] } {
  const partner = engine.partnerByTenant(principal.partnerTenantId)!;
  const cart = getCart(engine, partner.tenantId, customerTenantId, cartId);
  if (cart.status === 'Ordered') throw pcErrors.cartAlreadySubmitted(cart.id);
  if (cart.checkoutInProgress) throw pcErrors.cartBusy(cart.id);
  const tenant = engine.state.tenants[cart.customerTenantId]!;
  const country = tenant.billing.address.country;
  if (!countryRule(country)) throw pcErrors.offerNotAvailableInCountry(cart.lines[0]?.catalogItemId ?? '', country);
  if (!hasMcaAcceptance(engine, tenant.tenantId)) throw pcErrors.mcaNotAccepted();
  for (const line of cart.lines) {
    if (line.error) continue;
    if (!findCatalogItem(engine.state.scenario.catalog, line.catalogItemId)) throw pcErrors.availabilityNotFound(line.catalogItemId);
    for (const p of line.participants) if (p.key === ParticipantKey.transactionReseller) checkTransactionReseller(engine, partner, p.value);
    const pendingSame = Object.values(engine.state.orders).some(
      (o) => o.status === 'pending' && o.customerTenantId === tenant.tenantId && o.partnerTenantId === partner.tenantId && o.lines.some((l) => l.offerId === line.catalogItemId),
    );
    if (pendingSame) throw pcErrors.orderInProgress();
  }
  if (partner.sandbox) {
    const existing = Object.values(engine.state.subscriptions).filter((s) => s.customerTenantId === tenant.tenantId && s.status !== 'deleted').length;
    const adding = cart.lines.filter((l) => !l.error).length;
    if (existing + adding > SANDBOX_SUBSCRIPTIONS_PER_CUSTOMER) throw pcErrors.sandboxLimitReached(`${SANDBOX_SUBSCRIPTIONS_PER_CUSTOMER} subscriptions per customer`);
  }

  cart.checkoutInProgress = true;
  const now = engine.now();
  const currency = currencyOf(country);
  const orders: OrderRecord[] = [];
  const orderErrors: { orderGroupId: string; code: number; description: string }[] = [];
  const groups = [...new Set(cart.lines.map((l) => l.orderGroup))];
  for (const group of groups) {
    const lines = cart.lines.filter((l) => l.orderGroup === group);
    const failed = lines.find((l) => l.error);
    if (failed?.error) {
      orderErrors.push({ orderGroupId: group, code: failed.error.errorCode, description: failed.error.errorDescription });
      continue;
    }
    const order: OrderRecord = {
      id: engine.newId().replace(/-/g, '').slice(0, 12),
      partnerTenantId: partner.tenantId,
      customerTenantId: tenant.tenantId,
      billingCycle: lines[0]!.billingCycle,
      lines: lines.map((l, index) => {
        const item = findCatalogItem(engine.state.scenario.catalog, l.catalogItemId)!;
        return {
          lineItemNumber: index,
          offerId: item.catalogItemId,
          productId: item.product.id,
          skuId: item.sku.id,
          quantity: l.quantity,
          termDuration: l.termDuration,
          billingCycle: l.billingCycle,
          friendlyName: l.friendlyName,
          partnerIdOnRecord: l.participants.find((p) => p.key === ParticipantKey.transactionReseller)?.value,
          provisioningContext: l.provisioningContext,
          ...(l.customTermEndAt !== undefined ? { customTermEndAt: l.customTermEndAt } : {}),
        };
      }),
      currencyCode: currency.code,
      currencySymbol: currency.symbol,
      createdAt: now,
      fulfilAt: now + engine.state.settings.orderFulfilmentDelaySeconds * 1000,
      status: 'pending',
    };
    engine.state.orders[order.id] = order;
    engine.schedule(order.fulfilAt);
    orders.push(order);
    recordAudit(engine, {
      partnerTenantId: partner.tenantId,
      customerTenantId: tenant.tenantId,
      customerName: tenant.companyName,
      userPrincipalName: principal.userPrincipalName,
      applicationId: principal.appId,
      resourceType: 'order',
      operationType: 'create_order',
      resourceNewValue: JSON.stringify({ id: order.id }),
    });
  }
  cart.status = 'Ordered';
  cart.checkoutInProgress = false;
  cart.modifiedAt = now;
  engine.markDirty();
  return { orders, orderErrors };
}

export function getOrder(engine: Engine, partnerTenantId: string, customerTenantId: string, orderId: string): OrderRecord {
  const { tenant } = getVisibleCustomer(engine, partnerTenantId, customerTenantId);
  const order = engine.state.orders[orderId];
  if (!order || order.customerTenantId !== tenant.tenantId || order.partnerTenantId !== partnerTenantId) throw pcErrors.orderNotFound(orderId);
  return order;
}

/** Fulfils an order: one active subscription per line (pending → completed, unfulfilled → fulfilled). */
function fulfilOrder(engine: Engine, order: OrderRecord): void {
  for (const line of order.lines) {
    const item = findCatalogItem(engine.state.scenario.catalog, line.offerId);
    const start = order.fulfilAt;
    const isAzure = item?.product.productType === 'Azure';
    const sub: SubscriptionRecord = {
      id: engine.newId(),
      partnerTenantId: order.partnerTenantId,
      customerTenantId: order.customerTenantId,
      orderId: order.id,
      offerId: line.offerId,
      productId: line.productId,
      skuId: line.skuId,
      offerName: item?.sku.title ?? line.offerId,
      friendlyName: line.friendlyName ?? item?.sku.title ?? line.offerId,
      quantity: line.quantity,
      termDuration: line.termDuration ?? (isAzure ? '' : 'P1M'),
      billingCycle: line.billingCycle,
      productType: item?.product.productType ?? 'OnlineServicesNCE',
      partnerId: line.partnerIdOnRecord,
      createdAt: start,
      termStartAt: start,
      // The Azure plan has no commitment term; 100 years stands for "no end".
      // A custom end date (co-terming) shortens the first term; renewals run full terms from it.
      commitmentEndAt: isAzure ? start + 36_500 * DAY_MS : line.customTermEndAt !== undefined && line.customTermEndAt > start ? line.customTermEndAt : addTerm(start, line.termDuration ?? 'P1M'),
      status: 'active',
      autoRenewEnabled: !isAzure,
      etag: engine.newId(),
    };
    addSubscriptionRecord(engine, sub);
    engine.schedule(sub.commitmentEndAt);
    line.subscriptionId = sub.id;
  }
  order.status = 'completed';
  engine.markDirty();
}

/** Order fulfilment, cart expiry and subscription terms; returns the next due time. */
export function tickCommerce(engine: Engine, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const order of Object.values(engine.state.orders)) {
    if (order.status !== 'pending') continue;
    if (now >= order.fulfilAt) fulfilOrder(engine, order);
    else next = Math.min(next, order.fulfilAt);
  }
  for (const cart of Object.values(engine.state.carts)) {
    if (cart.status !== 'Active') continue;
    if (now >= cart.createdAt + CART_LIFETIME_MS) {
      delete engine.state.carts[cart.id];
      engine.markDirty();
    } else next = Math.min(next, cart.createdAt + CART_LIFETIME_MS);
  }
  return Math.min(next, tickSubscriptions(engine, now));
}
