import { ConfigError, loadConfig } from '@csphub/config';
import { DataDirLockedError, openDatabase, verifyAuditChain, type AuditChainReport } from '@csphub/db';

/** Where the command writes: standard output and standard error, or a test's buffers. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The report as the lines a person reads. */
export function describeAuditChainReport(report: AuditChainReport): string[] {
  const lines = [`Audit chain: ${report.checked} entr${report.checked === 1 ? 'y' : 'ies'} checked; head at sequence ${report.head.seq}, hash ${report.head.hash}`];
  if (report.firstBroken) {
    const b = report.firstBroken;
    lines.push(`BROKEN at sequence ${b.seq}${b.id === null ? ' (entry missing)' : ` (audit entry ${b.id})`}: ${b.reason}`, b.message);
  } else {
    lines.push('OK: every entry up to the head is intact.');
  }
  return lines;
}

/**
 * `npm run audit:verify`: checks the audit chain of the database the server would open
 * (DATABASE_URL, or the embedded database in the data folder, which must not be in use by a running
 * server) and exits 0 when it is intact, 1 when it is broken (the first broken entry is printed),
 * 2 when it could not run. `--json` prints the report as JSON.
 */
export async function runAuditVerify(argv: readonly string[], env: Record<string, string | undefined>, io: CommandOutput): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`csphub audit:verify: invalid configuration: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let database;
  try {
    database = await openDatabase(config.database);
  } catch (e) {
    const reason = e instanceof DataDirLockedError ? e.message : `cannot open the database: ${e instanceof Error ? e.message : String(e)}`;
    io.err(`csphub audit:verify: ${reason}`);
    return 2;
  }
  try {
    const report = await verifyAuditChain(database.db);
    if (argv.includes('--json')) io.out(JSON.stringify(report));
    else for (const line of describeAuditChainReport(report)) io.out(line);
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}
