import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, STACK_DEMO_PASSWORD, type Stack } from '@csphub/testing';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createApi, importCustomers, main, readRecords, writeCsv, IMPORT_COLUMNS, EXIT, type GdapRelationshipItem, type GdapTemplateItem } from '../src/index';

/**
 * `csphub customers import` against the real server and its embedded emulator, over HTTP with an
 * API token: a dry run that checks every row and changes nothing, a real run interrupted after a
 * company was created but before its answer arrived, a resume that creates no duplicate and starts
 * every good row's run once, the result file, and bad rows that never stop the good ones.
 */
// CI runs 12 rows (2 bad); `CSPHUB_CLI_IMPORT_ROWS=200` runs the full-size file (10 bad).
const ROWS = Number(process.env.CSPHUB_CLI_IMPORT_ROWS ?? 12);
const BAD_EMAIL = (i: number) => i % 40 === 2;
const BAD_PREFIX = (i: number) => i % 40 === 7;
const BAD = Array.from({ length: ROWS }, (_, i) => i).filter((i) => BAD_EMAIL(i) || BAD_PREFIX(i));
const GOOD = ROWS - BAD.length;

describe('csphub customers import', () => {
  let stack: Stack;
  let token: string;
  let connectionId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-cli-'));
  const file = path.join(dir, 'customers.csv');
  const tag = Date.now().toString(36);
  const io = (opts: { terminal?: boolean } = {}) => {
    let out = '';
    let err = '';
    return { io: { env: { CSPHUB_URL: stack.url, CSPHUB_TOKEN: token }, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s), isTTY: opts.terminal === true } }, out: () => out, err: () => err };
  };

  beforeAll(async () => {
    stack = await startStack({ env: { DATABASE_URL: '' } }); // its own embedded database: the CLI is under test, not the server's store
    const login = await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'distributor@demo.test', password: STACK_DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken, company } = (await login.json()) as { csrfToken: string; company: { id: number } };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const created = await fetch(`${stack.url}/api/v1/companies/${company.id}/api-tokens`, { method: 'POST', headers, body: JSON.stringify({ name: 'cli test', role: 'distributor_admin', expiresInDays: 1 }) });
    token = ((await created.json()) as { token: string }).token;
    const connections = (await (await fetch(`${stack.url}/api/v1/connections`, { headers })).json()) as { items: { id: string }[] };
    connectionId = connections.items[0]!.id;
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      ref: `r${i + 1}`,
      parentId: String(company.id),
      name: `CLI Import ${tag} ${i + 1}`,
      country: 'US',
      addressLine1: '1 Microsoft Way',
      city: 'Redmond',
      state: 'WA',
      postalCode: '98052',
      email: `it${i + 1}@cli-${tag}.example`,
      phone: '+1 425 555 0100',
      language: 'en',
      contactPerson: 'Pat Example',
      domainPrefix: `cli${tag}${i + 1}`,
      culture: 'en-US',
      connectionId,
      resellerPartnerId: '',
      mcaFirstName: 'Pat',
      mcaLastName: 'Example',
      mcaEmail: `pat${i + 1}@cli-${tag}.example`,
      mcaAcceptedAt: '2026-01-15',
    }));
    rows.forEach((row, i) => {
      if (BAD_EMAIL(i)) row.email = 'not-an-address'; // bad row: its field named
      if (BAD_PREFIX(i)) row.domainPrefix = 'has-dash'; // bad row: the prefix rule
    });
    fs.writeFileSync(file, writeCsv([...IMPORT_COLUMNS], rows));
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mine = async () => {
    const found = (await createApi({ url: stack.url, token }).get<{ matches: { id: number; name: string }[] }>(`/api/v1/companies/search?q=${encodeURIComponent(`CLI Import ${tag}`)}&limit=200`)).matches;
    return found.filter((m) => m.name.startsWith(`CLI Import ${tag} `));
  };

  it('dry run: checks every row, names the bad ones, changes nothing, exit code 1', async () => {
    const run = io();
    expect(await main(['customers', 'import', file, '--dry-run', '--json'], run.io)).toBe(EXIT.rowsFailed);
    const results = JSON.parse(run.out()) as { ref: string; status: string; field: string | null; reason: string | null }[];
    expect(results.filter((r) => r.status === 'would-create')).toHaveLength(GOOD);
    expect(results.filter((r) => r.status === 'failed').map((r) => [r.ref, r.field])).toEqual(BAD.map((i) => [`r${i + 1}`, BAD_EMAIL(i) ? 'email' : 'domainPrefix']));
    expect(await mine()).toEqual([]);
    expect(readRecords(fs.readFileSync(`${file}.result.csv`, 'utf8')).records).toHaveLength(ROWS);
  }, 120_000);

  it('an interruption after a company was created (its answer lost) resumes without a duplicate; every good row gets one run', async () => {
    let creates = 0;
    const dying = createApi({
      url: stack.url,
      token,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (String(input).endsWith('/api/v1/companies') && init?.method === 'POST' && ++creates === 5) throw new TypeError('connection reset');
        return res;
      },
    });
    await expect(importCustomers(dying, { file, dryRun: false })).rejects.toThrow(/connection reset/);
    expect(await mine()).toHaveLength(5);

    const run = io();
    expect(await main(['customers', 'import', file, '--json'], run.io)).toBe(EXIT.rowsFailed);
    const results = JSON.parse(run.out()) as { ref: string; status: string; companyId: number | null; runId: string | null }[];
    const good = results.filter((r) => r.status !== 'failed');
    expect(good, JSON.stringify(results)).toHaveLength(GOOD);
    expect(good.every((r) => r.companyId !== null && r.runId?.startsWith('provision-tenant:'))).toBe(true);
    expect(results.filter((r) => r.status === 'resumed').map((r) => r.ref)).toEqual(['r1', 'r2', 'r4', 'r5', 'r6']);
    const companies = await mine();
    expect(companies).toHaveLength(GOOD);
    expect(new Set(good.map((r) => r.companyId)).size).toBe(GOOD);

    // A third run repeats nothing.
    const again = io({ terminal: true });
    await main(['customers', 'import', file, '--json'], again.io);
    expect((JSON.parse(again.out()) as { status: string }[]).filter((r) => r.status === 'resumed')).toHaveLength(GOOD);
    expect(await mine()).toHaveLength(GOOD);
    // On a terminal, a progress bar on stderr ends at every row done.
    expect(again.err()).toContain(`] ${ROWS}/${ROWS}\n`);

    // The result file has each row's outcome and reason; runs list shows the run.
    const result = readRecords(fs.readFileSync(`${file}.result.csv`, 'utf8')).records;
    expect(result.find((r) => r.ref === 'r3')).toMatchObject({ status: 'failed', field: 'email' });
    const runs = io();
    expect(await main(['runs', 'list', String(good[0]!.companyId), '--json'], runs.io)).toBe(EXIT.ok);
    expect(JSON.parse(runs.out())[0]).toMatchObject({ kind: 'provision-tenant' });
    // A run that is not stopped cannot be retried: the API's refusal is exit code 3.
    const retry = io();
    expect(await main(['runs', 'retry', String(good[0]!.companyId), good[0]!.runId!], retry.io)).toBe(EXIT.api);
    expect(retry.err()).toMatch(/RUN_NOT_WAITING|NOT_FOUND/);
  }, 300_000);

  it('exports a cockpit list as CSV to a file', async () => {
    const out = path.join(dir, 'customers-export.csv');
    const run = io();
    expect(await main(['export', 'customers', '--out', out], run.io)).toBe(EXIT.ok);
    const { header, records } = readRecords(fs.readFileSync(out, 'utf8'));
    expect(header.length).toBeGreaterThan(1);
    expect(records.length).toBeGreaterThan(0);
    expect(await main(['export', 'no-such-list'], io().io)).toBe(EXIT.api);
  });

  describe('csphub gdap', () => {
    let wingtip: number;
    let templateId: number;
    /** The relationship `gdap request` asked for (approved and renewed, upgraded, terminated below). */
    let requested: GdapRelationshipItem;
    const gdapList = async () => {
      const run = io();
      expect(await main(['gdap', 'list', String(wingtip), '--json'], run.io)).toBe(EXIT.ok);
      return JSON.parse(run.out()) as GdapRelationshipItem[];
    };

    beforeAll(async () => {
      const api = createApi({ url: stack.url, token });
      wingtip = (await api.get<{ matches: { id: number; name: string }[] }>(`/api/v1/companies/search?q=Wingtip&limit=5`)).matches.find((m) => m.name.startsWith('Wingtip Toys'))!.id;
      const latam = (await api.get<{ items: { id: string; name: string }[] }>('/api/v1/connections')).items.find((c) => c.name.startsWith('Contoso LATAM'))!;
      // The template comes from `gdap templates`: the LATAM connection's default, the one Wingtip's tenant is linked through.
      const run = io();
      expect(await main(['gdap', 'templates', '--json'], run.io)).toBe(EXIT.ok);
      templateId = (JSON.parse(run.out()) as { id: number; connectionId: string; isDefault: boolean }[]).find((t) => t.connectionId === latam.id && t.isDefault)!.id;
      const text = io();
      expect(await main(['gdap', 'templates'], text.io)).toBe(EXIT.ok);
      expect(text.out()).toMatch(new RegExp(`^${templateId}\\s+Microsoft default\\s+1\\s`, 'm'));
    });

    it('requests a relationship from a template, prints its approval link, and list shows it pending approval', async () => {
      const before = io();
      expect(await main(['gdap', 'list', String(wingtip), '--json'], before.io)).toBe(EXIT.ok);
      const earlier = (JSON.parse(before.out()) as { id: number }[]).map((r) => r.id);

      const request = io();
      expect(await main(['gdap', 'request', String(wingtip), '--template', String(templateId)], request.io), request.err()).toBe(EXIT.ok);
      expect(request.out()).toMatch(/^Approval link \(the customer's Global Administrator opens it\): https?:\/\/\S+$/m);
      const link = /: (https?:\/\/\S+)$/m.exec(request.out())![1];

      const after = io();
      expect(await main(['gdap', 'list', String(wingtip), '--json'], after.io)).toBe(EXIT.ok);
      const added = (JSON.parse(after.out()) as { id: number; state: string; approvalUrl: string | null; template: { id: number } | null; roles: unknown[] }[]).filter((r) => !earlier.includes(r.id));
      expect(added).toEqual([expect.objectContaining({ state: 'approval_pending', approvalUrl: link, template: expect.objectContaining({ id: templateId }) })]);
      requested = added[0] as unknown as GdapRelationshipItem;
      const table = io();
      expect(await main(['gdap', 'list', String(wingtip)], table.io)).toBe(EXIT.ok);
      expect(table.out().split('\n')[0]).toMatch(/^id\s+name\s+state\s+roles\s+ends\s+auto-extend\s+template$/);
      expect(table.out()).toMatch(new RegExp(`^${added[0]!.id}\\s+\\S+\\s+approval_pending\\s+${added[0]!.roles.length}\\s+-\\s+(yes|no)\\s+Microsoft default v1$`, 'm'));

      // The same template again while one is pending: the API's refusal, exit code 3.
      const twice = io();
      expect(await main(['gdap', 'request', String(wingtip), '--template', String(templateId)], twice.io)).toBe(EXIT.api);
      expect(twice.err()).toMatch(/^CONFLICT: .*\n {2}templateId: already requested/);
    }, 120_000);

    it('renews the approved relationship (a new request from its template, approval link printed); one not from a template, or not active, is refused (exit code 3)', async () => {
      // The customer approves; the cockpit's "Read GDAP from Microsoft" brings the row to active (and Wingtip's other relationships in).
      const control = createEmulatorControl(stack.emulatorUrl);
      await control.updateSettings({ gdapActivationDelaySeconds: 0 });
      await control.approveGdap(requested.relationshipId!);
      await createApi({ url: stack.url, token }).post('/api/v1/cockpit/gdap/refresh');
      const active = (await gdapList()).find((r) => r.id === requested.id)!;
      expect(active.state).toBe('active');

      const renew = io();
      expect(await main(['gdap', 'renew', String(wingtip), String(active.id)], renew.io), renew.err()).toBe(EXIT.ok);
      expect(renew.out()).toMatch(new RegExp(`^Renewal requested: \\S+ \\(approval_pending, run request-gdap:\\d+\\); relationship ${active.id} stays until it ends\\.$`, 'm'));
      expect(renew.out()).toMatch(/^Approval link \(the customer's Global Administrator opens it\): https?:\/\/\S+$/m);
      const after = await gdapList();
      const renewal = after.find((r) => r.id === Number(/run request-gdap:(\d+)/.exec(renew.out())![1]))!;
      expect(renewal).toMatchObject({ state: 'approval_pending', template: { id: templateId } });
      expect(after.find((r) => r.id === active.id)!.state).toBe('active');

      // A relationship CSP Hub did not request from a template (read from Microsoft), and one still pending approval.
      const foreign = after.find((r) => r.displayName === 'Wingtip helpdesk')!;
      const refused = io();
      expect(await main(['gdap', 'renew', String(wingtip), String(foreign.id), '--json'], refused.io)).toBe(EXIT.api);
      expect(refused.err()).toMatch(/^CONFLICT: This relationship was not requested from a template/);
      expect(refused.out()).toBe('');
      const pending = io();
      expect(await main(['gdap', 'renew', String(wingtip), String(renewal.id)], pending.io)).toBe(EXIT.api);
      expect(pending.err()).toMatch(/^CONFLICT: Only an active or expiring relationship can be renewed; this one is approval pending\./);
      const missing = io();
      expect(await main(['gdap', 'renew', String(wingtip), '99999999'], missing.io)).toBe(EXIT.api);
      expect(missing.err()).toMatch(/^NOT_FOUND: The company has no GDAP relationship 99999999\./);
    }, 120_000);

    it('upgrades to another template version: --dry-run shows the roles removed and changes nothing, then the upgrade is requested', async () => {
      const api = createApi({ url: stack.url, token });
      const v1 = (await api.get<{ items: GdapTemplateItem[] }>('/api/v1/gdap/templates')).items.find((t) => t.id === templateId)!;
      const dropped = v1.roles.at(-1)!;
      const v2 = await api.post<GdapTemplateItem>(`/api/v1/gdap/templates/${templateId}/versions`, { roleIds: v1.roles.slice(0, -1).map((r) => r.id), durationDays: 365, autoExtend: false });
      const before = await gdapList();

      const preview = io();
      expect(await main(['gdap', 'upgrade', String(wingtip), String(requested.id), '--template', String(v2.id), '--dry-run', '--json'], preview.io), preview.err()).toBe(EXIT.ok);
      expect(JSON.parse(preview.out())).toMatchObject({ template: { id: v2.id, version: 2 }, added: [], removed: [{ id: dropped.id, name: dropped.name }], durationDays: { from: v1.durationDays, to: 365 } });
      const text = io();
      expect(await main(['gdap', 'upgrade', String(wingtip), String(requested.id), '--template', String(v2.id), '--dry-run'], text.io)).toBe(EXIT.ok);
      expect(text.out()).toMatch(new RegExp(`^roles removed\\s+1\\s+${dropped.name}$`, 'm'));
      expect(text.out()).toMatch(new RegExp(`^days\\s+${v1.durationDays} -> 365$`, 'm'));
      expect((await gdapList()).map((r) => r.id)).toEqual(before.map((r) => r.id));

      const upgrade = io();
      expect(await main(['gdap', 'upgrade', String(wingtip), String(requested.id), '--template', String(v2.id), '--json'], upgrade.io), upgrade.err()).toBe(EXIT.ok);
      const started = JSON.parse(upgrade.out()) as { relationship: GdapRelationshipItem; runId: string };
      expect(started.runId).toBe(`request-gdap:${started.relationship.id}`);
      expect(started.relationship).toMatchObject({ state: 'approval_pending', template: { id: v2.id, version: 2 }, approvalUrl: expect.stringMatching(/^https?:\/\//) });
      expect(started.relationship.roles.map((r) => r.id)).not.toContain(dropped.id);

      // To the version it already has: refused naming the field; without --template: usage.
      const same = io();
      expect(await main(['gdap', 'upgrade', String(wingtip), String(requested.id), '--template', String(templateId)], same.io)).toBe(EXIT.api);
      expect(same.err()).toMatch(/^CONFLICT: The relationship already uses this template version.*\n {2}templateId: is the current template/);
      const bare = io();
      expect(await main(['gdap', 'upgrade', String(wingtip), String(requested.id)], bare.io)).toBe(EXIT.usage);
      expect(bare.err()).toMatch(/^--template takes the id of the template version to upgrade to/);
    }, 120_000);

    it('terminates only with --yes; a relationship already terminating is refused (exit code 3)', async () => {
      const unconfirmed = io();
      expect(await main(['gdap', 'terminate', String(wingtip), String(requested.id)], unconfirmed.io)).toBe(EXIT.usage);
      expect(unconfirmed.err()).toMatch(/^Terminating cannot be undone .*; add --yes\./);
      expect((await gdapList()).find((r) => r.id === requested.id)!.state).toBe('active');

      const run = io();
      expect(await main(['gdap', 'terminate', String(wingtip), String(requested.id), '--yes', '--json'], run.io), run.err()).toBe(EXIT.ok);
      expect(JSON.parse(run.out())).toMatchObject({ relationship: { id: requested.id, state: 'terminating', status: 'terminationRequested' } });
      expect((await gdapList()).find((r) => r.id === requested.id)!.state).toBe('terminating');

      const again = io();
      expect(await main(['gdap', 'terminate', String(wingtip), String(requested.id), '--yes'], again.io)).toBe(EXIT.api);
      expect(again.err()).toMatch(/^CONFLICT: Only an active or expiring relationship can be terminated; this one is terminating\./);
    }, 60_000);

    it('a template that does not exist is refused with the field named (exit code 3)', async () => {
      const run = io();
      expect(await main(['gdap', 'request', String(wingtip), '--template', '999999'], run.io)).toBe(EXIT.api);
      expect(run.err()).toMatch(/^NOT_FOUND: There is no GDAP template 999999.*\n {2}templateId: /);
      expect(run.out()).toBe('');
    });

    it('a request without a template, or a company id that is not a number, is a usage error (exit code 2)', async () => {
      for (const argv of [
        ['gdap', 'request', String(wingtip)],
        ['gdap', 'request', String(wingtip), '--template', 'default'],
        ['gdap', 'list', 'wingtip'],
        ['gdap'],
        ['gdap', 'renew', String(wingtip)],
        ['gdap', 'terminate', String(wingtip), 'first', '--yes'],
        ['gdap', 'upgrade', String(wingtip), '1', '--template', 'v2'],
        ['gdap', 'request', String(wingtip), '--template', '1', '--wait', 'soon'],
        ['gdap', 'extend', String(wingtip), '1'],
      ]) {
        const run = io();
        expect(await main(argv, run.io), argv.join(' ')).toBe(EXIT.usage);
        expect(run.err()).toContain('gdap request <companyId> --template <templateId>');
        expect(run.err()).toContain('gdap terminate <companyId> <gdapId> --yes');
        expect(run.out()).toBe('');
      }
    });
  });

  it('says how to give the server and token, and refuses an unknown command (exit code 2)', async () => {
    const run = io();
    expect(await main(['customers', 'import', file], { ...run.io, env: {} })).toBe(EXIT.usage);
    expect(run.err()).toContain('CSPHUB_TOKEN');
    expect(await main(['nothing'], run.io)).toBe(EXIT.usage);
  });
});
