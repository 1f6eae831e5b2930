// Builds the npm package of the CLI: one file (`token-custody.js`, the production bundle of
// src/cli.ts with its dependencies inside) plus package.json, README.md and LICENSE, in cli/ (or
// --out DIR). `cd cli && npm publish` runs it first (prepack), so what is published is always fresh.
// The version is the extension's (package.json).
// Usage: node scripts/build-cli-package.mjs [--out DIR]
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prefilterWasm } from './wasm-prefilter.mjs';
import { builtinPrefilterTables } from './prefilter-tables.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'cli'));
mkdirSync(out, { recursive: true });

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// The CLI bundle as scripts/build.mjs --production makes it for the extension (minified, no source map),
// with the engine inside and the same defines: the SIMD keyword prefilter (WebAssembly, base64) and its tables included.
const tables = await builtinPrefilterTables();
esbuild.buildSync({
  entryPoints: [join(root, 'src', 'cli.ts')],
  outfile: join(out, 'token-custody.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __TC_VERSION__: JSON.stringify(version), __TC_PREFILTER_WASM__: JSON.stringify(Buffer.from(prefilterWasm()).toString('base64')), __TC_PREFILTER_TABLES__: JSON.stringify(tables) },
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(join(out, 'token-custody.js'), 0o755);
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));

const manifest = JSON.parse(readFileSync(join(root, 'cli', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

// The CLI part of the README, with links that work on npm.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('## The `token-custody` CLI');
const end = readme.indexOf('\n## ', start + 4);
const section = readme.slice(start, end === -1 ? undefined : end).replace(/^## /, '# ');
writeFileSync(join(out, 'README.md'), `${section.trim()}\n\nThe Token Custody VS Code extension uses the same engine in the editor and the terminal.\n`);
console.log(`token-custody ${version}: ${out}`);
