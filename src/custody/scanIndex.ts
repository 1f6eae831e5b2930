// The index of incremental workspace scans (no `vscode` import): per workspace folder, the size and
// mtime of every file the last Scan Workspace read, and whether it held findings. A later scan reads
// only files whose size or mtime changed, or that are new. The index holds relative paths, sizes,
// times and a kind, never file contents, tokens, fingerprints or findings: findings of unchanged files
// are kept in memory for the window (the scan re-reads such a file after a reload).
// It is keyed by the engine build and the compiled rules: any change there starts a new index.
import { createHash } from 'node:crypto';
import type { CompiledRule } from '../engine';
import type { FileStat, WalkOptions } from './walk';

declare const __TC_ENGINE_ID__: string | undefined;

/** A hash of the engine's sources, set at build time (scripts/build.mjs): a rebuilt engine starts new indexes. */
export const ENGINE_ID: string = typeof __TC_ENGINE_ID__ === 'string' ? __TC_ENGINE_ID__ : 'unbuilt';

/**
 * `clean`: read and scanned, no finding; `findings`: at least one finding before ignore filtering
 * (re-read unless the window still holds them); `binary`: skipped as binary.
 */
export type IndexKind = 'clean' | 'findings' | 'binary';

export interface IndexEntry extends FileStat {
  kind: IndexKind;
}

/** First line of a saved index; the key follows after a tab. */
export const INDEX_HEADER = 'token-custody scan index 1';

/**
 * A file modified this close before it was stat'ed could be written again within the file system's
 * timestamp granularity without its mtime moving ("racy" entries, as git calls them): it is not
 * recorded, so the next scan reads it again. Whole-second mtimes mean a coarse file system (FAT: 2 s).
 */
export function racyWithin(mtimeMs: number): number {
  return mtimeMs % 1000 === 0 ? 2000 : 100;
}

/**
 * The index key: engine build + the compiled rules (built-in and custom, from every source, with
 * their patterns, keywords and options), hashed. Equal keys mean equal raw findings for equal bytes.
 */
export function indexKey(engineId: string, rules: readonly CompiledRule[]): string {
  const cached = keys.get(rules);
  if (cached?.engineId === engineId) return cached.key;
  const h = createHash('sha256').update(engineId);
  for (const r of rules) {
    h.update('\u0000').update(JSON.stringify([r.spec, r.re.source, r.re.flags, r.keywords, r.window, r.source, r.trusted]) ?? '');
  }
  const key = h.digest('hex').slice(0, 32);
  keys.set(rules, { engineId, key });
  return key;
}

/** Keys of rule lists already hashed (a scanner's list does not change; a new scanner has a new list). */
const keys = new WeakMap<readonly CompiledRule[], { engineId: string; key: string }>();

const KINDS: readonly IndexKind[] = ['clean', 'findings', 'binary'];
const KIND_NUMBER: Record<IndexKind, number> = { clean: 0, findings: 1, binary: 2 };

/**
 * Index entries in a compact form: one map from path to a slot, and the sizes, times and kinds of the
 * slots in typed arrays. An object per entry (a 100,000-file workspace) was 200,000 more objects for
 * the collector to trace (the entry and its fractional mtime), about 10 MB against 5.5 MB here.
 * Iterates in insertion order, like a Map (setting an existing path keeps its place).
 */
export class IndexTable {
  private readonly slots = new Map<string, number>();
  private sizes: Float64Array;
  private mtimes: Float64Array;
  private kinds: Uint8Array;
  private used = 0;

  constructor(capacity = 256) {
    const n = Math.max(16, capacity);
    this.sizes = new Float64Array(n);
    this.mtimes = new Float64Array(n);
    this.kinds = new Uint8Array(n);
  }

  /** A copy (a cancelled scan merges into one). */
  static from(other: IndexTable): IndexTable {
    const t = new IndexTable(other.slots.size);
    for (const [rel, i] of other.slots) t.setSlot(rel, other.sizes[i]!, other.mtimes[i]!, other.kinds[i]!);
    return t;
  }

  static fromEntries(entries: Iterable<[string, IndexEntry]>): IndexTable {
    const t = new IndexTable();
    for (const [rel, e] of entries) t.set(rel, e.size, e.mtimeMs, e.kind);
    return t;
  }

  get size(): number {
    return this.slots.size;
  }

  has(rel: string): boolean {
    return this.slots.has(rel);
  }

  /** The kind of the entry for `rel` when it has this size and mtime. */
  kindIfSame(rel: string, size: number, mtimeMs: number): IndexKind | undefined {
    const i = this.slots.get(rel);
    return i !== undefined && this.sizes[i] === size && this.mtimes[i] === mtimeMs ? KINDS[this.kinds[i]!] : undefined;
  }

  set(rel: string, size: number, mtimeMs: number, kind: IndexKind): void {
    this.setSlot(rel, size, mtimeMs, KIND_NUMBER[kind]);
  }

  delete(rel: string): void {
    // The slot stays unused (a path deleted is rare: a racy file read again).
    this.slots.delete(rel);
  }

  *entries(): IterableIterator<[string, IndexEntry]> {
    for (const [rel, i] of this.slots) yield [rel, { size: this.sizes[i]!, mtimeMs: this.mtimes[i]!, kind: KINDS[this.kinds[i]!]! }];
  }

  private setSlot(rel: string, size: number, mtimeMs: number, kind: number): void {
    let i = this.slots.get(rel);
    if (i === undefined) {
      if (this.used === this.sizes.length) this.grow();
      i = this.used++;
      this.slots.set(rel, i);
    }
    this.sizes[i] = size;
    this.mtimes[i] = mtimeMs;
    this.kinds[i] = kind;
  }

  private grow(): void {
    const n = this.sizes.length * 2;
    const sizes = new Float64Array(n);
    sizes.set(this.sizes);
    const mtimes = new Float64Array(n);
    mtimes.set(this.mtimes);
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.sizes = sizes;
    this.mtimes = mtimes;
    this.kinds = kinds;
  }
}

/**
 * The index of one workspace folder during one scan: `match` against the previous scan, `keep` or
 * `record` what this scan saw, then `result` is the index to save.
 */
export class ScanIndex {
  private readonly next = new IndexTable();
  private readonly prev: IndexTable;
  private recorded = false;

  constructor(readonly key: string, prev?: IndexTable | ReadonlyMap<string, IndexEntry>) {
    this.prev = prev instanceof IndexTable ? prev : IndexTable.fromEntries(prev?.entries() ?? []);
  }

  /** Entries of the previous scan. */
  get size(): number {
    return this.prev.size;
  }

  entries(): IterableIterator<[string, IndexEntry]> {
    return this.prev.entries();
  }

  /** The previous scan's entry when the file still has the same size and mtime. */
  match(rel: string, st: FileStat): IndexEntry | undefined {
    const kind = this.prev.kindIfSame(rel, st.size, st.mtimeMs);
    return kind === undefined ? undefined : { size: st.size, mtimeMs: st.mtimeMs, kind };
  }

  /** The previous scan's kind for the file when it still has the same size and mtime (no object made). */
  matchKind(rel: string, st: FileStat): IndexKind | undefined {
    return this.prev.kindIfSame(rel, st.size, st.mtimeMs);
  }

  /** Carries an unchanged file's entry into the next index. */
  keep(rel: string, st: FileStat, kind: IndexKind): void {
    this.next.set(rel, st.size, st.mtimeMs, kind);
  }

  /**
   * Records a file this scan read (or found binary). Not recorded (read again next time): files
   * modified within `racyWithin` of `statAt`, and paths the saved form cannot hold (tab, line break).
   */
  record(rel: string, st: FileStat, kind: IndexKind, statAt: number): void {
    this.recorded = true;
    if (statAt - st.mtimeMs < racyWithin(st.mtimeMs) || /[\t\n\r]/.test(rel)) {
      this.next.delete(rel);
      return;
    }
    this.next.set(rel, st.size, st.mtimeMs, kind);
  }

  /**
   * Whether this scan saw anything the previous index does not say: a file read (or found binary),
   * or a file gone. A complete scan that did not change it has nothing new to save.
   */
  get changed(): boolean {
    return this.recorded || this.next.size !== this.prev.size;
  }

  /**
   * The index for the next scan (called once, at the end of this one). A complete scan keeps only what
   * it saw (deleted, renamed and newly excluded files drop out), handed over without a copy; a
   * cancelled one also keeps the previous entries it did not reach.
   */
  result(complete: boolean): ScanIndex {
    if (complete) return new ScanIndex(this.key, this.next);
    const merged = IndexTable.from(this.prev);
    for (const [rel, e] of this.next.entries()) merged.set(rel, e.size, e.mtimeMs, e.kind);
    return new ScanIndex(this.key, merged);
  }
}

/**
 * The walk options of an incremental scan: a file whose size and mtime match the index is not read
 * (its entry is kept), except a file with findings whose findings the caller no longer holds
 * (`holds(rel)` false: a new window); binary files are recorded. The caller records what it reads.
 */
export function incrementalWalkOptions(index: ScanIndex, holds: (rel: string) => boolean): Required<Pick<WalkOptions, 'isUnchanged' | 'onBinary'>> {
  return {
    isUnchanged: (rel, st) => {
      const kind = index.matchKind(rel, st);
      if (!kind || (kind === 'findings' && !holds(rel))) return false;
      index.keep(rel, st, kind);
      // Clean files need nothing from the caller: not even yielded (a rescan of 100,000 unchanged files).
      return kind === 'binary' ? 'binary' : kind === 'clean' ? 'clean' : true;
    },
    onBinary: (rel, st, statAt) => index.record(rel, st, 'binary', statAt),
  };
}

const KIND_CODE: Record<IndexKind, string> = { clean: 'c', findings: 'f', binary: 'b' };
const CODE_KIND: Record<string, IndexKind> = { c: 'clean', f: 'findings', b: 'binary' };

/** Pauses between slices of work (the extension host yields to its event loop there). */
export type Pause = () => Promise<void>;

const noPause: Pause = () => Promise.resolve();

/**
 * The saved form as chunks of `every` entries, pausing between them: a header line, then
 * `size\tmtimeMs\tkind\tpath` lines. Written as they come (a 100,000-file index is about 5 MB: one
 * string and one write of it was one long task, and one large message where storage is remote).
 */
export async function* indexChunks(index: ScanIndex, pause: Pause = noPause, every = 5000): AsyncGenerator<string, void> {
  yield `${INDEX_HEADER}\t${index.key}\n`;
  let lines: string[] = [];
  for (const [rel, e] of index.entries()) {
    lines.push(`${e.size}\t${e.mtimeMs}\t${KIND_CODE[e.kind]}\t${rel}\n`);
    if (lines.length >= every) {
      yield lines.join('');
      lines = [];
      await pause();
    }
  }
  if (lines.length) yield lines.join('');
}

/** The saved form in one string (storage that cannot write in parts). */
export async function serializeIndex(index: ScanIndex, pause: Pause = noPause, every = 5000): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of indexChunks(index, pause, every)) parts.push(chunk);
  return parts.join('');
}

/**
 * Reads a saved index. A missing or unreadable one, another format or another key gives an empty
 * index (everything is read again); malformed lines are dropped (those files are read again).
 */
export async function parseIndex(text: string | undefined, key: string, pause: Pause = noPause, every = 5000): Promise<ScanIndex> {
  const entries = new IndexTable();
  if (!text) return new ScanIndex(key, entries);
  const first = text.indexOf('\n');
  if (first < 0 || text.slice(0, first) !== `${INDEX_HEADER}\t${key}`) return new ScanIndex(key, entries);
  let at = first + 1;
  let n = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length; // a truncated last line is dropped below unless it parses whole
    const line = text.slice(at, end);
    at = end + 1;
    const t1 = line.indexOf('\t');
    const t2 = line.indexOf('\t', t1 + 1);
    const t3 = line.indexOf('\t', t2 + 1);
    if (t1 < 0 || t2 < 0 || t3 < 0 || end === text.length) continue;
    const size = Number(line.slice(0, t1));
    const mtimeMs = Number(line.slice(t1 + 1, t2));
    const kind = CODE_KIND[line.slice(t2 + 1, t3)];
    const rel = line.slice(t3 + 1);
    if (!kind || !rel || !Number.isInteger(size) || size < 0 || !Number.isFinite(mtimeMs)) continue;
    entries.set(rel, size, mtimeMs, kind);
    if (++n % every === 0) await pause();
  }
  return new ScanIndex(key, entries);
}

/** Where indexes are kept, one blob per workspace folder (`name` is a hash of the folder's URI). */
export interface IndexStorage {
  read(name: string): Promise<string | undefined>;
  /** Writes the chunks in order; the previous index is replaced only once all are written. */
  write(name: string, chunks: AsyncIterable<string>): Promise<void>;
}

/** The storage name of a folder's index. */
export function indexName(folderUri: string): string {
  return `scan-index-${createHash('sha256').update(folderUri).digest('hex').slice(0, 16)}.txt`;
}
