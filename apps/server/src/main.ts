/**
 * The server process: reads the configuration, opens the database (taking the data folder's lock),
 * starts the embedded Partner Center emulator, seeds demo data and serves the API and the web app.
 * Every start-up failure ends with one line that says what to fix.
 */
import { createWebhookDispatcher } from './webhooks/webhook-dispatcher';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { ConfigError, isLoopbackHost, loadConfig } from '@csphub/config';
import { DataDirLockedError, createRepos, createSecretBox, openDatabase } from '@csphub/db';
import { createApp } from './create-app';
import { launchWorkflows } from './workflows/launch-workflows';
import { wireWorkflows } from './workflows/wiring';
import { createServerAdapters, emulatorUrlOf } from './app/composition';
import { systemClock } from './clock';
import { readPolicy } from './channel/policy';
import { createLogger } from './logger';
import { startEmbeddedEmulator } from './embedded-emulator';
import { loadOrCreateSecretKey } from './security/secret-key';
import { restrictDataDir } from './security/data-dir-permissions';
import { prepareFirstStart } from './demo/first-start';
import { demoPasswordFor } from './demo/demo-password';
import { activeDemoUsers } from './demo/demo-seed';

const here = path.dirname(fileURLToPath(import.meta.url));
const version = (JSON.parse(fs.readFileSync(path.join(here, '../package.json'), 'utf8')) as { version: string }).version;

function fail(message: string): never {
  process.stderr.write(`csphub: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) fail(`invalid configuration: ${e.message}`);
  throw e;
}

const logger = createLogger(config.logLevel);
// Everything this process writes (PGlite's files, the workflow journal, the emulator's state) is
// its owner's only; restrictDataDir corrects what older versions left readable to others.
process.umask(0o077);
try {
  restrictDataDir(config.dataDir);
} catch (e) {
  fail(`cannot make the data folder ${config.dataDir} (CSPHUB_DATA_DIR) private to its owner: ${(e as Error).message}`);
}

let database;
try {
  database = await openDatabase(config.database);
} catch (e) {
  if (e instanceof DataDirLockedError) fail(e.message);
  const reason = e instanceof Error ? e.message : String(e);
  if (config.database.kind === 'postgres') {
    fail(`cannot open the database at DATABASE_URL (${redactUrl(config.database.url)}): ${reason}`);
  }
  fail(`cannot open the embedded database in ${config.database.dataDir}: ${reason}`);
}

let secretKey: Buffer;
try {
  secretKey = loadOrCreateSecretKey({ configured: config.secretKey, dataDir: config.dataDir }).key;
} catch (e) {
  fail(`cannot read the secret key: ${(e as Error).message}`);
}

const emulator =
  config.emulator.mode === 'embedded'
    ? await startEmbeddedEmulator({ port: config.emulator.port, dataDir: config.dataDir, secretKey, log: (message) => logger.warn({ emulator: true }, message) }).catch((e: unknown) =>
        fail(`cannot start the embedded Partner Center emulator on port ${config.emulator.port} (CSPHUB_EMULATOR_PORT): ${(e as Error).message}`),
      )
    : undefined;
// Demo users left from an earlier demo start are demo data too: not on the network unless asked for.
if (!config.demo && !config.demoOnNetwork && !isLoopbackHost(config.host)) {
  const present = await activeDemoUsers(createRepos(database.db, createSecretBox(secretKey)));
  if (present.length > 0) {
    fail(
      `this database still has active demo users (${present.join(', ')}) and HOST (${config.host}) listens beyond this machine: ` +
        'disable them on the Security tab (started on 127.0.0.1), or set CSPHUB_DEMO_ON_NETWORK=1 to show the demo on purpose',
    );
  }
}
const demoPassword = demoPasswordFor({ configured: config.demoPassword, secretKey });
const firstStart = await prepareFirstStart({ db: database.db, box: createSecretBox(secretKey), demo: config.demo, demoPassword, demoScale: config.demoScale, now: new Date() }).catch((e: unknown) =>
  fail(`cannot prepare the database (demo data or first admin): ${(e as Error).message}`),
);

// The process's adapters, once: one limiter registry for the process, so the wizard, the runs and
// the reads share each partner's budget and bounded queue.
const box = createSecretBox(secretKey);
const adapters = createServerAdapters({ config, db: database.db, box, emulatorUrl: emulatorUrlOf(config, emulator) });
// Durable runs: the three workflows wired to those adapters, one DBOS runtime for the process,
// launched before the API serves (pending runs resume).
const wired = wireWorkflows({ db: database.db, box, clients: adapters.clients, partnerCenterFor: adapters.partnerCenterFor, notifier: adapters.notifier, policy: () => readPolicy(createRepos(database!.db, box)) });
const workflows = await launchWorkflows({ config, db: database.db, logger, workerId: config.workerId, workflows: wired.definitions, schedules: wired.schedules, housekeeping: wired.housekeeping }).catch((e: unknown) =>
  fail(`cannot start the workflow runtime (durable provisioning runs): ${(e as Error).message}`),
);

// PGlite writes a few files with a fixed mode whatever the umask (pg_internal.init, 0644): correct
// them once both databases are open, and again when the process stops.
restrictDataDir(config.dataDir);

const webDist = path.resolve(here, '../../web/dist');
const app = createApp(config, {
  database,
  logger,
  version,
  emulator,
  secretKey,
  clock: systemClock,
  adapters,
  runs: wired.starters(workflows.runtime),
  every: { pendingAuthorizationsMs: 30_000, subscriptionNoticesMs: 3_600_000, resellerRevalidationMs: 86_400_000, gdapChecksMs: 600_000, importIntentsMs: 60_000, mcaVersionsMs: 3_600_000, transferChecksMs: 600_000 },
  webDist: fs.existsSync(path.join(webDist, 'index.html')) ? webDist : undefined,
});

// Outbound webhooks: the dispatcher reads the event outbox and the due deliveries every 2 s.
const stopWebhooks = createWebhookDispatcher({ db: database.db, box, clock: systemClock, policy: config.webhooks, notifier: adapters.notifier, publicUrl: config.publicUrl, logger }).start(2_000);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
server.once('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE') fail(`port ${config.port} is already in use; set PORT to a free port.`);
  fail(`cannot listen on ${config.host}:${config.port}: ${e.message}`);
});
server.once('listening', () => {
  const lines = [
    '',
    `  CSP Hub ${version} is running`,
    `  Open          ${config.publicUrl}`,
    `  Database      ${config.database.kind === 'pglite' ? `embedded (${config.database.dataDir})` : 'PostgreSQL (DATABASE_URL)'}`,
    `  Emulator      ${emulator ? `${emulator.url} (Partner Center and Graph GDAP, embedded)` : 'off'}`,
    `  API           ${config.publicUrl}/api/openapi.json`,
    ...firstStart,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.close();
  stopWebhooks();
  await workflows.shutdown();
  await emulator?.close().catch(() => undefined);
  await database!.close().catch(() => undefined);
  try {
    restrictDataDir(config!.dataDir);
  } catch {
    /* best effort on the way out; the next start corrects it */
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable)';
  }
}
