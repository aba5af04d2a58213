import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '@csphub/config';
import { createSecretBox, type OpenDatabase } from '@csphub/db';
import { createTestDatabase, freePort, type TestDatabase } from '@csphub/testing';
import { createApp, type AppDeps } from '../src/create-app';
import { createServerAdapters, emulatorUrlOf, type ServerAdapters } from '../src/app/composition';
import { createLogger, type Logger } from '../src/logger';
import { systemClock, type Clock } from '@csphub/domain';
import type { ConnectionTester } from '../src/partner-center/connection-tester';

/** What a test may set on the app besides the database; everything else is built as main.ts builds it. */
export interface TestAppOptions {
  clock?: Clock | undefined;
  connectionTester?: ConnectionTester | undefined;
  /** Instead of the stored connection's client (a client the test holds). */
  partnerCenterFor?: ServerAdapters['partnerCenterFor'] | undefined;
  /** Run starters; none by default (no durable-run engine in the test's process). */
  runs?: AppDeps['runs'] | undefined;
  engineWaitMs?: number | undefined;
  emulator?: AppDeps['emulator'];
  logger?: Logger | undefined;
  webDist?: string | undefined;
}

/**
 * createApp's dependencies for a test, passed explicitly: the real adapters over the test's
 * database (with the test's clock), overridden where the test says.
 */
export function testAppDeps(config: Config, database: OpenDatabase, secretKey: Buffer, opts: TestAppOptions = {}): AppDeps {
  const clock = opts.clock ?? systemClock;
  const adapters = createServerAdapters({ config, db: database.db, box: createSecretBox(secretKey), emulatorUrl: emulatorUrlOf(config, opts.emulator), now: () => clock.now() });
  return {
    database,
    logger: opts.logger ?? createLogger('silent'),
    version: '0.0.0-test',
    secretKey,
    clock,
    adapters: {
      ...adapters,
      ...(opts.connectionTester ? { connectionTester: opts.connectionTester } : {}),
      ...(opts.partnerCenterFor ? { partnerCenterFor: opts.partnerCenterFor } : {}),
    },
    runs: opts.runs ?? {},
    engineWaitMs: opts.engineWaitMs,
    emulator: opts.emulator,
    webDist: opts.webDist,
  };
}

/**
 * The API in-process on a fresh database, as integration tests use it. Its emulator port is a free
 * one of its own unless the test names one: the suites that start an emulator there (the access
 * and input matrices' fixtures) may then run side by side, and never reach an emulator that another
 * suite or process holds on the configured default.
 */
export async function createTestApp(env: Record<string, string> = {}, opts: TestAppOptions & { secretKey?: Buffer } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({ CSPHUB_EMULATOR: 'off', CSPHUB_EMULATOR_PORT: String(await freePort()), ...env });
  const secretKey = opts.secretKey ?? randomBytes(32);
  const app = createApp(config, testAppDeps(config, database, secretKey, opts));
  // What helpers started for this app (an emulator on its port), stopped by dispose, newest first:
  // a helper's state lives with the app, not in the helper's module, which files in one worker share.
  const cleanups: Array<() => Promise<void>> = [];
  const onDispose = (cleanup: () => Promise<void>) => void cleanups.unshift(cleanup);
  const dispose = async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await database.dispose();
  };
  return { app, database, config, secretKey, onDispose, dispose };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
