import type { CustomerBillingProfile, GdapRelationship, PartnerCenterClient, Subscription } from '@csphub/partner-center';

/** One customer of the connection as the import reads it. */
export interface ReadCustomer {
  tenantId: string;
  companyName: string;
  /** Initial domain first, then the custom domains Partner Center shows. */
  domains: string[];
  resellerTenantId?: string;
  subscriptions: Pick<Subscription, 'id' | 'catalogItemId' | 'offerName' | 'quantity' | 'status' | 'resellerPartnerId'>[];
  /** The billing profile: address and contact a new company takes (absent when Partner Center does not show it). */
  billing?: Pick<CustomerBillingProfile, 'email' | 'language' | 'firstName' | 'lastName' | 'address'>;
  /** Whether the customer accepted the current Microsoft Customer Agreement. */
  mca?: 'current' | 'outdated' | 'none';
  /** The partner's GDAP relationships with the customer. */
  gdap?: { id: string; displayName: string; status: string; endsAt: string | null; globalAdmin: boolean }[];
}

/** What the reader needs of the client: customer paging and a customer's subscriptions; the details when it has them. */
export type CustomerBaseSource = Pick<PartnerCenterClient, 'listCustomers' | 'listSubscriptions'> & Partial<Pick<PartnerCenterClient, 'getCustomer' | 'mcaStatus' | 'listGdapRelationships'>>;

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/**
 * The partner's GDAP relationships by customer tenant, read once (Graph pages of 300) instead of once
 * per customer: Graph's own limits count every call, and one listing covers the whole base.
 */
async function gdapByTenant(source: CustomerBaseSource): Promise<Map<string, NonNullable<ReadCustomer['gdap']>>> {
  const out = new Map<string, NonNullable<ReadCustomer['gdap']>>();
  if (!source.listGdapRelationships) return out;
  for await (const page of source.listGdapRelationships({}, { pageSize: 300 }).pages()) {
    for (const r of page as GdapRelationship[]) {
      if (!r.customerTenantId) continue;
      const key = r.customerTenantId.toLowerCase();
      const list = out.get(key) ?? [];
      list.push({ id: r.id, displayName: r.displayName, status: r.status, endsAt: r.endsAt ?? null, globalAdmin: r.roleIds.includes(GLOBAL_ADMINISTRATOR) });
      out.set(key, list);
    }
  }
  return out;
}

/**
 * Reads the connection's customers page by page (seek paging, 500 a page) and, `concurrency`
 * customers at a time, each one's subscriptions, billing profile and MCA acceptance; the GDAP
 * relationships come from one listing before the first page. Yields one page at a time, so memory
 * holds one page whatever the size of the base (and the GDAP summary). Subscriptions another partner
 * sold are not the connection's to see (Partner Center lists only the caller's), so they never enter
 * the import. A detail Partner Center refuses (no admin access to the tenant) is left out, not fatal.
 */
export async function* readCustomerBase(source: CustomerBaseSource, opts: { concurrency?: number; pageSize?: number } = {}): AsyncGenerator<ReadCustomer[]> {
  const concurrency = opts.concurrency ?? 8;
  const gdap = await gdapByTenant(source).catch(() => new Map<string, NonNullable<ReadCustomer['gdap']>>());
  for await (const page of source.listCustomers({ pageSize: opts.pageSize ?? 500 }).pages()) {
    const out: ReadCustomer[] = new Array(page.length);
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const i = next++;
        const c = page[i]!;
        const [subs, detail, mca] = await Promise.all([
          source.listSubscriptions(c.tenantId),
          source.getCustomer ? source.getCustomer(c.tenantId).catch(() => undefined) : undefined,
          source.mcaStatus ? source.mcaStatus(c.tenantId).catch(() => undefined) : undefined,
        ]);
        const tenantId = c.tenantId.toLowerCase();
        const b = detail?.billing;
        out[i] = {
          tenantId,
          companyName: c.companyName,
          domains: [c.domain, ...c.customDomains].map((d) => d.toLowerCase()),
          ...(c.indirectResellerTenantId ? { resellerTenantId: c.indirectResellerTenantId.toLowerCase() } : {}),
          subscriptions: subs.map((s) => ({ id: s.id, catalogItemId: s.catalogItemId, offerName: s.offerName, quantity: s.quantity, status: s.status, ...(s.resellerPartnerId ? { resellerPartnerId: s.resellerPartnerId } : {}) })),
          ...(b ? { billing: { email: b.email, language: b.language, address: b.address, ...(b.firstName ? { firstName: b.firstName } : {}), ...(b.lastName ? { lastName: b.lastName } : {}) } } : {}),
          ...(mca ? { mca: mca.state } : {}),
          ...(gdap.has(tenantId) ? { gdap: gdap.get(tenantId)! } : {}),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, page.length) }, worker));
    yield out;
  }
}
