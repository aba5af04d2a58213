import { EntraRole } from '@csphub/partner-center/wire';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PagedResult } from '@csphub/partner-center';
import { sharedOrder } from './commerce.contract';
import { itWithControl, type ContractContext } from './contract-context';
import { newCustomer, sharedCustomer } from './customers.contract';

/** The first three pages of a list, each page's ids. */
async function firstThreePages<T>(list: PagedResult<T>, id: (item: T) => string): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of list.pages()) {
    pages.push(page.map(id));
    if (pages.length === 3) break;
  }
  return pages;
}

/** Three pages of one item each, no item twice. */
function expectThreePagesOfOne(pages: string[][]): void {
  expect(pages).toHaveLength(3);
  expect(pages.map((p) => p.length)).toEqual([1, 1, 1]);
  expect(new Set(pages.flat()).size).toBe(3);
}

/**
 * Paging of every list CSP Hub reads page by page (docs/PARTNER-CENTER-REFERENCE.md §2.5):
 * Partner Center's `links.next` (relative to the versioned root, with its
 * `MS-ContinuationToken`) and Graph's absolute `@odata.nextLink`, three pages each. The customer
 * list itself is paged in the customers family. Items are made through the API itself, so the
 * families' shared customer stays valid (a control-plane reseed would wipe it).
 */
export function registerPagingContract(ctx: ContractContext): void {
  const controlIt = itWithControl(ctx);

  describe('paging through three pages of every paged list', () => {
    it('customer search (by company name)', async () => {
      const client = ctx.target.client('indirect');
      const stem = ctx.target.uniquePrefix('pages');
      const created: string[] = [];
      for (const n of [1, 2, 3]) {
        const c = await client.createCustomer(newCustomer(ctx, `${stem}${n}`, { companyName: `Contract ${stem} ${n} Ltd` }));
        created.push(c.tenantId);
      }
      const pages = await firstThreePages(client.searchCustomers({ by: 'companyName', value: `Contract ${stem}`, pageSize: 1 }), (c) => c.tenantId);
      expectThreePagesOfOne(pages);
      expect([...pages.flat()].sort()).toEqual([...created].sort());
      // Nothing after the third page of three.
      expect(await client.searchCustomers({ by: 'companyName', value: `Contract ${stem}`, pageSize: 1 }).toArray()).toHaveLength(3);
    });

    it("a customer's users", async () => {
      const { customer } = await sharedOrder(ctx);
      const client = ctx.target.client('indirect');
      for (const n of [1, 2]) {
        await client.createCustomerUser(customer.tenantId, {
          userPrincipalName: `paging.user${n}@${customer.domain}`,
          displayName: `Paging User ${n}`,
          firstName: 'Paging',
          lastName: `User ${n}`,
          usageLocation: ctx.target.fixtures.address.country,
          password: 'Contract-Passw0rd!',
        });
      }
      expectThreePagesOfOne(await firstThreePages(client.listCustomerUsers(customer.tenantId, { pageSize: 1 }), (u) => u.id));
      const all = await client.listCustomerUsers(customer.tenantId, { pageSize: 1 }).toArray();
      expect(all.map((u) => u.userPrincipalName)).toEqual(expect.arrayContaining([`paging.user1@${customer.domain}`, `paging.user2@${customer.domain}`]));
      expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
    });

    it("a customer's GDAP relationships (Graph @odata.nextLink)", async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      for (const n of [1, 2, 3]) {
        await client.createGdapRelationship({
          displayName: `Contract paging ${n} ${ctx.target.uniquePrefix('g')}`.slice(0, 50),
          customerTenantId: customer.tenantId,
          roleIds: [EntraRole.directoryReaders],
          durationDays: 30,
          autoExtend: false,
        });
      }
      const filter = { customerTenantId: customer.tenantId };
      expectThreePagesOfOne(await firstThreePages(client.listGdapRelationships(filter, { pageSize: 1 }), (r) => r.id));
      const byOne = await client.listGdapRelationships(filter, { pageSize: 1 }).toArray();
      const whole = await client.listGdapRelationships(filter).toArray();
      expect(byOne.map((r) => r.id).sort()).toEqual(whole.map((r) => r.id).sort());
    });

    controlIt("a GDAP relationship's access assignments (Graph @odata.nextLink)", async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      // Microsoft's default GDAP relationship of the new customer is active from the start.
      const active = (await client.listGdapRelationships({ customerTenantId: customer.tenantId }).toArray()).find((r) => r.status === 'active');
      expect(active, 'the customer has an active GDAP relationship').toBeDefined();
      // One assignment per security group; the emulator takes any group id.
      for (let n = 0; n < 3; n++)
        await client.createGdapAccessAssignment(active!.id, { securityGroupId: randomUUID(), roleIds: [active!.roleIds[0]!] });
      expectThreePagesOfOne(await firstThreePages(client.listGdapAccessAssignments(active!.id, { pageSize: 1 }), (a) => a.id));
    });
  });
}
