// `token-custody scan`: files and folders (walk.ts), standard input, the git index or the git history
// (git.ts); scanned here or in worker threads (workers.ts), stream offsets mapped to lines
// (positions.ts), findings filtered (ignore files, confidence, baseline) and printed redacted
// (report.ts). A summary of what was scanned and skipped goes to stderr.
// Exit: 0 clean, 1 findings, 2 usage or I/O error (findings win over I/O errors: a scan that found
// tokens exits 1 even if a path was unreadable).

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { createPathFilter, createScanner, describeLoadError, fingerprintsOf, type Confidence, type Finding, type FingerprintKeySource, type Scanner } from '../../engine';
import { FingerprintKeyError } from '../../config/fingerprintKey';
import { cliFingerprintKey } from '../fingerprintKey';
import { noteCodeCacheWork } from '../codeCache';
import { IGNORE_FILE_NAME, type IgnoreMatcher } from '../../engine/ignore';
import { ioReason, UsageError, useColor } from '../options';
import { parseScanArgs, SCAN_USAGE, type ScanArgs } from './args';
import { BaselineError, loadBaseline, updateBaseline } from './baseline';
import { decodeText } from './decode';
import type { BlobRef } from './git';
import { scanInput, scanText } from './positions';
import { renderReport, type ScanResult } from './report';
import { collectFiles, loadIgnore, type Root } from './walk';
import { keptFindings, PARALLEL_THRESHOLD, scanInWorkers, scanPath, type FileOutcome } from './workers';
import { errorMessage } from '../../errors';

export { SCAN_USAGE } from './args';
export { runScanWorkerIfAny } from './workers';
export { CLI_VERSION } from '../version';

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ScanRunOptions {
  /** Script that runs `runScanWorkerIfAny` (the CLI bundle itself); enables worker threads for large scans. */
  workerScript?: string;
}

/** What was read and what was not, for the summary on stderr. */
export interface ScanStats {
  scanned: number;
  bytes: number;
  binary: number;
  symlinks: number;
  unreadable: number;
  tooLarge: number;
  submodules: number;
  commits: number;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * `12,345`: en-US digit grouping without `toLocaleString`, whose first call loads ICU's locale data
 * (about 15 ms, as much as the rest of a small scan's start-up).
 */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `scanned 12 files (1.2 MB); skipped 1 binary, 2 symbolic links` */
export function summaryLine(s: ScanStats, unit: 'file' | 'blob'): string {
  let line = `scanned ${plural(s.scanned, unit)} (${size(s.bytes)})`;
  if (unit === 'blob') line += ` from ${plural(s.commits, 'commit')}`;
  const skipped = [
    s.binary && `${grouped(s.binary)} binary`,
    s.symlinks && plural(s.symlinks, 'symbolic link'),
    s.unreadable && `${grouped(s.unreadable)} unreadable`,
    s.tooLarge && `${grouped(s.tooLarge)} too large`,
    s.submodules && plural(s.submodules, 'submodule'),
  ].filter(Boolean);
  return skipped.length ? `${line}; skipped ${skipped.join(', ')}` : line;
}

const HOOK_HINT = `To keep the token out of git:
  - move it into the keychain: in VS Code, "Token Custody: Move Token to Keychain" on the finding;
    in a shell, \`token-custody secret set NAME\` (paste the token), put keychain://token-custody/NAME
    in the file instead, and read it back with \`token-custody run -- CMD\` or \`token-custody secret get NAME\`;
    then revoke the old token if it was ever pushed or shared.
  - if it is not a live secret (test data, already revoked): add "token-custody: ignore" in a comment
    on its line, or record its fingerprint with a reason:
    token-custody scan --staged --update-baseline --reason "why it is safe"
Then \`git add\` the files and commit again.
`;

export async function runScan(argv: readonly string[], io: CliIO, opts: ScanRunOptions = {}): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseScanArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`token-custody scan: ${e.message}\nRun "token-custody help scan" for the options.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(SCAN_USAGE);
    return 0;
  }
  let custom: unknown[] = [];
  if (args.rulesFile) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.resolve(io.cwd, args.rulesFile), 'utf8'));
      if (!Array.isArray(parsed)) throw new Error('expected a JSON list of rules');
      custom = parsed;
    } catch (e) {
      const why = e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as NodeJS.ErrnoException).code ? ioReason(e) : errorMessage(e);
      io.stderr.write(`token-custody scan: cannot load rules from ${args.rulesFile}: ${why}\n`);
      return 2;
    }
  }
  let baseline: Set<string> | undefined;
  if (args.baseline) {
    try {
      baseline = loadBaseline(path.resolve(io.cwd, args.baseline));
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      io.stderr.write(`token-custody scan: ${e.message}\n`);
      return 2;
    }
  }
  const warn = (m: string): void => void io.stderr.write(`token-custody: ${m}\n`);
  let fingerprintKey: FingerprintKeySource;
  try {
    fingerprintKey = cliFingerprintKey(io.env, warn);
  } catch (e) {
    if (!(e instanceof FingerprintKeyError)) throw e;
    io.stderr.write(`token-custody scan: ${e.message}\n`);
    return 2;
  }
  const { scanner, errors } = createScanner(custom, { fingerprintKey });
  for (const e of errors) io.stderr.write(`token-custody scan: ${describeLoadError(e)} (skipped)\n`);
  const stats: ScanStats = { scanned: 0, bytes: 0, binary: 0, symlinks: 0, unreadable: 0, tooLarge: 0, submodules: 0, commits: 0 };
  const pathFilter = createPathFilter({ include: args.include, exclude: args.exclude });
  const keep = (f: Finding): boolean => RANK[f.confidence] >= RANK[args.minConfidence] && !(baseline && fingerprintsOf(f).some((fp) => baseline.has(fp)));

  let results: ScanResult[];
  let root = io.cwd;
  const git = args.staged || args.git !== undefined;
  if (git) {
    // git.ts (child processes) is loaded only for a scan of the index or the history.
    const gitModule = await import('./git.js');
    try {
      root = gitModule.repoRoot(io.cwd);
      results = await scanGit(gitModule, args, root, scanner, stats, pathFilter, args.ignoreFile ? await loadIgnore(root, warn) : undefined, keep);
    } catch (e) {
      if (!(e instanceof gitModule.GitError)) throw e;
      io.stderr.write(`token-custody scan: ${e.message}\n`);
      return 2;
    }
  } else {
    results = await scanFiles(args, io, opts, { scanner, custom, fingerprintKey }, stats, pathFilter, warn, keep);
  }
  const count = results.reduce((n, r) => n + r.findings.length, 0);
  // A run that scanned far more than the run that wrote the code cache writes it again (codeCache.ts).
  noteCodeCacheWork(stats.bytes);

  if (args.updateBaseline) {
    try {
      const reason = args.reason ?? `baseline ${new Date().toISOString().slice(0, 10)}`;
      const u = updateBaseline(root, results.flatMap((r) => r.findings.map((f) => f.fingerprint)), reason);
      if (!args.quiet) warn(summaryLine(stats, args.git ? 'blob' : 'file'));
      warn(`${plural(u.added, 'fingerprint')} added to ${path.relative(io.cwd, u.file) || IGNORE_FILE_NAME}${u.already ? ` (${u.already} already there)` : ''}`);
      return 0;
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      io.stderr.write(`token-custody scan: ${e.message}\n`);
      return 2;
    }
  }

  const nothingRead = stats.scanned === 0;
  const toFile = args.output !== undefined;
  const color = useColor(args.color, toFile ? { FORCE_COLOR: undefined, NO_COLOR: '1' } : io.env, io.stdout.isTTY);
  // "No tokens found." would claim a clean result when nothing could be read.
  const report = args.format === 'text' && nothingRead && count === 0 ? '' : renderReport(results, { format: args.format, color, root });
  if (toFile) {
    const out = path.resolve(io.cwd, args.output!);
    try {
      writeFileSync(out, report);
    } catch (e) {
      io.stderr.write(`token-custody scan: cannot write ${args.output}: ${ioReason(e)}\n`);
      return 2;
    }
  } else {
    io.stdout.write(report);
  }
  if (!args.quiet) warn(summaryLine(stats, args.git ? 'blob' : 'file'));
  if (nothingRead && stats.unreadable > 0) warn('nothing could be read, so nothing was checked');
  if (count > 0) {
    if (args.staged) io.stderr.write(`\ntoken-custody: ${plural(count, 'token')} in the staged changes; the commit was stopped.\n${HOOK_HINT}`);
    return 1;
  }
  return stats.unreadable > 0 ? 2 : 0;
}

async function scanFiles(args: ScanArgs, io: CliIO, opts: ScanRunOptions, { scanner, custom, fingerprintKey }: { scanner: Scanner; custom: unknown[]; fingerprintKey: FingerprintKeySource }, stats: ScanStats, pathFilter: (rel: string) => boolean, warn: (m: string) => void, keep: (f: Finding) => boolean): Promise<ScanResult[]> {
  const results: ScanResult[] = [];
  const cwdIgnore = args.ignoreFile ? await loadIgnore(io.cwd, warn) : undefined;
  const emit = (file: string, findings: readonly Finding[], root: Root | undefined, rel: string | undefined): void => {
    const kept = findings.filter((f) => {
      if (!keep(f)) return false;
      if (root?.matcher?.isIgnored(f, rel)) return false;
      if (cwdIgnore && root?.matcher !== cwdIgnore && cwdIgnore.isIgnored(f, path.relative(io.cwd, path.resolve(io.cwd, file)).split(path.sep).join('/'))) return false;
      return true;
    });
    if (kept.length) results.push({ file, findings: kept });
  };
  const readError = (shown: string, e: unknown): void => {
    stats.unreadable++;
    warn(`cannot read ${shown}: ${ioReason(e)}`);
  };

  // 1. Collect the files.
  const jobs = await collectFiles(args.paths, { cwd: io.cwd, pathFilter, cwdIgnore, ignoreFiles: args.ignoreFile, warn, readError, onSymlink: () => stats.symlinks++ });

  // 2. Scan: in worker threads when there is enough to share, else here.
  const outcomes = new Array<FileOutcome | undefined>(jobs.length);
  const fileJobs = jobs.map((j, i) => ({ j, i })).filter(({ j }) => j.abs !== '-');
  const limits = { inlineIgnore: args.inlineIgnore, maxFileSize: args.maxFileSize };
  let parallel = false;
  if (opts.workerScript && fileJobs.length > 1) {
    let total = 0;
    for (const { j } of fileJobs) {
      try {
        j.size = statSync(j.abs).size;
        total += j.size;
      } catch {
        j.size = -1; // scanPath reports the error
      }
    }
    const threads = Math.min(args.threads ?? availableParallelism(), 8, fileJobs.length);
    // An explicit --threads N is followed; the default shares only large scans.
    if (threads > 1 && (args.threads !== undefined || total > PARALLEL_THRESHOLD)) {
      parallel = true;
      const done = await scanInWorkers(opts.workerScript, fileJobs.map(({ j }) => j.abs), threads, { custom, fingerprintKey: typeof fingerprintKey === 'string' ? fingerprintKey : fingerprintKey(), ...limits }, scanner);
      fileJobs.forEach(({ i }, k) => (outcomes[i] = done[k]));
    }
  }
  if (!parallel) for (const { j, i } of fileJobs) outcomes[i] = await scanPath(scanner, j.abs, limits, j.size);
  for (let i = 0; i < jobs.length; i++) {
    if (jobs[i]!.abs !== '-') continue;
    try {
      const counted = countBytes(io.stdin as AsyncIterable<unknown>, stats);
      outcomes[i] = { findings: await scanInput(scanner, counted, args.inlineIgnore), bytes: 0 };
    } catch (e) {
      outcomes[i] = { error: `standard input: ${errorMessage(e)}` };
    }
  }

  // 3. Report in walk order.
  jobs.forEach((j, i) => {
    const o = outcomes[i];
    if (!o) return;
    if (o.error !== undefined) return readError(j.shown, o.error);
    if (o.skipped === 'binary') stats.binary++;
    else if (o.skipped === 'too-large') stats.tooLarge++;
    else {
      stats.scanned++;
      stats.bytes += o.bytes ?? 0;
    }
    if (o.findings) emit(j.shown, o.findings, j.root, j.rel);
  });
  return results;
}

/** Standard input, counted into the summary as it is read. */
async function* countBytes(input: AsyncIterable<unknown>, stats: ScanStats): AsyncGenerator<Buffer | string> {
  for await (const chunk of input) {
    const c = chunk as Buffer | string;
    stats.bytes += typeof c === 'string' ? Buffer.byteLength(c) : c.length;
    yield c;
  }
}

/** How many blob reads may be in flight at once (requests are pipelined to one cat-file process). */
const READ_AHEAD = 256;

async function scanGit({ CatFile, historyBlobs, stagedBlobs }: typeof import('./git.js'), args: ScanArgs, root: string, scanner: Scanner, stats: ScanStats, pathFilter: (rel: string) => boolean, matcher: IgnoreMatcher | undefined, keep: (f: Finding) => boolean): Promise<ScanResult[]> {
  const results: ScanResult[] = [];
  const reported = new Set<string>();
  const handle = (ref: BlobRef, buf: Buffer | undefined): void => {
    if (!buf) {
      stats.unreadable++;
      return;
    }
    if (args.maxFileSize !== undefined && buf.length > args.maxFileSize) {
      stats.tooLarge++;
      return;
    }
    const text = decodeText(buf);
    if (text === undefined) {
      stats.binary++;
      return;
    }
    stats.scanned++;
    stats.bytes += buf.length;
    const findings = scanText(scanner, text, args.inlineIgnore).filter((f) => {
      if (!keep(f) || matcher?.isIgnored(f, ref.path)) return false;
      // History: a token is reported once per path, at the first commit that added it.
      const key = `${f.fingerprint}\0${ref.path}`;
      if (ref.commit && reported.has(key)) return false;
      reported.add(key);
      return true;
    });
    if (findings.length) results.push(ref.commit ? { file: ref.path, findings: keptFindings(findings), commit: ref.commit, date: ref.date } : { file: ref.path, findings: keptFindings(findings) });
  };
  const source: AsyncIterable<BlobRef> | Iterable<BlobRef> = args.git ? historyBlobs(root, args.git.range, stats) : stagedBlobs(root, stats);
  const cat = new CatFile(root);
  const window: { ref: BlobRef; read: Promise<Buffer | undefined> }[] = [];
  const drain = async (max: number): Promise<void> => {
    while (window.length > max) {
      const { ref, read } = window.shift()!;
      handle(ref, await read);
    }
  };
  try {
    for await (const ref of source) {
      if (!pathFilter(ref.path) || ref.path.split('/').pop() === IGNORE_FILE_NAME) continue;
      const read = cat.read(ref.sha);
      read.catch(() => undefined); // awaited in order by drain(); this keeps an early failure from going unhandled
      window.push({ ref, read });
      await drain(READ_AHEAD);
    }
    await drain(0);
  } finally {
    cat.close();
  }
  return results;
}
