// The workspace walk of `tokenCustody.scanWorkspace`, as plain logic over a small file-system
// interface (no `vscode` import): which directories and files are visited, read one at a time, with
// bounded memory. Unlike `workspace.findFiles`, it does not honour `files.exclude`, `search.exclude`
// or `.gitignore`: git-ignored files such as `.env` are exactly where tokens hide. No Node module
// either (the browser build walks with `workspace.fs`); the local fast path is walkNode.ts.
import { createPathFilter, DEFAULT_EXCLUDED_DIRS, isProbablyBinary } from '../engine/paths';

export type EntryType = 'file' | 'directory' | 'other';

/** Size in bytes and modification time (ms since the epoch, fractional where the file system has it). */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Paths are relative to the walked root, with forward slashes (`''` is the root itself). */
export interface WalkFs {
  readDirectory(rel: string): Promise<[name: string, type: EntryType][]>;
  stat(rel: string): Promise<FileStat>;
  /**
   * Optional synchronous stat (local folders): the walk calls it for every file, and a rescan that
   * reads nothing is mostly stats, so it saves a promise and a microtask per file.
   */
  statNow?(rel: string): FileStat;
  readFile(rel: string): Promise<Uint8Array>;
  /**
   * Optional synchronous read of a file the walk has just stat'ed (local folders): its bytes up to its
   * end, at most `maxBytes + 1` of them (more means too large), in a buffer the file system reuses: valid
   * until its next call. No promise, no buffer per file, no stat of its own: it saves a thread-pool
   * round trip per file and the garbage of 100,000 buffers (each an ArrayBuffer the collector tracks).
   */
  readNow?(rel: string, size: number, maxBytes: number): Uint8Array;
}

export interface WalkOptions {
  /** `tokenCustody.exclude` globs (minimatch, like the editor's). */
  exclude: readonly string[];
  /** Files larger than this are skipped (`tokenCustody.maxFileSizeMB`). */
  maxBytes: number;
  /** Paths excluded by the ignore file (`path:` entries of `.tokencustodyignore`). */
  isIgnoredPath?: (rel: string) => boolean;
  /** Directory names never entered. Default: node_modules, .git. */
  skipDirs?: readonly string[];
  isCancelled?: () => boolean;
  /**
   * Incremental scans: true when the file is known unchanged since the last scan (same size and
   * mtime). It is then yielded without being read (`text` undefined). Asked after the size limit.
   * `'clean'`: unchanged and the caller needs nothing for it (counted as unchanged, not yielded).
   * `'binary'`: an unchanged file the last scan skipped as binary; counted as binary again, not yielded.
   */
  isUnchanged?: (rel: string, stat: FileStat) => boolean | 'clean' | 'binary';
  /**
   * Called after each file the walk does not yield (skipped, or unchanged and `'clean'`): the caller's
   * time slicing, since only a yielded file gives the caller a turn. It returns a promise when it wants
   * the walk to wait (a pause to the host's event loop), else nothing (no await, no microtask).
   */
  breathe?: () => Promise<void> | undefined;
  /** Called for each file skipped as binary (incremental scans remember them). */
  onBinary?: (rel: string, stat: FileStat, statAt: number) => void;
}

export type SkipReason = 'excluded' | 'ignored' | 'too-large' | 'binary' | 'unreadable';

export interface WalkFile extends FileStat {
  rel: string;
  /** `Date.now()` just before the file was stat'ed (incremental scans distrust files modified that recently). */
  statAt: number;
  /** Undefined when `isUnchanged` said the file did not change (it was not read). */
  text: string | undefined;
}

export interface WalkStats {
  /** Files read and yielded. */
  files: number;
  /** Files yielded unread because `isUnchanged` said so. */
  unchanged: number;
  skipped: Record<SkipReason, number>;
  bytes: number;
}

/** Lockfiles and build output hold hashes, not secrets; they are still scanned (filters keep them quiet). */
export function createWalkFilter(opts: Pick<WalkOptions, 'exclude' | 'skipDirs' | 'isIgnoredPath'>): { enterDir(rel: string, name: string): boolean; takeFile(rel: string): SkipReason | undefined } {
  const keep = createPathFilter({ exclude: opts.exclude });
  const skipDirs = new Set(opts.skipDirs ?? DEFAULT_EXCLUDED_DIRS);
  return {
    enterDir: (rel, name) => !skipDirs.has(name) && keep(rel) && !(opts.isIgnoredPath?.(rel) ?? false),
    takeFile: (rel) => (!keep(rel) ? 'excluded' : opts.isIgnoredPath?.(rel) ? 'ignored' : undefined),
  };
}

const decoder = new TextDecoder('utf-8');

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/**
 * Yields the text of every file to scan (or, for files `isUnchanged` vouches for, its stat alone), one file in memory at a time: a folder's files in name order,
 * then its subfolders (depth first, in name order).
 * Directories are read lazily (a stack of pending names), so memory stays bounded by the depth and
 * width of the tree, not by its size. Stops (without error) once `isCancelled()` is true.
 */
export async function* walkFiles(fs: WalkFs, opts: WalkOptions, stats: WalkStats = newWalkStats()): AsyncGenerator<WalkFile, WalkStats> {
  const filter = createWalkFilter(opts);
  const stack: string[] = [''];
  // The listing of the directory visited next, asked for while this one's files are visited (a
  // listing is a round trip to the file system: most of a rescan that reads nothing was that wait).
  let ahead: { dir: string; entries: Promise<[string, EntryType][]> } | undefined;
  const list = (dir: string): Promise<[string, EntryType][]> => {
    if (ahead?.dir === dir) return ahead.entries;
    return fs.readDirectory(dir);
  };
  const prefetch = (dir: string | undefined): void => {
    if (dir === undefined) return;
    const entries = fs.readDirectory(dir);
    entries.catch(() => undefined); // awaited (and its error counted) when the walk gets there
    ahead = { dir, entries };
  };
  const breathe = opts.breathe;
  /** The file to yield, if any (undefined: skipped or unchanged and clean, counted); sync when nothing is read. */
  const visit = (rel: string): WalkFile | undefined | Promise<WalkFile | undefined> => {
    const skip = filter.takeFile(rel);
    if (skip) {
      stats.skipped[skip]++;
      return undefined;
    }
    let st: FileStat;
    const statAt = Date.now();
    if (fs.statNow) {
      try {
        st = fs.statNow(rel);
      } catch {
        stats.skipped.unreadable++;
        return undefined;
      }
      return afterStat(rel, st, statAt);
    }
    return fs.stat(rel).then((s) => afterStat(rel, s, statAt), () => {
      stats.skipped.unreadable++;
      return undefined;
    });
  };
  const afterStat = (rel: string, st: FileStat, statAt: number): WalkFile | undefined | Promise<WalkFile | undefined> => {
    if (st.size > opts.maxBytes) {
      stats.skipped['too-large']++;
      return undefined;
    }
    const unchanged = opts.isUnchanged?.(rel, st);
    if (unchanged === 'binary') {
      // The same count as the scan that read it: a binary file is skipped, not covered.
      stats.skipped.binary++;
      return undefined;
    }
    if (unchanged) {
      stats.unchanged++;
      return unchanged === 'clean' ? undefined : { rel, size: st.size, mtimeMs: st.mtimeMs, statAt, text: undefined };
    }
    if (fs.readNow) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readNow(rel, st.size, opts.maxBytes);
      } catch {
        stats.skipped.unreadable++;
        return undefined;
      }
      return afterRead(rel, st, statAt, bytes);
    }
    return fs.readFile(rel).then((bytes) => afterRead(rel, st, statAt, bytes), () => {
      stats.skipped.unreadable++;
      return undefined;
    });
  };
  const afterRead = (rel: string, st: FileStat, statAt: number, bytes: Uint8Array): WalkFile | undefined => {
    if (bytes.length > opts.maxBytes) {
      stats.skipped['too-large']++;
      return undefined;
    }
    if (!plainText(bytes) && isProbablyBinary(bytes)) {
      stats.skipped.binary++;
      opts.onBinary?.(rel, st, statAt);
      return undefined;
    }
    stats.files++;
    stats.bytes += bytes.length;
    return { rel, size: st.size, mtimeMs: st.mtimeMs, statAt, text: decoder.decode(bytes) };
  };
  while (stack.length) {
    if (opts.isCancelled?.()) return stats;
    const dir = stack.pop()!;
    let entries: [string, EntryType][];
    try {
      entries = await list(dir);
    } catch {
      stats.skipped.unreadable++;
      continue;
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const subdirs: string[] = [];
    const files: string[] = [];
    for (const [name, type] of entries) {
      const rel = join(dir, name);
      if (type === 'directory') {
        if (filter.enterDir(rel, name)) subdirs.push(rel);
      } else if (type === 'file') files.push(rel);
    }
    // Depth first, in name order: the first subfolder is next, else the folder on top of the stack.
    prefetch(subdirs[0] ?? stack[stack.length - 1]);
    for (const rel of files) {
      if (opts.isCancelled?.()) return stats;
      const out = visit(rel);
      const next = out instanceof Promise ? await out : out;
      if (next) yield next;
      else if (breathe) {
        const paused = breathe();
        if (paused) await paused;
      }
    }
    // Push in reverse so the first name is popped first.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return stats;
}

/** Bytes isProbablyBinary looks at (the first 8 KiB). */
const BINARY_WINDOW = 8192;

function isControl(b: number): boolean {
  return b < 7 || (b > 13 && b < 32 && b !== 27);
}

/**
 * True when isProbablyBinary's window holds no NUL and no control byte (tab, line breaks, form feed
 * and ESC aside), so isProbablyBinary is false: most source files. Four bytes at a time (a word with a
 * byte below 0x20 is looked at byte by byte): the byte loop of isProbablyBinary was 20 µs of CPU per
 * file in the extension host, a tenth of a 1 GB first scan.
 */
export function plainText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_WINDOW);
  let i = 0;
  // Up to a 4-byte boundary of the underlying buffer (a Uint32Array view must be aligned).
  const lead = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < lead; i++) if (isControl(bytes[i]!)) return false;
  const words = (n - i) >>> 2;
  if (words > 0) {
    const w = new Int32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]!;
      // Non-zero exactly when some byte of x is below 0x20 (the lowest such byte is always flagged).
      if ((((x - 0x20202020) | 0) & ~x & 0x80808080) !== 0) {
        const at = i + k * 4;
        if (isControl(bytes[at]!) || isControl(bytes[at + 1]!) || isControl(bytes[at + 2]!) || isControl(bytes[at + 3]!)) return false;
      }
    }
    i += words * 4;
  }
  for (; i < n; i++) if (isControl(bytes[i]!)) return false;
  return true;
}

export function newWalkStats(): WalkStats {
  return { files: 0, unchanged: 0, bytes: 0, skipped: { excluded: 0, ignored: 0, 'too-large': 0, binary: 0, unreadable: 0 } };
}

/** `1,234 files, 7 tokens` */
export function progressMessage(files: number, tokens: number): string {
  return `${countLabel(files, 'file')}, ${countLabel(tokens, 'token')}`;
}

let numberFormat: Intl.NumberFormat | undefined;

/** `1,234 files`, `1 token` (one cached formatter: `toLocaleString` builds one per call, which adds up during a scan). */
export function countLabel(n: number, unit: string): string {
  numberFormat ??= new Intl.NumberFormat('en-US');
  return `${numberFormat.format(n)} ${unit}${n === 1 ? '' : 's'}`;
}
