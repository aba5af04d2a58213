/**
 * Fails for a source file over 300 lines in any `src/` of `packages/` or `apps/` that does not give
 * its reason in a `// size: <reason>` line among its first 5 lines (tables, catalogues, one
 * state machine that reads best whole). A file heading past that is a sign to split it
 * (docs/ARCHITECTURE.md). Run by `npm run lint`.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const MAX_LINES = 300;
const SKIP = new Set(['node_modules', 'dist']);
/**
 * Files that other work is moving as a whole (the server's routes into their feature folders); they
 * get their split or their reason when they land. Keep this list short and empty it.
 */
const PENDING = new Set<string>([]);

function sourcesUnder(dir: string, inSrc: boolean, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourcesUnder(full, inSrc || entry.name === 'src', out);
    else if (inSrc && /\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const offenders: string[] = [];
for (const file of [...sourcesUnder(path.join(root, 'packages'), false, []), ...sourcesUnder(path.join(root, 'apps'), false, [])]) {
  const relative = path.relative(root, file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length <= MAX_LINES || PENDING.has(relative)) continue;
  if (lines.slice(0, 5).some((line) => /^\s*\/\/ size: \S/.test(line))) continue;
  offenders.push(`${relative}: ${lines.length} lines`);
}
if (offenders.length > 0) {
  console.error(`Over ${MAX_LINES} lines without a '// size: <reason>' line in the first 5 lines (split it, or say why it is one file):`);
  for (const o of offenders) console.error(`  ${o}`);
  process.exit(1);
}
console.log(`No src file over ${MAX_LINES} lines without its reason.`);
