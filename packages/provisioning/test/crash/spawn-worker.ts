import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');

/** A spawned test worker, with its output and how it ended. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the line's remainder once the worker prints `<tag> ...`. */
  waitFor(tag: string, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

/** Spawns `script` (relative to this folder) with `node --import tsx` and the given environment. */
export function spawnWorker(script: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script)], {
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
