import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@csphub/testing';
import { call, signInAs } from './channel-world';
import { wingtipWorld, type WingtipWorld } from './commerce/wingtip-world';

/**
 * The SQL statements a view of the company tree and of the commerce tabs sends once the session is checked and Partner
 * Center's answers are stored (docs/THROUGHPUT.md, "Reads"): on the embedded database each statement
 * costs a fixed part of a millisecond of CPU, so their number is the figure to hold. Counted at the
 * driver; the count does not depend on the machine's load.
 */
describe('statements per read', () => {
  let world: WingtipWorld;
  let admin: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    world = await wingtipWorld({ appOptions: (_client, em) => ({ emulator: { url: em.url, ping: async () => true } }) });
    admin = await signInAs({ app: world.app } as Parameters<typeof signInAs>[0], 'admin@dist.test');
  });
  afterAll(() => world?.dispose());

  /**
   * The statements of one GET, after a first one has stored what it reads from Partner Center and
   * checked the session. The session check is cached for a few seconds: on a machine slow enough for
   * that to lapse between the two, the GET is measured again.
   */
  async function statementsOf(path: string): Promise<string[]> {
    expect((await call({ app: world.app } as never, admin, 'GET', path)).status).toBe(200);
    for (let attempt = 1; ; attempt++) {
      const log = countStatements(world.db);
      try {
        const res = await call({ app: world.app } as never, admin, 'GET', path);
        expect(res.status).toBe(200);
        await res.text();
        const texts = [...log.texts];
        if (attempt < 3 && texts.some((t) => /\bfrom "?sessions"?/i.test(t))) continue;
        return texts;
      } finally {
        log.stop();
      }
    }
  }

  it("a reseller's branch of the tree: the reseller, a page of its children with their total, the policy (each child with its own count)", async () => {
    const texts = await statementsOf(`/api/v1/companies/branch?parentId=${world.adatum.id}`);
    expect(texts, texts.join('\n')).toHaveLength(3);
  });

  it('the cockpit summary: its eleven figure groups in one statement on the embedded database, one each on PostgreSQL', async () => {
    const texts = await statementsOf('/api/v1/cockpit/summary');
    expect(texts, texts.join('\n')).toHaveLength(world.db.kind === 'pglite' ? 1 : 11);
  });

  it("a tenant's subscriptions: the company, its tenants, the stored reads with the last change, the catalog items", async () => {
    const texts = await statementsOf(`/api/v1/companies/${world.customer.id}/subscriptions`);
    expect(texts, texts.join('\n')).toHaveLength(4);
  });

  it("a company's orders: the company's scope columns, then its orders as one JSON text", async () => {
    const texts = await statementsOf(`/api/v1/companies/${world.customer.id}/orders`);
    expect(texts, texts.join('\n')).toHaveLength(2);
    expect(texts[0]).not.toMatch(/"billing_country"/);
    expect(texts[1]).toMatch(/json_agg/);
  });

  it("the audit log of a company: the company's scope columns, then its entries as one JSON text", async () => {
    const texts = await statementsOf(`/api/v1/audit-log?companyId=${world.customer.id}`);
    expect(texts, texts.join('\n')).toHaveLength(2);
    expect(texts[0]).not.toMatch(/"billing_country"/);
    expect(texts[1]).toMatch(/json_agg/);
  });

  it("a company's catalog: the company, the distributor, its tenants, the snapshot, its entries, the hidden products", async () => {
    const texts = await statementsOf(`/api/v1/companies/${world.customer.id}/catalog`);
    expect(texts, texts.join('\n')).toHaveLength(6);
  });
});
