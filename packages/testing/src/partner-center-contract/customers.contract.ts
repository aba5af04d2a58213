import { isPartnerCenterError, type CreatedCustomer, type NewCustomer } from '@csphub/partner-center';
import { beforeAll, describe, expect, it } from 'vitest';
import { companyName, itWithControl, type ContractContext } from './contract-context';

/** A new-customer request for the target's fixture address. */
export function newCustomer(
  ctx: ContractContext,
  prefix: string,
  extra: Partial<NewCustomer> = {},
): NewCustomer {
  const f = ctx.target.fixtures;
  return {
    domainPrefix: prefix,
    companyName: companyName(prefix),
    email: `billing@${prefix}.example.com`,
    culture: f.culture,
    language: f.language,
    address: f.address,
    ...extra,
  };
}

/** The direct customer created once per run and reused by the other families. */
export async function sharedCustomer(ctx: ContractContext): Promise<CreatedCustomer> {
  const existing = ctx.shared.get('customer') as Promise<CreatedCustomer> | undefined;
  if (existing) return existing;
  const created = ctx.target
    .client('indirect')
    .createCustomer(newCustomer(ctx, ctx.target.uniquePrefix('shared')));
  ctx.shared.set('customer', created);
  return created;
}

/** Domain availability, address rules, customer create/get/list/search (docs/PARTNER-CENTER-REFERENCE.md §2–§4). */
export function registerCustomerContract(ctx: ContractContext): void {
  describe('domains, addresses and country rules', () => {
    it('reports an unused prefix as available and a taken domain as not', async () => {
      const client = ctx.target.client('indirect');
      expect(await client.isDomainAvailable(ctx.target.uniquePrefix('free'))).toBe(true);
      const customer = await sharedCustomer(ctx);
      expect(await client.isDomainAvailable(customer.domain)).toBe(false);
      expect(await client.isDomainAvailable(customer.domain.split('.')[0]!)).toBe(false);
    });

    it('verifies a real address', async () => {
      const result = await ctx.target.client('indirect').validateAddress(ctx.target.fixtures.address);
      expect(result.isValid).toBe(true);
      expect(result.original.line1).toBe(ctx.target.fixtures.address.line1);
    });

    it('does not verify an address without a house number', async () => {
      const { address } = ctx.target.fixtures;
      const result = await ctx.target
        .client('indirect')
        .validateAddress({ ...address, line1: 'Microsoft Way' });
      expect(result.isValid).toBe(false);
      expect(result.status).not.toBe('VerifiedShippable');
    });

    it('knows which countries require a registration number, and refuses a customer without one', async () => {
      const client = ctx.target.client('indirect');
      const rules = await client.getCountryRules('PL');
      expect(rules.isRegistrationNumberRequired).toBe(true);
      const prefix = ctx.target.uniquePrefix('noreg');
      const error = await client
        .createCustomer({
          ...newCustomer(ctx, prefix),
          culture: 'pl-PL',
          language: 'pl',
          address: {
            line1: 'ul. Marszałkowska 1',
            city: 'Warszawa',
            postalCode: '00-001',
            country: 'PL',
            firstName: 'Jan',
            lastName: 'Kowalski',
            phoneNumber: '+48 22 555 0100',
          },
        })
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'COMPANY_REGISTRATION_INVALID')).toBe(true);
      expect(error).toMatchObject({ status: 400, microsoftCode: '600049' });
      expect(await client.isDomainAvailable(prefix)).toBe(true);
    });

    it('returns country rules that the fixture address satisfies', async () => {
      const { address } = ctx.target.fixtures;
      const rules = await ctx.target.client('indirect').getCountryRules(address.country);
      expect(rules.country.toUpperCase()).toBe(address.country.toUpperCase());
      if (rules.postalCodePattern)
        expect(new RegExp(rules.postalCodePattern).test(address.postalCode ?? '')).toBe(true);
      if (rules.isStateRequired)
        expect(rules.states.map((s) => s.toUpperCase())).toContain(address.state?.toUpperCase());
    });
  });

  describe('customers', () => {
    let customer: CreatedCustomer;
    beforeAll(async () => {
      customer = await sharedCustomer(ctx);
    });

    it('creates a direct customer tenant and hands out its admin credentials once', () => {
      expect(customer.tenantId).toMatch(/^[0-9a-f-]{36}$/i);
      expect(customer.domain).toMatch(/\.onmicrosoft\.com$/);
      // §2.2: the docs' examples show both `none` and `reseller` for a tenant just created.
      expect(['reseller', 'none']).toContain(customer.relationship);
      expect(customer.indirectResellerTenantId).toBeUndefined();
      expect(customer.adminCredentials?.password.length).toBeGreaterThan(7);
      expect(customer.adminCredentials?.signInName).toBe(
        `${customer.adminCredentials?.userName}@${customer.domain}`,
      );
    });

    it('lists the creation in the activity log, filtered by customer id', async () => {
      const records = await ctx.target
        .client('indirect')
        .listActivity({ startDate: new Date(Date.now() - 86_400_000), filter: { field: 'CustomerId', value: customer.tenantId } })
        .toArray();
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((r) => r.customerTenantId === customer.tenantId)).toBe(true);
      expect(records.map((r) => r.operationType)).toContain('add_customer');
      expect(records.find((r) => r.operationType === 'add_customer')?.resourceType).toBe('customer');
    });

    it('gets the customer by tenant id', async () => {
      const got = await ctx.target.client('indirect').getCustomer(customer.tenantId);
      expect(got).toMatchObject({
        tenantId: customer.tenantId,
        domain: customer.domain,
        companyName: customer.companyName,
      });
    });

    it('finds nothing for an unknown tenant id', async () => {
      expect(
        await ctx.target.client('indirect').findCustomer('00000000-0000-4000-8000-00000000dead'),
      ).toBeUndefined();
    });

    it('refuses a second tenant on a taken prefix with DOMAIN_PREFIX_TAKEN', async () => {
      const error = await ctx.target
        .client('indirect')
        .createCustomer(newCustomer(ctx, customer.domain.split('.')[0]!))
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'DOMAIN_PREFIX_TAKEN')).toBe(true);
      expect(error).toMatchObject({ transient: false });
    });

    it('replays a creation sent again with the same MS-RequestId instead of creating a second tenant', async () => {
      const client = ctx.target.client('indirect');
      const request = newCustomer(ctx, ctx.target.uniquePrefix('replay'));
      const requestId = crypto.randomUUID();
      const first = await client.createCustomer(request, { requestId });
      const second = await client.createCustomer(request, { requestId });
      expect(second.tenantId).toBe(first.tenantId);
      const matches = await client.searchCustomers({ by: 'domain', value: request.domainPrefix }).toArray();
      expect(matches.filter((c) => c.domain === first.domain)).toHaveLength(1);
    });

    it('creates a customer for an indirect reseller, listed under that reseller', async () => {
      const client = ctx.target.client('indirect');
      const { reseller } = ctx.target.fixtures;
      const created = await client.createCustomer(
        newCustomer(ctx, ctx.target.uniquePrefix('resold'), { indirectResellerTenantId: reseller.tenantId }),
      );
      expect(created.indirectResellerTenantId).toBe(reseller.tenantId);
      expect(created.relationship).toBe('reseller');
      const ofReseller = await client.listResellerCustomers(reseller.tenantId).toArray();
      expect(ofReseller.map((c) => c.tenantId)).toContain(created.tenantId);
    });

    itWithControl(ctx)(
      'sees an existing tenant once its admin accepted the invitation link (docs/PARTNER-CENTER-REFERENCE.md §6)',
      async () => {
        const client = ctx.target.client('indirect');
        const tenantId = ctx.target.fixtures.unrelatedTenantId;
        if (!tenantId) throw new Error('the emulator target names an unrelated tenant');
        expect(await client.findCustomer(tenantId)).toBeUndefined();
        await ctx.control.acceptRelationship(tenantId, ctx.target.fixtures.reseller.tenantId);
        const found = await client.findCustomer(tenantId);
        expect(found).toMatchObject({
          tenantId,
          relationship: 'reseller',
          indirectResellerTenantId: ctx.target.fixtures.reseller.tenantId,
        });
        expect(await client.isDomainAvailable(found!.domain)).toBe(false);
      },
    );

    it('searches customers by company name and domain prefix', async () => {
      const client = ctx.target.client('indirect');
      const byName = await client
        .searchCustomers({ by: 'companyName', value: customer.companyName.slice(0, -2).toUpperCase() })
        .toArray();
      expect(byName.map((c) => c.tenantId)).toContain(customer.tenantId);
      expect(await client.findCustomerByDomain(customer.domain)).toMatchObject({
        tenantId: customer.tenantId,
      });
    });

    it('pages through the customer list with continuation tokens, three pages and more', async () => {
      const client = ctx.target.client('indirect');
      // Make sure there are at least three customers to page through.
      const all = await client.listCustomers({ pageSize: 100 }).toArray();
      for (let i = all.length; i < 3; i++)
        await client.createCustomer(newCustomer(ctx, ctx.target.uniquePrefix('page')));
      const pages: string[][] = [];
      for await (const page of client.listCustomers({ pageSize: 1 }).pages()) {
        pages.push(page.map((c) => c.tenantId));
        if (pages.length === 3) break;
      }
      expect(pages).toHaveLength(3);
      expect(pages.every((p) => p.length === 1)).toBe(true);
      expect(new Set(pages.flat()).size).toBe(3);

      const full = (await client.listCustomers({ pageSize: 100 }).toArray()).map((c) => c.tenantId);
      const pagedByTwo = (await client.listCustomers({ pageSize: 2 }).toArray()).map((c) => c.tenantId);
      expect(pagedByTwo.length).toBeGreaterThanOrEqual(3);
      expect(new Set(pagedByTwo).size).toBe(pagedByTwo.length);
      expect([...pagedByTwo].sort()).toEqual([...full].sort());
    });
  });
}
