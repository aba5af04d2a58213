/**
 * Matching a distributor's existing Partner Center customers to CSP Hub's companies (the import of
 * an existing base, docs/CUSTOMER-IMPORT.md). Pure rules: what is certain is decided, what is not
 * is listed for a person with the reason, never guessed.
 *
 * 1. A company already linked to the tenant (in this connection) is the match; two such companies
 *    are a conflict.
 * 2. Otherwise a company whose domain is one of the tenant's domains (initial or custom) is the match;
 *    a domain on two companies, or a company with that domain already linked to another tenant, is a conflict.
 * 3. Otherwise a new company is proposed: under the reseller every reseller signal names (the
 *    customer's indirect reseller from its relationship, the Partner IDs of record of its
 *    subscriptions), or as the distributor's direct customer when there is none. A signal naming a
 *    reseller that is not in the network, or two signals naming different resellers, is a conflict.
 */

/** A customer as Partner Center lists it, with what the import read about it. */
export interface ImportedCustomer {
  tenantId: string;
  companyName: string;
  /** The initial `onmicrosoft.com` domain, then the verified custom domains. */
  domains: readonly string[];
  /** The indirect reseller of the relationship (its tenant id), for an indirect provider. */
  resellerTenantId?: string;
  /** Partner IDs of record of the customer's subscriptions sold by this partner (empty when none name one). */
  partnerIdsOfRecord: readonly string[];
}

/** A company of the network as the matching sees it. */
export interface NetworkCompany {
  id: number;
  kind: 'distributor' | 'reseller' | 'customer';
  /** The tenant linked to it in this connection, if any. */
  tenantId?: string;
  domain?: string;
}

/** A reseller of the network and the identifiers Partner Center may name it by. */
export interface NetworkReseller {
  companyId: number;
  /** Its tenant id as Partner Center's indirect reseller list gives it, when known. */
  tenantId?: string;
  /** Its Partner IDs (global, location). */
  partnerIds: readonly string[];
}

export type ImportConflict =
  | { code: 'tenant-on-several-companies'; companyIds: number[] }
  | { code: 'domain-on-several-companies'; domain: string; companyIds: number[] }
  | { code: 'domain-company-linked-elsewhere'; domain: string; companyId: number }
  | { code: 'reseller-not-in-network'; resellerTenantId?: string; partnerId?: string }
  | { code: 'resellers-disagree'; resellerCompanyIds: number[] };

export type ImportProposal =
  | { kind: 'matched'; companyId: number; by: 'tenant' | 'domain' }
  | { kind: 'new'; parent: { kind: 'reseller'; companyId: number } | { kind: 'direct' } }
  | { kind: 'conflict'; conflicts: ImportConflict[] };

/** Indexes of the network built once per import, so each customer is matched in constant time. */
export interface MatchingIndex {
  byTenant: Map<string, number[]>;
  byDomain: Map<string, NetworkCompany[]>;
  /** Several companies under one identifier (two resellers given the same Partner ID) make every customer naming it a conflict. */
  resellerByTenant: Map<string, number[]>;
  resellerByPartnerId: Map<string, number[]>;
}

const norm = (s: string) => s.trim().toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildMatchingIndex(companies: Iterable<NetworkCompany>, resellers: Iterable<NetworkReseller>): MatchingIndex {
  const index: MatchingIndex = { byTenant: new Map(), byDomain: new Map(), resellerByTenant: new Map(), resellerByPartnerId: new Map() };
  for (const c of companies) {
    if (c.tenantId) push(index.byTenant, norm(c.tenantId), c.id);
    if (c.domain) push(index.byDomain, norm(c.domain), c);
  }
  for (const r of resellers) {
    if (r.tenantId) push(index.resellerByTenant, norm(r.tenantId), r.companyId);
    for (const p of new Set(r.partnerIds.map(norm))) push(index.resellerByPartnerId, p, r.companyId);
  }
  return index;
}

const uniqueSorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

/** Conflicts in one order whatever the order of the network (the same customer always reads the same). */
function ordered(conflicts: ImportConflict[]): ImportConflict[] {
  const keyed = conflicts.map((c) => [JSON.stringify(c), c] as const);
  return [...new Map(keyed).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** What the import proposes for one customer (the rules above). */
export function proposeImport(customer: ImportedCustomer, index: MatchingIndex): ImportProposal {
  const tenant = norm(customer.tenantId);
  const linked = uniqueSorted(index.byTenant.get(tenant) ?? []);
  if (linked.length === 1) return { kind: 'matched', companyId: linked[0]!, by: 'tenant' };
  if (linked.length > 1) return { kind: 'conflict', conflicts: [{ code: 'tenant-on-several-companies', companyIds: linked }] };

  const conflicts: ImportConflict[] = [];
  const domainMatches = new Map<number, NetworkCompany>();
  for (const raw of customer.domains) {
    const domain = norm(raw);
    const companies = index.byDomain.get(domain) ?? [];
    const ids = uniqueSorted(companies.map((c) => c.id));
    if (ids.length > 1) conflicts.push({ code: 'domain-on-several-companies', domain, companyIds: ids });
    for (const c of companies) {
      if (c.tenantId && norm(c.tenantId) !== tenant) conflicts.push({ code: 'domain-company-linked-elsewhere', domain, companyId: c.id });
      else domainMatches.set(c.id, c);
    }
  }
  if (conflicts.length === 0 && domainMatches.size === 1) return { kind: 'matched', companyId: [...domainMatches.keys()][0]!, by: 'domain' };
  if (conflicts.length === 0 && domainMatches.size > 1) {
    conflicts.push({ code: 'domain-on-several-companies', domain: norm(customer.domains[0] ?? ''), companyIds: uniqueSorted(domainMatches.keys()) });
  }
  if (conflicts.length > 0) return { kind: 'conflict', conflicts: ordered(conflicts) };

  const resellers = new Set<number>();
  if (customer.resellerTenantId) {
    const ids = index.resellerByTenant.get(norm(customer.resellerTenantId));
    if (!ids) conflicts.push({ code: 'reseller-not-in-network', resellerTenantId: norm(customer.resellerTenantId) });
    else for (const id of ids) resellers.add(id);
  }
  for (const raw of new Set(customer.partnerIdsOfRecord.map(norm))) {
    const ids = index.resellerByPartnerId.get(raw);
    if (!ids) conflicts.push({ code: 'reseller-not-in-network', partnerId: raw });
    else for (const id of ids) resellers.add(id);
  }
  if (resellers.size > 1) conflicts.push({ code: 'resellers-disagree', resellerCompanyIds: uniqueSorted(resellers) });
  if (conflicts.length > 0) return { kind: 'conflict', conflicts: ordered(conflicts) };
  const [reseller] = resellers;
  return { kind: 'new', parent: reseller === undefined ? { kind: 'direct' } : { kind: 'reseller', companyId: reseller } };
}

/** What a person may decide for a customer in conflict. */
export type ImportDecision = { kind: 'match'; companyId: number } | { kind: 'new'; parentCompanyId: number } | { kind: 'skip' };
