/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after
 * another and prints their figures. A bench file default-exports `async (report) => {}` and calls
 * `report(name, value, unit)` for each figure it measures. Figures are also written to
 * .bench/results.json so a note or a later run can compare them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

export type Report = (name: string, value: number, unit: string) => void;

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: { bench: string; name: string; value: number; unit: string }[] = [];
console.log(`CSP Hub benchmarks on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
if (files.length === 0) console.log('No benchmarks yet.');
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: (r: Report) => Promise<void> };
  await mod.default((name, value, unit) => {
    results.push({ bench: file, name, value, unit });
    console.log(`  ${name.padEnd(60)} ${value.toLocaleString('en-US', { maximumFractionDigits: 2 }).padStart(12)} ${unit}`);
  });
}
fs.mkdirSync(path.join(dir, '..', '.bench'), { recursive: true });
fs.writeFileSync(path.join(dir, '..', '.bench', 'results.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
process.exit(0);
