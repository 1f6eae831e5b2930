// Bundles the extension and the CLI into dist/ (and, with --tests, the test and bench entry points into out/).
// Usage: node scripts/build.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { prefilterWasm } from './wasm-prefilter.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
// Tests and the bench build into $TC_OUT (default out/), so parallel work can keep separate outputs.
const OUT = process.env.TC_OUT || 'out';

/** A hash of the engine's sources: Scan Workspace's incremental index starts anew when the engine changes (src/custody/scanIndex.ts). */
function engineId() {
  const h = createHash('sha256').update(pkg.version);
  for (const f of [...walk('src/engine', (p) => p.endsWith('.ts')).sort(), 'scripts/wasm-prefilter.mjs']) if (existsSync(f)) h.update(`\0${f}\0`).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

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
  define: { __TC_VERSION__: JSON.stringify(pkg.version), __TC_PREFILTER_WASM__: JSON.stringify(Buffer.from(prefilterWasm()).toString('base64')), __TC_ENGINE_ID__: JSON.stringify(engineId()) },
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

// ---------------------------------------------------------------------------------------------------
// The browser build (dist/web/extension.js, package.json `browser`): vscode.dev, github.dev, the web
// worker extension host. No Node module may reach it: `node:crypto` and `node:zlib` (the engine's
// only ones) and `node:net` (isIP, for endpoint settings) are replaced by src/web/ modules; any other Node module, and any Node global (`process`,
// `Buffer`, `require`, `__dirname`, `setImmediate`…) in a source file of the bundle, fails the build.
import { builtinModules } from 'node:module';

const WEB_ALIASES = { 'node:crypto': './src/web/nodeCrypto.mts', 'node:zlib': './src/web/nodeZlib.ts', 'node:net': './src/web/nodeNet.ts' };
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const noNodeModules = {
  name: 'no-node-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !NODE_BUILTINS.has(args.path) || WEB_ALIASES[args.path]) return undefined;
      return { errors: [{ text: `${args.path} is a Node module: the browser build (dist/web/extension.js) cannot use it (imported by ${args.importer}). Keep Node code out of src/extension.web.ts's imports, or give it a browser replacement in WEB_ALIASES.` }] };
    });
  },
};

/** Node globals that do not exist in a web worker; `globalThis.process?.…` is allowed (it checks first). */
const NODE_GLOBAL_RE = /(?<![.\w$]|typeof\s)(process|Buffer|require|__dirname|__filename|setImmediate|clearImmediate|global)\b(?!\s*\??:)/g;

/** Source text without comments, string and template literal contents, and regular expression literals (approximately). */
function codeOnly(src) {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\[\s\S]|[^`\\])*`/g, "''");
}

/** Fails the browser build when a source file of the bundle uses a Node global (esbuild does not see globals). */
const noNodeGlobals = {
  name: 'no-node-globals',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) return;
      for (const file of Object.keys(result.metafile.inputs)) {
        if (file.startsWith('node_modules/') || !/\.m?ts$/.test(file)) continue;
        const lines = codeOnly(readFileSync(file, 'utf8')).split('\n');
        lines.forEach((line, i) => {
          for (const m of line.matchAll(NODE_GLOBAL_RE)) {
            result.errors.push({ text: `${m[1]} is a Node global: the browser build (dist/web/extension.js) has none (use globalThis.${m[1]}?. where it is optional)`, location: { file, line: i + 1, column: m.index ?? 0 } });
          }
        });
      }
    });
  },
};

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

const webCommon = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  alias: WEB_ALIASES,
  mainFields: ['browser', 'module', 'main'],
  metafile: true,
  plugins: [noNodeModules, noNodeGlobals, report],
};

/**
 * The detection engine (src/engine/, with its rules and minimatch) is one shared bundle, dist/engine.js:
 * every other bundle in dist/ requires it instead of carrying its own copy, so the package holds the
 * engine once (it was in extension.js, revocation.js and cli.js) and the lazy bundles share the
 * extension's loaded instance (one compiled scanner, one rule registry). The modules of src/engine/
 * that code outside it imports are listed by scanning src/ for such imports; each becomes a namespace
 * of dist/engine.js, and an import of one from outside the engine is served by a two-line module that
 * requires it from there. An engine module missing from the list fails the build.
 */
const ENGINE_DIR = join(process.cwd(), 'src', 'engine');
function engineModulesImportedFromOutside() {
  const keys = new Set();
  for (const file of walk('src', (p) => p.endsWith('.ts') && !p.startsWith(join('src', 'engine') + sep))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/g)) {
      if (m[2]) continue; // type-only imports leave nothing at run time
      const target = resolve(dirname(file), m[3]);
      if (target === ENGINE_DIR || target.startsWith(ENGINE_DIR + sep)) keys.add(engineKey(target));
    }
  }
  return [...keys].sort();
}
/** `src/engine/index.ts` → `index`, `src/engine/rules/index.ts` → `rules/index`, `src/engine/ignore.ts` → `ignore`. */
function engineKey(p) {
  let rel = relative(ENGINE_DIR, p).split(sep).join('/').replace(/\.ts$/, '');
  if (rel === '' || existsSync(join(ENGINE_DIR, rel, 'index.ts')) && !existsSync(join(ENGINE_DIR, rel + '.ts'))) rel = rel ? `${rel}/index` : 'index';
  return rel;
}
const engineKeys = engineModulesImportedFromOutside();
const engineName = (key) => '_' + key.replace(/[^A-Za-z0-9]/g, '_');
const engineEntry = {
  contents: engineKeys.map((k) => `export * as ${engineName(k)} from './src/engine/${k}';`).join('\n'),
  resolveDir: process.cwd(),
  sourcefile: 'engine-chunk.ts',
  loader: 'ts',
};
const sharedEngine = {
  name: 'shared-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine\.js$/ }, (args) => (args.namespace === 'engine-proxy' ? { path: './engine.js', external: true } : undefined));
    build.onResolve({ filter: /engine/ }, (args) => {
      if (args.namespace !== 'file' || !args.importer || args.importer.startsWith(ENGINE_DIR + sep)) return undefined;
      const target = resolve(args.resolveDir, args.path);
      if (target !== ENGINE_DIR && !target.startsWith(ENGINE_DIR + sep)) return undefined;
      return { path: engineKey(target), namespace: 'engine-proxy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'engine-proxy' }, (args) => {
      if (!engineKeys.includes(args.path)) return { errors: [{ text: `src/engine/${args.path} is imported from outside the engine but is not in dist/engine.js (scripts/build.mjs did not find the import)` }] };
      return { contents: `module.exports = require('./engine.js').${engineName(args.path)};`, loader: 'js', resolveDir: process.cwd() };
    });
  },
};
const withEngine = { ...common, plugins: [...common.plugins, sharedEngine] };

const builds = [
  // The extension, with rarely used flows in bundles of their own that it loads on first use.
  { ...withEngine, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true },
  { ...common, stdin: engineEntry, outfile: 'dist/engine.js' },
  { ...withEngine, entryPoints: ['src/revocation/vscode/impl.ts'], outfile: 'dist/revocation.js', external: ['vscode'] },
  { ...withEngine, entryPoints: ['src/vault/keychain.ts'], outfile: 'dist/keychain.js', external: ['vscode'] },
  { ...withEngine, entryPoints: ['src/terminal/vscode/historyCheck.ts'], outfile: 'dist/history.js', external: ['vscode'] },
  { ...withEngine, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The browser build (see WEB_ALIASES above): one CommonJS bundle, as the web worker extension host loads it.
  {
    ...webCommon,
    entryPoints: ['src/extension.web.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
  },
];
if (tests) {
  rmSync(join(OUT, 'test'), { recursive: true, force: true });
  const unit = walk('test/unit', (p) => p.endsWith('.test.ts'));
  const host = walk('test/host/suite', (p) => p.endsWith('.ts'));
  const bench = walk('test/bench', (p) => /\/bench\.ts$/.test(p));
  if (unit.length) builds.push({ ...common, sourcemap: 'inline', entryPoints: unit, outdir: join(OUT, 'test/unit'), outbase: 'test/unit', external: [] });
  if (host.length) builds.push({ ...common, sourcemap: 'inline', entryPoints: host, outdir: join(OUT, 'test/host/suite'), outbase: 'test/host/suite', external: ['vscode', 'mocha'] });
  // The engine as the browser build bundles it, for test/unit/web/engine.test.ts (run in a context without Node globals).
  builds.push({ ...webCommon, sourcemap: false, format: 'iife', globalName: 'TokenCustodyEngine', entryPoints: ['src/engine/index.ts'], outfile: join(OUT, 'test/web/engine.js') });
  if (bench.length) builds.push({ ...common, sourcemap: false, entryPoints: bench, outdir: join(OUT, 'test/bench'), outbase: 'test/bench', external: ['secretlint', '@secretlint/*'] });
}

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  // the errors are printed by `report`; the browser build's own checks add errors to a build that esbuild finished
  if (results.some((r) => r.status === 'rejected' || r.value.errors.length > 0)) process.exitCode = 1;
  const meta = results[0].status === 'fulfilled' ? results[0].value.metafile : undefined;
  const web = results[builds.findIndex((b) => b.outfile === 'dist/web/extension.js')];
  const webMeta = web?.status === 'fulfilled' ? web.value.metafile : undefined;
  if (meta && process.argv.includes('--size')) {
    for (const [file, info] of Object.entries({ ...meta.outputs, ...webMeta?.outputs })) if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KB`);
  }
}
