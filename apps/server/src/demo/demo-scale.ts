import type { CompanyFields, CompanyRow, Repos } from '@csphub/db';

/** One generated reseller for this many generated companies. */
const COMPANIES_PER_RESELLER = 200;

/** Complete prerequisites for every generated company; `{n}` is its number (repos.companies.createGenerated). */
const FIELDS: CompanyFields = {
  billingLine1: 'Scale street {n}',
  billingCity: 'Madrid',
  billingPostalCode: '28001',
  billingCountry: 'ES',
  addressLine1: 'Scale street {n}',
  city: 'Madrid',
  postalCode: '28001',
  country: 'ES',
  phone: '+34 910 555 300',
  language: 'es',
};

/**
 * Grows the demo channel by `count` generated companies under the distributor: a reseller for every
 * 200, the rest customers spread evenly over them in number order, each with a name and a domain to
 * search for ("Scale Customer 00042", scale00042.example) and complete prerequisites. For trying the
 * tree, the search and the lists at a large distributor's size; two set-based statements, one for
 * the resellers and one for the customers, not a request or a row each.
 */
export async function seedDemoScale(repos: Repos, distributor: Pick<CompanyRow, 'id' | 'path'>, count: number, now: Date): Promise<void> {
  if (count <= 0) return;
  const resellerCount = Math.max(1, Math.ceil(count / COMPANIES_PER_RESELLER));
  const resellerIds = await repos.companies.createGenerated({
    parents: [distributor],
    kind: 'reseller',
    count: resellerCount,
    first: 1,
    template: { name: 'Scale Reseller {n}', ...FIELDS, email: 'it@scale-reseller{n}.example' },
    now,
  });
  const resellers = await repos.companies.getMany(resellerIds);
  await repos.companies.createGenerated({
    parents: resellers.sort((a, b) => a.id - b.id),
    kind: 'customer',
    count: count - resellerCount,
    first: 1,
    template: { name: 'Scale Customer {n}', domain: 'scale{n}.example', ...FIELDS, email: 'it@scale{n}.example' },
    now,
  });
}
