import { randomBytes } from 'node:crypto';
import { loadConfig } from '@csphub/config';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createApp, type AppDeps } from '../src/create-app';
import { createLogger } from '../src/logger';
import type { Clock } from '@csphub/domain';
import type { ConnectionTester } from '../src/partner-center/connection-tester';

/** The API in-process on a fresh database, as integration tests use it. */
export async function createTestApp(env: Record<string, string> = {}, opts: { clock?: Clock; connectionTester?: ConnectionTester; secretKey?: Buffer; onboarding?: AppDeps['onboarding'] } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({ CSPHUB_EMULATOR: 'off', ...env });
  const secretKey = opts.secretKey ?? randomBytes(32);
  const app = createApp(config, { database, logger: createLogger('silent'), version: '0.0.0-test', secretKey, clock: opts.clock, connectionTester: opts.connectionTester, onboarding: opts.onboarding });
  return { app, database, config, secretKey, dispose: () => database.dispose() };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
