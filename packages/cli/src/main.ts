import fs from 'node:fs';
import { ApiCallError, createApi } from './api';
import { importCustomers, type RowResult } from './customers-import';
import { writeCsv } from './csv';
import { gdapCommand } from './gdap-command';

/** Exit codes for scripts (docs/CLI.md). */
export const EXIT = { ok: 0, rowsFailed: 1, usage: 2, api: 3 } as const;

const USAGE = `Usage: csphub <command> [options]

  customers import <file.csv> [--dry-run] [--result <file.csv>]
      Create the companies of the CSV and start their new-tenant runs (docs/CLI.md for the columns).
      --dry-run checks every row (fields, prefix availability, Partner ID) and changes nothing.
      Re-running the same file resumes: rows already done are not repeated.
  runs list <companyId>      The company's provisioning runs.
  runs retry <companyId> <runId>
                             Retry a stopped new-tenant run (not synced, or needs attention).
  export <list> [--filter <filter>] [--out <file.csv>]
                             A cockpit list as CSV (customers, gdap, authorizations, mca, resellers, orders).
  gdap list <companyId>      The company's GDAP relationships (state, roles, end date, auto-extend).
  gdap templates             The GDAP templates (every version; the id is what --template takes).
  gdap request <companyId> --template <templateId> [--email] [--wait <seconds>]
                             Request a relationship from a template and print its approval link
                             (waits up to 60 seconds for it; --email also e-mails it to the company).
  gdap renew <companyId> <gdapId> [--email] [--wait <seconds>]
                             Renew an active or expiring relationship: a new request from its template
                             (the current one stays until it ends); prints the new approval link.
  gdap upgrade <companyId> <gdapId> --template <templateId> [--dry-run] [--email] [--wait <seconds>]
                             Re-request the relationship from another template version; --dry-run
                             prints the roles added, removed and kept, and changes nothing.
  gdap terminate <companyId> <gdapId> --yes
                             Ask Microsoft to end an active relationship (cannot be undone).

Options: --url <CSP Hub URL> (or CSPHUB_URL), --token <csph_… API token> (or CSPHUB_TOKEN), --json.
Exit codes: 0 all rows done, 1 some rows failed (see the result file), 2 usage, 3 the API refused or was unreachable.`;

interface Io {
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) positional.push(a);
    else if (['--dry-run', '--json', '--help', '--email', '--yes'].includes(a)) flags[a.slice(2)] = true;
    else flags[a.slice(2)] = argv[++i] ?? '';
  }
  return { positional, flags };
}

/** A progress bar on stderr (a terminal only; scripts get none). */
function progressBar(io: Io) {
  return (done: number, total: number) => {
    if (!io.stderr.isTTY) return;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    io.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [group, command, arg] = positional;
  if (flags.help || !group) {
    io.stdout.write(USAGE + '\n');
    return flags.help ? EXIT.ok : EXIT.usage;
  }
  const url = typeof flags.url === 'string' ? flags.url : io.env.CSPHUB_URL;
  const token = typeof flags.token === 'string' ? flags.token : io.env.CSPHUB_TOKEN;
  if (!url || !token) {
    io.stderr.write('Give the server and an API token: --url and --token, or CSPHUB_URL and CSPHUB_TOKEN.\n');
    return EXIT.usage;
  }
  const api = createApi({ url, token });
  try {
    if (group === 'customers' && command === 'import' && arg) {
      const results = await importCustomers(api, { file: arg, dryRun: flags['dry-run'] === true, resultFile: typeof flags.result === 'string' ? flags.result : undefined, onProgress: progressBar(io) });
      report(io, results, flags.json === true);
      return results.some((r) => r.status === 'failed') ? EXIT.rowsFailed : EXIT.ok;
    }
    if (group === 'runs' && command === 'list' && arg && /^\d+$/.test(arg)) {
      const runs = await api.get<{ items: Record<string, unknown>[] }>(`/api/v1/companies/${arg}/onboarding/runs`);
      if (flags.json === true) io.stdout.write(JSON.stringify(runs.items, null, 2) + '\n');
      else io.stdout.write(writeCsv(['id', 'kind', 'status', 'startedAt', 'updatedAt'], runs.items as Record<string, string>[]));
      return EXIT.ok;
    }
    if (group === 'runs' && command === 'retry' && arg && /^\d+$/.test(arg) && positional[3]) {
      const answer = await api.post<Record<string, unknown>>(`/api/v1/companies/${arg}/onboarding/runs/${encodeURIComponent(positional[3])}/retry`);
      io.stdout.write(flags.json === true ? JSON.stringify(answer, null, 2) + '\n' : `Retried ${positional[3]}.\n`);
      return EXIT.ok;
    }
    if (group === 'gdap') {
      const json = flags.json === true;
      const done = await gdapCommand(api, positional, flags, { out: (value, text) => io.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : text) });
      if ('exit' in done) return done.exit;
      io.stderr.write(`${done.usage}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (group === 'export' && command) {
      const q = typeof flags.filter === 'string' ? `?${new URLSearchParams({ filter: flags.filter })}` : '';
      const csv = await api.getText(`/api/v1/cockpit/lists/${encodeURIComponent(command)}/export${q}`);
      if (typeof flags.out === 'string') fs.writeFileSync(flags.out, csv);
      else io.stdout.write(csv);
      return EXIT.ok;
    }
  } catch (e) {
    if (e instanceof ApiCallError) {
      io.stderr.write(`${e.code}: ${e.message}\n${e.errors.map((x) => `  ${x.field ?? '-'}: ${x.message}\n`).join('')}`);
      return EXIT.api;
    }
    if (e instanceof Error && /ENOENT|Unknown column/.test(e.message)) {
      io.stderr.write(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  io.stderr.write(USAGE + '\n');
  return EXIT.usage;
}

function report(io: Io, results: RowResult[], json: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return;
  }
  const line = (r: RowResult) => `${String(r.row).padStart(5)}  ${r.ref.padEnd(16)}  ${r.status.padEnd(12)}  ${r.companyId ?? ''}${r.field ? `  ${r.field}: ${r.reason}` : ''}`;
  io.stdout.write(['  row  ref               status        company / problem', ...results.map(line)].join('\n') + '\n');
  const count = (s: RowResult['status']) => results.filter((r) => r.status === s).length;
  io.stdout.write(`${results.length} rows: ${count('would-create')} would be created, ${count('created')} created, ${count('resumed')} resumed, ${count('failed')} failed.\n`);
}
