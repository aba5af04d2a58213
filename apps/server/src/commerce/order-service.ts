import { randomUUID } from 'node:crypto';
import {
  AppError,
  checkOrderLines,
  friendlyNameWithReference,
  orderReferenceOf,
  partnerOfRecord,
  placeOrderWorkflowId,
  type ErrorDetail,
  type OrderLineDraft,
  type OrderableSku,
} from '@csphub/domain';
import { createOrdersRepo, createWorkflowRunsRepo, type CatalogItemRow, type CompanyRow, type OrderLineJson, type OrderRow, type Repos } from '@csphub/db';
import { LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND, PROVISION_TENANT_KIND } from '@csphub/provisioning';
import { isPartnerCenterError } from '@csphub/partner-center';
import type { Principal } from '../auth/principal';
import { staffLanguageOf } from '../auth/principal';
import { requirePartnerIdChoice } from '../access/tenant-ownership';
import type { CatalogService } from './catalog-service';
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { inTransaction } from '../app/server-deps';
import { seesHiddenProducts } from './commerce-access';
import { buyingCountryOf, linkedTenantIn } from './linked-tenants';
import { requireValidPartnerOfRecord } from './partner-of-record-check';
import { freezeLinePrices } from './order-prices';
import { requireOfferedTermEnds } from './checkout-options';
import { callPartnerCenter } from './partner-center-failure';
import type { PricingService } from './pricing-service';

/** An order as the API submits it. */
export interface OrderSubmission {
  connectionId: string;
  lines: OrderLineDraft[];
  /** A repeated submission with the same key returns the first order. */
  idempotencyKey?: string | undefined;
  /** The caller confirms the reseller is partner of record (indirect connections). */
  partnerOfRecordAttested?: boolean | undefined;
}

const LINE_PROBLEMS: Record<string, string> = {
  unknown_item: 'is not in the catalog of this connection and country (or is not offered to you)',
  not_purchasable: 'cannot be bought at the moment',
  term_not_offered: 'is not offered with this term and billing cycle',
  duplicate_line: 'repeats an earlier line; add the seats to that line instead',
  below_minimum: 'has fewer seats than the product allows',
  above_maximum: 'has more seats than the product allows',
  not_a_whole_number: 'needs a whole number of seats',
};

/**
 * Submitting an order: everything that can be checked before Microsoft is checked
 * here, so that a mistake is a clear message and not a failed order: the tenant link, the lines
 * against the cached catalog (SKU bounds, terms, hidden products), the partner of record and its
 * attestation, and the MCA (a missing one is MCA_MISSING with what to do). Then the order row is
 * written and the durable place-order workflow started under `place-order:<orderId>`. A repeated
 * submission with the same idempotency key returns the first order and starts nothing.
 */
export async function submitOrder(
  deps: CommerceDeps,
  services: { catalog: CatalogService; pricing: PricingService },
  ctx: {
    repos: Repos;
    principal: Principal;
    company: CompanyRow;
    /** Writes the order's audit entry with the repositories of the transaction that stores the order. */
    audit: (tx: Repos, order: OrderRow) => Promise<void>;
  },
  body: OrderSubmission,
): Promise<{ order: OrderRow; created: boolean }> {
  const { repos, principal, company } = ctx;
  const { catalog, pricing } = services;
  const orders = commerceRepos(deps).orders;
  if (body.idempotencyKey) {
    const previous = await orders.findByIdempotencyKey(company.id, body.idempotencyKey);
    if (previous) return { order: previous, created: false };
  }
  if (company.kind !== 'customer') throw new AppError('VALIDATION_FAILED', 'Orders are placed for customer accounts (end customers or direct customers).');
  const tenant = await linkedTenantIn(repos, company, body.connectionId);
  // The partner of record on file must be one the caller may name: only the distributor orders
  // with another reseller's Partner ID (docs/CHANNEL-AND-ACCOUNTS.md, "Tenants and Partner IDs").
  if (tenant.connection.type === 'indirect-provider') await requirePartnerIdChoice(repos, principal, company, tenant.resellerPartnerId, 'An order');
  // Partner of record by location (docs/PARTNER-CENTER-REFERENCE.md §7.1): a reseller Microsoft last
  // called ineligible is refused here, with what to do, before anything is sent to Partner Center.
  await requireValidPartnerOfRecord(repos, company, tenant, 'this order');
  const country = buyingCountryOf(company);
  if (!country) throw new AppError('PREREQUISITES_MISSING', `${company.name} has no billing country; set it on the company page so the right catalog applies.`);

  // Lines against the cached catalog of the connection and country.
  const root = await repos.companies.root();
  const hidden = new Set(root && !seesHiddenProducts(principal) ? await commerceRepos(deps).catalog.listHiddenProducts(root.id) : []);
  const items = new Map<string, CatalogItemRow>();
  for (const line of body.lines) {
    const item = await catalog.item(body.connectionId, country, line.catalogItemId);
    if (item && !hidden.has(item.productId)) items.set(line.catalogItemId.toUpperCase(), item);
  }
  const skuOf = (id: string): OrderableSku | undefined => {
    const item = items.get(id.toUpperCase());
    return item ? { bounds: { minimum: item.minimumQuantity, maximum: item.maximumQuantity }, terms: item.terms, isPurchasable: item.isPurchasable } : undefined;
  };
  const check = checkOrderLines(body.lines, skuOf);
  if (!check.ok) {
    const details: ErrorDetail[] = check.problems.map((p) => ({ field: `lines.${p.index}`, message: `Line ${p.index + 1} ${LINE_PROBLEMS[p.problem] ?? p.problem}.` }));
    if (body.lines.length === 0) details.push({ field: 'lines', message: 'Add at least one product.' });
    const onlyQuantity = check.problems.length > 0 && check.problems.every((p) => p.problem === 'below_minimum' || p.problem === 'above_maximum' || p.problem === 'not_a_whole_number');
    throw new AppError(onlyQuantity ? 'QUANTITY_OUT_OF_RANGE' : 'ORDER_INVALID', details.map((d) => d.message).join(' '), details);
  }

  // Partner of record: the reseller's Partner ID on every line of an indirect order.
  const por = partnerOfRecord({ connectionKind: tenant.connection.type, resellerPartnerId: tenant.resellerPartnerId, providerPartnerId: root?.partnerId });
  if (!por.ok) {
    throw new AppError(
      'PARTNER_OF_RECORD_MISSING',
      por.problem === 'provider_partner_id'
        ? "The Partner ID on this account is the distributor's own; set the reseller's Partner ID in the account's sync options."
        : "Orders through an indirect-provider connection carry the reseller's Partner ID: set it in the account's sync options (or on the reseller).",
    );
  }
  if (por.partnerId && body.partnerOfRecordAttested !== true) {
    throw new AppError('VALIDATION_FAILED', `Confirm that reseller ${por.partnerId} is the partner of record for this order.`, [
      { field: 'partnerOfRecordAttested', message: 'Confirm the partner of record.' },
    ]);
  }

  // The MCA first: a clear, fixable message instead of a failed order (Partner Center's 13605).
  // While the customer's signatory has the acceptance link (a run waits for it), the order is
  // taken and held until the acceptance arrives; otherwise nothing is ordered.
  const pc = await deps.partnerCenterFor(body.connectionId);
  let holdForMca = false;
  try {
    const mca = await pc.mcaStatus(tenant.tenantId);
    if (mca.state !== 'current') {
      const awaiting = await awaitedMcaAcceptance(deps, company.id, body.connectionId);
      if (!awaiting) {
        throw new AppError(
          mca.state === 'outdated' ? 'MCA_REACCEPTANCE_REQUIRED' : 'MCA_MISSING',
          mca.state === 'outdated'
            ? `Microsoft published a new version of the Microsoft Customer Agreement since ${company.name} accepted it: the customer must accept it again before the next purchase. Use "Request acceptance" on the company page (the signatory gets the link by e-mail); orders placed after that are held until they accept. Nothing was ordered.`
            : `${company.name} has not accepted the current Microsoft Customer Agreement in this connection. Use "Request acceptance" on the company page (the signatory gets the link by e-mail); orders placed after that are held until they accept. Nothing was ordered.`,
        );
      }
      holdForMca = true;
    }
  } catch (e) {
    // Only Microsoft's answer counts; an outage here is checked again as the workflow's first step.
    if (!isPartnerCenterError(e) || !e.transient) throw e;
  }

  await callPartnerCenter('checking the end dates', () => requireOfferedTermEnds(pc, tenant.tenantId, body.lines));

  if (!deps.orderRuns.startPlaceOrder) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Ordering is not available on this server right now (durable runs are not running). Nothing was ordered.');

  const id = randomUUID();
  const reference = orderReferenceOf(id);
  // Prices are frozen now, from this month's sheet and the price lists in force today.
  const frozen = await freezeLinePrices(
    pricing,
    { repos, company, connectionId: body.connectionId, market: country },
    body.lines.map((l) => {
      const item = items.get(l.catalogItemId.toUpperCase())!;
      return { productId: item.productId, skuId: item.skuId, termDuration: l.termDuration, billingCycle: l.billingCycle };
    }),
  );
  const lines: OrderLineJson[] = body.lines.map((l, i) => {
    const item = items.get(l.catalogItemId.toUpperCase())!;
    return {
      catalogItemId: item.catalogItemId,
      productTitle: item.productTitle,
      skuTitle: item.skuTitle,
      quantity: l.quantity,
      termDuration: l.termDuration,
      billingCycle: l.billingCycle.toLowerCase(),
      ...(por.partnerId ? { resellerPartnerId: por.partnerId } : {}),
      ...(l.customTermEndDate ? { customTermEndDate: l.customTermEndDate } : {}),
      listPrice: item.listPrice,
      currency: item.currency,
      price: frozen[i] ?? null,
    };
  });
  // The order row and its audit entry commit together; the durable run starts after the commit.
  const { row, created } = await inTransaction(deps, async (txRepos, tx) => {
    const stored = await createOrdersRepo(tx).create({
      id,
      companyId: company.id,
      connectionId: body.connectionId,
      customerTenantId: tenant.tenantId,
      reference,
      idempotencyKey: body.idempotencyKey ?? null,
      lines,
      createdBy: principal.label,
      at: deps.clock.now(),
    });
    if (stored.created) await ctx.audit(txRepos, stored.row);
    return stored;
  });
  if (!created) return { order: row, created };
  await deps.orderRuns.startPlaceOrder({
    orderId: row.id,
    reference,
    connectionId: body.connectionId,
    customerTenantId: tenant.tenantId,
    ...(holdForMca ? { holdForMca: true } : {}),
    lines: lines.map((l) => ({
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      termDuration: l.termDuration,
      billingCycle: l.billingCycle,
      friendlyName: friendlyNameWithReference(l.skuTitle, reference),
      ...(l.resellerPartnerId ? { resellerPartnerId: l.resellerPartnerId } : {}),
      ...(l.customTermEndDate ? { customTermEndDate: l.customTermEndDate } : {}),
    })),
    notify: {
      to: principal.email ? [principal.email] : [],
      // The person who ordered is told in their own language, not the customer's.
      language: staffLanguageOf(principal),
      recipientName: principal.name,
      companyName: company.name,
      orderUrl: `${deps.publicUrl}/companies/${company.id}?tab=orders`,
    },
  });
  return { order: row, created };
}

/** The runs that ask the customer's signatory to accept the MCA (new tenant, existing tenant, re-acceptance). */
const MCA_REQUESTING_KINDS = new Set([PROVISION_TENANT_KIND, LINK_EXISTING_TENANT_KIND, MCA_ACCEPTANCE_KIND]);

/**
 * Whether a run of this account in this connection waits for the customer's signatory to accept the
 * MCA (its facts say `mcaStatus: waiting`): orders placed meanwhile are held rather than refused.
 */
async function awaitedMcaAcceptance(deps: Pick<CommerceDeps, 'db'>, companyId: number, connectionId: string): Promise<boolean> {
  const runs = await createWorkflowRunsRepo(deps.db).listRunsForSubject(String(companyId));
  return runs.some((run) => MCA_REQUESTING_KINDS.has(run.kind) && run.connectionId === connectionId && run.state === 'running' && (run.facts as { mcaStatus?: unknown } | null)?.mcaStatus === 'waiting');
}

/** The workflow id of an order (for the timeline link). */
export const orderRunId = placeOrderWorkflowId;
