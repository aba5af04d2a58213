import path from 'node:path';
import { EnvSchema } from './config.schema';

/** Where outgoing mail goes: an SMTP server, or the local outbox in the database. */
export type MailConfig = { transport: 'smtp'; url: string; from: string } | { transport: 'outbox'; from: string };

/** The one configuration object every app is built from. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  emulator: { mode: 'embedded' | 'off'; port: number };
  demo: boolean;
  /**
   * The demo users' password when `CSPHUB_DEMO_PASSWORD` fixes it (tests, recorded demos);
   * undefined: one derived from the data folder's secret key, printed at start, never stored.
   */
  demoPassword: string | undefined;
  /** `CSPHUB_DEMO_ON_NETWORK`: demo users may be reached from other machines (off: refused on a non-loopback host). */
  demoOnNetwork: boolean;
  /** `CSPHUB_DEMO_SCALE`: extra generated resellers and customers in the demo channel (0: none), to try the product at a large channel's size. */
  demoScale: number;
  /** Base64 key for secrets at rest; undefined means "generate one into the data folder". */
  secretKey: string | undefined;
  /**
   * Take the client address from X-Forwarded-For (behind a reverse proxy). Off by default: the
   * sign-in rate limit per address must not trust a header any client can set.
   */
  trustProxy: boolean;
  /** The durable-workflow executor id of this process; undefined: one kept in the data folder. */
  workerId: string | undefined;
  /**
   * PostgreSQL mode with several workers (docs/decisions/0006): every worker records a heartbeat
   * each `heartbeatMs`; one silent for longer than `graceMs` is presumed dead and a live worker
   * takes over its pending runs. Unused with the embedded database (one process).
   */
  workerSweeper: { heartbeatMs: number; graceMs: number };
  /**
   * Partner Center calls of one partner tenant that may wait for its rate limit at once
   * (docs/ARCHITECTURE.md, "Partner Center calls: priority, bound, cancellation"); past it a read
   * is refused with 503 and Retry-After.
   */
  partnerCenter: { maxQueued: number };
  /**
   * How long the runs of the customer sync's schedule are kept once they succeeded (its slot runs
   * and per-connection passes, every minute by default): older ones are deleted from the workflow
   * journal and the timeline (docs/WORKFLOWS.md, "Keeping the journal small"). Other runs are kept.
   */
  syncRunRetentionMs: number;
  /**
   * API requests this process works on at once (`maxConcurrent`) and that may wait for a turn
   * (`maxQueued`); past both a request is answered 503 SERVER_BUSY with Retry-After at once, rather
   * than queueing for seconds behind the others (docs/CONFIGURATION.md).
   */
  requests: { maxConcurrent: number; maxQueued: number };
  mail: MailConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  production: boolean;
  /**
   * Outbound webhooks (docs/WEBHOOKS.md): targets are https only, except a loopback address outside
   * production (`allowLoopback`, off when NODE_ENV=production); a private, link-local or loopback
   * address is refused unless `CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS` allows it (a receiver on the
   * company's own network).
   */
  webhooks: { allowLoopback: boolean; allowPrivateTargets: boolean };
}

/** A configuration value that cannot be used; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from an environment (process.env by default is the caller's choice).
 * Throws ConfigError with one line per bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => i.message));
  }
  const e = parsed.data;
  if (e.CSPHUB_WORKER_GRACE_SECONDS < 2 * e.CSPHUB_WORKER_HEARTBEAT_SECONDS) {
    throw new ConfigError([
      `CSPHUB_WORKER_GRACE_SECONDS (${e.CSPHUB_WORKER_GRACE_SECONDS}) must be at least twice CSPHUB_WORKER_HEARTBEAT_SECONDS (${e.CSPHUB_WORKER_HEARTBEAT_SECONDS}): a shorter grace declares a live worker dead after one late heartbeat`,
    ]);
  }
  const dataDir = path.resolve(cwd, e.CSPHUB_DATA_DIR || '.data');
  const host = e.HOST || '127.0.0.1';
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') } as const);
  const demo = e.CSPHUB_DEMO ?? database.kind === 'pglite';
  if (demo && !isLoopbackHost(host) && !e.CSPHUB_DEMO_ON_NETWORK) {
    throw new ConfigError([
      `demo data is refused when HOST (${host}) listens beyond this machine: anyone who can reach it could sign in as a demo user. ` +
        'For a real deployment set CSPHUB_DEMO=0; to show the demo to other machines on purpose set CSPHUB_DEMO_ON_NETWORK=1',
    ]);
  }
  const from = e.MAIL_FROM || 'CSP Hub <no-reply@csphub.local>';
  return {
    port: e.PORT,
    host,
    publicUrl: e.CSPHUB_PUBLIC_URL || `http://localhost:${e.PORT}`,
    dataDir,
    database,
    emulator: { mode: e.CSPHUB_EMULATOR, port: e.CSPHUB_EMULATOR_PORT },
    demo,
    demoPassword: e.CSPHUB_DEMO_PASSWORD || undefined,
    demoOnNetwork: e.CSPHUB_DEMO_ON_NETWORK ?? false,
    demoScale: e.CSPHUB_DEMO_SCALE,
    secretKey: e.CSPHUB_SECRET_KEY || undefined,
    trustProxy: e.CSPHUB_TRUST_PROXY ?? false,
    workerId: e.CSPHUB_WORKER_ID || undefined,
    workerSweeper: { heartbeatMs: e.CSPHUB_WORKER_HEARTBEAT_SECONDS * 1000, graceMs: e.CSPHUB_WORKER_GRACE_SECONDS * 1000 },
    partnerCenter: { maxQueued: e.CSPHUB_PC_MAX_QUEUED },
    syncRunRetentionMs: e.CSPHUB_SYNC_RUN_RETENTION_DAYS * 86_400_000,
    requests: { maxConcurrent: e.CSPHUB_MAX_CONCURRENT_REQUESTS, maxQueued: e.CSPHUB_MAX_QUEUED_REQUESTS },
    mail: e.SMTP_URL ? { transport: 'smtp', url: e.SMTP_URL, from } : { transport: 'outbox', from },
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    webhooks: { allowLoopback: e.NODE_ENV !== 'production', allowPrivateTargets: e.CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS ?? false },
  };
}

/**
 * Whether `host` only accepts connections from this machine: 127.0.0.0/8, ::1 (also IPv4-mapped)
 * or `localhost`. `0.0.0.0`, `::` and any other name or address reach the network.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return /^127(\.\d{1,3}){3}$/.test(v4);
}
