import { randomUUID } from 'node:crypto';
import { createRepos, createCustomerImportsRepo, createSubscriptionTransfersRepo, publishEvent, type AuditActor, type CompanyRow, type Database, type SubscriptionTransferRow } from '@csphub/db';
import type { Transfer } from '@csphub/partner-center';
import type { schema } from '@csphub/db';

type TransferredSubscriptionRecord = schema.TransferredSubscriptionRecord;
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { AppError } from '@csphub/domain';
import { isPartnerCenterError, type PartnerCenterErrorCode } from '@csphub/partner-center';
import { toAppError } from './partner-center-failure';
import { buyingCountryOf, linkedTenantIn, type LinkedTenant } from './linked-tenants';
import { reposOf } from '../app/server-deps';
import type { HeldElsewhere } from './subscriptions-service';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Which way licences held by another partner come here, and why (shown beside each). */
export type MovePath = { path: 'transfer'; reason: 'new_commerce_licence' } | { path: 'buy_and_cancel'; reason: 'not_new_commerce' };

/**
 * Microsoft's transfer API moves new-commerce licence-based subscriptions between partners (Learn
 * "Create a transfer for new commerce"). A licence the connection's new-commerce catalog sells
 * (matched by SKU title, as Partner Center links licences to products) goes by transfer; any other
 * (legacy licence-based, or a product this connection does not sell) keeps the guided
 * buy-new-then-cancel-old path, which also stays the fallback when the current partner does not
 * accept a transfer.
 */
export async function movePathsOf(deps: CommerceDeps, company: CompanyRow, tenant: LinkedTenant, held: readonly Pick<HeldElsewhere, 'skuId' | 'name'>[]): Promise<Map<string, MovePath>> {
  const country = (buyingCountryOf(company) ?? tenant.connection.region).toUpperCase();
  const items = await commerceRepos(deps).catalog.listItems(tenant.connection.id, country);
  const titles = new Set(items.map((i) => norm(i.skuTitle)));
  // Before the connection's catalog was first read nothing says otherwise, and licence-based CSP
  // sales are new commerce: the transfer is offered (the source partner's eligibility decides).
  const covered = (name: string) => items.length === 0 || titles.has(norm(name));
  return new Map(held.map((h) => [h.skuId, covered(h.name) ? { path: 'transfer', reason: 'new_commerce_licence' } : { path: 'buy_and_cancel', reason: 'not_new_commerce' }]));
}

const TRANSFER_REFUSALS: Partial<Record<PartnerCenterErrorCode, { field: string; reason: string; text: string }>> = {
  TRANSFER_NOT_ELIGIBLE: {
    field: 'sourcePartnerTenantId',
    reason: 'not_eligible',
    text: "Microsoft found nothing to transfer: this partner holds no active new-commerce licence-based subscription of the customer. Check the partner's tenant ID with the customer.",
  },
  TRANSFER_ALREADY_REQUESTED: { field: 'sourcePartnerTenantId', reason: 'already_requested', text: 'A transfer from this partner is already waiting for it to accept.' },
  TRANSFER_NOT_ACTIVE: { field: 'transferId', reason: 'not_active', text: 'The transfer is no longer active (it completed, was cancelled or expired).' },
  INVALID_REQUEST: { field: 'sourcePartnerTenantId', reason: 'invalid', text: 'Microsoft refused the transfer request' },
};

/** A Partner Center call of a transfer: its refusals name the field they are about; the rest as any commerce call. */
async function callTransfer<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const refusal = isPartnerCenterError(e) ? TRANSFER_REFUSALS[e.code] : undefined;
    if (refusal && isPartnerCenterError(e)) {
      const ms = e.microsoftCode ? ` (Microsoft ${e.microsoftCode}: ${e.description ?? e.message})` : '';
      throw new AppError('PARTNER_CENTER_REFUSED', `${refusal.text}${ms}`, [{ field: refusal.field, message: refusal.reason }]);
    }
    return toAppError(e, action);
  }
}

/** Asks the other partner, through Partner Center, to transfer the tenant's new-commerce subscriptions here. */
export async function requestTransfer(
  deps: CommerceDeps,
  company: CompanyRow,
  tenant: LinkedTenant,
  input: { sourcePartnerTenantId: string; sourcePartnerName: string; customerEmail: string },
  by: string,
  /** Writes the request's audit entry with the transaction's repositories. */
  audit: (repos: ReturnType<typeof createRepos>, row: SubscriptionTransferRow) => Promise<void>,
): Promise<{ row: SubscriptionTransferRow; transfer: Transfer }> {
  const pc = await deps.partnerCenterFor(tenant.connection.id);
  const transfer = await callTransfer('the transfer request', () =>
    pc.createTransfer(tenant.tenantId, {
      ...input,
      customerName: company.name,
      ...(tenant.connection.type === 'indirect-provider' && tenant.resellerPartnerId ? { partnerOnRecord: tenant.resellerPartnerId } : {}),
    }),
  );
  const now = deps.clock.now();
  const values = {
    id: randomUUID(),
    companyId: company.id,
    connectionId: tenant.connection.id,
    tenantId: tenant.tenantId,
    transferId: transfer.id,
    sourcePartnerTenantId: input.sourcePartnerTenantId.toLowerCase(),
    sourcePartnerName: input.sourcePartnerName,
    customerEmail: input.customerEmail,
    state: transfer.state as SubscriptionTransferRow['state'],
    requestedBy: by,
    createdAt: now,
    updatedAt: now,
    expiresAt: transfer.expiresAt ? new Date(transfer.expiresAt) : null,
  };
  const row = await deps.db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const created = await createSubscriptionTransfersRepo(tx).insert(values);
    await audit(createRepos(tx, deps.box), created);
    return created;
  });
  return { row, transfer };
}

/** What a completed transfer's line items say of each subscription, completed by our own read of it. */
async function importedSubscriptions(deps: CommerceDeps, tenant: LinkedTenant, transfer: Transfer): Promise<TransferredSubscriptionRecord[]> {
  const pc = await deps.partnerCenterFor(tenant.connection.id);
  const ours = await pc.listSubscriptions(tenant.tenantId);
  return transfer.lineItems.map((l) => {
    const s = ours.find((x) => x.id.toLowerCase() === l.subscriptionId.toLowerCase());
    return {
      subscriptionId: s?.id ?? l.subscriptionId,
      name: s?.friendlyName ?? s?.offerName ?? l.name ?? l.subscriptionId,
      catalogItemId: s?.catalogItemId ?? l.catalogItemId ?? null,
      quantity: s?.quantity ?? l.quantity ?? null,
      termDuration: s?.termDuration ?? l.termDuration ?? null,
      billingCycle: s?.billingCycle ?? l.billingCycle ?? null,
      termEndsAt: s?.termEndsAt ?? l.termEndsAt ?? null,
    };
  });
}

/**
 * Reads one transfer from Partner Center and stores where it stands. When it has completed, its
 * subscriptions are imported once: recorded with their term end dates in the transfer and in the
 * connection's subscription store, with one audit entry and a `subscription.changed` event
 * (`moved`) per subscription, in one transaction; a second reader finds it imported and writes
 * nothing (`markImported` guards on `importedAt`).
 */
export async function refreshTransfer(deps: CommerceDeps, tenant: LinkedTenant, row: SubscriptionTransferRow, actor: AuditActor, requestId?: string): Promise<SubscriptionTransferRow> {
  if (row.state !== 'active' || row.importedAt) return row;
  const pc = await deps.partnerCenterFor(tenant.connection.id);
  const transfer = await callTransfer('reading the transfer', () => pc.getTransfer(row.tenantId, row.transferId));
  const now = deps.clock.now();
  if (transfer.state === 'active') return row;
  if (transfer.state !== 'complete') {
    await createSubscriptionTransfersRepo(deps.db).setState(row.id, { state: transfer.state, updatedAt: now });
    return { ...row, state: transfer.state, updatedAt: now };
  }
  const subscriptions = await importedSubscriptions(deps, tenant, transfer);
  const completedAt = transfer.completedAt ? new Date(transfer.completedAt) : now;
  let result: SubscriptionTransferRow = row;
  await deps.db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const done = await createSubscriptionTransfersRepo(tx).markImported(row.id, subscriptions, completedAt, now);
    if (!done) return;
    result = done;
    await createCustomerImportsRepo(tx).upsertSubscriptions(
      subscriptions.map((s) => ({
        connectionId: row.connectionId,
        subscriptionId: s.subscriptionId,
        tenantId: row.tenantId,
        companyId: row.companyId,
        offerId: s.catalogItemId ?? '',
        offerName: s.name,
        quantity: s.quantity ?? 0,
        status: 'active',
        partnerIdOfRecord: null,
        termEndsAt: s.termEndsAt ? new Date(s.termEndsAt) : null,
        updatedAt: now,
      })),
    );
    await createRepos(tx, deps.box).auditLog.append({
      at: now,
      companyId: row.companyId,
      actor,
      ...(requestId ? { requestId } : {}),
      action: 'subscription_transfer.completed',
      targetType: 'subscription_transfer',
      targetId: row.id,
      summary: `Transfer from ${row.sourcePartnerName} completed: ${subscriptions.map((s) => `${s.name} ×${s.quantity ?? '?'} until ${s.termEndsAt?.slice(0, 10) ?? '?'}`).join(', ') || 'no subscriptions'}`,
      after: { transferId: row.transferId, subscriptions },
    });
    for (const s of subscriptions) {
      await publishEvent(tx, {
        type: 'subscription.changed',
        companyId: row.companyId,
        at: now,
        data: {
          connectionId: row.connectionId,
          tenantId: row.tenantId,
          subscriptionId: s.subscriptionId,
          change: 'moved',
          before: { partnerTenantId: row.sourcePartnerTenantId, partnerName: row.sourcePartnerName },
          after: { quantity: s.quantity, termEndsAt: s.termEndsAt, transferId: row.transferId },
        },
      });
    }
  });
  return result;
}

/**
 * Looks at every transfer still waiting for its source partner and imports those that completed
 * (the periodic check beside the page's own refresh); one failing transfer does not stop the others.
 */
export async function checkSubscriptionTransfers(deps: CommerceDeps): Promise<{ checked: number; failed: number }> {
  const repos = reposOf(deps);
  let failed = 0;
  const active = await createSubscriptionTransfersRepo(deps.db).listActive();
  for (const row of active) {
    try {
      const company = await repos.companies.get(row.companyId);
      if (!company) continue;
      const tenant = await linkedTenantIn(repos, company, row.connectionId);
      await refreshTransfer(deps, tenant, row, { type: 'system', id: null, label: 'transfer check' });
    } catch (e) {
      failed++;
      deps.logger?.warn({ err: e, transferId: row.transferId }, 'transfer check failed');
    }
  }
  return { checked: active.length, failed };
}

/** Runs {@link checkSubscriptionTransfers} every `everyMs`, never two at once. */
export function startTransferChecks(deps: CommerceDeps, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void checkSubscriptionTransfers(deps)
      .catch((e: unknown) => deps.logger?.warn({ err: e }, 'transfer checks failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Withdraws a transfer the other partner has not accepted yet. */
export async function cancelTransfer(deps: CommerceDeps, tenant: LinkedTenant, row: SubscriptionTransferRow, audit: (repos: ReturnType<typeof createRepos>) => Promise<void>): Promise<SubscriptionTransferRow> {
  if (row.state !== 'active') throw new AppError('PARTNER_CENTER_REFUSED', TRANSFER_REFUSALS.TRANSFER_NOT_ACTIVE!.text, [{ field: 'transferId', message: 'not_active' }]);
  const pc = await deps.partnerCenterFor(tenant.connection.id);
  const transfer = await callTransfer('cancelling the transfer', () => pc.cancelTransfer(row.tenantId, row.transferId));
  const now = deps.clock.now();
  await deps.db.transaction(async (t) => {
    const tx = t as unknown as Database;
    await createSubscriptionTransfersRepo(tx).setState(row.id, { state: transfer.state, updatedAt: now });
    await audit(createRepos(tx, deps.box));
  });
  return { ...row, state: transfer.state, updatedAt: now };
}
