import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when its build is missing or older than its sources (or the domain package it
 * bundles), as `npm start` does, so end-to-end tests never run against a stale UI.
 */
export function ensureWebBuilt(log: (line: string) => void = () => undefined): void {
  const index = path.join(web, 'dist/index.html');
  const sources = Math.max(newestMtime(path.join(web, 'src')), newestMtime(path.join(root, 'packages/domain/src')), fs.statSync(path.join(web, 'index.html')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  log('Building the web app (first start or changed sources)...');
  // Vite as the web app resolves it (npm may nest it under apps/web).
  const vite = path.join(path.dirname(createRequire(path.join(web, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed (see above); run `npm run build` to retry.');
}
