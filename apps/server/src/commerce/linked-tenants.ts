import { AppError, partnerOfRecordIdOf } from '@csphub/domain';
import type { CompanyRow, ConnectionSummary, Repos } from '@csphub/db';

/** A company's Microsoft tenant in one Partner Center connection. */
export interface LinkedTenant {
  connection: Pick<ConnectionSummary, 'id' | 'name' | 'type' | 'region'>;
  tenantId: string;
  defaultDomain: string | null;
  /** The reseller of record for orders on an indirect connection (sync option, else the parent reseller's). */
  resellerPartnerId: string | null;
}

/**
 * The tenants a company is linked to, one per connection of the distributor where its sync options
 * carry a tenant id (one account may be linked to different tenants in different connections), in
 * connection name order. One statement (`syncOptions.listLinked`).
 */
export async function linkedTenantsOf(repos: Repos, company: CompanyRow): Promise<LinkedTenant[]> {
  const rows = await repos.syncOptions.listLinked(company.id, company.parentId);
  return rows.flatMap((o) => {
    if (!o.tenantId) return [];
    const conn = o.connection;
    const parent = o.parent;
    const reseller = conn.type === 'indirect-provider' ? (o.resellerPartnerId ?? (parent?.kind === 'reseller' ? partnerOfRecordIdOf(parent) : null)) : null;
    return [{ connection: { id: conn.id, name: conn.name, type: conn.type, region: conn.region }, tenantId: o.tenantId, defaultDomain: o.defaultDomain, resellerPartnerId: reseller }];
  });
}

/** The tenant of a company in one connection, or 409 TENANT_NOT_LINKED with what to do. */
export async function linkedTenantIn(repos: Repos, company: CompanyRow, connectionId: string): Promise<LinkedTenant> {
  const linked = (await linkedTenantsOf(repos, company)).find((t) => t.connection.id === connectionId);
  if (!linked) {
    throw new AppError('TENANT_NOT_LINKED', `${company.name} has no Microsoft tenant in this connection yet. Provision a new tenant or link an existing one from the company page first.`);
  }
  return linked;
}

/** The country a company buys in: its billing country, else its address country. */
export function buyingCountryOf(company: CompanyRow): string | null {
  return (company.billingCountry ?? company.country ?? null)?.toUpperCase() ?? null;
}
