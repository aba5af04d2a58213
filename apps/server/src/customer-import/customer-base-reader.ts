import type { PartnerCenterClient, Subscription } from '@csphub/partner-center';

/** One customer of the connection as the import reads it. */
export interface ReadCustomer {
  tenantId: string;
  companyName: string;
  /** Initial domain first, then the custom domains Partner Center shows. */
  domains: string[];
  resellerTenantId?: string;
  subscriptions: Pick<Subscription, 'id' | 'catalogItemId' | 'offerName' | 'quantity' | 'status' | 'resellerPartnerId'>[];
}

/** What the reader needs of the client: customer paging and a customer's subscriptions. */
export type CustomerBaseSource = Pick<PartnerCenterClient, 'listCustomers' | 'listSubscriptions'>;

/**
 * Reads the connection's customers page by page (seek paging, 500 a page) and each customer's
 * subscriptions, `concurrency` customers at a time; yields one page at a time, so memory holds one
 * page whatever the size of the base. Subscriptions another partner sold are not the connection's
 * to see (Partner Center lists only the caller's), so they never enter the import.
 */
export async function* readCustomerBase(source: CustomerBaseSource, opts: { concurrency?: number; pageSize?: number } = {}): AsyncGenerator<ReadCustomer[]> {
  const concurrency = opts.concurrency ?? 8;
  for await (const page of source.listCustomers({ pageSize: opts.pageSize ?? 500 }).pages()) {
    const out: ReadCustomer[] = new Array(page.length);
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const i = next++;
        const c = page[i]!;
        const subs = await source.listSubscriptions(c.tenantId);
        out[i] = {
          tenantId: c.tenantId.toLowerCase(),
          companyName: c.companyName,
          domains: [c.domain, ...c.customDomains].map((d) => d.toLowerCase()),
          ...(c.indirectResellerTenantId ? { resellerTenantId: c.indirectResellerTenantId.toLowerCase() } : {}),
          subscriptions: subs.map((s) => ({ id: s.id, catalogItemId: s.catalogItemId, offerName: s.offerName, quantity: s.quantity, status: s.status, ...(s.resellerPartnerId ? { resellerPartnerId: s.resellerPartnerId } : {}) })),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, page.length) }, worker));
    yield out;
  }
}
