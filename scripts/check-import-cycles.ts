/**
 * Fails when modules of the workspace import each other in a circle (docs/ARCHITECTURE.md: dependencies
 * point one way). Reads every `.ts`/`.tsx` file of `packages/` and `apps/` (tests included) with the
 * TypeScript parser, follows relative imports and `@csphub/*` imports through each package's
 * `exports`, and reports every strongly connected group of files. Type-only imports count too: a
 * circle of types is still a circle of concepts. A lazy `import()` is not followed: it runs after
 * every module has loaded, so it cannot close a circle of evaluation; the web's features load their
 * pages that way while the shell builds the message catalogue from the features. Run by `npm run lint`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.tsx?$/;
const SKIP = new Set(['node_modules', 'dist', '.data', 'test-results', 'playwright-report']);

function walk(dir: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** `@csphub/<name>[/sub]` → file, from each workspace package's `exports`. */
function workspaceExports(): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of ['packages', 'apps']) {
    for (const name of fs.readdirSync(path.join(root, group))) {
      const dir = path.join(root, group, name);
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string; exports?: Record<string, unknown> | string };
      const exports = typeof pkg.exports === 'string' ? { '.': pkg.exports } : (pkg.exports ?? {});
      for (const [sub, target] of Object.entries(exports)) {
        const file = typeof target === 'string' ? target : (target as { import?: string; default?: string }).import ?? (target as { default?: string }).default;
        if (file) map.set(sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`, path.join(dir, file));
      }
    }
  }
  return map;
}

function resolveFile(base: string): string | undefined {
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  if (/\.js$/.test(base)) candidates.unshift(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** Tarjan's strongly connected components; returns the groups of more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const strong = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) strong(v);
  return found;
}

const exportsMap = workspaceExports();
const files = [...walk(path.join(root, 'packages'), []), ...walk(path.join(root, 'apps'), [])];
const graph = new Map<string, string[]>();
for (const file of files) {
  const targets: string[] = [];
  for (const spec of importsOf(file)) {
    const target = spec.startsWith('.') ? resolveFile(path.resolve(path.dirname(file), spec)) : exportsMap.get(spec);
    if (target) targets.push(path.relative(root, target));
  }
  graph.set(path.relative(root, file), targets);
}

const found = cycles(graph);
if (found.length > 0) {
  console.error(`${found.length} import circle(s) among ${graph.size} files:`);
  for (const group of found) console.error(`  - ${group.join('\n    ')}`);
  process.exit(1);
}
console.log(`No import circle among ${graph.size} files.`);
