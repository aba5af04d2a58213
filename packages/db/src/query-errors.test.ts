import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DrizzleQueryError } from 'drizzle-orm';
import { scrubQueryError } from './query-errors';

const secret = fc.string({ minLength: 8 }).map((s) => `S3cr3t-${s}`);

describe('scrubQueryError', () => {
  it('leaves no bound parameter in the message, the stack or the properties, and keeps the statement', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), (params) => {
        const e = scrubQueryError(new DrizzleQueryError('insert into "users" ("email", "password_hash") values ($1, $2)', params, new Error('boom')));
        const all = `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
        for (const p of params) expect(all).not.toContain(p);
        expect(e.message).toBe('Failed query: insert into "users" ("email", "password_hash") values ($1, $2)');
      }),
    );
  });

  it('removes the values PostgreSQL quotes in a detail or a data exception, and keeps the column names', () => {
    fc.assert(
      fc.property(secret, (value) => {
        const unique = scrubQueryError(Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), { code: '23505', detail: `Key (email)=(${value}) already exists.` }));
        expect(unique.detail).toBe('Key (email)=(…) already exists.');
        const row = scrubQueryError(Object.assign(new Error('new row violates check constraint'), { code: '23514', detail: `Failing row contains (1, ${value}, null).` }));
        expect(row.detail).not.toContain(value);
        const typed = scrubQueryError(Object.assign(new Error(`invalid input syntax for type uuid: "${value}"`), { code: '22P02' }));
        expect(typed.message).toBe('invalid input syntax for type uuid: "…"');
        expect(typed.stack).not.toContain(value);
      }),
    );
  });
});
