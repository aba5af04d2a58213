import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createUsersRepo } from '@csphub/db';
import type { Role } from '@csphub/domain';
import { createLogger } from '../src/logger';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, seedWorld, type Caller, type World } from './channel-world';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A failed SQL statement is logged without its bound parameters and without the row values the
 * database quotes back: an argon2 hash or an e-mail address must not reach the log
 * (docs/ARCHITECTURE.md, "Failed SQL statements").
 */
describe(`failed SQL statements in the log (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const lines: string[] = [];
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await createTestApp({}, { logger: createLogger('info', destination) });
    w = await seedWorld(t);
    as = await callersOf(t, w);
    // A rule the application does not know about makes the insert of this one person fail in the database.
    await t.database.db.execute(sql`alter table users add constraint users_no_refused_domain check (email not like '%@refused.example')`);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('logs the failed insert of a person without its password hash or e-mail address', async () => {
    const email = `maria.lopez.${Date.now()}@refused.example`;
    const res = await call(t, as.customer_admin, 'POST', `/api/v1/companies/${w.c1.id}/users`, { email, name: 'María López', role: 'billing_reader', password: 'a-long-enough-password' });
    expect(res.status).toBe(500);
    const body = await res.text();
    const log = lines.join('');
    expect(log).toContain('unexpected error');
    expect(log).toContain('users_no_refused_domain');
    for (const leaked of ['$argon2', email, 'María López']) {
      expect(log, `the log holds ${leaked}`).not.toContain(leaked);
      expect(body).not.toContain(leaked);
    }
  });

  it('throws errors that carry neither the parameters nor the quoted row, for any caller', async () => {
    const users = createUsersRepo(t.database.db);
    const secretHash = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$c2VjcmV0LWhhc2gtdmFsdWU';
    const error = await users.create({ companyId: w.c1.id, email: 'someone@refused.example', name: 'Someone', passwordHash: secretHash, role: 'billing_reader', now: new Date() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const everything = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack) + JSON.stringify((error as { cause?: unknown }).cause ?? null, Object.getOwnPropertyNames((error as { cause?: object }).cause ?? {}));
    expect(everything).toContain('users_no_refused_domain');
    expect(everything).not.toContain(secretHash);
    expect(everything).not.toContain('someone@refused.example');
  });
});
