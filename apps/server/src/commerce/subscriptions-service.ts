import { createTenantSubscriptionReadsRepo, type CompanyRow } from '@csphub/db';
import { AppError } from '@csphub/domain';
import { isPartnerCenterError, type CallPriority, type SubscribedSku, type Subscription } from '@csphub/partner-center';
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { buyingCountryOf, type LinkedTenant } from './linked-tenants';
import { toSubscriptionView, type SubscriptionView } from './subscription-view';
import { recordSubscriptionTerms, recordTenantLicences } from './subscription-terms-record';

/** Seats of a licence SKU the tenant holds through other partners. */
export interface HeldElsewhere {
  skuId: string;
  name: string;
  purchased: number;
  assigned: number;
}

/** What one linked tenant shows on the subscriptions tab. */
export interface TenantSubscriptions {
  subscriptions: SubscriptionView[];
  heldElsewhere: HeldElsewhere[] | null;
  /** The tenant's licenses by SKU, when visible (GDAP). */
  licenses: SubscribedSku[] | null;
  error: string | null;
  licensesError: string | null;
  /** When Partner Center gave these subscriptions (a stored read may be older than the view). */
  asOf: Date | null;
}

/** What Partner Center answered for one tenant, as stored for later views. */
export interface TenantRead {
  subscriptions: Subscription[];
  licenses: SubscribedSku[] | null;
  licensesError: string | null;
  readAt: Date;
}

/**
 * How a read is placed: the HTTP request's signal (its client went away: the calls still queued are
 * dropped, the one in flight aborted) and `low` priority for a read a person can repeat, so
 * provisioning and orders go first (docs/ORDERS-AND-SUBSCRIPTIONS.md).
 */
export interface ReadCall {
  signal?: AbortSignal;
  priority?: CallPriority;
}

/**
 * A read that was never answered is not "Partner Center did not answer for this tenant": a full
 * queue is the server's 503 with Retry-After, and a cancelled read (the client left) stops here.
 */
function stopUnlessAnswered(e: unknown): void {
  if (!isPartnerCenterError(e)) return;
  if (e.code === 'QUEUE_FULL') {
    throw new AppError('PARTNER_CENTER_BUSY', `Too many Partner Center calls are already waiting on this connection; try again in ${e.retryAfterSeconds ?? 1} s.`, [], e.retryAfterSeconds ?? 1);
  }
  if (e.code === 'CANCELLED') throw e;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const explain = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The licence SKU a subscription fills (by product name: Partner Center links them by SKU title). */
export function licenceOf(sub: Pick<Subscription, 'offerName'>, skuTitle: string | undefined, licenses: readonly SubscribedSku[]): SubscribedSku | undefined {
  const names = [sub.offerName, skuTitle].filter((x): x is string => !!x).map(norm);
  return licenses.find((l) => names.includes(norm(l.name)));
}

/**
 * Reads a tenant's subscriptions from Partner Center (ours: those sold through this connection) and
 * its licenses by SKU (every partner's), and stores the answer for later views of the tab and the
 * term ends for the cockpit. Licenses need App+User and a GDAP role; without them the subscriptions
 * still show, with the reason. A read Partner Center did not answer is not stored.
 */
export async function fetchTenantRead(deps: CommerceDeps, company: CompanyRow, tenant: LinkedTenant, call: ReadCall = {}): Promise<TenantRead | { error: string }> {
  const pc = await deps.partnerCenterFor(tenant.connection.id);
  let subs: Subscription[];
  try {
    subs = await pc.listSubscriptions(tenant.tenantId, {}, call);
  } catch (e) {
    stopUnlessAnswered(e);
    return { error: `Partner Center did not answer for this tenant: ${explain(e)}` };
  }
  let licenses: SubscribedSku[] | null = null;
  let licensesError: string | null = null;
  try {
    licenses = await pc.listSubscribedSkus(tenant.tenantId, call);
  } catch (e) {
    stopUnlessAnswered(e);
    licensesError = `The tenant's licenses are not visible (they need the connection's partner user and a GDAP role such as Global Reader or License Administrator): ${explain(e)}`;
  }
  const readAt = deps.clock.now();
  const key = { companyId: company.id, connectionId: tenant.connection.id, tenantId: tenant.tenantId };
  await recordSubscriptionTerms(deps.db, key, subs, readAt);
  // Licences not visible this time (no partner user or GDAP role): the last read's figures stay.
  if (licenses) await recordTenantLicences(deps.db, key, licenses, readAt);
  await createTenantSubscriptionReadsRepo(deps.db).put({ ...key, subscriptions: subs, licenses, licensesError, readAt });
  return { subscriptions: subs, licenses, licensesError, readAt };
}

/**
 * The tab's view of a read (fresh or stored), worked out now: assigned counts come from the
 * licenses, seats beyond ours are "held elsewhere" (another partner's), and each subscription's
 * actions and windows are judged at the present time, not at the read's.
 */
export async function viewOfRead(deps: CommerceDeps, company: CompanyRow, tenant: LinkedTenant, read: TenantRead): Promise<TenantSubscriptions> {
  const { subscriptions: subs, licenses } = read;
  const country = buyingCountryOf(company) ?? tenant.connection.region;
  const catalog = commerceRepos(deps).catalog;
  const now = deps.clock.now();
  const ourSeats = new Map<string, number>();
  const views: SubscriptionView[] = [];
  const items = new Map((await catalog.getItems(tenant.connection.id, country.toUpperCase(), subs.map((s) => s.catalogItemId))).map((i) => [i.catalogItemId, i]));
  for (const s of subs) {
    const item = items.get(s.catalogItemId);
    const licence = licenses ? licenceOf(s, item?.skuTitle, licenses) : undefined;
    if (licence && (s.status === 'active' || s.status === 'suspended')) ourSeats.set(licence.skuId, (ourSeats.get(licence.skuId) ?? 0) + s.quantity);
    const assigned = licence ? Math.min(licence.consumedUnits, s.quantity) : null;
    views.push(toSubscriptionView(s, tenant, now, item ? { minimum: item.minimumQuantity, maximum: item.maximumQuantity } : undefined, assigned));
  }
  const heldElsewhere = licenses
    ? licenses
        .map((l) => ({ skuId: l.skuId, name: l.name, purchased: l.totalUnits - (ourSeats.get(l.skuId) ?? 0), assigned: l.consumedUnits }))
        .filter((h) => h.purchased > 0)
    : null;
  return { subscriptions: views, heldElsewhere, licenses, error: null, licensesError: read.licensesError, asOf: read.readAt };
}

/** A tenant's subscriptions as Partner Center has them now (for a change, and after one): read, stored, viewed. */
export async function readTenantSubscriptions(deps: CommerceDeps, company: CompanyRow, tenant: LinkedTenant, call: ReadCall = {}): Promise<TenantSubscriptions> {
  const read = await fetchTenantRead(deps, company, tenant, call);
  if ('error' in read) return { subscriptions: [], heldElsewhere: null, licenses: null, error: read.error, licensesError: null, asOf: null };
  return viewOfRead(deps, company, tenant, read);
}

/**
 * One subscription of a company's tenant on a connection, as it is now at Partner Center, for a
 * change to it: 404 when the tenant has no such subscription through this connection, 503 when
 * Partner Center does not answer.
 */
export async function currentSubscription(deps: CommerceDeps, company: CompanyRow, tenant: LinkedTenant, subscriptionId: string): Promise<SubscriptionView> {
  const read = await readTenantSubscriptions(deps, company, tenant);
  if (read.error) throw new AppError('PARTNER_CENTER_UNAVAILABLE', read.error);
  const current = read.subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
  if (!current) throw new AppError('NOT_FOUND', `There is no subscription ${subscriptionId} in this tenant for this connection.`);
  return current;
}
