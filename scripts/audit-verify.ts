/**
 * `npm run audit:verify [-- --json]`: checks the audit log's hash chain and prints the first broken
 * entry (docs/CHANNEL-AND-ACCOUNTS.md, "Audit log"). Exit code 0 intact, 1 broken, 2 could not run.
 */
import { runAuditVerify } from '../apps/server/src/audit/audit-verify-command';

const code = await runAuditVerify(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
