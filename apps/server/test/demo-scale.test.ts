import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createSecretBox } from '@csphub/db';
import { createTestApp, type TestApp } from './test-app';
import { call, json, signInAs } from './channel-world';
import { prepareFirstStart } from '../src/demo/first-start';

type Branch = { parent: { id: number; childCount: number }; children: { id: number; kind: string; name: string; childCount: number; ready: boolean | null }[]; total: number };

/** CSPHUB_DEMO_SCALE: the demo channel grown in bulk, ready to search and browse. */
describe('demo channel at scale', () => {
  let t: TestApp;
  const password = 'a-fixed-password-for-tests';
  beforeAll(async () => {
    t = await createTestApp({ CSPHUB_EMULATOR: 'off' });
    await prepareFirstStart({ db: t.database.db, box: createSecretBox(t.secretKey), demo: true, demoPassword: password, demoScale: 450, now: new Date() });
  });
  afterAll(() => t?.dispose());

  it('adds one reseller per 200 companies and spreads the customers over them, each complete and searchable', async () => {
    const dist = await signInAs(t, 'distributor@demo.test', password);
    const root = (await json(call(t, dist, 'GET', '/api/v1/companies/branch?limit=1000'))) as Branch;
    const scaleResellers = root.children.filter((c) => c.name.startsWith('Scale Reseller'));
    expect(scaleResellers.map((r) => r.childCount)).toEqual([149, 149, 149]);
    const branch = (await json(call(t, dist, 'GET', `/api/v1/companies/branch?parentId=${scaleResellers[1]!.id}&limit=1000`))) as Branch;
    expect(branch.children.every((c) => c.kind === 'customer' && c.ready === true)).toBe(true);
    expect(branch.children[0]!.name).toBe('Scale Customer 00150');
    const found = (await json(call(t, dist, 'GET', '/api/v1/companies/search?q=scale00447.example'))) as { matches: { name: string; trail: { name: string }[] }[] };
    expect(found.matches.map((m) => m.name)).toEqual(['Scale Customer 00447']);
    expect(found.matches[0]!.trail.map((a) => a.name)).toEqual(['Contoso Distribution', 'Scale Reseller 00003']);
    const generated = await t.database.db.execute(sql`select count(*)::int as n from companies where name like 'Scale %'`);
    const rows = (generated as { rows?: { n: number }[] }).rows ?? (generated as unknown as { n: number }[]);
    expect(Number(rows[0]!.n)).toBe(450);
  });
});
