/**
 * Fails when a Vitest file (`*.test.ts`, `*.test.tsx`) belongs to no test tier or to more than one
 * (vitest.config.ts; docs/ARCHITECTURE.md, "Tests"). A file in no tier would never run; a file in
 * two would run twice, once with the wrong setup. Vitest itself says which project takes which file
 * (`vitest list --filesOnly`), so this checks the configuration as Vitest reads it.
 *
 * Run by `npm test` before the tiers; `npm run test:tiers` alone.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

/** Tracked and new (not ignored) test files, repository-relative. */
const files = git(['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.test.ts', '*.test.tsx'])
  .split('\n')
  .filter((f) => f !== '' && !f.includes('node_modules/'));

const listed = JSON.parse(
  execFileSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--filesOnly', '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  }),
) as { file: string; projectName?: string }[];

const tiersOf = new Map<string, string[]>(files.map((f) => [f, []]));
for (const { file, projectName } of listed) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  tiersOf.set(rel, [...(tiersOf.get(rel) ?? []), projectName ?? '(no project)']);
}

const problems = [...tiersOf].filter(([, tiers]) => tiers.length !== 1);
if (problems.length > 0) {
  process.stderr.write('Test files that are not in exactly one tier (vitest.config.ts):\n');
  for (const [file, tiers] of problems) process.stderr.write(`  ${file}: ${tiers.length === 0 ? 'no tier' : tiers.join(', ')}\n`);
  process.stderr.write('Put the file where its tier lives (src/ beside the code for unit, test/ for api, *-crash.test.ts for crash) or adjust the globs.\n');
  process.exit(1);
}
const count = (tier: string) => [...tiersOf.values()].filter((t) => t[0] === tier).length;
process.stdout.write(`test tiers: ${files.length} files, each in one tier (unit ${count('unit')}, contract ${count('contract')}, api ${count('api')}, crash ${count('crash')})\n`);
