// Scanning one file (the unit of work), and sharing many files between this thread and worker threads.

import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';
import { createScanner, isProbablyBinary, withLegacyFingerprint, type Finding, type Scanner } from '../../engine';
import { decodeText } from './decode';
import { scanStream, scanText } from './positions';
import { errorMessage } from '../../errors';
import { ownText } from '../../findings/detach';

/**
 * node:worker_threads, loaded when a scan starts a worker or runs in one: Node compiles its modules
 * (internal/worker, its message ports, error serialisation…) at load, about 40 million instructions,
 * a tenth of a small scan's start-up, which a scan in one thread never uses.
 */
function workerThreads(): typeof WorkerThreads {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof WorkerThreads;
}

/** The argument a scan worker is started with (after the script), so a start without it needs no worker_threads to know it is none. */
export const SCAN_WORKER_ARG = '--token-custody-scan-worker';

/** Files above this size are scanned in chunks with bounded memory. */
const STREAM_THRESHOLD = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/**
 * Above this many bytes in total, a multi-file scan is shared with worker threads. This thread
 * scans from the start, so a worker only adds once it has booted (~80 ms: bundle, rules, JIT).
 * Measured on 2 cores: no gain at 50 MB, ~4% at 200 MB, and about a third more CPU in all; more
 * cores gain more (with 4 or more idle cores, `--threads N` is worth trying on large trees).
 *
 * Where a run's CPU goes (bench corpus, main thread, load 6-10): start-up to the walk ~95 ms (Node
 * ~31, dist/shared.js through the code cache 14-25, options 6-10, createScanner ~21), then ~355 ms of
 * scanning; a second and third pass over the same tree in the same process cost ~315 and ~285 ms
 * (--threads 1), so the first pass is only 40-70 ms colder than a warm one. A warm pass is ~150 ms
 * of engine and ~125 ms here (latin1 decoding 40-45, stat/open/read/close 25-45, binary check ~15,
 * findings and output ~15), plus ~40 ms of GC. TurboFan on the other core costs ~200 ms more
 * (--no-concurrent-recompilation: main thread 450 -> 663 ms, process 750 -> 691), and a worker
 * isolate compiles the same functions again: on 2 cores that is why a worker does not pay here.
 *
 * A worker started first thing in the start-up, its boot overlapping this thread's, still costs
 * 0.86–1.10 s of CPU against 0.60–0.70 s and is slower on the loaded 2-core machine (CONTRIBUTING.md).
 *
 * Also measured on the 50 MB bench corpus (2 cores, alternated runs) and not kept: reading the next
 * file in libuv's thread pool while this thread scans (the read leaves the main thread, but 9,000–15,000
 * context switches instead of about 1,000 cost 10–20% more CPU); V8 flags (a larger young generation,
 * Maglev, no Sparkplug, less TurboFan inlining, eager feedback vectors): no change beyond the noise.
 */
export const PARALLEL_THRESHOLD = 128 * 1024 * 1024;

/** What scanning one path gave: findings and bytes read, a reason it was skipped, or an error code/message. */
export interface FileOutcome {
  findings?: Finding[];
  bytes?: number;
  skipped?: 'binary' | 'too-large';
  error?: string;
}

export interface ScanLimits {
  inlineIgnore: boolean;
  /** Bytes; larger files are skipped. */
  maxFileSize?: number;
}

/** One read buffer per thread, reused from file to file (grown to the largest file read). */
let readBuffer = Buffer.allocUnsafe(1024 * 1024);

/**
 * Reads a whole file with one `fstat` and large reads into the reused buffer (no allocation per
 * file). The view is valid until the next call.
 */
function readWhole(fd: number, size: number): Buffer {
  if (readBuffer.length < size + 1) readBuffer = Buffer.allocUnsafe(Math.max(size + 1, readBuffer.length * 2));
  let n = 0;
  // One byte more than the size: a file that grew since `fstat` is read to its end.
  for (;;) {
    if (n === readBuffer.length) {
      const bigger = Buffer.allocUnsafe(readBuffer.length * 2);
      readBuffer.copy(bigger);
      readBuffer = bigger;
    }
    const asked = readBuffer.length - n;
    const r = readSync(fd, readBuffer, n, asked, null);
    if (r === 0) break;
    n += r;
    // A short read that reached the stat's size is the end of a regular file: no read of 0 bytes to
    // confirm it (one system call less per file: ~8 ms of CPU over the bench corpus's 1,279 files). A
    // size of 0 (a pipe, a /proc file) reads on to the end.
    if (r < asked && size > 0 && n >= size) break;
  }
  return readBuffer.subarray(0, n);
}

/** A copy of a finding's JSON-like field (the range, the validation, the metadata), its texts in memory of their own. */
function ownValue(v: unknown): unknown {
  if (typeof v === 'string') return ownText(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(ownValue);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = ownValue((v as Record<string, unknown>)[k]);
  return out;
}

/**
 * The findings of one file as a scan keeps them until its report: copies (the same enumerable fields
 * in the same order, and the legacy fingerprint) that hold no reference to the file's text (a
 * substring may be a view into the whole text: on the 50 MB bench corpus the findings kept 46 MB of
 * file text on the heap until the report, growing with the tree), without the secret, which the CLI
 * never reads after the scan (findings from worker threads carry none either). detachFinding
 * (src/findings/detach.ts) does this for the editor, secret included and repeated texts shared; both
 * copy texts with its `ownText`.
 */
export function keptFindings(found: readonly Finding[]): Finding[] {
  return found.map((f) => withLegacyFingerprint(ownValue(f) as Finding, f.legacyFingerprint));
}

/** Scans one file; `knownSize` (bytes, from a stat just made by the caller) saves the `fstat`. */
export async function scanPath(scanner: Scanner, abs: string, limits: ScanLimits, knownSize = -1): Promise<FileOutcome> {
  const { inlineIgnore } = limits;
  try {
    const fd = openSync(abs, 'r');
    let buf: Buffer | undefined;
    let size: number;
    try {
      size = knownSize >= 0 ? knownSize : fstatSync(fd).size;
      if (limits.maxFileSize !== undefined && size > limits.maxFileSize) return { skipped: 'too-large' };
      if (size > STREAM_THRESHOLD) {
        const head = Buffer.alloc(8192);
        if (isProbablyBinary(head.subarray(0, readSync(fd, head, 0, head.length, 0)))) return { skipped: 'binary' };
      } else buf = readWhole(fd, size);
    } finally {
      closeSync(fd);
    }
    if (!buf) return { findings: keptFindings(await scanStream(scanner, createReadStream(abs, { highWaterMark: CHUNK }), inlineIgnore)), bytes: size };
    const text = decodeText(buf);
    if (text === undefined) return { skipped: 'binary' };
    return { findings: keptFindings(scanText(scanner, text, inlineIgnore)), bytes: buf.length };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? errorMessage(e) };
  }
}

export interface WorkerInput extends ScanLimits {
  tcScanWorker: true;
  custom: unknown[];
  /** The fingerprint key of the run (so worker threads fingerprint passwords as this thread does). */
  fingerprintKey: string;
}

/**
 * Shares files, biggest first, between this thread and `threads - 1` worker threads: each takes the
 * next file when it is done, and this thread starts scanning at once while the workers boot (so a
 * worker's start-up never delays the scan). Findings come back as plain objects (the secret is
 * non-enumerable and never crosses the thread boundary). A failed worker's file is scanned here.
 */
export async function scanInWorkers(script: string, files: readonly string[], threads: number, input: Omit<WorkerInput, 'tcScanWorker'>, scanner: Scanner): Promise<FileOutcome[]> {
  const { Worker } = workerThreads();
  const out = new Array<FileOutcome | undefined>(files.length);
  const order = files.map((_, i) => i).sort((a, b) => sizeOf(files[b]!) - sizeOf(files[a]!));
  let next = 0;
  const runWorker = (): Promise<void> => new Promise((resolve) => {
    const w = new Worker(script, { argv: [SCAN_WORKER_ARG], workerData: { tcScanWorker: true, ...input } satisfies WorkerInput });
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
    w.on('message', (m: { ready?: true; index?: number; outcome?: FileOutcome; legacy?: (string | undefined)[] }) => {
      if (m.index !== undefined && m.outcome) {
        m.outcome.findings?.forEach((f, i) => withLegacyFingerprint(f, m.legacy?.[i]));
        out[m.index] = m.outcome;
      }
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
    out[i] = await scanPath(scanner, files[i]!, input);
    await new Promise<void>((r) => setImmediate(r)); // let finished workers take their next file
  }
  await Promise.all(workers);
  const result: FileOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    const o = out[i];
    result.push(!o || o.error === 'worker failed' ? await scanPath(scanner, files[i]!, input) : o);
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
  if (process.argv[2] !== SCAN_WORKER_ARG) return false;
  const { isMainThread, parentPort, workerData } = workerThreads();
  if (isMainThread || !parentPort || !(workerData as Partial<WorkerInput> | undefined)?.tcScanWorker) return false;
  const input = workerData as WorkerInput;
  const { scanner } = createScanner(input.custom, { fingerprintKey: input.fingerprintKey });
  const port = parentPort;
  port.on('message', (m: { index: number; file: string }) => {
    // The legacy fingerprints are non-enumerable (they do not cross the thread boundary): sent beside the findings.
    void scanPath(scanner, m.file, input).then((outcome) => port.postMessage({ index: m.index, outcome, legacy: outcome.findings?.map((f) => f.legacyFingerprint) }));
  });
  port.postMessage({ ready: true });
  return true;
}
