// `npm run bench`: speed and memory numbers, printed (never asserted).
//  1. ~50 MB of generated source/config/log text with sparse fake tokens, scanned by our CLI and by
//     secretlint (+ its recommended preset), side by side: MB/s, ratio, findings.
//  2. Engine cost per 4 KB terminal chunk (streaming scanner) and heap growth over 100 MB of output.
//  3. Editor-style incremental rescan after one keystroke in a 10 MB document (engine part).
//  4. Bundle sizes.
// Options: BENCH_MB (default 50), BENCH_SECRETLINT=0 to skip secretlint, BENCH_KEEP=1 to keep the data.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createScanner, StreamScanner } from '../../src/engine';
import { ALPHABETS, githubToken, jwt, npmToken, rand } from '../support/fakes';

const ROOT = path.resolve(__dirname, '../../..');
const MB = 1024 * 1024;
const TARGET_MB = Number(process.env.BENCH_MB ?? 50);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const words = 'the of and to in is for on with as by this that from are be at or an it not was have has but can will if all more when one each which their time about would there other into could after most also made many before must through over where such because these between those under while should during without again against'.split(' ');
const idents = ['user', 'config', 'request', 'response', 'handler', 'client', 'server', 'result', 'value', 'items', 'index', 'count', 'options', 'context', 'buffer', 'session', 'token', 'key'];

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

function sourceLine(): string {
  switch (Math.floor(Math.random() * 8)) {
    case 0: return `  const ${pick(idents)}${rand(ALPHABETS.upper, 1)}${pick(idents)} = await ${pick(idents)}.get${rand(ALPHABETS.upper, 1)}${pick(idents)}(${pick(idents)}, { ${pick(idents)}: ${Math.floor(Math.random() * 1000)} });`;
    case 1: return `  if (!${pick(idents)} || ${pick(idents)}.length === 0) throw new Error('${pick(words)} ${pick(words)} ${pick(words)}');`;
    case 2: return `// ${Array.from({ length: 10 }, () => pick(words)).join(' ')}`;
    case 3: return `  ${pick(idents)}: process.env.${pick(idents).toUpperCase()}_${pick(idents).toUpperCase()},`;
    case 4: return `    "${pick(['name', 'version', 'main', 'type', 'label'])}": "${pick(words)}-${rand(ALPHABETS.hex, 8)}",`;
    case 5: return `  return ${pick(idents)}.map((x) => x.${pick(idents)} + ${Math.floor(Math.random() * 100)});`;
    case 6: return `    "resolved": "https://registry.npmjs.org/${pick(idents)}/-/${pick(idents)}-1.${Math.floor(Math.random() * 20)}.0.tgz", "integrity": "sha512-${rand(ALPHABETS.b64, 86)}=="`;
    default: return logLine();
  }
}

// PEM armour built from parts: the repository holds no private-key header a scanner would flag.
const PEM_BEGIN = '-----BEGIN ' + 'RSA PRIVATE' + ' KEY-----';
const PEM_END = '-----END ' + 'RSA PRIVATE' + ' KEY-----';

function tokenLine(): string {
  switch (Math.floor(Math.random() * 8)) {
    case 0: return `export GITHUB_TOKEN=${githubToken()}`;
    case 1: return `//registry.npmjs.org/:_authToken=${npmToken()}`;
    case 2: return `curl -H "Authorization: Bearer ${jwt({ iss: 'https://login.example.test' })}" https://api.example.test/v1/items`;
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
  return `${new Date(1700000000000 + Math.floor(Math.random() * 1e10)).toISOString()} ${pick(['INFO', 'DEBUG', 'WARN'])} [${pick(idents)}] ${Array.from({ length: 8 }, () => pick(words)).join(' ')} id=${rand(ALPHABETS.hex, 12)} commit=${rand(ALPHABETS.hex, 40)}`;
}

/**
 * Writes ~TARGET_MB of files: real source/config/docs from node_modules (80%) and generated CI-style
 * logs (20%), with a fake token inserted every ~40 KB on average.
 */
function generate(dir: string): { bytes: number; files: number; tokens: number } {
  let bytes = 0;
  let files = 0;
  let tokens = 0;
  const real = realFiles().sort(() => Math.random() - 0.5);
  let ri = 0;
  const withTokens = (lines: string[]): string => {
    const out: string[] = [];
    for (const l of lines) {
      out.push(l);
      if (Math.random() < (l.length + 1) / 40_000) {
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
    if (Math.random() < 0.2 || ri >= real.length) {
      const lines: string[] = [];
      const size = 50_000 + Math.floor(Math.random() * 300_000);
      for (let n = 0; n < size; ) {
        const l = Math.random() < 0.3 ? sourceLine() : logLine();
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

function countJsonl(s: string): number {
  return s.split('\n').filter((l) => l.trim()).length;
}

function main(): void {
  console.log(`Token Custody bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-bench-'));
  try {
    const { scanner } = createScanner();
    // 2. Terminal (measured first, in a fresh heap like the extension host's): cost per 4 KB chunk, and memory over 100 MB.
    const chunks: string[] = [];
    for (let i = 0; i < 256; i++) {
      let c = '';
      while (c.length < 4096) c += (Math.random() < 0.002 ? `\u001b[32m${tokenLine()}\u001b[0m` : sourceLine()) + '\r\n';
      chunks.push(c.slice(0, 4096));
    }
    const stream = new StreamScanner(scanner);
    for (let warm = 0; warm < 5; warm++) for (const c of chunks) stream.push(c); // JIT warm-up
    const per: number[] = [];
    for (let round = 0; round < 20; round++) {
      const t0 = process.hrtime.bigint();
      for (const c of chunks) stream.push(c);
      per.push(Number(process.hrtime.bigint() - t0) / 1e3 / chunks.length);
    }
    console.log(`terminal chunk     : ${median(per).toFixed(1)} µs per 4 KB chunk (median of 20 rounds; goal ≤ 20 µs)`);
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
    console.log(`terminal 100 MB    : heap ${(heap0 / MB).toFixed(1)} MB → peak ${(peak / MB).toFixed(1)} MB (bounded buffer)\n`);

    const gen = time(() => generate(dir));
    const mbs = gen.value.bytes / MB;
    console.log(`corpus: ${mbs.toFixed(1)} MB in ${gen.value.files} files, ${gen.value.tokens} token lines (generated in ${(gen.ms / 1000).toFixed(1)} s)\n`);

    // 1. CLI vs secretlint, both as the commands a user runs.
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const ours = time(() => spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 512 * MB }));
    if (ours.value.status !== 1) throw new Error(`token-custody scan exited ${ours.value.status}: ${ours.value.stderr}`);
    const ourFindings = countJsonl(ours.value.stdout);
    const ourRate = mbs / (ours.ms / 1000);
    console.log(`token-custody scan : ${(ours.ms / 1000).toFixed(2)} s  ${ourRate.toFixed(1)} MB/s  ${ourFindings} findings`);
    if (process.env.BENCH_SECRETLINT !== '0') {
      const rc = path.join(dir, '.secretlintrc.json');
      writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
      const bin = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
      const theirs = time(() => spawnSync(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '--maskSecrets', `${dir}/**/*`], { encoding: 'utf8', maxBuffer: 512 * MB, cwd: ROOT }));
      let theirFindings = 0;
      try {
        const parsed = JSON.parse(theirs.value.stdout) as { messages: unknown[] }[];
        theirFindings = parsed.reduce((n, f) => n + f.messages.length, 0);
      } catch {
        console.log(`  (secretlint output could not be parsed; exit ${theirs.value.status}: ${theirs.value.stderr.slice(0, 300)})`);
      }
      const theirRate = mbs / (theirs.ms / 1000);
      console.log(`secretlint 13      : ${(theirs.ms / 1000).toFixed(2)} s  ${theirRate.toFixed(1)} MB/s  ${theirFindings} findings`);
      console.log(`ratio              : ${(ourRate / theirRate).toFixed(1)}× secretlint's throughput (target ≥ 10×, goal 20×); findings ${ourFindings} vs ${theirFindings}`);
    }

    // In-process engine throughput (no I/O, no process start).
    const sample = readdirSync(dir).filter((d) => d.startsWith('pkg')).slice(0, 3).flatMap((d) => readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
    const texts = sample.map((f) => readFileSync(f, 'utf8'));
    const totalChars = texts.reduce((n, t) => n + t.length, 0);
    for (const t of texts) scanner.scan(t);
    const eng = time(() => texts.reduce((n, t) => n + scanner.scan(t).length, 0));
    console.log(`engine in-process  : ${(totalChars / MB / (eng.ms / 1000)).toFixed(1)} MB/s on ${(totalChars / MB).toFixed(1)} MB (${eng.value} findings)\n`);

    // 3. Editor: one keystroke in a 10 MB document — the engine work the change handler does
    //    (rescan of the edited lines widened by the multi-line reach). The host suite measures the
    //    real handler inside VS Code.
    let doc = '';
    while (doc.length < 10 * MB) doc += sourceLine() + '\n';
    const reach = Math.max(0, ...scanner.rules.map((r) => r.window?.after ?? 0));
    const ks: number[] = [];
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(Math.random() * (doc.length - 100));
      const s = Math.max(0, doc.lastIndexOf('\n', at - reach) + 1);
      const e = doc.indexOf('\n', at + 1);
      const t0 = process.hrtime.bigint();
      scanner.scan(doc.slice(s, e), { positionAt: () => ({ line: 0, col: 0 }) });
      ks.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(`keystroke rescan   : ${median(ks).toFixed(3)} ms median engine time in a 10 MB document (goal ≤ 2 ms)`);
    const full = time(() => scanner.scan(doc).length);
    console.log(`full 10 MB scan    : ${full.ms.toFixed(0)} ms (done in background slices by the editor)\n`);

    // 4. Bundles.
    for (const f of ['extension.js', 'cli.js']) {
      const p = path.join(ROOT, 'dist', f);
      console.log(`bundle dist/${f.padEnd(13)}: ${(statSync(p).size / 1024).toFixed(1)} KB${f === 'extension.js' ? ' (goal ≤ 250 KB; `npm run package` builds it minified)' : ''}`);
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`\ndata kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main();
