// Times `token-custody scan --git` over a generated history (default 10,000 commits), next to
// `git log -p | token-custody scan -`. The repository is generated at run time with git fast-import
// in a temp folder (fake tokens from test/support, made at run time) and removed afterwards.
// Usage: node scripts/bench-git.mjs [--commits N] [--keep]      (after npm run compile)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const commits = Number(args[args.indexOf('--commits') + 1]) || 10_000;
const keep = args.includes('--keep');
const cli = resolve('dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'tc-bench-git-'));

// Fake token generators, bundled from the test support code.
const fakesJs = join(dir, 'fakes.cjs');
esbuild.buildSync({ entryPoints: ['test/support/fakes.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: fakesJs, logLevel: 'error' });
const fakes = createRequire(import.meta.url)(fakesJs);

const repo = join(dir, 'repo');
execFileSync('git', ['init', '-q', '-b', 'main', repo]);
const lines = [];
const files = 400;
let planted = 0;
const t0 = 1_700_000_000;
for (let i = 1; i <= commits; i++) {
  const f = `src/module${i % files}.ts`;
  let body = '';
  for (let k = 0; k < 30; k++) body += `export const value${k} = compute(${i}, ${k}, "label-${(i * 31 + k) % 997}");\n`;
  if (i % 1000 === 500) {
    body += `const token = "${fakes.githubToken()}";\n`; // added here, gone at the next change of this file
    planted++;
  }
  lines.push('commit refs/heads/main', `committer Bench <bench@example.invalid> ${t0 + i * 60} +0000`, `data ${`c${i}`.length}`, `c${i}`);
  lines.push(`M 100644 inline ${f}`, `data ${Buffer.byteLength(body)}`, body);
}
const fi = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: lines.join('\n') + '\n', maxBuffer: 1 << 30 });
if (fi.status !== 0) throw new Error(String(fi.stderr));
execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo });

function time(label, fn) {
  const t = process.hrtime.bigint();
  const r = fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { label, ms, ...r };
}
const count = (out) => out.split('\n').filter(Boolean).length;
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
const results = [
  time('token-custody scan --git', () => {
    const r = spawnSync(process.execPath, ['--', cli, 'scan', '--git', '--format', 'jsonl'], { cwd: repo, encoding: 'utf8', env, maxBuffer: 1 << 30 });
    return { findings: count(r.stdout), status: r.status, note: r.stderr.trim().split('\n').pop() };
  }),
  time('git log -p --all | token-custody scan -', () => {
    const r = spawnSync('sh', ['-c', `git log -p --all --no-color | "${process.execPath}" -- "${cli}" scan - --format jsonl -q`], { cwd: repo, encoding: 'utf8', env, maxBuffer: 1 << 30 });
    return { findings: count(r.stdout), status: r.status, note: '' };
  }),
  time('git log -p --all > /dev/null (git alone)', () => {
    const r = spawnSync('sh', ['-c', 'git log -p --all --no-color > /dev/null'], { cwd: repo, env });
    return { findings: 0, status: r.status, note: '' };
  }),
];
console.log(`history: ${commits.toLocaleString('en-US')} commits, ${files} files, ${planted} tokens planted (each removed by the next commit of its file)`);
for (const r of results) console.log(`${r.label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  findings ${r.findings}  exit ${r.status}  ${r.note}`);
if (keep) console.log(`kept ${repo}`);
else rmSync(dir, { recursive: true, force: true });
