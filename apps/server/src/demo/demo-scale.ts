import type { CompanyRow, Repos } from '@csphub/db';

/** One generated reseller for this many generated companies. */
const COMPANIES_PER_RESELLER = 200;

/**
 * Grows the demo channel by `count` generated companies under the distributor: a reseller for every
 * 200, the rest customers spread evenly over them, each with a name and a domain to search for
 * ("Scale Customer 00042", scale00042.example) and complete prerequisites. For trying the tree, the
 * search and the lists at a large distributor's size; inserted in bulk, not one request each.
 */
export async function seedDemoScale(repos: Repos, distributor: Pick<CompanyRow, 'id' | 'path'>, count: number, now: Date): Promise<void> {
  if (count <= 0) return;
  const resellerCount = Math.max(1, Math.ceil(count / COMPANIES_PER_RESELLER));
  const pad = (n: number) => String(n).padStart(5, '0');
  const fields = (n: number, domain: string) => ({
    billingLine1: `Scale street ${n}`,
    billingCity: 'Madrid',
    billingPostalCode: '28001',
    billingCountry: 'ES',
    addressLine1: `Scale street ${n}`,
    city: 'Madrid',
    postalCode: '28001',
    country: 'ES',
    phone: '+34 910 555 300',
    email: `it@${domain}`,
    language: 'es',
  });
  const resellerIds = await repos.companies.createMany(
    distributor,
    'reseller',
    Array.from({ length: resellerCount }, (_, i) => ({ name: `Scale Reseller ${pad(i + 1)}`, ...fields(i + 1, `scale-reseller${pad(i + 1)}.example`) })),
    now,
  );
  const resellers = await repos.companies.getMany(resellerIds);
  const customers = count - resellerCount;
  for (const [r, reseller] of resellers.sort((a, b) => a.id - b.id).entries()) {
    const mine = Math.floor(customers / resellerCount) + (r < customers % resellerCount ? 1 : 0);
    const first = r * Math.floor(customers / resellerCount) + Math.min(r, customers % resellerCount) + 1;
    await repos.companies.createMany(
      reseller,
      'customer',
      Array.from({ length: mine }, (_, i) => {
        const n = first + i;
        return { name: `Scale Customer ${pad(n)}`, domain: `scale${pad(n)}.example`, ...fields(n, `scale${pad(n)}.example`) };
      }),
      now,
    );
  }
}
