// Prints the folder → folder import graph of src/ and exits 1 when the top-level folders import
// each other in a cycle. Part of `npm run lint`.
//
// Usage: node scripts/deps-graph.mjs [--quiet] [--files]
//   --quiet  print only cycles (and nothing when there is none)
//   --files  under each cycle edge, list the imports that make it
//
// A node is a top-level folder of src/, or a file directly in src/ (`extension.ts`, `core.ts`,
// `commandIds.ts`, `cli.ts`: shown as `core.ts`). `<area>/vscode/` is part of `<area>` for the cycle
// check; its edges are also shown on their own (`area/vscode`) so that the line between plain Node code
// and host code stays visible. Every import counts, `import type` included: a type-only cycle still
// means two folders that can only be read together.
//
// The cycle check is over folders. The files directly in src/ are the composition root
// (`extension.ts` builds the services and hands every area the `Core` contract of `core.ts`) and the
// leaves every area may use (`commandIds.ts`); they are printed with their edges but are not folders,
// so an area importing `core.ts` does not make a cycle with the areas whose service types `core.ts`
// names.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SRC = resolve(process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? 'src');
const quiet = process.argv.includes('--quiet');
const showFiles = process.argv.includes('--files');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Resolves a relative specifier the way esbuild/tsc do for this project (x.ts, x/index.ts). */
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const p of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(p) && statSync(p).isFile()) return p;
  return undefined;
}

/** `editor/vscode/masking.ts` → { top: 'editor', sub: 'editor/vscode' }; `cli.ts` → { top: 'cli', sub: 'cli' }. */
function nodeOf(file) {
  const parts = relative(SRC, file).split(sep);
  const top = parts[0];
  const sub = parts.length > 2 && parts[1] === 'vscode' ? `${top}/vscode` : top;
  return { top, sub };
}

const edges = new Map(); // top → Map(top → [from → to])
const subEdges = new Map(); // sub → Set(sub)
const add = (m, a, b, v) => {
  if (!m.has(a)) m.set(a, new Map());
  const inner = m.get(a);
  if (!inner.has(b)) inner.set(b, []);
  if (v) inner.get(b).push(v);
};
const nodes = new Set();

for (const file of walk(SRC)) {
  const from = nodeOf(file);
  nodes.add(from.top);
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const ref of info.importedFiles) {
    const target = resolveImport(file, ref.fileName);
    if (!target || !target.startsWith(SRC + sep)) continue;
    const to = nodeOf(target);
    if (from.sub !== to.sub) add(subEdges, from.sub, to.sub);
    if (from.top !== to.top) add(edges, from.top, to.top, `${relative(SRC, file)} → ${relative(SRC, target)}`);
  }
}

const isFolder = (n) => !n.endsWith('.ts');

// Strongly connected components (Tarjan) of the top-level graph: any with more than one node is a cycle.
function sccs() {
  let index = 0;
  const idx = new Map(), low = new Map(), on = new Set(), stack = [], out = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of [...(edges.get(v)?.keys() ?? [])].filter(isFolder)) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== v);
      out.push(comp);
    }
  };
  for (const v of [...nodes].sort()) if (!idx.has(v) && isFolder(v)) visit(v);
  return out;
}

const cycles = sccs().filter((c) => c.length > 1).map((c) => c.sort());

if (!quiet) {
  console.log('Folder graph of src/ (A → B: something in A imports something in B)');
  for (const a of [...nodes].sort()) {
    const to = [...(edges.get(a)?.keys() ?? [])].sort();
    console.log(`  ${a.padEnd(13)} → ${to.length ? to.join(', ') : '(nothing)'}`);
  }
  console.log('\nHost-code edges (<area>/vscode is part of <area> above)');
  for (const a of [...subEdges.keys()].filter((k) => k.endsWith('/vscode')).sort()) {
    console.log(`  ${a.padEnd(18)} → ${[...subEdges.get(a).keys()].sort().join(', ')}`);
  }
  const intoHost = [...subEdges].filter(([a]) => isFolder(a)).flatMap(([a, m]) => [...m.keys()].filter((b) => b.endsWith('/vscode') && !a.endsWith('/vscode')).map((b) => `${a} → ${b}`));
  console.log(`\nPlain code (outside vscode/ and the composition root) importing host code: ${intoHost.length ? intoHost.sort().join(', ') : 'none'}`);
}

if (cycles.length) {
  console.error(`\nImport cycle${cycles.length > 1 ? 's' : ''} between top-level folders of src/:`);
  for (const c of cycles) {
    console.error(`  ${c.join(' ↔ ')}`);
    for (const a of c) for (const b of c) {
      const via = edges.get(a)?.get(b);
      if (!via) continue;
      console.error(`    ${a} → ${b}${showFiles ? '' : ` (${via.length} import${via.length > 1 ? 's' : ''}, e.g. ${via[0]})`}`);
      if (showFiles) for (const v of via) console.error(`      ${v}`);
    }
  }
  process.exit(1);
} else if (!quiet) console.log('No import cycle between top-level folders.');
