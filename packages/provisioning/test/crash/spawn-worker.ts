import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { bundleNameOf, crashTestFolder as here } from './crash-workers';

const repoRoot = path.resolve(here, '../../../..');

/**
 * How to start `script`: its bundle when the crash tier's global setup built one
 * (bundle-workers.global.ts), otherwise the TypeScript source through tsx (a crash file run
 * under another configuration).
 */
function commandFor(script: string): string[] {
  const bundles = inject('crashWorkerBundles') as string | undefined;
  const bundle = bundles ? path.join(bundles, bundleNameOf(script)) : undefined;
  if (bundle && fs.existsSync(bundle)) return [bundle];
  return ['--import', 'tsx', path.join(here, script)];
}

/** A spawned test worker, with its output and how it ended. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the line's remainder once the worker prints `<tag> ...`. */
  waitFor(tag: string, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

/** Spawns `script` (relative to this folder, bundled or through tsx) with the given environment. */
export function spawnWorker(script: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, commandFor(script), {
    cwd: repoRoot,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor: (tag, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const tick = () => {
          const m = out.match(new RegExp(`^${tag} (.*)$`, 'm'));
          if (m) return resolve(m[1]!);
          if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`worker exited before ${tag}:\n${out}`));
          if (Date.now() > deadline) return reject(new Error(`worker did not print ${tag} within ${timeoutMs} ms:\n${out}`));
          setTimeout(tick, 20);
        };
        tick();
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
