import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@csphub/db';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from './channel-world';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The audit log is hash-chained (docs/CHANNEL-AND-ACCOUNTS.md, "Audit log"): entries written
 * through the API chain without gaps, even when written at the same time, and a row changed,
 * removed or slipped in with the database's own console (as its owner, triggers disabled) is named
 * by GET /api/v1/audit/verify.
 */
describe(`the audit chain (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
    for (const city of ['Lima', 'Quito', 'Bogotá']) {
      expect((await call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${w.c1.id}`, { city })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const verify = async () => {
    const res = await call(t, as.distributor_admin, 'GET', '/api/v1/audit/verify');
    expect(res.status).toBe(200);
    return json(res);
  };
  /** The audit entries as the database holds them, in chain order. */
  const entries = async () =>
    rowsOf<{ id: number; seq: number; city: string | null }>(await t.database.db.execute(sql`select id, seq, after->>'city' as city from audit_log order by seq`)).map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
  const quito = async () => (await entries()).find((r) => r.city === 'Quito')!;
  /** Runs statements as the database owner with the append-only triggers off, as a tamperer with console access would. */
  const asOwnerWithoutTriggers = async (...statements: ReturnType<typeof sql>[]) =>
    t.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      const results = [];
      for (const s of statements) results.push(await tx.execute(s));
      await tx.execute(sql`alter table audit_log enable trigger user`);
      return results;
    });
  /** Tampers, runs the check, then puts the rows back as they were (the next case starts intact). */
  const tampered = async (id: number, statements: ReturnType<typeof sql>[], check: () => Promise<void>) => {
    await asOwnerWithoutTriggers(sql`create table tamper_saved as select * from audit_log where id = ${id}`);
    try {
      await asOwnerWithoutTriggers(...statements);
      await check();
    } finally {
      await asOwnerWithoutTriggers(sql`delete from audit_log where id = ${id}`, sql`insert into audit_log select * from tamper_saved`, sql`drop table tamper_saved`);
      expect((await verify()).ok).toBe(true);
    }
  };

  it('chains every entry written through the API and reports the chain intact', async () => {
    const rows = await entries();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, checked: rows.length, head: { seq: rows.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, firstBroken: null });
    const log = await json(call(t, as.distributor_admin, 'GET', `/api/v1/audit-log?companyId=${w.c1.id}&action=company.updated`));
    expect(log.items[0]).toMatchObject({ seq: rows.at(-1)!.seq, hash: report.head.hash });
  });

  it('names the entry changed by a direct SQL update', async () => {
    const target = await quito();
    await tampered(target.id, [sql`update audit_log set summary = 'Nothing happened here' where id = ${target.id}`], async () => {
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ seq: target.seq, id: target.id, reason: 'entry_changed' });
      expect(report.checked).toBe(target.seq - 1);
    });
  });

  it('names the entry after one rewritten with a hash recomputed for it', async () => {
    const target = await quito();
    const next = (await entries()).find((r) => r.seq === target.seq + 1)!;
    await tampered(target.id, [sql`update audit_log set summary = 'Nothing happened here' where id = ${target.id}`, sql`update audit_log a set hash = audit_log_entry_hash(a) where id = ${target.id}`], async () => {
      expect((await verify()).firstBroken).toMatchObject({ seq: next.seq, id: next.id, reason: 'link_broken' });
    });
  });

  it('names the gap left by a removed entry', async () => {
    const target = await quito();
    await tampered(target.id, [sql`delete from audit_log where id = ${target.id}`], async () => {
      expect((await verify()).firstBroken).toMatchObject({ seq: target.seq, id: null, reason: 'entry_missing' });
    });
  });

  it('names a removed last entry through the chain head', async () => {
    const last = (await entries()).at(-1)!;
    await tampered(last.id, [sql`delete from audit_log where id = ${last.id}`], async () => {
      expect((await verify()).firstBroken).toMatchObject({ seq: last.seq, id: null, reason: 'entry_missing' });
    });
  });

  it('names a row slipped in with the chain trigger off', async () => {
    const [inserted] = await asOwnerWithoutTriggers(
      sql`insert into audit_log (at, company_id, actor_type, actor_label, action, target_type, target_id, summary)
        values (now(), ${w.c1.id}, 'system', 'nobody', 'company.updated', 'company', ${String(w.c1.id)}, 'Forged') returning id`,
    );
    const id = Number(rowsOf<{ id: number }>(inserted)[0]!.id);
    expect((await verify()).firstBroken).toMatchObject({ id, reason: 'entry_outside_chain' });
    await asOwnerWithoutTriggers(sql`delete from audit_log where id = ${id}`);
  });

  it('keeps one unbroken chain when many changes are written at the same time', async () => {
    const before = (await entries()).length;
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => call(t, as.reseller_admin, 'PATCH', `/api/v1/companies/${i % 2 ? w.c1.id : w.c1b.id}`, { city: `Town ${i}` })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const rows = await entries();
    expect(rows.length).toBe(before + 24);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true, checked: rows.length });
  });

  it('is for distributor admins only', async () => {
    for (const role of ['distributor_operator', 'reseller_admin', 'customer_admin'] as const) {
      expect((await call(t, as[role], 'GET', '/api/v1/audit/verify')).status).toBe(403);
    }
  });
});
