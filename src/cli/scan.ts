// `token-custody scan [PATH…|-] [--format text|jsonl|sarif] [--include GLOB] [--exclude GLOB]`
// Walks directories (skipping node_modules and .git, not skipping git-ignored files such as .env),
// reads stdin with `-`, prints findings redacted. Exit: 0 clean, 1 findings, 2 usage or I/O error
// (findings win over I/O errors: a scan that found tokens exits 1 even if a path was unreadable).

import { closeSync, createReadStream, openSync, promises as fsp, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createPathFilter, createScanner, DEFAULT_EXCLUDED_DIRS, describeLoadError, isProbablyBinary, StreamScanner, type Finding, type Scanner } from '../engine';
import { IGNORE_FILE_NAME, IgnoreMatcher } from '../engine/ignore';
import { formatJsonLines, formatSarif, formatText, type FileFindings } from '../engine/report';
import { LineIndex } from '../engine/lines';
import { BUILTIN_RULES } from '../engine/rules';

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

type Format = 'text' | 'jsonl' | 'sarif';

interface ScanArgs {
  paths: string[];
  format: Format;
  include: string[];
  exclude: string[];
  rulesFile?: string;
  ignoreFile: boolean;
  inlineIgnore: boolean;
  color: boolean | undefined;
  threads?: number;
}

export const SCAN_USAGE = `Usage: token-custody scan [PATH…|-] [options]

Scans files, folders (recursively) or standard input (-) for credentials and prints them redacted.
With no PATH, scans the current folder.

Options:
  --format text|jsonl|sarif   output format (default text)
  --include GLOB              only scan paths matching GLOB (repeatable; minimatch, dot files included)
  --exclude GLOB              skip paths matching GLOB (repeatable)
  --rules FILE                JSON file with a list of custom rules (id, name, pattern, keywords…)
  --no-ignore-file            do not read ${IGNORE_FILE_NAME} files
  --no-inline-ignore          report findings marked with "token-custody: ignore" too
  --threads N                 threads to scan with (default: one per CPU core, for scans over 128 MB)
  --color / --no-color        colour the text format (default: when stdout is a terminal)

node_modules and .git folders are skipped; git-ignored files (.env…) are scanned; binary files are skipped.
Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): ScanArgs {
  const a: ScanArgs = { paths: [], format: 'text', include: [], exclude: [], ignoreFile: true, inlineIgnore: true, color: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const eq = arg.indexOf('=');
      if (eq !== -1) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
    switch (name) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'jsonl' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (use text, jsonl or sarif)`);
        a.format = f;
        break;
      }
      case '--include': a.include.push(value()); break;
      case '--exclude': a.exclude.push(value()); break;
      case '--rules': a.rulesFile = value(); break;
      case '--no-ignore-file': a.ignoreFile = false; break;
      case '--no-inline-ignore': a.inlineIgnore = false; break;
      case '--threads': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--threads takes a whole number from 1 to 64');
        a.threads = n;
        break;
      }
      case '--color': a.color = true; break;
      case '--no-color': a.color = false; break;
      case '--': a.paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) a.paths.push('.');
  return a;
}

/** Files above this size are scanned in chunks with bounded memory. */
const STREAM_THRESHOLD = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Tracks line starts of a stream so raw offsets of recent findings map to line/column. */
class PositionTracker {
  private line = 0;
  private lineStart = 0;
  private readonly marks: { offset: number; line: number; lineStart: number }[] = [];
  private consumed = 0;
  private readonly chunks: string[] = [];

  feed(chunk: string): void {
    this.marks.push({ offset: this.consumed, line: this.line, lineStart: this.lineStart });
    if (this.marks.length > 64) this.marks.shift();
    let i = chunk.indexOf('\n');
    while (i !== -1) {
      this.line++;
      this.lineStart = this.consumed + i + 1;
      i = chunk.indexOf('\n', i + 1);
    }
    this.consumed += chunk.length;
    this.chunks.push(chunk);
    if (this.chunks.length > 64) this.chunks.shift();
  }

  position(offset: number): { line: number; col: number } {
    for (let k = this.marks.length - 1; k >= 0; k--) {
      const m = this.marks[k]!;
      if (m.offset > offset) continue;
      const chunk = this.chunks[k]!;
      let line = m.line;
      let ls = m.lineStart;
      for (let i = chunk.indexOf('\n'); i !== -1 && m.offset + i < offset; i = chunk.indexOf('\n', i + 1)) {
        line++;
        ls = m.offset + i + 1;
      }
      return { line, col: offset - ls };
    }
    return { line: 0, col: offset };
  }
}

async function scanStream(scanner: Scanner, input: NodeJS.ReadableStream, inlineIgnore: boolean): Promise<Finding[]> {
  const stream = new StreamScanner(scanner, { inlineIgnore });
  const tracker = new PositionTracker();
  const decoder = new StringDecoder('utf8');
  const out: Finding[] = [];
  const take = (fs: ReturnType<StreamScanner['push']>): void => {
    for (const f of fs) {
      const s = tracker.position(f.rawStart);
      const e = tracker.position(f.rawEnd);
      const finding: Finding = { ...f, range: { start: f.rawStart, end: f.rawEnd, startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col } };
      delete (finding as Partial<typeof f>).rawStart;
      delete (finding as Partial<typeof f>).rawEnd;
      Object.defineProperty(finding, 'secret', { value: f.secret, enumerable: false });
      out.push(finding);
    }
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    tracker.feed(text);
    take(stream.push(text));
  }
  const rest = decoder.end();
  if (rest) {
    tracker.feed(rest);
    take(stream.push(rest));
  }
  take(stream.end());
  return out;
}

function scanText(scanner: Scanner, text: string, inlineIgnore: boolean): Finding[] {
  // Logs saved from terminals carry colour codes that can sit inside a token: strip them, keep raw offsets.
  if (text.includes('\u001b')) {
    const stream = new StreamScanner(scanner, { inlineIgnore });
    const idx = new LineIndex(text);
    const found = [...stream.push(text), ...stream.end()];
    return found.map((f) => {
      const finding: Finding = { ...f, range: idx.range(f.rawStart, f.rawEnd) };
      delete (finding as Partial<typeof f>).rawStart;
      delete (finding as Partial<typeof f>).rawEnd;
      Object.defineProperty(finding, 'secret', { value: f.secret, enumerable: false });
      return finding;
    });
  }
  return scanner.scan(text, { inlineIgnore });
}

interface FileJob {
  abs: string;
  shown: string;
  root: Root | undefined;
  rel: string | undefined;
  size: number;
}

/** What scanning one path gave: findings (binary files give none), or an error code/message. */
interface FileOutcome {
  findings?: Finding[];
  error?: string;
}

/**
 * Above this many bytes in total, a multi-file scan is shared with worker threads. This thread
 * scans from the start, so a worker only adds once it has booted (~80 ms: bundle, rules, JIT).
 * Measured on 2 cores: no gain at 50 MB, ~4% at 200 MB; more cores gain more.
 */
const PARALLEL_THRESHOLD = 128 * 1024 * 1024;

async function scanPath(scanner: Scanner, abs: string, inlineIgnore: boolean): Promise<FileOutcome> {
  try {
    const st = statSync(abs);
    if (st.size > STREAM_THRESHOLD) {
      const fd = openSync(abs, 'r');
      const head = Buffer.alloc(8192);
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
      if (isProbablyBinary(head.subarray(0, bytesRead))) return { findings: [] };
      return { findings: await scanStream(scanner, createReadStream(abs, { highWaterMark: CHUNK }), inlineIgnore) };
    }
    const buf = readFileSync(abs);
    if (isProbablyBinary(buf)) return { findings: [] };
    // Pure ASCII (most source and logs) decodes as latin1: same text, a cheaper copy.
    return { findings: scanText(scanner, buf.toString(isAscii(buf) ? 'latin1' : 'utf8'), inlineIgnore) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

interface WorkerInput {
  tcScanWorker: true;
  custom: unknown[];
  inlineIgnore: boolean;
}

/**
 * Shares files, biggest first, between this thread and `threads - 1` worker threads: each takes the
 * next file when it is done, and this thread starts scanning at once while the workers boot (so a
 * worker's start-up never delays the scan). Findings come back as plain objects (the secret is
 * non-enumerable and never crosses the thread boundary). A failed worker's file is scanned here.
 */
async function scanInWorkers(script: string, files: readonly string[], threads: number, input: Omit<WorkerInput, 'tcScanWorker'>, scanner: Scanner): Promise<FileOutcome[]> {
  const out = new Array<FileOutcome | undefined>(files.length);
  const order = files.map((_, i) => i).sort((a, b) => sizeOf(files[b]!) - sizeOf(files[a]!));
  let next = 0;
  const runWorker = (): Promise<void> => new Promise((resolve) => {
    const w = new Worker(script, { workerData: { tcScanWorker: true, ...input } satisfies WorkerInput });
    let current = -1;
    const feed = (): void => {
      if (next >= order.length) {
        current = -1;
        void w.terminate();
        return;
      }
      current = order[next++]!;
      w.postMessage({ index: current, file: files[current] });
    };
    w.on('message', (m: { ready?: true; index?: number; outcome?: FileOutcome }) => {
      if (m.index !== undefined && m.outcome) out[m.index] = m.outcome;
      feed();
    });
    w.on('error', () => {
      if (current >= 0 && !out[current]) out[current] = { error: 'worker failed' };
      resolve();
    });
    w.on('exit', () => resolve());
  });
  const workers = Array.from({ length: threads - 1 }, runWorker);
  while (next < order.length) {
    const i = order[next++]!;
    out[i] = await scanPath(scanner, files[i]!, input.inlineIgnore);
    await new Promise<void>((r) => setImmediate(r)); // let finished workers take their next file
  }
  await Promise.all(workers);
  const result: FileOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    const o = out[i];
    result.push(!o || o.error === 'worker failed' ? await scanPath(scanner, files[i]!, input.inlineIgnore) : o);
  }
  return result;
}

const sizes = new Map<string, number>();
function sizeOf(f: string): number {
  let n = sizes.get(f);
  if (n === undefined) {
    try {
      n = statSync(f).size;
    } catch {
      n = 0;
    }
    sizes.set(f, n);
  }
  return n;
}

/** Worker-thread side of a parallel scan: true when this thread is a scan worker (and now serves). */
export function runScanWorkerIfAny(): boolean {
  if (isMainThread || !parentPort || !(workerData as Partial<WorkerInput> | undefined)?.tcScanWorker) return false;
  const input = workerData as WorkerInput;
  const { scanner } = createScanner(input.custom);
  const port = parentPort;
  port.on('message', (m: { index: number; file: string }) => {
    void scanPath(scanner, m.file, input.inlineIgnore).then((outcome) => port.postMessage({ index: m.index, outcome }));
  });
  port.postMessage({ ready: true });
  return true;
}

interface Root {
  dir: string;
  matcher?: IgnoreMatcher;
}

async function loadIgnore(dir: string, io: CliIO): Promise<IgnoreMatcher | undefined> {
  try {
    const text = await fsp.readFile(path.join(dir, IGNORE_FILE_NAME), 'utf8');
    const { matcher, warnings } = IgnoreMatcher.fromText(text);
    for (const w of warnings) io.stderr.write(`token-custody: ${path.join(dir, IGNORE_FILE_NAME)}: ${w.message}\n`);
    return matcher;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') io.stderr.write(`token-custody: cannot read ${path.join(dir, IGNORE_FILE_NAME)}: ${(e as Error).message}\n`);
    return undefined;
  }
}

export interface ScanRunOptions {
  /** Script that runs `runScanWorker` (the CLI bundle itself); enables worker threads for large scans. */
  workerScript?: string;
}

export async function runScan(argv: readonly string[], io: CliIO, opts: ScanRunOptions = {}): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`token-custody scan: ${(e as Error).message}\n\n${SCAN_USAGE}`);
    return 2;
  }
  let custom: unknown[] = [];
  if (args.rulesFile) {
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(path.resolve(io.cwd, args.rulesFile), 'utf8'));
      if (!Array.isArray(parsed)) throw new Error('expected a JSON list of rules');
      custom = parsed;
    } catch (e) {
      io.stderr.write(`token-custody scan: cannot load rules from ${args.rulesFile}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const { scanner, errors } = createScanner(custom);
  for (const e of errors) io.stderr.write(`token-custody scan: ${describeLoadError(e)} (skipped)\n`);
  const pathFilter = createPathFilter({ include: args.include, exclude: args.exclude });
  const results: FileFindings[] = [];
  let ioErrors = 0;
  const cwdIgnore = args.ignoreFile ? await loadIgnore(io.cwd, io) : undefined;

  const emit = (file: string, findings: readonly Finding[], root: Root | undefined, rel: string | undefined): void => {
    const kept = findings.filter((f) => {
      if (root?.matcher?.isIgnored(f, rel)) return false;
      if (cwdIgnore && root?.matcher !== cwdIgnore && cwdIgnore.isIgnored(f, path.relative(io.cwd, path.resolve(io.cwd, file)).split(path.sep).join('/'))) return false;
      return true;
    });
    if (kept.length) results.push({ file, findings: kept });
  };
  const readError = (shown: string, e: unknown): void => {
    ioErrors++;
    io.stderr.write(`token-custody: cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
  };

  // 1. Collect the files (synchronous walk: for a CLI it beats a round trip per directory).
  const jobs: FileJob[] = [];
  const walk = (dir: string, root: Root): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      readError(path.relative(io.cwd, dir) || dir, e);
      return;
    }
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      const rel = path.relative(root.dir, abs).split(path.sep).join('/');
      if (ent.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.includes(ent.name)) continue;
        walk(abs, root);
      } else if (ent.isFile()) {
        if (!pathFilter(rel) || ent.name === IGNORE_FILE_NAME) continue;
        jobs.push({ abs, shown: path.relative(io.cwd, abs) || abs, root, rel, size: -1 });
      }
    }
  };
  const stdinAt: number[] = [];
  for (const p of args.paths) {
    if (p === '-') {
      stdinAt.push(jobs.length);
      jobs.push({ abs: '-', shown: '<stdin>', root: undefined, rel: undefined, size: -1 });
      continue;
    }
    const abs = path.resolve(io.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      readError(p, e);
      continue;
    }
    if (st.isDirectory()) {
      const matcher = args.ignoreFile ? (abs === io.cwd ? cwdIgnore : await loadIgnore(abs, io)) : undefined;
      walk(abs, { dir: abs, matcher });
    } else {
      const rel = path.relative(io.cwd, abs).split(path.sep).join('/');
      jobs.push({ abs, shown: p, root: { dir: io.cwd, matcher: cwdIgnore }, rel, size: st.size });
    }
  }

  // 2. Scan: in worker threads when there is enough to share, else here.
  const outcomes = new Array<FileOutcome | undefined>(jobs.length);
  const fileJobs = jobs.map((j, i) => ({ j, i })).filter(({ j }) => j.abs !== '-');
  let parallel = false;
  if (opts.workerScript && fileJobs.length > 1) {
    let total = 0;
    for (const { j } of fileJobs) {
      try {
        j.size = statSync(j.abs).size;
        total += j.size;
      } catch {
        j.size = 0;
      }
    }
    const threads = Math.min(args.threads ?? availableParallelism(), 8, fileJobs.length);
    // An explicit --threads N is followed; the default shares only large scans.
    if (threads > 1 && (args.threads !== undefined || total > PARALLEL_THRESHOLD)) {
      parallel = true;
      const done = await scanInWorkers(opts.workerScript, fileJobs.map(({ j }) => j.abs), threads, { custom, inlineIgnore: args.inlineIgnore }, scanner);
      fileJobs.forEach(({ i }, k) => (outcomes[i] = done[k]));
    }
  }
  if (!parallel) for (const { j, i } of fileJobs) outcomes[i] = await scanPath(scanner, j.abs, args.inlineIgnore);
  for (const i of stdinAt) {
    try {
      outcomes[i] = { findings: await scanStream(scanner, io.stdin, args.inlineIgnore) };
    } catch (e) {
      outcomes[i] = { error: `standard input: ${(e as Error).message}` };
    }
  }

  // 3. Report in walk order.
  jobs.forEach((j, i) => {
    const o = outcomes[i];
    if (!o) return;
    if (o.error !== undefined) readError(j.shown, { code: o.error });
    else if (o.findings) emit(j.shown, o.findings, j.root, j.rel);
  });

  const color = args.color ?? Boolean(io.stdout.isTTY && !io.env.NO_COLOR);
  if (args.format === 'jsonl') io.stdout.write(formatJsonLines(results));
  else if (args.format === 'sarif') {
    const info = new Map(BUILTIN_RULES.map((r) => [r.id, r.description]));
    io.stdout.write(formatSarif(results, { toolVersion: CLI_VERSION, root: io.cwd, ruleInfo: (id) => ({ description: info.get(id) }) }));
  } else io.stdout.write(formatText(results, { color }));
  const count = results.reduce((n, r) => n + r.findings.length, 0);
  if (count > 0) return 1;
  return ioErrors > 0 ? 2 : 0;
}

declare const __TC_VERSION__: string | undefined;
export const CLI_VERSION: string = typeof __TC_VERSION__ === 'string' ? __TC_VERSION__ : '0.0.0-dev';
