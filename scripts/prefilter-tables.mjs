// __TC_PREFILTER_TABLES__ (scripts/build.mjs, scripts/build-cli-package.mjs): the keyword prefilter's
// nibble tables for the built-in rules' keywords (src/engine/prefilter.ts), computed once at build time
// instead of in every process that starts a scanner (a third of a CLI run's start-up). A scanner with
// other keywords computes its own. They are the tables tuned on real text (scripts/prefilter-tuned.json,
// written by scripts/tune-prefilter.mjs), extended to any keyword added since the tuning; without that
// file, the engine's own greedy tables.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `contents` (a CommonJS module importing src/ relative to the repository root), bundled with esbuild; returns its exports. */
export async function runEngineModule(contents) {
  const r = await esbuild.build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const m = { exports: undefined };
  new Function('module', 'require', r.outputFiles[0].text)(m, createRequire(import.meta.url));
  return m.exports;
}

/** The tables, base64. */
export async function builtinPrefilterTables() {
  const tablesFor = await runEngineModule(
    "import { builtinSearchKeywords } from './src/engine/rules';\nimport { computedTables } from './src/engine/prefilter';\nimport { extendedTables } from './src/engine/prefilterTuned';\nconst k = builtinSearchKeywords();\nmodule.exports = (tuned) => (tuned ? extendedTables(tuned, k.words, k.exactCase) : computedTables(k.words, k.exactCase));",
  );
  const file = resolve(root, 'scripts', 'prefilter-tuned.json');
  const tuned = existsSync(file) ? new Uint8Array(Buffer.from(JSON.parse(readFileSync(file, 'utf8')).tables, 'base64')) : undefined;
  return Buffer.from(tablesFor(tuned)).toString('base64');
}
