// __TC_PREFILTER_TABLES__ (scripts/build.mjs, scripts/build-cli-package.mjs): the keyword prefilter's
// nibble tables for the built-in rules' keywords (src/engine/prefilter.ts), computed once at build time
// instead of in every process that starts a scanner (a third of a CLI run's start-up). A scanner with
// other keywords computes its own.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The tables, base64. */
export async function builtinPrefilterTables() {
  const r = await esbuild.build({
    stdin: {
      contents: "import { builtinSearchKeywords } from './src/engine/rules';\nimport { prefilterTables } from './src/engine/prefilter';\nconst k = builtinSearchKeywords();\nmodule.exports = prefilterTables(k.words, k.exactCase);",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const m = { exports: undefined };
  new Function('module', 'require', r.outputFiles[0].text)(m, createRequire(import.meta.url));
  return Buffer.from(m.exports).toString('base64');
}
