import { randomUUID } from 'node:crypto';
import type { ConnectionSummary } from '@csphub/db';
import { DEFAULT_SCENARIO, startEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import type { TestApp } from '../test-app';
import type { FixtureContext } from './route-fixture.types';

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;

/**
 * The emulator on a test app's emulator port, one per app: started in the test process unless one
 * already answers there (then that one is used: same default scenario), and stopped with the app
 * (`dispose`). Kept per app, not in a module variable: with `isolate: false` the files of one
 * worker share this module, and each file has an app (and a port) of its own.
 */
const emulators = new WeakMap<TestApp, Promise<string>>();

export function emulatorOf(t: TestApp): Promise<string> {
  let url = emulators.get(t);
  if (!url) {
    url = start(t);
    emulators.set(t, url);
  }
  return url;
}

async function start(t: TestApp): Promise<string> {
  const port = t.config.emulator.port;
  const url = `http://127.0.0.1:${port}`;
  try {
    const running = await startEmulator({ port });
    t.onDispose(() => running.close());
  } catch {
    const answers = await createEmulatorControl(url).clock().then(() => true, () => false);
    if (!answers) throw new Error(`Port ${port} is taken by something that is not the emulator.`);
  }
  return url;
}

/** Per test app and label (a module variable would hand a later file of the same worker this file's connection). */
const connections = new WeakMap<TestApp, Map<string, Promise<ConnectionSummary>>>();

/**
 * A connection of the world's distributor with the emulator's LATAM credentials, created once per
 * test app for each `label` (the route groups that need one keep theirs apart).
 */
export function latamConnection(ctx: FixtureContext, label: string): Promise<ConnectionSummary> {
  let byLabel = connections.get(ctx.t);
  if (!byLabel) connections.set(ctx.t, (byLabel = new Map()));
  let connection = byLabel.get(label);
  if (!connection) {
    connection = ctx.world.repos.connections.create(
      ctx.world.d.id,
      { name: `${label} ${randomUUID().slice(0, 8)}`, region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken },
      new Date(),
    );
    byLabel.set(label, connection);
  }
  return connection;
}
