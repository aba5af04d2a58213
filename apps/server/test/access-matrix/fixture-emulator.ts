import { startEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import type { TestApp } from '../test-app';

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
