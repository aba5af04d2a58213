/**
 * `npm run db:migrate`: applies the database migrations and exits, without serving. On PostgreSQL
 * with two roles, run it with the owner role's DATABASE_URL (docs/DEPLOYMENT-POSTGRESQL.md).
 */
import { ConfigError, loadConfig } from '@csphub/config';
import { openDatabase } from '@csphub/db';

try {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database);
  await database.close();
  process.stdout.write(`Database migrated (${config.database.kind === 'postgres' ? 'PostgreSQL, DATABASE_URL' : config.database.dataDir}).\n`);
} catch (e) {
  process.stderr.write(`csphub db:migrate: ${e instanceof ConfigError ? `invalid configuration: ${e.message}` : (e as Error).message}\n`);
  process.exit(1);
}
