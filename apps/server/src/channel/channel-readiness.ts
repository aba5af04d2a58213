import type { PrerequisiteRow, Repos } from '@csphub/db';
import type { Principal } from '../auth/principal';
import { prerequisitesOf } from './company-prerequisites';
import { readPolicy } from './policy';

/** How many of the caller's active customers are ready to provision, and the first ten that are not. */
export interface ChannelReadiness {
  customers: number;
  ready: number;
  notReady: { id: number; name: string }[];
}

/** Subtrees whose answer is kept; the oldest goes first past it. */
const KEPT = 64;

/**
 * The readiness count of a subtree (the home page's channel summary), kept per subtree and
 * recomputed only when the subtree or the distributor's policy changed: the fingerprint
 * (`companies.subtreeSignature`, the rows' count and versions) costs about a fiftieth of reading
 * 20,000 companies, which the count otherwise needs on every view (bench/company-tree.bench.ts).
 * The fingerprint comes from the database, so an answer is never older than the last committed
 * change whichever process made it. A customer's own readiness depends on its reseller, outside
 * its view: that one small subtree is always computed.
 */
export function channelReadiness() {
  const kept = new Map<string, { stamp: string; answer: ChannelReadiness }>();

  async function compute(repos: Repos, p: Principal, policy: Awaited<ReturnType<typeof readPolicy>>): Promise<ChannelReadiness> {
    const rows = await repos.companies.listForPrerequisites(p.company.path);
    const byId = new Map<number, PrerequisiteRow>(rows.map((r) => [r.id, r]));
    const outside = p.company.parentId && !byId.has(p.company.parentId) ? await repos.companies.get(p.company.parentId) : undefined;
    const parentOf = (r: PrerequisiteRow) => (r.parentId && byId.get(r.parentId)) || outside;
    const customers = rows.filter((r) => r.kind === 'customer' && r.status === 'active');
    const notReady = customers.filter((r) => !prerequisitesOf(r, parentOf(r), policy).ready);
    notReady.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    return { customers: customers.length, ready: customers.length - notReady.length, notReady: notReady.slice(0, 10).map((r) => ({ id: r.id, name: r.name })) };
  }

  return {
    async of(repos: Repos, p: Principal): Promise<ChannelReadiness> {
      if (p.company.kind === 'customer') return compute(repos, p, await readPolicy(repos));
      const [signature, policy] = await Promise.all([repos.companies.subtreeSignature(p.company.path), readPolicy(repos)]);
      const stamp = `${signature}|${JSON.stringify(policy)}`;
      const hit = kept.get(p.company.path);
      if (hit && hit.stamp === stamp) return hit.answer;
      const answer = await compute(repos, p, policy);
      kept.delete(p.company.path);
      kept.set(p.company.path, { stamp, answer });
      if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
      return answer;
    },
  };
}
