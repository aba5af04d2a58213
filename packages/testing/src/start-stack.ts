import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';
import { seedStackDataDir } from './stack-template';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The demo users' password in stacks started by {@link startStack} (it sets `CSPHUB_DEMO_PASSWORD`,
 * unless the test's own env sets it, or sets it to '' to let the server derive one per data folder).
 */
export const STACK_DEMO_PASSWORD = 'stack-demo-password-for-tests';

/** A running CSP Hub server process with its own data folder and ports. */
export interface Stack {
  url: string;
  emulatorUrl: string;
  port: number;
  emulatorPort: number;
  dataDir: string;
  env: Record<string, string>;
  process: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Kills the process at once (SIGKILL), as a crash would. */
  crash(): Promise<void>;
  /** Starts the server again on the same data folder and ports (after crash or stop). */
  restart(): Promise<void>;
  /** Stops the process gracefully and, unless `keepData`, deletes its data folder. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export interface StackOptions {
  /** Extra environment, e.g. DATABASE_URL; PORT, CSPHUB_EMULATOR_PORT and CSPHUB_DATA_DIR are set for you. */
  env?: Record<string, string>;
  dataDir?: string;
  /** How long to wait for /healthz (default 90 s: the first PGlite open runs initdb). */
  timeoutMs?: number;
}

/**
 * The one test-stack factory: starts the real server (`apps/server/src/main.ts`, as `npm start`
 * runs it) in a child process on free ports and a throwaway data folder, and waits for /healthz.
 * End-to-end tests and crash tests use it; nothing is mocked.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const emulatorPort = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-stack-'));
  // A folder of its own on the embedded database starts from the migrated template (stack-template.ts).
  if (!opts.dataDir && !(opts.env?.DATABASE_URL ?? process.env.DATABASE_URL)) await seedStackDataDir(dataDir);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    CSPHUB_EMULATOR_PORT: String(emulatorPort),
    CSPHUB_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.CSPHUB_TEST_LOG_LEVEL ?? 'warn',
    CSPHUB_DEMO_PASSWORD: STACK_DEMO_PASSWORD,
    ...opts.env,
  };
  let out = '';
  let child!: ChildProcess;
  const url = `http://127.0.0.1:${port}`;
  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitForHealth(url, child, () => out, opts.timeoutMs ?? 90_000);
  };
  await launch();
  const exited = (p: ChildProcess) =>
    new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));
  const stack: Stack = {
    url,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    port,
    emulatorPort,
    dataDir,
    env,
    get process() {
      return child;
    },
    output: () => out,
    crash: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: async () => {
      await exited(child);
      await launch();
    },
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(timer);
      }
      if (!keepData && !opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`CSP Hub exited before it was healthy (code ${child.exitCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`CSP Hub did not answer /healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Runs the server expecting it to stop on its own (a bad setting, a held lock); resolves with its
 * exit code and output. Kills it and rejects if it is still running after `timeoutMs`.
 */
export async function runServerToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server was still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
