import { buildMatchingIndex, type NetworkCompany, type NetworkReseller } from '@csphub/domain';
import { createRepos, type Database, type SecretBox } from '@csphub/db';
import type { IndirectReseller } from '@csphub/partner-center';
import type { ReadCustomer } from './customer-base-reader';

/** What the network is read with (the import's deps satisfy it). */
type NetworkDeps = { db: Database; box: SecretBox };

const repos = (deps: NetworkDeps) => createRepos(deps.db, deps.box);

/** The network as matching sees it: the connection owner's subtree, tenant links of this connection, resellers with the ids Partner Center names them by. */
export async function loadNetwork(deps: NetworkDeps, connectionId: string, indirectResellers: readonly IndirectReseller[]) {
  const r = repos(deps);
  const connection = await r.connections.get(connectionId);
  if (!connection) throw new Error(`no connection ${connectionId}`);
  const owner = await r.companies.get(connection.ownerCompanyId);
  const subtree = await r.companies.listSubtree(owner!.path);
  const links = await r.customerImports.tenantLinks(connectionId);
  return { owner: owner!, index: indexOf(subtree, links, subtree, indirectResellers) };
}

/**
 * The part of the network a few changed customers can match (the sync's): the companies linked to
 * their tenants in this connection or holding one of their domains, and every reseller; the same
 * rules then read the same as over {@link loadNetwork}'s whole subtree, at the cost of a few lookups.
 */
export async function loadNetworkFor(deps: NetworkDeps, connectionId: string, indirectResellers: readonly IndirectReseller[], reads: readonly ReadCustomer[]) {
  const r = repos(deps);
  const connection = await r.connections.get(connectionId);
  if (!connection) throw new Error(`no connection ${connectionId}`);
  const owner = (await r.companies.get(connection.ownerCompanyId))!;
  const found = await r.customerImports.networkFor(owner.path, connectionId, [...new Set(reads.map((c) => c.tenantId.toLowerCase()))], [...new Set(reads.flatMap((c) => c.domains.map((d) => d.trim().toLowerCase())))]);
  return { owner, index: indexOf(found.companies, found.links, found.resellers, indirectResellers) };
}

/** The matching index over companies, their tenant links in the connection and the resellers. */
function indexOf(
  subtree: readonly { id: number; kind: string; domain: string | null; partnerId?: string | null; partnerLocationId?: string | null }[],
  links: readonly { companyId: number; tenantId: string | null }[],
  resellerRows: readonly { id: number; kind: string; partnerId?: string | null; partnerLocationId?: string | null }[],
  indirectResellers: readonly IndirectReseller[],
) {
  const tenantOf = new Map(links.filter((l) => l.tenantId).map((l) => [l.companyId, l.tenantId!.toLowerCase()]));
  const companies: NetworkCompany[] = subtree.map((c) => ({ id: c.id, kind: c.kind as NetworkCompany['kind'], ...(tenantOf.get(c.id) ? { tenantId: tenantOf.get(c.id) } : {}), ...(c.domain ? { domain: c.domain } : {}) }));
  const pcByPartnerId = new Map(indirectResellers.map((x) => [x.partnerId.toLowerCase(), x.tenantId.toLowerCase()]));
  const resellers: NetworkReseller[] = resellerRows
    .filter((c) => c.kind === 'reseller')
    .map((c) => {
      const partnerIds = [c.partnerId, c.partnerLocationId].filter((x): x is string => Boolean(x));
      const tenantId = partnerIds.map((p) => pcByPartnerId.get(p.toLowerCase())).find(Boolean);
      return { companyId: c.id, partnerIds, ...(tenantId ? { tenantId } : {}) };
    });
  return buildMatchingIndex(companies, resellers);
}
