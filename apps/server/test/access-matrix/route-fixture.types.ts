import type { Role } from '@csphub/domain';
import type { CompanyRow } from '@csphub/db';
import type { Caller, World } from '../channel-world';
import type { TestApp } from '../test-app';

// The shapes of the access matrix's fixtures, shared by route-fixtures.ts and the route groups' fixture files.

/** The companies a case acts on: all inside the caller's subtree ("own") or all inside a sibling's ("foreign"). */
export interface Targets {
  /** A customer account to read or change (fresh for each case when the caller may see more than one). */
  customer: CompanyRow;
  /** A company that can take children in that subtree (or the caller's own company). */
  parent: CompanyRow;
  /** Another parent in the same subtree, for moves. */
  otherParent: CompanyRow;
}

export interface FixtureContext {
  t: TestApp;
  world: World;
  caller: Caller;
  target: Targets;
}

/** The request one case sends; `headers` replaces the caller's (e.g. a fresh session for logout). */
export interface CaseRequest {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * How a route is protected:
 * - `public`: no authentication (sign-in, health, system information).
 * - `company`: acts on a company (or something inside one): outside the caller's subtree it must
 *   answer 404; inside, 2xx for `allowed` roles and 403 for the others.
 * - `distributor`: the distributor's own objects (connections): only distributor staff get 2xx
 *   (`allowed`), every other role gets 403 or 404.
 * - `self`: about the caller only (session, tree, own policy view): 2xx for `allowed`, else 403.
 */
export type RouteFixture =
  | { scope: 'public'; why: string }
  | { scope: 'company' | 'distributor' | 'self'; allowed: readonly Role[]; request: (ctx: FixtureContext) => CaseRequest | Promise<CaseRequest> };
