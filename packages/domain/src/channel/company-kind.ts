/**
 * The three tiers of the channel. A direct customer is a `customer` whose parent is
 * the distributor itself; there is no fourth kind for it.
 */
export const COMPANY_KINDS = ['distributor', 'reseller', 'customer'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

/** Active companies take part in everything; inactive ones stay readable for history, never deleted. */
export const COMPANY_STATUSES = ['active', 'inactive'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

/**
 * Which kind may sit under which. The distributor is the single root; resellers hang under it;
 * customers under a reseller or, as direct customers, under the distributor. Nothing hangs under a
 * customer: a sub-customer tree would break the reseller-of-record model Partner Center uses.
 */
export function canBeChildOf(child: CompanyKind, parent: CompanyKind | null): boolean {
  if (child === 'distributor') return parent === null;
  if (child === 'reseller') return parent === 'distributor';
  return parent === 'distributor' || parent === 'reseller';
}
