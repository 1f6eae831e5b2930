// `npm run bench`: speed and memory numbers, printed (never asserted).
//  1. ~50 MB of generated source/config/log text with sparse fake tokens, scanned by our CLI and by
//     secretlint (+ its recommended preset), side by side: MB/s, ratio, findings; CLI start-up; the
//     engine in process with the SIMD keyword prefilter (relaxed and plain builds) and with the reference automaton.
//  2. Engine cost per 4 KB terminal chunk (streaming scanner) on source-like output and on a second mix
//     (npm, git log, ls, test runners, stack traces, env, curl -v…), and heap growth over 100 MB of output.
//  3. Editor-style incremental rescan after one keystroke in a 10 MB document (engine part).
//  4. Bundle sizes.
//  5. Monorepo workspace scan: a generated tree (in a temp folder, removed after; default 10,000 files /
//     100 MB, BENCH_MONO=full for 100,000 files / 1 GB, about 6 minutes on 2 cores) scanned
//     a) in plain Node by the code path of Scan Workspace (walkFiles + scanner.scan, yielding every
//        15 ms like the extension): time, peak heap, longest task between yields (BENCH_MONO_NODE=0 skips);
//     b) by Scan Workspace in the real extension host (code-server + Chromium, test/host/run.mjs
//        --suites bench, suite test/host/suite/monorepo.bench.ts, under `flock /tmp/tc-host.lock`):
//        first scan (time, peak heap, longest task, progress updates), rescan with nothing changed,
//        rescan after one file changed, cancellation latency (BENCH_MONO_HOST=0 skips).
// Options: BENCH_MB (default 50), BENCH_SECRETLINT=0 to skip secretlint, BENCH_KEEP=1 to keep the data,
// BENCH_PARTS=terminal,cli,engine,editor,bundles,monorepo (default all), BENCH_MONO=full,
// BENCH_MONO_FILES / BENCH_MONO_MB (override the size), BENCH_MONO_NODE=0, BENCH_MONO_HOST=0,
// BENCH_MONO_DIR (generate the tree there and keep it; a later run of the same size reuses it);
// TC_TEST_SEED (printed when not set): the same seed and parts generate the same data.
//
// Relaxed SIMD: the bench turns it on for itself on Node 20 as the CLI does (src/cli/wasmFeatures.ts), so
// the engine, terminal and editor figures are those of the CLI and of VS Code desktop (Electron ships
// it, and so does the Node 24 the host harness runs code-server on, monorepo figures included); the
// engine is also measured with the plain-SIMD build, which runs where V8 lacks relaxed SIMD and nothing
// turns it on (an extension host on Node 20, such as an older VS Code server).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createScanner, EscapeStripper, StreamScanner, type Scanner } from '../../src/engine';
import { buildTimeTables, prefilterBuild, prefixHash, prefixHash4, prefixHashes } from '../../src/engine/prefilter';
import { acceptingBuckets } from '../../src/engine/prefilterTuned';
import { builtinSearchKeywords } from '../../src/engine/rules';
import { enableRelaxedSimd } from '../../src/cli/wasmFeatures';
import { newWalkStats, walkFiles } from '../../src/custody/walk';
import { nodeFolderFs } from '../../src/custody/walkNode';
import { ALPHABETS, githubToken, jwt, npmToken, rand } from '../support/fakes';
import { random } from '../support/seed';

const ROOT = path.resolve(__dirname, '../../..');
const MB = 1024 * 1024;
const TARGET_MB = Number(process.env.BENCH_MB ?? 50);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'terminal,cli,engine,editor,bundles,monorepo').split(',').map((p) => p.trim()));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const words = 'the of and to in is for on with as by this that from are be at or an it not was have has but can will if all more when one each which their time about would there other into could after most also made many before must through over where such because these between those under while should during without again against'.split(' ');
const idents = ['user', 'config', 'request', 'response', 'handler', 'client', 'server', 'result', 'value', 'items', 'index', 'count', 'options', 'context', 'buffer', 'session', 'token', 'key'];

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)]!;
}

function sourceLine(): string {
  switch (Math.floor(random() * 8)) {
    case 0: return `  const ${pick(idents)}${rand(ALPHABETS.upper, 1)}${pick(idents)} = await ${pick(idents)}.get${rand(ALPHABETS.upper, 1)}${pick(idents)}(${pick(idents)}, { ${pick(idents)}: ${Math.floor(random() * 1000)} });`;
    case 1: return `  if (!${pick(idents)} || ${pick(idents)}.length === 0) throw new Error('${pick(words)} ${pick(words)} ${pick(words)}');`;
    case 2: return `// ${Array.from({ length: 10 }, () => pick(words)).join(' ')}`;
    case 3: return `  ${pick(idents)}: process.env.${pick(idents).toUpperCase()}_${pick(idents).toUpperCase()},`;
    case 4: return `    "${pick(['name', 'version', 'main', 'type', 'label'])}": "${pick(words)}-${rand(ALPHABETS.hex, 8)}",`;
    case 5: return `  return ${pick(idents)}.map((x) => x.${pick(idents)} + ${Math.floor(random() * 100)});`;
    case 6: return `    "resolved": "https://registry.npmjs.org/${pick(idents)}/-/${pick(idents)}-1.${Math.floor(random() * 20)}.0.tgz", "integrity": "sha512-${rand(ALPHABETS.b64, 86)}=="`;
    default: return logLine();
  }
}

// The bench's JWTs carry fixed times (issued 2026-01-01, expiring 2100-01-01): with jwt()'s default of
// an hour from now, a corpus kept with BENCH_KEEP=1 changed its findings (confidence, "expires in")
// an hour later, which broke before/after identity checks of the CLI's JSONL.
const JWT_TIMES = { iat: 1767225600, exp: 4102444800 };

// PEM armour built from parts: the repository holds no private-key header a scanner would flag.
const PEM_BEGIN = '-----BEGIN ' + 'RSA PRIVATE' + ' KEY-----';
const PEM_END = '-----END ' + 'RSA PRIVATE' + ' KEY-----';

function tokenLine(): string {
  switch (Math.floor(random() * 8)) {
    case 0: return `export GITHUB_TOKEN=${githubToken()}`;
    case 1: return `//registry.npmjs.org/:_authToken=${npmToken()}`;
    case 2: return `curl -H "Authorization: Bearer ${jwt({ iss: 'https://login.example.test', ...JWT_TIMES })}" https://api.example.test/v1/items`;
    case 3: return `AWS_ACCESS_KEY_ID=AKIA${rand(ALPHABETS.upper + '234567', 16)}\nAWS_SECRET_ACCESS_KEY=${rand(ALPHABETS.b64, 40)}`;
    case 4: return `SLACK_TOKEN=xox${'b'}-${rand(ALPHABETS.digits, 12)}-${rand(ALPHABETS.digits, 13)}-${rand(ALPHABETS.b62, 24)}`;
    case 5: return `stripe_key = "sk_${'live'}_${rand(ALPHABETS.b62, 24)}"`;
    case 6: return `DATABASE_URL=postgres://app:${rand(ALPHABETS.b62, 20)}@db.internal.example:5432/app`;
    default: return [PEM_BEGIN, ...Array.from({ length: 12 }, () => rand(ALPHABETS.b64, 64)), PEM_END].join('\n');
  }
}

/** Real text files (code, JSON, Markdown, YAML) from this project's node_modules: realistic material. */
function realFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let ents;
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:[cm]?js|ts|json|md|ya?ml|txt)$/.test(e.name) && !e.name.endsWith('.min.js')) {
        const size = statSync(p).size;
        if (size > 200 && size < 400_000) out.push(p);
      }
    }
  };
  walk(path.join(ROOT, 'node_modules'));
  return out;
}

function logLine(): string {
  return `${new Date(1700000000000 + Math.floor(random() * 1e10)).toISOString()} ${pick(['INFO', 'DEBUG', 'WARN'])} [${pick(idents)}] ${Array.from({ length: 8 }, () => pick(words)).join(' ')} id=${rand(ALPHABETS.hex, 12)} commit=${rand(ALPHABETS.hex, 40)}`;
}

const PKGS = ['react', 'lodash', 'typescript', 'esbuild', 'eslint', 'chalk', 'commander', 'debug', 'semver', 'glob', 'rimraf', 'yargs', 'ws', 'undici'];
const FILES = ['index.ts', 'scanner.ts', 'stream.ts', 'README.md', 'package.json', 'tsconfig.json', 'build.mjs', 'main.go', 'Cargo.toml', '.env.example'];
const ESC = '\u001b';

/**
 * A line of ordinary terminal output other than source code: npm install, git log, ls -la, a test
 * runner, a stack trace, `env`, curl -v, a compiler and docker build (some in colour). The second
 * terminal mix of the bench, so the per-chunk figure is not one corpus's artefact.
 */
function terminalLine(): string {
  const n = (k: number): number => Math.floor(random() * k);
  switch (n(12)) {
    case 0: return `npm ${pick(['http fetch GET 200', 'http fetch GET 304'])} https://registry.npmjs.org/${pick(PKGS)} ${n(300)}ms (cache ${pick(['hit', 'revalidated', 'miss'])})`;
    case 1: return `${ESC}[33mnpm${ESC}[39m ${ESC}[93mwarn${ESC}[39m deprecated ${pick(PKGS)}@${n(9)}.${n(20)}.${n(9)}: This module is not supported, and leaks memory. Do not use it.`;
    case 2: return pick([`commit ${rand(ALPHABETS.hex, 40)}`, `Author: ${pick(['Ada Lovelace', 'Linus T', 'Grace H'])} <dev${n(99)}@example.test>`, `Date:   Mon Nov ${1 + n(28)} 10:${10 + n(49)}:${10 + n(49)} 2026 +0100`, `    ${pick(words)} ${pick(words)} ${pick(idents)} ${pick(words)} (#${n(5000)})`]);
    case 3: return `${pick(['-rw-r--r--', 'drwxr-xr-x', '-rwxr-xr-x'])}  ${1 + n(9)} dev  staff  ${n(99999).toString().padStart(6)} Nov ${(1 + n(28)).toString().padStart(2)} 1${n(9)}:${10 + n(49)} ${pick(FILES)}`;
    case 4: return pick([`  ${ESC}[32m✔${ESC}[39m ${pick(words)} ${pick(idents)} ${pick(words)} ${pick(idents)} ${ESC}[90m(${(random() * 20).toFixed(2)} ms)${ESC}[39m`, `${ESC}[42m PASS ${ESC}[49m src/${pick(idents)}/${pick(FILES)}`, `ok ${n(400)} - ${pick(words)} ${pick(idents)} ${pick(words)}`]);
    case 5: return `    at ${pick(['Object.<anonymous>', 'Module._compile', 'processTicksAndRejections', `${pick(idents)}.${pick(idents)}`])} (${pick(['/home/dev/project/src/', 'node:internal/modules/cjs/'])}${pick(FILES)}:${1 + n(900)}:${1 + n(80)})`;
    case 6: return pick([`PATH=/usr/local/bin:/usr/bin:/bin:/home/dev/.cargo/bin`, `HOME=/home/dev`, `TERM=xterm-256color`, `LANG=en_US.UTF-8`, `SHELL=/bin/zsh`, `${pick(idents).toUpperCase()}_${pick(idents).toUpperCase()}=${pick(words)}`, `PWD=/home/dev/project`]);
    case 7: return pick([`> GET /v1/${pick(idents)}?page=${n(9)} HTTP/1.1`, `> Host: api.example.test`, `> User-Agent: curl/8.5.0`, `< HTTP/1.1 200 OK`, `< content-type: application/json; charset=utf-8`, `< etag: W/"${rand(ALPHABETS.hex, 16)}"`, `* Connected to api.example.test (10.0.${n(255)}.${n(255)}) port 443`, `* TLSv1.3 (IN), TLS handshake, Finished (20):`]);
    case 8: return `src/${pick(idents)}/${pick(FILES)}(${1 + n(900)},${1 + n(80)}): error TS${2300 + n(400)}: Argument of type '${pick(idents)}' is not assignable to parameter of type '${pick(idents)}'.`;
    case 9: return pick([`Step ${1 + n(12)}/12 : RUN npm ci --omit=dev`, ` ---> Using cache`, ` ---> ${rand(ALPHABETS.hex, 12)}`, `#${n(20)} [${n(9)}/${n(12)}] COPY . /app`, `#${n(20)} sha256:${rand(ALPHABETS.hex, 64)} ${n(99)}.${n(9)}MB / ${n(99)}.${n(9)}MB ${n(9)}.${n(9)}s done`]);
    case 10: return `  asset ${pick(idents)}.js ${(random() * 900).toFixed(1)} KiB [emitted] [minimized] (name: ${pick(idents)})`;
    default: return `${logLine()}`;
  }
}

/**
 * Writes ~TARGET_MB of files: real source/config/docs from node_modules (80%) and generated CI-style
 * logs (20%), with a fake token inserted every ~40 KB on average.
 */
function generate(dir: string): { bytes: number; files: number; tokens: number } {
  let bytes = 0;
  let files = 0;
  let tokens = 0;
  // Seeded (TC_TEST_SEED): a run with the same seed and parts generates the same corpus, so before/after
  // runs compare like with like (the files in a sorted order, then a Fisher–Yates shuffle of random()).
  const real = realFiles().sort();
  for (let i = real.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [real[i], real[j]] = [real[j]!, real[i]!];
  }
  let ri = 0;
  const withTokens = (lines: string[]): string => {
    const out: string[] = [];
    for (const l of lines) {
      out.push(l);
      if (random() < (l.length + 1) / 40_000) {
        out.push(tokenLine());
        tokens++;
      }
    }
    return out.join('\n');
  };
  while (bytes < TARGET_MB * MB) {
    const sub = path.join(dir, `pkg${files % 20}`);
    mkdirSync(sub, { recursive: true });
    let text: string;
    let name: string;
    if (random() < 0.2 || ri >= real.length) {
      const lines: string[] = [];
      const size = 50_000 + Math.floor(random() * 300_000);
      for (let n = 0; n < size; ) {
        const l = random() < 0.3 ? sourceLine() : logLine();
        lines.push(l);
        n += l.length + 1;
      }
      text = withTokens(lines) + '\n';
      name = `build-${files}.log`;
    } else {
      const src = real[ri++]!;
      text = withTokens(readFileSync(src, 'utf8').split('\n'));
      name = `${files}-${path.basename(src)}`;
    }
    writeFileSync(path.join(sub, name), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { bytes, files, tokens };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/**
 * CPU seconds (user + system) of the waited-for child processes so far, from /proc/self/stat
 * (cutime + cstime, clock ticks of 10 ms); undefined where there is no /proc.
 */
function childCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of proc(5), counted after the comm field
  } catch {
    return undefined;
  }
}

/** `time` of a child process, with the CPU it used (undefined without /proc). */
function timeChild<T>(fn: () => T): { ms: number; cpu: number | undefined; value: T } {
  const c0 = childCpu();
  const t = time(fn);
  const c1 = childCpu();
  return { ...t, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

const cpuText = (cpu: number | undefined): string => (cpu === undefined ? '' : `, CPU ${cpu.toFixed(2)} s`);

function countJsonl(s: string): number {
  return s.split('\n').filter((l) => l.trim()).length;
}

/**
 * Writes a monorepo-shaped tree: `files` files of about `bytes / files` bytes each (source lines,
 * logs, a fake token every ~40 KB on average), 100 files per package folder, 50 packages per group.
 */
function generateMonorepo(root: string, files: number, bytes: number): { bytes: number; tokens: number } {
  const per = Math.max(200, Math.floor(bytes / files));
  // A pool of distinct file bodies, reused round robin (generation time stays small next to the scan).
  const pool: string[] = [];
  let tokens = 0;
  const poolTokens: number[] = [];
  for (let i = 0; i < 400; i++) {
    const lines: string[] = [];
    let n = 0;
    let t = 0;
    while (n < per) {
      const l = random() < 80 / 40_000 ? (t++, tokenLine()) : sourceLine();
      lines.push(l);
      n += l.length + 1;
    }
    pool.push(lines.join('\n') + '\n');
    poolTokens.push(t);
  }
  let written = 0;
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `group${Math.floor(i / 5000)}`, `pkg${Math.floor(i / 100) % 50}`, i % 3 === 0 ? 'src' : 'lib');
    if (i % 100 === 0 || i % 100 === 1 || i % 100 === 2) mkdirSync(dir, { recursive: true });
    const body = pool[i % pool.length]!;
    writeFileSync(path.join(dir, `f${i}.${['ts', 'js', 'json', 'md', 'log'][i % 5]}`), body);
    written += Buffer.byteLength(body);
    tokens += poolTokens[i % pool.length]!;
  }
  return { bytes: written, tokens };
}

/** Monorepo part: generates the tree, then the plain-Node pass and the extension-host pass. */
async function benchMonorepo(scanner: Scanner, dir: string): Promise<void> {
  const full = process.env.BENCH_MONO === 'full';
  const files = Number(process.env.BENCH_MONO_FILES ?? (full ? 100_000 : 10_000));
  const mb = Number(process.env.BENCH_MONO_MB ?? (full ? 1024 : 100));
  // BENCH_MONO_DIR keeps the tree there (reused by the next run of the same size: iterate without regenerating).
  const keepDir = process.env.BENCH_MONO_DIR;
  const root = keepDir ? path.resolve(keepDir) : path.join(dir, 'monorepo');
  const marker = path.join(root, '.bench-monorepo.json');
  const wanted = JSON.stringify({ files, mb });
  let made: { bytes: number; tokens: number; reused?: boolean };
  let ms = 0;
  const previous = keepDir ? (() => { try { return JSON.parse(readFileSync(marker, 'utf8')) as { files: number; mb: number; bytes: number; tokens: number }; } catch { return undefined; } })() : undefined;
  if (previous && JSON.stringify({ files: previous.files, mb: previous.mb }) === wanted) made = { bytes: previous.bytes, tokens: previous.tokens, reused: true };
  else {
    if (keepDir) rmSync(root, { recursive: true, force: true });
    const gen = time(() => generateMonorepo(root, files, mb * MB));
    made = gen.value;
    ms = gen.ms;
    if (keepDir) writeFileSync(marker, JSON.stringify({ files, mb, ...gen.value }));
  }
  console.log(`\nmonorepo           : ${files.toLocaleString('en-US')} files, ${(made.bytes / MB).toFixed(0)} MB, ${made.tokens} token lines (${made.reused ? `reused in ${root}` : `generated in ${(ms / 1000).toFixed(1)} s`})${full ? '' : '; BENCH_MONO=full for 100,000 files / 1 GB (about 6 min)'}`);
  if (process.env.BENCH_MONO_NODE !== '0') await benchMonorepoNode(scanner, root);
  if (process.env.BENCH_MONO_HOST !== '0') benchMonorepoHost(root, dir);
}

interface HostScan {
  ms: number; cpuMs?: number; files: number; read: number; unchanged: number; tokens: number; mb: number; cancelled: boolean; cancelMs?: number;
  peakHeapMB: number; retainedHeapMB?: number; longestTaskMs: number; p99TaskMs: number; longestTaskCpuMs?: number; longestGapCpuMs?: number; gapsOver50?: number; gapsOver50Cpu?: number; gapsOver25?: number; cpuOver?: { 10: number; 15: number; 20: number }; load: number; progressUpdates: number; progressFirst?: string; progressLast?: string;
  custodyBacklog?: { peakEntries: number; peakChars: number };
  samplerCpuMs?: number;
  gc?: { firstGapCpuMs: number; longestCpuGapAtMs: number; major: number; longestMajorMs: number; minor: number; longestMinorMs: number; totalMs: number; cpuGapsOver10: number; cpuGapsOver10WithMajor: number; longestCpuGapGcMs: number; wallGapsOver50WithGc: number; longestWallGapGcMs: number };
}

/** The cancelled rescan: DOM click → cancellation in the host → scan stopped → toast gone (ms). */
interface HostCancel extends HostScan {
  driverClickToStopMs: number; clickToTokenMs?: number; tokenToStopMs?: number; stopToGoneMs?: number; clickToGoneMs?: number; mousedownToClickMs?: number;
}

/** Scan Workspace in the real extension host (test/host/suite/monorepo.bench.ts), serialized with other host runs. */
function benchMonorepoHost(root: string, dir: string): void {
  const out = path.join(dir, 'host-bench.json');
  // Only this suite (other *.bench.ts suites measure other things in their own workspaces).
  const args = [path.join(ROOT, 'test/host/run.mjs'), '--suites', 'bench', '--workspace', root, '--timeout', '3600', '--grep', 'monorepo workspace scan'];
  const flock = spawnSync('flock', ['--version'], { encoding: 'utf8' }).status === 0;
  const t0 = performance.now();
  const run = flock
    ? spawnSync('flock', ['/tmp/tc-host.lock', process.execPath, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, TC_BENCH_OUT: out }, maxBuffer: 64 * MB })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, env: { ...process.env, TC_BENCH_OUT: out }, maxBuffer: 64 * MB });
  let r: { heapBeforeMB: number; settle?: { waitedMs: number; longestCpuMs: number }; first: HostScan; unchanged: HostScan; oneChanged: HostScan & { newTokenFound: boolean }; cancel: HostCancel | { finishedBeforeCancel: true; files: number } };
  try {
    r = JSON.parse(readFileSync(out, 'utf8')) as typeof r;
  } catch {
    console.log(`monorepo host      : no figures (host run exited ${run.status}; ${((performance.now() - t0) / 1000).toFixed(0)} s):\n${(run.stdout + run.stderr).split('\n').slice(-25).join('\n')}`);
    return;
  }
  const s = (x: HostScan): string => `${(x.ms / 1000).toFixed(1)} s${x.cpuMs === undefined ? '' : ` (${(x.cpuMs / 1000).toFixed(1)} s CPU)`}`;
  const over50 = (x: HostScan): string => `${x.gapsOver50 ?? '?'} gaps over 50 ms, ${x.gapsOver50Cpu ?? '?'} of them on the CPU clock; ${x.gapsOver25 ?? '?'} over 25 ms; over 10/15/20 ms of CPU: ${x.cpuOver ? `${x.cpuOver[10]}/${x.cpuOver[15]}/${x.cpuOver[20]}` : '?'}`;
  const f = r.first;
  console.log(`monorepo host scan : ${s(f)} (${(f.mb / (f.ms / 1000)).toFixed(0)} MB/s), ${f.files.toLocaleString('en-US')} files, ${f.tokens} findings; extension-host heap ${r.heapBeforeMB} → peak ${f.peakHeapMB} MB (goal ≤ 300 MB), ${f.retainedHeapMB ?? '?'} MB kept after a GC; longest task ${f.longestTaskMs} ms (goal ≤ 50 ms; p99 ${f.p99TaskMs} ms; ${f.longestTaskCpuMs ?? '?'} ms on the CPU clock, ${f.longestGapCpuMs ?? '?'} ms of CPU in the longest; ${over50(f)}; load average ${f.load} on ${os.cpus().length} cores); progress updated ${f.progressUpdates}× (${f.progressFirst ?? '-'} … ${f.progressLast ?? '-'}); custody log backlog peak ${f.custodyBacklog ? `${f.custodyBacklog.peakEntries.toLocaleString('en-US')} entries, ${(f.custodyBacklog.peakChars / MB).toFixed(2)} MB` : '?'}`);
  const gc = (x: HostScan): string => (x.gc ? `${x.gc.major} full GCs (longest ${x.gc.longestMajorMs} ms), ${x.gc.minor} young (longest ${x.gc.longestMinorMs} ms), ${x.gc.totalMs} ms in all; of the ${x.gc.cpuGapsOver10} gaps over 10 ms of CPU ${x.gc.cpuGapsOver10WithMajor} held a full GC, ${x.gc.longestCpuGapGcMs} ms of GC in the one with the most CPU (at ${(x.gc.longestCpuGapAtMs / 1000).toFixed(2)} s of ${(x.ms / 1000).toFixed(1)} s; ${x.gc.firstGapCpuMs} ms of CPU in the first); ${x.gc.wallGapsOver50WithGc} gaps over 50 ms held a GC, ${x.gc.longestWallGapGcMs} ms of GC in the longest; heap sampler ${x.samplerCpuMs ?? '?'} ms CPU` : '?');
  console.log(`monorepo host GC   : first scan ${gc(f)}`);
  if (r.settle) console.log(`monorepo host idle : the first scan started once the extension host was idle (2 s without a turn over 10 ms of CPU): waited ${(r.settle.waitedMs / 1000).toFixed(1)} s, in which the longest turn took ${r.settle.longestCpuMs} ms of CPU (the workbench's start-up)`);
  const u = r.unchanged;
  console.log(`monorepo rescan    : ${s(u)} with nothing changed (read ${u.read}, ${u.unchanged.toLocaleString('en-US')} unchanged); peak heap ${u.peakHeapMB} MB (${u.retainedHeapMB ?? '?'} MB kept), longest task ${u.longestTaskMs} ms (p99 ${u.p99TaskMs} ms; ${u.longestTaskCpuMs ?? '?'} ms CPU; ${over50(u)})`);
  const o = r.oneChanged;
  console.log(`monorepo rescan    : ${s(o)} after one file changed (read ${o.read}, new token ${o.newTokenFound ? 'found' : 'NOT found'}); longest task ${o.longestTaskMs} ms (p99 ${o.p99TaskMs} ms; ${o.longestTaskCpuMs ?? '?'} ms CPU)`);
  const c = r.cancel;
  if ('finishedBeforeCancel' in c) console.log(`monorepo cancel    : the rescan of ${c.files.toLocaleString('en-US')} files finished before Cancel could be clicked (use BENCH_MONO=full)`);
  else {
    const m = (x: number | undefined): string => (x === undefined ? '?' : `${x.toFixed(0)} ms`);
    console.log(`monorepo cancel    : Cancel click → toast gone ${m(c.clickToGoneMs)} (goal ≤ 200 ms): click → cancellation in the extension host ${m(c.clickToTokenMs)}, → scan stopped ${m(c.tokenToStopMs)}, → toast gone ${m(c.stopToGoneMs)}; the driver's click request → stop ${c.driverClickToStopMs} ms; having read ${c.read.toLocaleString('en-US')} files in ${s(c)} (full rescan under new rules); longest task ${c.longestTaskMs} ms`);
  }
  console.log(`monorepo host run  : ${((performance.now() - t0) / 1000).toFixed(0)} s including code-server start-up`);
}

/**
 * What the keyword prefilter's two passes let through on some texts (emulated here from the build's
 * tables, as the module reads each character's low byte): the share of positions its first pass
 * accepts (nibble tables of 8 buckets, scripts/tune-prefilter.mjs) and how many per 4 KB pass its
 * second (the prefix hashes) and are walked in the keyword trie.
 */
function prefilterShares(texts: readonly string[]): string {
  const tables = buildTimeTables();
  if (!tables) return 'no build-time tables in this bundle';
  const { words, exactCase } = builtinSearchKeywords();
  const hashes = prefixHashes(words, exactCase);
  const [a0, a1, a2, a3] = acceptingBuckets(tables) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  let positions = 0;
  let first = 0;
  let second = 0;
  for (const t of texts) {
    const b = Buffer.from(t, 'latin1');
    positions += b.length;
    for (let i = 0; i + 3 < b.length; i++) {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!;
      if ((a0[c0]! & a1[c1]! & a2[c2]! & a3[c3]!) === 0) continue;
      first++;
      if ((hashes[prefixHash4(c0, c1, c2, c3)]! & 1) !== 0 || (hashes[prefixHash(c0, c1, c2)]! & 2) !== 0) second++;
    }
  }
  const per4k = (n: number): string => ((4096 * n) / Math.max(1, positions)).toFixed(0);
  return `first pass ${((100 * first) / Math.max(1, positions)).toFixed(1)}% of positions (${per4k(first)} per 4 KB), second pass ${per4k(second)} per 4 KB`;
}

/** Scan Workspace's loop in plain Node: walkFiles + scanner.scan per file, yielding every 15 ms. */
async function benchMonorepoNode(scanner: Scanner, root: string): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  let longest = 0;
  let findings = 0;
  const stats = newWalkStats();
  const t0 = performance.now();
  let lastYield = t0;
  let scanned = 0;
  let scanMs = 0;
  for await (const file of walkFiles(nodeFolderFs(root), { exclude: [], maxBytes: 5 * MB }, stats)) {
    const s0 = performance.now();
    findings += scanner.scan(file.text ?? '').length;
    const now = performance.now();
    scanMs += now - s0;
    if (now - lastYield > 15) {
      longest = Math.max(longest, now - lastYield);
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
    if (++scanned % 256 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  longest = Math.max(longest, performance.now() - lastYield);
  const s = (performance.now() - t0) / 1000;
  console.log(`monorepo node scan : ${s.toFixed(1)} s (${(stats.bytes / MB / s).toFixed(0)} MB/s), ${stats.files.toLocaleString('en-US')} files, ${findings} findings; heap ${(heap0 / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB (goal ≤ 300 MB); longest task between yields ${longest.toFixed(0)} ms (goal ≤ 50 ms); engine ${(scanMs / 1000).toFixed(1)} s of it`);
}

async function main(): Promise<void> {
  const flagged = enableRelaxedSimd();
  console.log(`Token Custody bench — node ${process.version}, ${process.platform}/${process.arch}; keyword prefilter build: ${prefilterBuild() ?? 'none (automaton)'}${flagged ? ' (relaxed SIMD turned on as the CLI does)' : ''}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-bench-'));
  try {
    const { scanner } = createScanner();
    if (PARTS.has('terminal')) {
      // 2. Terminal (measured first, in a fresh heap like the extension host's): cost per 4 KB chunk, and memory over 100 MB.
      const chunksOf = (line: () => string): string[] => {
        const out: string[] = [];
        for (let i = 0; i < 256; i++) {
          let c = '';
          while (c.length < 4096) c += (random() < 0.002 ? `\u001b[32m${tokenLine()}\u001b[0m` : line()) + '\r\n';
          out.push(c.slice(0, 4096));
        }
        return out;
      };
      const chunks = chunksOf(sourceLine);
      /** Each mix's chunks and per-chunk minima, broken down after the heap measurement (which they would disturb: see below). */
      const mixes: { label: string; list: string[]; fastest: number[]; fastMean: number; withFinding: boolean[] }[] = [];
      const terminalChunks = (label: string, list: string[]): void => {
        const stream = new StreamScanner(scanner);
        for (let warm = 0; warm < 5; warm++) for (const c of list) stream.push(c); // JIT warm-up
        const per: number[] = [];
        // On a shared machine a round is often preempted: also keep each chunk's fastest push over the
        // rounds (the same chunk sequence repeats), whose mean is the cost without preemption, and
        // each round's CPU time (the process's, GC threads included), which preemption does not inflate.
        const fastest = new Array<number>(list.length).fill(Infinity);
        const cpu: number[] = [];
        /** Chunks whose push reports a finding (each round: a finding is reported once per stream position). */
        const withFinding = new Array<boolean>(list.length).fill(false);
        for (let round = 0; round < 20; round++) {
          const t0 = process.hrtime.bigint();
          const u0 = process.cpuUsage();
          for (let i = 0; i < list.length; i++) {
            const c0 = process.hrtime.bigint();
            const found = stream.push(list[i]!).length > 0;
            fastest[i] = Math.min(fastest[i]!, Number(process.hrtime.bigint() - c0) / 1e3);
            if (found) withFinding[i] = true;
          }
          const u = process.cpuUsage(u0);
          cpu.push((u.user + u.system) / list.length);
          per.push(Number(process.hrtime.bigint() - t0) / 1e3 / list.length);
        }
        const fastMean = fastest.reduce((a, b) => a + b, 0) / fastest.length;
        console.log(`${label.padEnd(19)}: ${median(per).toFixed(1)} µs per 4 KB chunk (median of 20 rounds), ${fastMean.toFixed(1)} µs mean of per-chunk minima (goal ≤ 10 µs)`);
        console.log(`${(label + ' CPU').padEnd(19)}: ${median(cpu).toFixed(1)} µs per 4 KB chunk (median of 20 rounds), ${Math.min(...cpu).toFixed(1)} µs best round; load average ${os.loadavg()[0]!.toFixed(1)}`);
        mixes.push({ label, list, fastest, fastMean, withFinding });
      };
      terminalChunks('terminal chunk', chunks);
      // A second mix (npm, git log, ls, test runners, stack traces, env, curl -v, compilers, docker), printed only.
      terminalChunks('terminal mix 2', chunksOf(terminalLine));
      console.log(`terminal prefilter : mix 1 ${prefilterShares(mixes[0]!.list)}; mix 2 ${prefilterShares(mixes[1]!.list)}`);
      (globalThis as { gc?: () => void }).gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const s2 = new StreamScanner(scanner);
      let pushed = 0;
      let peak = heap0;
      while (pushed < 100 * MB) {
        s2.push(chunks[(pushed / 4096) % chunks.length]!);
        pushed += 4096;
        if (pushed % (8 * MB) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      s2.end();
      console.log(`terminal 100 MB    : heap ${(heap0 / MB).toFixed(1)} MB → peak ${(peak / MB).toFixed(1)} MB (bounded buffer)`);
      // Measured after the heap: the scans below leave V8 a larger young generation, whose garbage
      // the heap figure would count (a peak of 27 MB instead of 19).
      for (const { label, list, fastest, fastMean, withFinding } of mixes) {
        // Where a push's time goes (means of per-chunk minima, as above): the escape stripping alone,
        // the scanner alone on each chunk's visible text (keyword search and rules, no carried
        // text or open hits), and what is left for the stream's own work (the text carried over, open
        // hits evaluated again, bookkeeping); then the share of the chunks that report a finding.
        const plain = new EscapeStripper();
        const visible = list.map((c) => plain.feed(c).text);
        const stripMin = new Array<number>(list.length).fill(Infinity);
        const scanMin = new Array<number>(list.length).fill(Infinity);
        const noSegments = { add(): void {} };
        for (let round = 0; round < 15; round++) {
          const stripper = new EscapeStripper();
          for (let i = 0; i < list.length; i++) {
            let c0 = process.hrtime.bigint();
            stripper.strip(list[i]!, noSegments);
            const t = process.hrtime.bigint();
            stripMin[i] = Math.min(stripMin[i]!, Number(t - c0) / 1e3);
            c0 = process.hrtime.bigint();
            scanner.scanDetailed(visible[i]!, { positionAt: () => ({ line: 0, col: 0 }) });
            scanMin[i] = Math.min(scanMin[i]!, Number(process.hrtime.bigint() - c0) / 1e3);
          }
        }
        const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
        const stripMean = mean(stripMin);
        const scanMean = mean(scanMin);
        const tokenChunks = fastest.filter((_, i) => withFinding[i]);
        console.log(
          `${(label + ' parts').padEnd(19)}: escape stripping ${stripMean.toFixed(1)} µs, scanner alone on the chunk ${scanMean.toFixed(1)} µs, stream's own ${(fastMean - stripMean - scanMean).toFixed(1)} µs; ` +
            `${tokenChunks.length} of ${list.length} chunks report a finding, at ${mean(tokenChunks).toFixed(0)} µs each: ${(tokenChunks.reduce((a, b) => a + b, 0) / list.length).toFixed(1)} µs of the mean`,
        );
      }
      // Output that arrives in small pieces (a line at a time, a progress bar, a keystroke's echo):
      // the first 64 chunks of mix 1 pushed 256 characters at a time. A scan on every push evaluates
      // again the open hits of the line it cuts (and a private key's for 16 KB), so the cost per 4 KB
      // is a multiple of the 4 KB figure; the stream defers its scan until 4 KB have come (`deferUpTo`,
      // the terminal watcher flushes what waits after 50 ms). Both printed: best of 10 rounds (wall
      // clock) and the median round's CPU time per push.
      {
        const text = chunks.slice(0, 64).join('');
        const pieces: string[] = [];
        for (let i = 0; i < text.length; i += 256) pieces.push(text.slice(i, i + 256));
        for (const [label, deferUpTo] of [
          ['terminal 256 chars', undefined],
          ['  scan on each push', 0],
        ] as const) {
          const stream = new StreamScanner(scanner, { deferUpTo });
          for (let warm = 0; warm < 3; warm++) for (const p of pieces) stream.push(p);
          let best = Infinity;
          const cpu: number[] = [];
          for (let round = 0; round < 10; round++) {
            const t0 = process.hrtime.bigint();
            const u0 = process.cpuUsage();
            for (const p of pieces) stream.push(p);
            const u = process.cpuUsage(u0);
            cpu.push((u.user + u.system) / pieces.length);
            best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / pieces.length);
          }
          console.log(
            `${label.padEnd(19)}: ${best.toFixed(1)} µs per push of 256 characters (best of 10 rounds over 64 chunks of mix 1), ${((best * 4096) / 256).toFixed(0)} µs per 4 KB; ` +
              `CPU ${median(cpu).toFixed(1)} µs per push (median round), ${((median(cpu) * 4096) / 256).toFixed(0)} µs per 4 KB; load average ${os.loadavg()[0]!.toFixed(1)}`,
          );
        }
      }
      console.log('');
    }

    const needCorpus = PARTS.has('cli') || PARTS.has('engine');
    let mbs = 0;
    if (needCorpus) {
      const gen = time(() => generate(dir));
      mbs = gen.value.bytes / MB;
      console.log(`corpus: ${mbs.toFixed(1)} MB in ${gen.value.files} files, ${gen.value.tokens} token lines (generated in ${(gen.ms / 1000).toFixed(1)} s)\n`);
    }

    if (PARTS.has('cli')) {
      // 1. CLI vs secretlint, both as the commands a user runs. Both run without NODE_EXTRA_CA_CERTS:
      // when it is set (as on the shared development machine), Node parses its whole root certificate
      // store at start, ~50 ms of CPU per process that neither tool uses (they make no connection).
      const env = { ...process.env };
      const caSet = env.NODE_EXTRA_CA_CERTS !== undefined;
      delete env.NODE_EXTRA_CA_CERTS;
      const cli = path.join(ROOT, 'dist', 'cli.js');
      // Start-up: a scan of one small file (what a git hook or an editor task pays), median of 7.
      const tiny = path.join(dir, 'tiny.txt');
      writeFileSync(tiny, 'nothing to see\n');
      const starts: number[] = [];
      const startCpu: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = timeChild(() => spawnSync(process.execPath, [cli, 'scan', tiny], { encoding: 'utf8', env }));
        starts.push(t.ms);
        if (t.cpu !== undefined) startCpu.push(t.cpu * 1000);
      }
      const bare = median(Array.from({ length: 5 }, () => time(() => spawnSync(process.execPath, ['-e', '0'], { env })).ms));
      const bareCa = caSet ? median(Array.from({ length: 5 }, () => time(() => spawnSync(process.execPath, ['-e', '0'])).ms)) : undefined;
      console.log(`cli start-up       : ${median(starts).toFixed(0)} ms to scan one small file${startCpu.length ? ` (CPU ${median(startCpu).toFixed(0)} ms)` : ''} (node -e 0 alone: ${bare.toFixed(0)} ms${bareCa === undefined ? '' : `; ${bareCa.toFixed(0)} ms with NODE_EXTRA_CA_CERTS, which the CLI runs here leave out`})`);
      rmSync(tiny);
      // One untimed scan of the corpus first: the start-up runs above wrote the CLI's code cache
      // (src/cli/codeCache.ts) with the code a scan of one small file compiles, and the first scan of
      // 16 times as many bytes writes it again with its own (about 2% of the main thread's instructions
      // on this corpus, callgrind). Timed is the scan a user repeats, not the one that rewrites the cache.
      spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 512 * MB, env });
      const ours = timeChild(() => spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 512 * MB, env }));
      if (ours.value.status !== 1) throw new Error(`token-custody scan exited ${ours.value.status}: ${ours.value.stderr}`);
      const ourFindings = countJsonl(ours.value.stdout);
      const ourRate = mbs / (ours.ms / 1000);
      console.log(`token-custody scan : ${(ours.ms / 1000).toFixed(2)} s  ${ourRate.toFixed(1)} MB/s  ${ourFindings} findings${cpuText(ours.cpu)}`);
      if (process.env.BENCH_SECRETLINT !== '0') {
        const rc = path.join(dir, '.secretlintrc.json');
        writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
        const bin = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
        const theirs = timeChild(() => spawnSync(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '--maskSecrets', `${dir}/**/*`], { encoding: 'utf8', maxBuffer: 512 * MB, cwd: ROOT, env }));
        let theirFindings = 0;
        try {
          const parsed = JSON.parse(theirs.value.stdout) as { messages: unknown[] }[];
          theirFindings = parsed.reduce((n, f) => n + f.messages.length, 0);
        } catch {
          console.log(`  (secretlint output could not be parsed; exit ${theirs.value.status}: ${theirs.value.stderr.slice(0, 300)})`);
        }
        const theirRate = mbs / (theirs.ms / 1000);
        console.log(`secretlint 13      : ${(theirs.ms / 1000).toFixed(2)} s  ${theirRate.toFixed(1)} MB/s  ${theirFindings} findings${cpuText(theirs.cpu)}`);
        const cpuRatio = ours.cpu && theirs.cpu ? `; CPU ${(theirs.cpu / ours.cpu).toFixed(1)}× less` : '';
        console.log(`ratio              : ${(ourRate / theirRate).toFixed(1)}× secretlint's throughput (target ≥ 10×, goal 20×)${cpuRatio}; findings ${ourFindings} vs ${theirFindings}; load average ${os.loadavg()[0]!.toFixed(1)}`);
      }
    }

    if (PARTS.has('engine')) {
      // In-process engine throughput (no I/O, no process start): the whole corpus, one warm-up pass,
      // then 5 timed passes; median and best by wall clock and by this thread's CPU (one pass over a
      // few MB after one warm-up varied 146-250 MB/s from run to run on a quiet machine).
      const sample = readdirSync(dir).filter((d) => d.startsWith('pkg')).flatMap((d) => readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
      const texts = sample.map((f) => readFileSync(f, 'utf8'));
      const totalChars = texts.reduce((n, t) => n + t.length, 0);
      for (const t of texts) scanner.scan(t);
      const passes = (sc: Scanner): { walls: number[]; cpus: number[]; found: number } => {
        const walls: number[] = [];
        const cpus: number[] = [];
        let found = 0;
        for (let round = 0; round < 5; round++) {
          const c0 = process.cpuUsage();
          const eng = time(() => texts.reduce((n, t) => n + sc.scan(t).length, 0));
          const c = process.cpuUsage(c0);
          walls.push(eng.ms);
          cpus.push((c.user + c.system) / 1000);
          found = eng.value;
        }
        return { walls, cpus, found };
      };
      const rate = (ms: number): string => (totalChars / MB / (ms / 1000)).toFixed(1);
      const { walls, cpus, found } = passes(scanner);
      const build = scanner.prefilter === 'simd' ? `simd, ${prefilterBuild() === 'relaxed' ? 'relaxed SIMD' : 'plain SIMD'}` : scanner.prefilter;
      console.log(`engine in-process  : ${rate(median(walls))} MB/s median of 5 passes over ${(totalChars / MB).toFixed(1)} MB (best ${rate(Math.min(...walls))}; CPU clock ${rate(median(cpus))} median, ${rate(Math.min(...cpus))} best; ${found} findings; keyword search: ${build})`);
      if (prefilterBuild() === 'relaxed') {
        // The plain-SIMD build: what runs where V8 lacks relaxed SIMD (an extension host on Node 20).
        const { scanner: plain } = createScanner([], { prefilterBuild: 'simd' });
        for (const t of texts) plain.scan(t);
        const p = passes(plain);
        console.log(`engine (plain SIMD): ${rate(median(p.walls))} MB/s median of 5 passes (best ${rate(Math.min(...p.walls))}; CPU clock ${rate(median(p.cpus))} median, ${rate(Math.min(...p.cpus))} best; ${p.found} findings): the build of extension hosts on Node 20`);
      }
      // The reference keyword automaton, for comparison with the SIMD prefilter.
      const { scanner: reference } = createScanner([], { prefilter: 'automaton' });
      for (const t of texts) reference.scan(t);
      const ref = time(() => texts.reduce((n, t) => n + reference.scan(t).length, 0));
      console.log(`engine (automaton) : ${(totalChars / MB / (ref.ms / 1000)).toFixed(1)} MB/s (${ref.value} findings)`);
      console.log(`engine prefilter   : ${prefilterShares(texts)}\n`);
    }

    if (PARTS.has('editor')) {
      // 3. Editor: one keystroke in a 10 MB document — the engine work the change handler does
      //    (rescan of the edited lines widened by the multi-line reach). The host suite measures the
      //    real handler inside VS Code.
      let doc = '';
      while (doc.length < 10 * MB) doc += sourceLine() + '\n';
      const reach = Math.max(0, ...scanner.rules.map((r) => r.window?.after ?? 0));
      const ks: number[] = [];
      for (let i = 0; i < 200; i++) {
        const at = Math.floor(random() * (doc.length - 100));
        const s = Math.max(0, doc.lastIndexOf('\n', at - reach) + 1);
        const e = doc.indexOf('\n', at + 1);
        const t0 = process.hrtime.bigint();
        scanner.scan(doc.slice(s, e), { positionAt: () => ({ line: 0, col: 0 }) });
        ks.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      console.log(`keystroke rescan   : ${median(ks).toFixed(3)} ms median engine time in a 10 MB document (goal ≤ 2 ms)`);
      const full = time(() => scanner.scan(doc).length);
      console.log(`full 10 MB scan    : ${full.ms.toFixed(0)} ms (done in background slices by the editor)\n`);
    }

    if (PARTS.has('bundles')) {
      // 4. Bundles.
      for (const f of ['extension.js', 'shared.js', 'cli.js']) {
        const p = path.join(ROOT, 'dist', f);
        console.log(`bundle dist/${f.padEnd(13)}: ${(statSync(p).size / 1024).toFixed(1)} KB${f === 'extension.js' ? ' (goal ≤ 250 KB; `npm run package` builds it minified)' : ''}`);
      }
    }

    // 5. Monorepo workspace scan.
    if (PARTS.has('monorepo')) await benchMonorepo(scanner, dir);
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`\ndata kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

void main();
