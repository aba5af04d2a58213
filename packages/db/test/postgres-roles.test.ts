import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createAuditLogRepo, migrationsFolder, openDatabase, verifyAuditChain, type OpenDatabase } from '@csphub/db';

const url = process.env.DATABASE_URL;
const grantsFile = path.resolve(migrationsFolder, '../postgres/grant-app-role.sql');

/**
 * The two-role set-up of docs/DEPLOYMENT-POSTGRESQL.md on a throwaway database: an owner role runs
 * the migrations and owns the tables and triggers; the application role reads and writes rows and
 * appends audit entries, but can neither turn the audit log's triggers off nor change or remove an
 * entry, nor move the chain head.
 */
describe.skipIf(!url)('PostgreSQL owner and application roles', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `csphub_owner_${suffix}`;
  const appRole = `csphub_app_${suffix}`;
  const dbName = `csphub_roles_${suffix}`;
  const urlAs = (role: string) => {
    const u = new URL(url!);
    u.username = role;
    u.password = '';
    u.pathname = `/${dbName}`;
    return u.toString();
  };
  let superuser: pg.Client;
  let app: OpenDatabase;
  let appClient: pg.Client;

  beforeAll(async () => {
    superuser = new pg.Client({ connectionString: url });
    await superuser.connect();
    await superuser.query(`create role ${owner} login`);
    await superuser.query(`create role ${appRole} login`);
    await superuser.query(`create database ${dbName} owner ${owner}`);

    const migrated = await openDatabase({ kind: 'postgres', url: urlAs(owner) });
    await migrated.close();
    const ownerClient = new pg.Client({ connectionString: urlAs(owner) });
    await ownerClient.connect();
    await ownerClient.query(fs.readFileSync(grantsFile, 'utf8').replaceAll('csphub_app', appRole).replaceAll('csphub_owner', owner));
    await ownerClient.query(`insert into companies (kind, path, name) values ('distributor', '/100001/', 'Distributor')`);
    await ownerClient.end();

    app = await openDatabase({ kind: 'postgres', url: urlAs(appRole) });
    appClient = new pg.Client({ connectionString: urlAs(appRole) });
    await appClient.connect();
  });
  afterAll(async () => {
    await appClient?.end();
    await app?.close();
    await superuser.query(`drop database if exists ${dbName} with (force)`);
    await superuser.query(`drop role if exists ${appRole}`);
    await superuser.query(`drop role if exists ${owner}`);
    await superuser.end();
  });

  it('lets the application open the migrated database, append chained audit entries and verify them', async () => {
    const audit = createAuditLogRepo(app.db);
    for (const n of [1, 2, 3]) {
      await audit.append({ at: new Date(), companyId: 100001, actor: { type: 'system', id: null, label: 'roles test' }, action: 'company.updated', targetType: 'company', targetId: 100001, summary: `Change ${n}` });
    }
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true, checked: 3, head: { seq: 3 } });
  });

  it.each([
    ['disable one trigger', 'alter table audit_log disable trigger audit_log_no_update_delete', /must be owner/],
    ['disable every trigger', 'alter table audit_log disable trigger all', /must be owner/],
    ['disable the chain trigger', 'alter table audit_log disable trigger audit_log_chain', /must be owner/],
    ['drop a trigger', 'drop trigger audit_log_no_update_delete on audit_log', /must be owner/],
    ['replace the hash function', "create or replace function audit_log_entry_hash(e audit_log) returns text language sql as $$ select e.hash $$", /must be owner|permission denied/],
    ['change an entry', "update audit_log set summary = 'Nothing happened' where seq = 1", /permission denied/],
    ['remove an entry', 'delete from audit_log where seq = 1', /permission denied/],
    ['empty the log', 'truncate audit_log', /permission denied/],
    ['move the chain head', 'update audit_chain_head set seq = 0', /permission denied/],
    ['stop replication-role triggers', "set session_replication_role = 'replica'", /permission denied/],
  ])('refuses the application role to %s', async (_what, statement, refusal) => {
    await expect(appClient.query(statement)).rejects.toThrow(refusal);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });
});
