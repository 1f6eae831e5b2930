// `token-custody scan [PATH…|-] [--format text|jsonl|sarif] [--include GLOB] [--exclude GLOB]`
// Reads the paths (walk.ts), scans them here or in worker threads (workers.ts), maps stream offsets
// to lines (positions.ts) and prints findings redacted (report.ts). Exit: 0 clean, 1 findings, 2
// usage or I/O error (findings win over I/O errors: a scan that found tokens exits 1 even if a path
// was unreadable).

import { promises as fsp, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { createPathFilter, createScanner, describeLoadError, type Finding } from '../../engine';
import type { FileFindings } from '../../engine/report';
import { parseScanArgs, SCAN_USAGE, type ScanArgs } from './args';
import { scanStream } from './positions';
import { renderReport } from './report';
import { collectFiles, loadIgnore, type Root } from './walk';
import { PARALLEL_THRESHOLD, scanInWorkers, scanPath, type FileOutcome } from './workers';

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

export async function runScan(argv: readonly string[], io: CliIO, opts: ScanRunOptions = {}): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseScanArgs(argv);
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
  const warn = (m: string): void => void io.stderr.write(`token-custody: ${m}\n`);
  const results: FileFindings[] = [];
  let ioErrors = 0;
  const cwdIgnore = args.ignoreFile ? await loadIgnore(io.cwd, warn) : undefined;

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
    warn(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  };

  // 1. Collect the files.
  const jobs = await collectFiles(args.paths, {
    cwd: io.cwd,
    pathFilter: createPathFilter({ include: args.include, exclude: args.exclude }),
    cwdIgnore,
    ignoreFiles: args.ignoreFile,
    warn,
    readError,
  });

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
  for (let i = 0; i < jobs.length; i++) {
    if (jobs[i]!.abs !== '-') continue;
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
  io.stdout.write(renderReport(results, { format: args.format, color, root: io.cwd }));
  const count = results.reduce((n, r) => n + r.findings.length, 0);
  if (count > 0) return 1;
  return ioErrors > 0 ? 2 : 0;
}
