// Bundles the extension and the CLI into dist/ (and, with --tests, the test and bench entry points into out/).
// Usage: node scripts/build.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prefilterWasm } from './wasm-prefilter.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
// Tests and the bench build into $TC_OUT (default out/), so parallel work can keep separate outputs.
const OUT = process.env.TC_OUT || 'out';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  // Errors and warnings are printed by `report` below, in the form .vscode/tasks.json's problem matcher reads.
  logLevel: 'silent',
  legalComments: 'none',
  // __TC_PREFILTER_WASM__: the SIMD keyword prefilter (src/engine/prefilter.ts), assembled by scripts/wasm-prefilter.mjs.
  define: { __TC_VERSION__: JSON.stringify(pkg.version), __TC_CLI_SPLIT__: 'false', __TC_PREFILTER_WASM__: JSON.stringify(Buffer.from(prefilterWasm()).toString('base64')) },
};

/**
 * Prints each error and warning as two lines (`✘ [ERROR] message`, then `    file:line:col:`) for the
 * problem matcher of .vscode/tasks.json, and in watch mode `[watch] build started` / `[watch] build
 * finished` around each round of rebuilds (all bundles), which the matcher uses as its begin and end.
 */
let pending = 0;
const printed = new Set(); // a file shared by several bundles reports its problem once per round
const report = {
  name: 'report',
  setup(build) {
    build.onStart(() => {
      if (pending++ > 0) return;
      printed.clear();
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const [kind, list] of [['✘ [ERROR]', result.errors], ['▲ [WARNING]', result.warnings]]) {
        for (const m of list) {
          const text = `${kind} ${m.text}${m.location ? `\n    ${m.location.file}:${m.location.line}:${m.location.column}:` : ''}`;
          if (!printed.has(text)) console.log(text); // stdout, so that the lines stay in order
          printed.add(text);
        }
      }
      if (--pending === 0 && watch) console.log('[watch] build finished');
    });
  },
};
common.plugins = [report];

function walk(dir, pred) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, pred));
    else if (pred(p)) out.push(p);
  }
  return out;
}

const builds = [
  // The extension, with rarely used flows in bundles of their own that it loads on first use.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true },
  { ...common, entryPoints: ['src/revocation/vscode/impl.ts'], outfile: 'dist/revocation.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/vault/keychain.ts'], outfile: 'dist/keychain.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/terminal/vscode/historyCheck.ts'], outfile: 'dist/history.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { ...common.define, __TC_CLI_SPLIT__: 'true' } },
  // `token-custody mcp` (MCP SDK inside), loaded by dist/cli.js only when that command runs.
  { ...common, entryPoints: ['src/cli/mcp.ts'], outfile: 'dist/mcp.js' },
];
if (tests) {
  rmSync(join(OUT, 'test'), { recursive: true, force: true });
  const unit = walk('test/unit', (p) => p.endsWith('.test.ts'));
  const host = walk('test/host/suite', (p) => p.endsWith('.ts'));
  const bench = walk('test/bench', (p) => /\/bench\.ts$/.test(p));
  if (unit.length) builds.push({ ...common, sourcemap: 'inline', entryPoints: unit, outdir: join(OUT, 'test/unit'), outbase: 'test/unit', external: [] });
  if (host.length) builds.push({ ...common, sourcemap: 'inline', entryPoints: host, outdir: join(OUT, 'test/host/suite'), outbase: 'test/host/suite', external: ['vscode', 'mocha'] });
  if (bench.length) builds.push({ ...common, sourcemap: false, entryPoints: bench, outdir: join(OUT, 'test/bench'), outbase: 'test/bench', external: ['secretlint', '@secretlint/*'] });
}

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  if (results.some((r) => r.status === 'rejected')) process.exitCode = 1; // the errors are printed by `report`
  const meta = results[0].status === 'fulfilled' ? results[0].value.metafile : undefined;
  if (meta && process.argv.includes('--size')) {
    for (const [file, info] of Object.entries(meta.outputs)) if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KB`);
  }
}
