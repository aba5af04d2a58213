/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof` or a bench's profile option): self time by
 * package (a node_modules package, one of ours, Node's own, or V8's pseudo-entries such as the
 * garbage collector), then the top files and functions. Idle time is left out of the shares.
 *
 *   npx tsx scripts/cpuprofile-summary.ts path/to/file.cpuprofile [top=25]
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** Self time (µs) per node id. */
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ours = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (ours) return `ours:${ours[2]}`;
  if (url.includes('/bench/')) return 'ours:bench';
  return url;
}
function fileOf(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const ours = /\/((packages|apps|bench)\/.*)$/.exec(url);
  return ours ? ours[1]! : url;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const packages = new Map<string, number>();
const files = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id)!;
  if (f.functionName === '(idle)') {
    idle += us;
    continue;
  }
  total += us;
  add(packages, packageOf(f.url, f.functionName), us);
  add(files, f.url ? fileOf(f.url) : f.functionName || '(native)', us);
  add(functions, `${f.functionName || '(anonymous)'} ${f.url ? `${fileOf(f.url)}:${f.lineNumber + 1}` : ''}`, us);
}

const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`);
print('Self time by package', packages);
print('Self time by file', files);
print('Self time by function', functions);
