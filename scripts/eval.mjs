// `npm run eval`: bundles the evaluation harness (test/eval/eval.ts) like the bench and runs it.
// Arguments and EVAL_* environment variables are passed through (see test/eval/eval.ts).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const OUT = process.env.TC_OUT || 'out';
const outfile = join(OUT, 'test/eval/eval.js');
await esbuild.build({
  entryPoints: ['test/eval/eval.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['secretlint', '@secretlint/*'],
});
const r = spawnSync(process.execPath, ['--enable-source-maps', '--stack-size=4000', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
