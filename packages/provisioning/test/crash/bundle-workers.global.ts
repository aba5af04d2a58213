/**
 * Vitest global setup of the crash tier: bundles every crash-test worker once per test run, so each
 * killed or restarted worker starts with `node <bundle>.mjs` instead of compiling TypeScript through
 * tsx at every start (the crash suites start about a hundred workers).
 *
 * The repository's own packages (`@csphub/*`, TypeScript sources) are bundled; every other package
 * stays an import resolved from node_modules at run time, so the bundles are written to a temporary
 * folder inside node_modules/.cache (a folder under the OS's temp directory has no node_modules to
 * resolve them from). `import.meta.url` keeps naming each source file, because the db package finds
 * its migrations folder from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { CRASH_WORKERS, bundleNameOf, crashTestFolder } from './crash-workers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of the bundled crash workers (`<name>.mjs`), see spawn-worker.ts. */
    crashWorkerBundles: string;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Bare imports stay imports, except the repository's own TypeScript packages. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@csphub/') ? undefined : { path: args.path, external: true }));
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

export default async function setup(project: TestProject) {
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(cache, 'csphub-crash-workers-'));
  const t0 = performance.now();
  await build({
    entryPoints: Object.fromEntries(CRASH_WORKERS.map((w) => [bundleNameOf(w).replace(/\.mjs$/, ''), path.join(crashTestFolder, w)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  if (process.env.CSPHUB_CRASH_MEASURE) process.stdout.write(`crash workers bundled in ${Math.round(performance.now() - t0)} ms\n`);
  project.provide('crashWorkerBundles', outdir);
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
