// Bundles the extension and the CLI into dist/ (and, with --tests, the test and bench entry points into out/).
// Usage: node scripts/build.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { prefilterWasm } from './wasm-prefilter.mjs';
import { builtinPrefilterTables } from './prefilter-tables.mjs';

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

// __TC_PREFILTER_TABLES__: see scripts/prefilter-tables.mjs.
common.define.__TC_PREFILTER_TABLES__ = JSON.stringify(await builtinPrefilterTables());

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
/**
 * `import * as vscode from 'vscode'` becomes `import vscode = require('vscode')` (TypeScript's CommonJS
 * import; the same object, typed the same): esbuild's namespace import of a CommonJS module copies
 * every property of the API (about 400) into a new object in each importing file, ~45 copies per
 * activation, and each `vscode.x` then goes through a getter. Only that exact line is rewritten.
 */
const VSCODE_NAMESPACE_IMPORT = /^import \* as vscode from 'vscode';$/m;
const vscodeRequire = {
  name: 'vscode-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!VSCODE_NAMESPACE_IMPORT.test(text)) return undefined;
      return { contents: text.replace(VSCODE_NAMESPACE_IMPORT, "import vscode = require('vscode');"), loader: 'ts' };
    });
  },
};
common.plugins = [report, vscodeRequire];

// ---------------------------------------------------------------------------------------------------
// The browser build (dist/shared.js, package.json `browser`): vscode.dev, github.dev, the web
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
      return { errors: [{ text: `${args.path} is a Node module: the browser build (dist/shared.js) cannot use it (imported by ${args.importer}). Keep Node code out of src/extension.web.ts's imports, or give it a browser replacement in WEB_ALIASES.` }] };
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
            result.errors.push({ text: `${m[1]} is a Node global: the browser build (dist/shared.js) has none (use globalThis.${m[1]}?. where it is optional)`, location: { file, line: i + 1, column: m.index ?? 0 } });
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
  plugins: [noNodeModules, noNodeGlobals, report, vscodeRequire],
};

/**
 * One shared bundle, dist/shared.js, holds the detection engine (src/engine/, its rules, minimatch)
 * and the host code the browser build uses (detection in open documents, diagnostics, masking, hover,
 * Quick Fixes, ignore, the custody view and log): every source file that src/extension.web.ts
 * reaches. It is the browser build (package.json `browser`: the web worker extension host loads one
 * file and can require only `vscode`), and every other bundle — the desktop entry dist/extension.js,
 * the lazy bundles and the CLI — requires it instead of carrying a copy, so the package holds the
 * engine and that host code once, and all bundles share one loaded instance (one compiled scanner,
 * one rule registry, one finding store).
 *
 * Its `modules` object maps the modules that code outside it imports (scanned below: the value
 * imports of every other source file) to their exports; an import of one from outside is served by
 * a one-line module that reads it from there. The engine runs when the file is loaded, as top-level
 * code; every other module is a getter that runs it on first use, so the CLI loads the engine from
 * this file without running anything that needs `vscode`. Inside the file, those modules import the
 * engine through `modules` as well (esbuild would otherwise turn the whole engine into functions run
 * on first use, which V8 parses twice: slower activation). Node modules are replaced by src/web/ (WEB_ALIASES), which use Node's own when
 * they run in Node.
 */
const WEB_ENTRY = 'src/extension.web.ts';
const posix = (p) => p.split(sep).join('/');
/**
 * The source files of src/ that the browser build reaches; `lazy`: those outside the engine and what
 * the engine imports (src/web/'s replacements of Node modules), which run on first use.
 */
async function sharedGraph() {
  const r = await esbuild.build({ ...webCommon, entryPoints: [WEB_ENTRY], external: ['vscode'], write: false, minify: false, sourcemap: false, plugins: [noNodeModules] });
  const inputs = r.metafile.inputs;
  const eager = new Set(Object.keys(inputs).filter((f) => f.startsWith('src/engine/')));
  for (const f of eager) for (const i of inputs[f].imports) if (!i.external) eager.add(i.path); // a Set visits what is added while iterating
  const shared = new Set(Object.keys(inputs).filter((f) => f.startsWith('src/') && f !== WEB_ENTRY));
  const lazy = new Set([...shared].filter((f) => !eager.has(f)));
  /** Engine modules that lazy modules import (src/web/'s, which are small, they import directly). */
  const lazyImports = new Set();
  for (const f of lazy) for (const i of inputs[f].imports) if (!i.external && i.path.startsWith('src/engine/')) lazyImports.add(i.path);
  return { shared, lazy, lazyImports };
}
const { shared: SHARED, lazy: SHARED_LAZY, lazyImports: SHARED_LAZY_IMPORTS } = await sharedGraph();
/** `src/engine/index.ts` → `engine/index`. */
const sharedKey = (file) => posix(file).replace(/^src\//, '').replace(/\.m?ts$/, '');
/** The file an import specifier resolves to in src/, if it is one: `./engine` → `src/engine/index.ts`. */
function sourceFile(fromDir, spec) {
  if (!spec.startsWith('.')) return undefined;
  const t = posix(relative(process.cwd(), resolve(fromDir, spec)));
  for (const c of [t, `${t}.ts`, `${t}.mts`, `${t.replace(/\.m?js$/, '')}.ts`, `${t.replace(/\.mjs$/, '')}.mts`, `${t}/index.ts`]) if (SHARED.has(c) || (c.endsWith('.ts') || c.endsWith('.mts')) && existsSync(c)) return c;
  return undefined;
}
function sharedModulesImportedFromOutside() {
  const keys = new Set();
  for (const file of walk('src', (p) => /\.m?ts$/.test(p))) {
    if (SHARED.has(posix(file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/g)) {
      if (m[2]) continue; // type-only imports leave nothing at run time
      const target = sourceFile(dirname(file), m[3]);
      if (target && SHARED.has(target)) keys.add(sharedKey(target));
    }
  }
  for (const f of SHARED_LAZY_IMPORTS) keys.add(sharedKey(f));
  return [...keys].sort();
}
const sharedKeys = sharedModulesImportedFromOutside();
const isLazyKey = (k) => SHARED_LAZY.has(`src/${k}.ts`) || SHARED_LAZY.has(`src/${k}.mts`);
const eagerKeys = sharedKeys.filter((k) => !isLazyKey(k));
const sharedEntry = {
  contents: [
    '// dist/shared.js: see scripts/build.mjs.',
    ...eagerKeys.map((k, i) => `import * as m${i} from ${JSON.stringify(`./src/${k}`)};`),
    "export const modules = require('tc:modules');",
    ...eagerKeys.map((k, i) => `modules[${JSON.stringify(k)}] = m${i};`),
    ...sharedKeys.filter(isLazyKey).map((k) => `Object.defineProperty(modules, ${JSON.stringify(k)}, { enumerable: true, get: () => require(${JSON.stringify(`./src/${k}`)}) });`),
    `export function activate(context) { return require('./${WEB_ENTRY}').activate(context); }`,
    `export function deactivate() { return require('./${WEB_ENTRY}').deactivate(); }`,
  ].join('\n'),
  resolveDir: process.cwd(),
  sourcefile: 'shared-entry.js',
  loader: 'js',
};
/** Inside dist/shared.js: `modules` itself, and a module outside the engine importing the engine. */
const sharedInside = {
  name: 'shared-inside',
  setup(build) {
    build.onResolve({ filter: /^tc:modules$/ }, () => ({ path: 'modules', namespace: 'tc-modules' }));
    build.onLoad({ filter: /.*/, namespace: 'tc-modules' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace !== 'file' || !args.importer || !SHARED_LAZY.has(posix(relative(process.cwd(), args.importer)))) return undefined;
      const target = sourceFile(args.resolveDir, args.path);
      if (!target || !SHARED_LAZY_IMPORTS.has(target)) return undefined;
      return { path: sharedKey(target), namespace: 'shared-inside' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-inside' }, (args) => ({ contents: `module.exports = require('tc:modules')[${JSON.stringify(args.path)}];`, loader: 'js', resolveDir: process.cwd() }));
  },
};
const sharedProxy = {
  name: 'shared-proxy',
  setup(build) {
    build.onResolve({ filter: /^\.\/shared\.js$/ }, (args) => (args.namespace === 'shared-proxy' ? { path: './shared.js', external: true } : undefined));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace !== 'file' || !args.importer || args.kind === 'entry-point') return undefined;
      const target = sourceFile(args.resolveDir, args.path);
      if (!target || !SHARED.has(target)) return undefined;
      return { path: sharedKey(target), namespace: 'shared-proxy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-proxy' }, (args) => {
      if (!sharedKeys.includes(args.path)) return { errors: [{ text: `src/${args.path} is imported from outside dist/shared.js but is not one of its modules (scripts/build.mjs did not find the import)` }] };
      return { contents: `module.exports = require('./shared.js').modules[${JSON.stringify(args.path)}];`, loader: 'js', resolveDir: process.cwd() };
    });
  },
};
const withShared = { ...common, plugins: [...common.plugins, sharedProxy] };
/**
 * dist/cli.js takes the OS keychain backends from dist/keychain.js, the bundle beside it that the
 * extension loads on first use (built from the same src/vault/keychain.ts), instead of carrying a second
 * copy: 14 KB less in the .vsix, whose budget test/host/package.mjs checks. The CLI's own npm package
 * (scripts/build-cli-package.mjs) is one file and bundles them.
 */
const KEYCHAIN_ENTRY = 'src/vault/keychain.ts';
const keychainFromBundle = {
  name: 'keychain-from-bundle',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace !== 'file' || args.kind === 'entry-point') return undefined;
      return sourceFile(args.resolveDir, args.path) === KEYCHAIN_ENTRY ? { path: './keychain.js', external: true } : undefined;
    });
  },
};


/**
 * dist/node.js: the plain Node modules (no `vscode`, not in dist/shared.js) that both the desktop
 * extension and the CLI import — the custody log file, the agent tools, the .env policy and resolver,
 * the fingerprint key file… — once, instead of a copy in dist/extension.js and another in dist/cli.js
 * (~16 KB raw each, ~4.5 KB in the .vsix). Found here, not listed: the source files that both
 * bundles would hold. Every Node bundle requires them from dist/node.js (one instance); each module
 * runs on first use (a getter of `modules`).
 */
async function bundleInputs(options) {
  const r = await esbuild.build({ ...options, write: false, metafile: true, minify: false, sourcemap: false, outfile: undefined, outdir: join(tmpdirFor(), 'inputs') });
  return new Set(Object.keys(r.metafile.inputs).filter((f) => f.startsWith('src/')));
}
function tmpdirFor() {
  return join(OUT, '.node-graph');
}
const EXTENSION_OPTIONS = { ...withShared, entryPoints: ['src/extension.ts'], external: ['vscode'] };
const CLI_OPTIONS = { ...withShared, plugins: [keychainFromBundle, ...withShared.plugins], entryPoints: ['src/cli.ts'] };
const [extensionInputs, cliInputs] = await Promise.all([bundleInputs(EXTENSION_OPTIONS), bundleInputs(CLI_OPTIONS)]);
const NODE_SHARED = new Set([...extensionInputs].filter((f) => cliInputs.has(f) && f !== 'src/extension.ts' && f !== 'src/cli.ts'));
const nodeEntry = {
  contents: [
    '// dist/node.js: see scripts/build.mjs.',
    'export const modules = {};',
    ...[...NODE_SHARED].sort().map((f) => `Object.defineProperty(modules, ${JSON.stringify(sharedKey(f))}, { enumerable: true, get: () => require(${JSON.stringify(`./${f}`)}) });`),
  ].join('\n'),
  resolveDir: process.cwd(),
  sourcefile: 'node-entry.js',
  loader: 'js',
};
const nodeProxy = {
  name: 'node-proxy',
  setup(build) {
    build.onResolve({ filter: /^\.\/node\.js$/ }, (args) => (args.namespace === 'node-proxy' ? { path: './node.js', external: true } : undefined));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace !== 'file' || !args.importer || args.kind === 'entry-point') return undefined;
      const target = sourceFile(args.resolveDir, args.path);
      if (!target || !NODE_SHARED.has(target)) return undefined;
      return { path: sharedKey(target), namespace: 'node-proxy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-proxy' }, (args) => ({ contents: `module.exports = require('./node.js').modules[${JSON.stringify(args.path)}];`, loader: 'js', resolveDir: process.cwd() }));
  },
};
/** A Node bundle that takes the engine from dist/shared.js and the common Node modules from dist/node.js. */
const withNode = (options) => ({ ...options, plugins: [nodeProxy, ...options.plugins] });

const builds = [
  // The desktop extension (package.json `main`), with rarely used flows in bundles of their own that it loads on first use.
  { ...withNode(EXTENSION_OPTIONS), outfile: 'dist/extension.js', metafile: true },
  // The shared bundle and browser build (see above): one CommonJS file, as the web worker extension host loads it.
  { ...webCommon, plugins: [sharedInside, ...webCommon.plugins], stdin: sharedEntry, outfile: 'dist/shared.js', external: ['vscode'] },
  { ...withShared, stdin: nodeEntry, outfile: 'dist/node.js', external: ['vscode'] },
  { ...withNode(withShared), entryPoints: ['src/revocation/vscode/impl.ts'], outfile: 'dist/revocation.js', external: ['vscode'] },
  { ...withNode(withShared), entryPoints: ['src/vault/keychain.ts'], outfile: 'dist/keychain.js', external: ['vscode'] },
  { ...withNode(withShared), entryPoints: ['src/terminal/vscode/historyCheck.ts'], outfile: 'dist/history.js', external: ['vscode'] },
  { ...withNode(CLI_OPTIONS), outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
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

// Outputs of earlier layouts (the engine in dist/engine.js, the browser build in dist/web/): never loaded now.
for (const stale of ['dist/engine.js', 'dist/engine.js.map', 'dist/web']) rmSync(stale, { recursive: true, force: true });

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  // the errors are printed by `report`; the browser build's own checks add errors to a build that esbuild finished
  if (results.some((r) => r.status === 'rejected' || r.value.errors.length > 0)) process.exitCode = 1;
  if (process.argv.includes('--size')) {
    for (const [i, r] of results.entries()) {
      const file = builds[i].outfile;
      if (r.status === 'fulfilled' && file.startsWith('dist/')) console.log(`${file}: ${(statSync(file).size / 1024).toFixed(1)} KB`);
    }
  }
}
