// The SIMD keyword prefilter: a WebAssembly module (assembled by scripts/wasm-prefilter.mjs at build
// time, embedded as base64) finds, 16 bytes at a time, the positions where some keyword may start;
// only those positions are walked in the keyword trie, in the module too (keywords.ts walks them in
// script as the reference). Most text holds no keyword, and this proves it at several bytes per
// nanosecond instead of one automaton step per character.
//
// The result is exactly that of the automaton in keywords.ts (the reference, used when WebAssembly
// SIMD or `Buffer` is not available): the filter can report positions where no keyword starts (they
// fail the trie check), never miss one (see the tables below). test/unit/engine/prefilter.test.ts
// checks both paths against each other.

/** The module's plain-SIMD build (base64, see embeddedBuild), defined by scripts/build.mjs; absent in a bundle built without it. */
declare const __TC_PREFILTER_WASM__: string;

interface WasmApi {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** No keyword in exact case. */
const NO_KEYWORDS: ReadonlySet<string> = new Set();

/** Characters copied to the module per call (candidates are kept as 16-bit offsets in the block). */
export const BLOCK = 32768;
const TABLES = 0;
/**
 * Memory layout (must match scripts/wasm-prefilter.mjs): nibble tables, lane-number table, table of
 * prefix hashes, candidates, the text (INPUT), positions, states of the hits, the trie (see the constructor).
 */
export const POSITIONS = 4;
/** Characters of a keyword that its prefix hash covers. */
const PREFIX = 4;
/** Sets of 8 buckets. */
export const SETS = 1;
const COMPRESS = SETS * POSITIONS * 2 * 16;
const HASHES = COMPRESS + 2 * 256 * 8;
const HASH_BITS = 16;
/** The 4-byte hash is of the bytes ORed with 0x20 (A-Z fold to a-z; other bytes may collide, which a filter may). */
const FOLD = 0x20202020;
const HASH_MUL = 0x9e3779b1;
const HASH_MUL4 = 0x85ebca77;
const CANDIDATES = HASHES + (1 << HASH_BITS);
/** Pass 1 stores 8 candidate slots per half-mask without a branch: room for a block's worth and 16 more. */
export const INPUT = CANDIDATES + 2 * (BLOCK + 32);
/**
 * Slots of `positions` and `states`: pass 1 reports up to a block and 15 positions, and pass 2 may
 * keep up to 3 of its sentinels (position 65,535, past any block) after them.
 */
const OUTPUTS = BLOCK + 32;
/** Bytes after the text copied in: the module reads up to 18 bytes past a block, and its trie walk stops at the first. */
const PAD = 32;
/**
 * The padding byte: no keyword has it (keywords are ASCII), so no walk goes past the text copied
 * in, and no keyword starts with it (the filter reports no position in the padding).
 */
const PAD_BYTE = 0xff;

type FilterFn = (input: number, length: number, output: number) => number;
type WalkFn = (input: number, length: number, output: number, count: number, states: number, trie: number, shift: number, wide: number) => number;

/**
 * The keyword trie as the module walks it (built by keywords.ts): the class of each byte (0 for every
 * byte no keyword has), and `next[(state << shift) | class]` = the next state, 0 for none, with the
 * top bit of the entry (`flag`) set where keywords end. 16-bit entries below 32,768 states, else 32-bit.
 */
export interface TrieTable {
  classes: Uint8Array;
  next: Uint16Array | Uint32Array;
  shift: number;
  /** The entries' top bit: 0x8000 or 0x80000000. */
  flag: number;
}

/** Which build of the module runs: relaxed SIMD (one `pshufb` per lookup) where the runtime has it, else plain SIMD. */
export type PrefilterBuild = 'relaxed' | 'simd';

/** The compiled build per name (null: not valid here), and the default one. */
const compiled = new Map<PrefilterBuild, object | null>();
let preferred: PrefilterBuild | null | undefined;

/** The embedded plain-SIMD build (scripts/wasm-prefilter.mjs), or undefined in a bundle built without it. */
function embeddedBuild(): Uint8Array | undefined {
  if (typeof __TC_PREFILTER_WASM__ !== 'string' || typeof atob !== 'function') return undefined;
  const bin = atob(__TC_PREFILTER_WASM__);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The relaxed-SIMD build: the plain one with each `i8x16.swizzle` (0xfd, then 0x0e as the two-byte
 * LEB128 0x8e 0x00) replaced by `i8x16.relaxed_swizzle` (0xfd 0x80 0x02), as scripts/wasm-prefilter.mjs
 * checks at build time that this gives exactly its relaxed build. Embedding one build keeps 4.3 KB of
 * base64 out of every bundle.
 */
export function relaxedBuildOf(plain: Uint8Array): Uint8Array {
  const out = plain.slice();
  for (let i = 0; i + 2 < out.length; i++) {
    if (out[i] === 0xfd && out[i + 1] === 0x8e && out[i + 2] === 0x00) {
      out[i + 1] = 0x80;
      out[i + 2] = 0x02;
    }
  }
  return out;
}

/** The bytes of a build, or undefined where the bundle has none. */
function buildBytes(build: PrefilterBuild): Uint8Array | undefined {
  const plain = embeddedBuild();
  return plain && build === 'relaxed' ? relaxedBuildOf(plain) : plain;
}

const BUILDS: readonly PrefilterBuild[] = ['relaxed', 'simd'];

/** The compiled module of a build, or null where this runtime does not validate it. */
function wasmModule(api: WasmApi, build: PrefilterBuild): object | null {
  let m = compiled.get(build);
  if (m !== undefined) return m;
  m = null;
  try {
    const bytes = buildBytes(build);
    // Without relaxed SIMD (Node 20) the relaxed build does not validate; without SIMD neither does.
    if (bytes && api.validate(bytes)) m = new api.Module(bytes);
  } catch {
    m = null;
  }
  compiled.set(build, m);
  return m;
}

/** The build that runs by default here (relaxed SIMD where valid, else plain SIMD), or null where the automaton is used. */
export function prefilterBuild(): PrefilterBuild | null {
  if (preferred !== undefined) return preferred;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  preferred = api && NodeBuffer ? (BUILDS.find((b) => wasmModule(api, b) !== null) ?? null) : null;
  return preferred;
}

/**
 * A Node Buffer, as far as the prefilter uses one: `latin1Write` (Node's native method behind
 * `write(s, offset, 'latin1')`) is the fast copy of text into memory.
 */
type Bytes = Uint8Array & { write(s: string, offset: number, encoding: 'latin1'): number; latin1Write?: (s: string, offset: number) => number };

/** Node's `Buffer`, read through globalThis: the browser build has none and uses the automaton. */
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBuffer, offset: number, length: number): Bytes } }).Buffer;

/** Whether the SIMD prefilter can run here (WebAssembly with SIMD, and Node's `Buffer` to copy text in). */
export function simdPrefilterAvailable(): boolean {
  return prefilterBuild() !== null;
}

/**
 * Prefilter for one keyword set. Keywords (ASCII, at least 2 characters) are grouped by their first
 * four characters (fewer for shorter keywords) into 8 buckets (one set); table k of position
 * j (0..3) has bucket bit b set at the low and the high nibble of every byte that the j-th character
 * of a prefix in bucket b can be (both cases of a letter). A shorter prefix's bucket accepts any
 * byte past its end. A text position is a candidate when some bucket accepts all four bytes, which
 * every keyword occurrence does; candidates then pass a table of case-folded prefix hashes, in the module.
 */
export class SimdPrefilter {
  private readonly filter: FilterFn;
  private readonly walker: WalkFn;
  /**
   * The module's memory up to the candidates (a Node Buffer): the text copied in starts at
   * {@link INPUT}, a block and up to `tail` bytes after it, then the padding.
   */
  readonly memory: Bytes;
  /** The same memory as a plain Uint8Array: its `fill` is V8's builtin, where Buffer's goes through script and a call into Node. */
  private readonly plain: Uint8Array;
  /** Where `run` writes the candidate positions (with the walk: the positions of hits). */
  readonly positions: Int32Array;
  /** With the walk: per hit, the deepest state of the trie reached where keywords end. */
  readonly states: Int32Array;
  /** Bytes copied past a block: the filter reads 3, the trie walk up to the longest keyword. */
  readonly tail: number;
  private readonly output: number;
  private readonly statesAt: number;
  /** Memory offset of the walk's trie table (0: no walk in the module), its shift and whether its entries are 32-bit. */
  private readonly trieAt: number;
  private readonly shift: number;
  private readonly wide: number;

  private constructor(api: WasmApi, module: object, tables: Uint8Array, keywords: readonly string[], exactCase: ReadonlySet<string>, nodeBuffer: NonNullable<typeof NodeBuffer>, trie: TrieTable | undefined) {
    this.tail = Math.max(3, ...keywords.map((k) => k.length));
    this.output = (INPUT + BLOCK + this.tail + PAD + 3) & ~3;
    this.statesAt = this.output + 4 * OUTPUTS;
    const trieAt = this.statesAt + 4 * OUTPUTS;
    const size = trie ? trieAt + 256 + trie.next.byteLength : trieAt;
    const memory = new api.Memory({ initial: Math.ceil(size / 65536) });
    const instance = new api.Instance(module, { e: { m: memory } });
    this.filter = instance.exports.f as FilterFn;
    this.walker = instance.exports.w as WalkFn;
    this.memory = nodeBuffer.from(memory.buffer, 0, this.output);
    this.plain = new Uint8Array(memory.buffer, 0, this.output);
    this.memory.set(tables, TABLES);
    this.memory.set(prefixHashes(keywords, exactCase), HASHES);
    this.memory.set(laneNumbers(), COMPRESS);
    this.positions = new Int32Array(memory.buffer, this.output, OUTPUTS);
    this.states = new Int32Array(memory.buffer, this.statesAt, OUTPUTS);
    this.trieAt = trie ? trieAt : 0;
    this.shift = trie?.shift ?? 0;
    this.wide = trie && trie.next instanceof Uint32Array ? 1 : 0;
    if (trie) {
      const bytes = new Uint8Array(memory.buffer);
      bytes.set(trie.classes, trieAt);
      bytes.set(new Uint8Array(trie.next.buffer, trie.next.byteOffset, trie.next.byteLength), trieAt + 256);
    }
  }

  /**
   * A prefilter for these keywords (with `build`, that build of the module), or undefined where it
   * cannot run. With `trie`, {@link run} walks its candidates in that trie (see {@link TrieTable}).
   */
  static create(keywords: Iterable<string>, build: PrefilterBuild | null = prefilterBuild(), exactCase: ReadonlySet<string> = NO_KEYWORDS, trie?: TrieTable): SimdPrefilter | undefined {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!api || !NodeBuffer || !build) return undefined;
    const module = wasmModule(api, build);
    if (!module) return undefined;
    const list = [...keywords];
    return new SimdPrefilter(api, module, prefilterTables(list, exactCase), list, exactCase, NodeBuffer, trie);
  }

  /** Whether {@link run} walks the trie in the module. */
  get walks(): boolean {
    return this.trieAt !== 0;
  }

  /**
   * Copies [b, end) of `text` to the input (latin1: each character's low byte; end - b ≤ BLOCK +
   * tail) and the padding after it; returns end - b.
   */
  load(text: string, b: number, end: number): number {
    const s = b === 0 && end === text.length ? text : text.slice(b, end);
    const mem = this.memory;
    // Node's native latin1 write without `write`'s argument parsing in script (which runs cold, in the
    // interpreter, for the first blocks of a fresh process); `write` where a Buffer lacks it.
    const written = typeof mem.latin1Write === 'function' ? mem.latin1Write(s, INPUT) : mem.write(s, INPUT, 'latin1');
    this.plain.fill(PAD_BYTE, INPUT + written, INPUT + written + PAD);
    return written;
  }

  /** As {@link load}, from bytes: copies [b, end) of `bytes`. */
  loadBytes(bytes: Uint8Array, b: number, end: number): number {
    this.plain.set(b === 0 && end === bytes.length ? bytes : bytes.subarray(b, end), INPUT);
    this.plain.fill(PAD_BYTE, INPUT + end - b, INPUT + end - b + PAD);
    return end - b;
  }

  /**
   * Runs the filter on the first n ≤ BLOCK bytes of the input (loaded with the 3 bytes after them
   * where the text has them): returns the number of candidate positions, written in increasing
   * order to `positions` (some may be ≥ n: the caller skips them). A superset of the positions in
   * the block where a keyword starts.
   *
   * When the prefilter {@link walks}, the module walks each candidate below n in the trie instead, as
   * far as the bytes loaded go: it returns the number of hits, each a position in `positions` (in
   * increasing order, all below n) and in `states` the deepest state reached where keywords end.
   * The keywords of a hit are those ending on that state's path from the root (in exact case or
   * not: the trie folds case, the caller checks an exact spelling).
   */
  run(n: number): number {
    const count = this.filter(INPUT, n, this.output);
    return this.trieAt === 0 ? count : this.walker(INPUT, n, this.output, count, this.statesAt, this.trieAt, this.shift, this.wide);
  }

  /** `load` of [b, min(text.length, b + n + 3)), then `run(n)`. */
  block(text: string, b: number, n: number): number {
    this.load(text, b, Math.min(text.length, b + n + 3));
    return this.run(n);
  }
}

/**
 * For each byte value, the numbers of its set bits in increasing order (8 slots each, the rest 0);
 * then the same numbers + 8 (the lanes of a mask's high half).
 */
function laneNumbers(): Uint8Array {
  const t = new Uint8Array(2 * 256 * 8);
  for (let b = 0; b < 256; b++) {
    let k = 0;
    for (let j = 0; j < 8; j++) {
      if ((b >> j) & 1) {
        t[b * 8 + k] = j;
        t[256 * 8 + b * 8 + k++] = j + 8;
      }
    }
  }
  return t;
}

/** Hash of the 3 bytes b0 b1 b2 (as the module computes it from a little-endian load; case kept). */
export function prefixHash(b0: number, b1: number, b2: number): number {
  return Math.imul(b0 | (b1 << 8) | (b2 << 16), HASH_MUL) >>> (32 - HASH_BITS);
}

/** Hash of the 4 bytes b0 b1 b2 b3, case folded (as the module computes it from a little-endian load). */
export function prefixHash4(b0: number, b1: number, b2: number, b3: number): number {
  return Math.imul(b0 | (b1 << 8) | (b2 << 16) | (b3 << 24) | FOLD, HASH_MUL4) >>> (32 - HASH_BITS);
}

/**
 * The table of prefix hashes (a byte per hash value): a keyword of 4 characters or more sets bit 0
 * at the hash of its first four bytes, a shorter one bit 1 at the hash of its first three in each
 * case variant (a two-character keyword with every third byte). The module reports a position when
 * the table has bit 0 at the 4-byte hash or bit 1 at the 3-byte hash of the text there: a 4-byte
 * prefix rejects far more text than a 3-byte one (`user:` no longer lets every `use` through, nor
 * `connect ` every `con`). The 4-byte hash folds case (every byte ORed with 0x20), so one entry
 * covers every case variant of a long prefix; the 3-byte hash keeps it, so an exact-case short
 * keyword (Twilio's `AC`) lets no other spelling through. The walk in the trie checks every
 * spelling anyway.
 */
export function prefixHashes(keywords: Iterable<string>, exactCase: ReadonlySet<string> = NO_KEYWORDS): Uint8Array {
  const set = new Uint8Array(1 << HASH_BITS);
  const thirdAny = Array.from({ length: 256 }, (_, i) => i);
  for (const { text: p, exact } of prefixesOf(keywords, exactCase)) {
    const code = (i: number): number => p.charCodeAt(i);
    if (p.length >= 4) {
      set[prefixHash4(code(0), code(1), code(2), code(3))]! |= 1;
      continue;
    }
    for (const b0 of caseVariants(code(0), exact)) {
      for (const b1 of caseVariants(code(1), exact)) {
        for (const b2 of p.length < 3 ? thirdAny : caseVariants(code(2), exact)) set[prefixHash(b0, b1, b2)]! |= 2;
      }
    }
  }
  return set;
}

/** A keyword's first four characters, and whether it matches in exact case only. */
export interface Prefix {
  text: string;
  exact: boolean;
}

/** The distinct prefixes of the keywords (sorted). */
export function prefixesOf(keywords: Iterable<string>, exactCase: ReadonlySet<string>): Prefix[] {
  const seen = new Map<string, Prefix>();
  for (const k of keywords) {
    const exact = exactCase.has(k);
    const text = exact ? k.slice(0, PREFIX) : k.slice(0, PREFIX).toLowerCase();
    seen.set(`${exact ? 'E' : 'i'}${text}`, { text, exact });
  }
  return [...seen.keys()].sort().map((key) => seen.get(key)!);
}

/** The bytes a keyword character matches: itself in exact case, both cases of a letter otherwise. */
export function caseVariants(c: number, exact: boolean): number[] {
  if (exact) return [c];
  const lower = c | 0x20;
  return lower >= 97 && lower <= 122 ? [lower, lower - 32] : [c];
}

/** Memory offset of a nibble table (must match scripts/wasm-prefilter.mjs): set 0 (of SETS), position 0..3, nibble 0 low / 1 high. */
export function tableOffset(set: number, pos: number, nib: number): number {
  return ((set * POSITIONS + pos) * 2 + nib) * 16;
}

/**
 * A model of text (prose, source, logs) to estimate which share of positions a bucket accepts: bytes
 * fall in classes (lower-case letter, upper-case letter, digit, space or tab, line end, punctuation,
 * other), each class follows the one before with the probabilities of TRANSITIONS, and within a class
 * bytes have the weights of CLASS_WEIGHT (letters by their frequency in English text). Used only to
 * group keyword prefixes into buckets: common sequences of letters ("her", "and ") weigh more than
 * rare ones ("hf_"), which the prefix groups should not make the buckets accept.
 */
const CLASSES = 7;
function classOf(c: number): number {
  if (c >= 97 && c <= 122) return 0;
  if (c >= 65 && c <= 90) return 1;
  if (c >= 48 && c <= 57) return 2;
  if (c === 32 || c === 9) return 3;
  if (c === 10 || c === 13) return 4;
  if (c > 32 && c < 127) return 5;
  return 6;
}
/** classOf of each byte. */
const BYTE_CLASS = Uint8Array.from({ length: 256 }, (_, c) => classOf(c));
/** Relative frequency of the letters a..z in English text (per mille). */
const LETTERS = [82, 15, 28, 43, 127, 22, 20, 61, 70, 1.5, 7.7, 40, 24, 67, 75, 19, 0.95, 60, 63, 91, 28, 9.8, 24, 1.5, 20, 0.74];
/** Each byte's weight within its class (summing to 1 per class). */
const CLASS_WEIGHT = (() => {
  const w = new Float64Array(256);
  for (let c = 0; c < 256; c++) {
    const lower = c | 0x20;
    w[c] = lower >= 97 && lower <= 122 ? LETTERS[lower - 97]! : c === 32 || c === 10 ? 9 : 1;
  }
  const sums = new Float64Array(CLASSES);
  for (let c = 0; c < 256; c++) sums[BYTE_CLASS[c]!]! += w[c]!;
  return w.map((x, c) => x / sums[BYTE_CLASS[c]!]!);
})();
/** The share of each class at the start of a run. */
const START = [0.55, 0.06, 0.05, 0.17, 0.03, 0.13, 0.01];
/** TRANSITIONS[a * CLASSES + b]: the probability that a byte of class b follows one of class a. */
const TRANSITIONS = [
  [0.75, 0.03, 0.01, 0.12, 0.01, 0.08, 0],
  [0.5, 0.3, 0.02, 0.05, 0.01, 0.12, 0],
  [0.1, 0.02, 0.6, 0.1, 0.01, 0.17, 0],
  [0.6, 0.1, 0.05, 0.1, 0, 0.15, 0],
  [0.25, 0.05, 0, 0.5, 0.05, 0.15, 0],
  [0.4, 0.1, 0.1, 0.2, 0.05, 0.15, 0],
  [0.15, 0.15, 0.14, 0.14, 0.14, 0.14, 0.14],
].flat();

/** Nibble sets of one bucket: bit n of lo[pos] / hi[pos] = nibble n allowed at that position. */
export interface Bucket {
  lo: number[];
  hi: number[];
}

/** The bucket widened by a prefix: both cases of a letter; any byte past the prefix's end. */
export function withPrefix(b: Bucket, prefix: Prefix): Bucket {
  const n = { lo: b.lo.slice(), hi: b.hi.slice() };
  for (let pos = 0; pos < POSITIONS; pos++) {
    if (pos >= prefix.text.length) {
      n.lo[pos] = 0xffff;
      n.hi[pos] = 0xffff;
      continue;
    }
    for (const c of caseVariants(prefix.text.charCodeAt(pos), prefix.exact)) {
      n.lo[pos]! |= 1 << (c & 15);
      n.hi[pos]! |= 1 << (c >> 4);
    }
  }
  return n;
}

/**
 * CLASS_WEIGHT summed over sets of low nibbles, per class and high nibble: [(k * 16 + h) * 512 +
 * half * 256 + bits] (for the classes of ROW_CLASSES[h]) is the weight in class k of the bytes with high nibble h whose low nibble is in
 * the 8 bits `bits` of that half. Built on first use (the prefilter tables of a keyword set are
 * computed once per scanner).
 */
let nibbleSums: Float64Array | undefined;

/** The classes of the bytes with each high nibble. */
const ROW_CLASSES = Array.from({ length: 16 }, (_, h) => [...new Set(Array.from({ length: 16 }, (_, l) => BYTE_CLASS[(h << 4) | l]!))]);

function lowNibbleSums(): Float64Array {
  if (nibbleSums) return nibbleSums;
  const t = new Float64Array(CLASSES * 16 * 512);
  for (let h = 0; h < 16; h++) {
    for (let half = 0; half < 2; half++) {
      for (const k of ROW_CLASSES[h]!) {
        const base = (k * 16 + h) * 512 + half * 256;
        // Each set of bits adds its lowest bit's byte weight (if the byte is of class k) to the set without it.
        for (let bits = 1; bits < 256; bits++) {
          const c = (h << 4) | (half * 8 + 31 - Math.clz32(bits & -bits));
          t[base + bits] = t[base + (bits & (bits - 1))]! + (BYTE_CLASS[c] === k ? CLASS_WEIGHT[c]! : 0);
        }
      }
    }
  }
  return (nibbleSums = t);
}

/** The forward probabilities of the model per class, and the accepted weight per class (reused by `acceptance`). */
const forward = new Float64Array(CLASSES);
const forwardNext = new Float64Array(CLASSES);
const acceptedWeight = new Float64Array(CLASSES);

/** Estimated share of text positions a bucket accepts: the model's probability of an accepted run of POSITIONS bytes. */
function acceptance(b: Bucket): number {
  const sums = lowNibbleSums();
  for (let pos = 0; pos < POSITIONS; pos++) {
    const lo = b.lo[pos]!;
    if (lo === 0xffff && b.hi[pos] === 0xffff) acceptedWeight.fill(1);
    else {
      acceptedWeight.fill(0);
      for (let hs = b.hi[pos]!; hs; hs &= hs - 1) {
        const h = 31 - Math.clz32(hs & -hs);
        for (const k of ROW_CLASSES[h]!) {
          const base = (k * 16 + h) * 512;
          acceptedWeight[k]! += sums[base + (lo & 0xff)]! + sums[base + 256 + (lo >> 8)]!;
        }
      }
    }
    let total = 0;
    for (let k = 0; k < CLASSES; k++) {
      let into = 0;
      if (pos === 0) into = START[k]!;
      else if (acceptedWeight[k]! > 0) for (let j = 0; j < CLASSES; j++) into += forward[j]! * TRANSITIONS[j * CLASSES + k]!;
      forwardNext[k] = into * acceptedWeight[k]!;
      total += forwardNext[k]!;
    }
    if (total === 0) return 0;
    forward.set(forwardNext);
  }
  let r = 0;
  for (let k = 0; k < CLASSES; k++) r += forward[k]!;
  return r;
}

/**
 * The nibble tables (SETS sets of 8 buckets, positions 0..3) for a keyword set. Prefixes are the
 * keywords' first four characters, in groups sharing their first two characters; the groups (widest
 * first) each go to the bucket whose estimated acceptance of text (the model of TRANSITIONS) grows
 * least. A bucket's table of position j has its bit at the low and high nibble of every byte its
 * prefixes' j-th character can be, so each keyword occurrence is accepted by its bucket.
 */
export function prefilterTables(keywords: Iterable<string>, exactCase: ReadonlySet<string> = NO_KEYWORDS): Uint8Array {
  const prefixes = prefixesOf(keywords, exactCase);
  // The build's tables are those of the built-in keywords (Twilio's `AC` in exact case, the rest in any case).
  return builtTables(prefixes) ?? tablesOf(prefixes);
}

/** The tables of the built-in keywords, computed by scripts/build.mjs (base64); absent in a bundle built without them. */
declare const __TC_PREFILTER_TABLES__: string;
let built: Uint8Array | null | undefined;

/** The tables of the built-in keywords as the build computed them, if it did. */
export function buildTimeTables(): Uint8Array | undefined {
  if (built === undefined) {
    built = null;
    if (typeof __TC_PREFILTER_TABLES__ === 'string' && typeof atob === 'function') {
      const bin = atob(__TC_PREFILTER_TABLES__);
      if (bin.length === COMPRESS) built = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    }
  }
  return built ?? undefined;
}

/**
 * The build's tables when they accept every prefix (each in both cases of its letters, or in its own
 * spelling for an exact-case keyword; any byte past a short prefix's end) — always for the built-in keywords, whose tables they are. Computing them
 * took a fresh CLI process 25–40 ms (interpreted code), a third of its start-up.
 */
function builtTables(prefixes: readonly Prefix[]): Uint8Array | undefined {
  const t = buildTimeTables();
  if (!t) return undefined;
  // Bit k of `allowed(pos, c)`: bucket k (bit k & 7 of set k >> 3) accepts byte c at position pos.
  const allowed = (pos: number, c: number): number => {
    let m = 0;
    for (let set = 0; set < SETS; set++) m |= (t[tableOffset(set, pos, 0) + (c & 15)]! & t[tableOffset(set, pos, 1) + (c >> 4)]!) << (set * 8);
    return m;
  };
  for (const { text: p, exact } of prefixes) {
    let m = 0xffff;
    for (let pos = 0; pos < POSITIONS; pos++) {
      if (pos >= p.length) {
        // Any byte: each of the 256 must be allowed.
        for (let c = 0; c < 256 && m; c++) m &= allowed(pos, c);
        continue;
      }
      const c = p.charCodeAt(pos);
      m &= allowed(pos, c);
      if (!exact && c >= 97 && c <= 122) m &= allowed(pos, c - 32);
    }
    if (!m) return undefined;
  }
  return t.slice();
}

/** The tables {@link prefilterTables} computes for keywords the build's tables do not cover (the tests compare the build's with these). */
export function computedTables(keywords: Iterable<string>, exactCase: ReadonlySet<string> = NO_KEYWORDS): Uint8Array {
  return tablesOf(prefixesOf(keywords, exactCase));
}

/** A bucket that accepts nothing yet. */
export function emptyBucket(): Bucket {
  return { lo: new Array<number>(POSITIONS).fill(0), hi: new Array<number>(POSITIONS).fill(0) };
}

/** See {@link prefilterTables}; `prefixes` sorted, without duplicates. */
function tablesOf(prefixes: readonly Prefix[]): Uint8Array {
  return placed(Array.from({ length: SETS * 8 }, emptyBucket), prefixes);
}

/** The tables of these buckets once the prefixes are placed in them (greedily, see {@link prefilterTables}; prefilterTuned.ts places those tuned tables miss). */
export function placed(buckets: Bucket[], prefixes: readonly Prefix[]): Uint8Array {
  // Prefixes with the same first two characters go together (they share most nibbles).
  const groups = new Map<string, Prefix[]>();
  for (const p of prefixes) {
    const key = p.text.slice(0, 2).toLowerCase();
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const withGroup = (b: Bucket, g: readonly Prefix[]): Bucket => g.reduce(withPrefix, b);
  const cost = new Map([...groups.values()].map((g) => [g, acceptance(withGroup(emptyBucket(), g))]));
  const accepted = buckets.map((b) => acceptance(b));
  for (const p of [...groups.values()].sort((x, y) => cost.get(y)! - cost.get(x)! || (x[0]!.text < y[0]!.text ? -1 : 1))) {
    let best = 0;
    let bestCost = Infinity;
    let bestBucket = buckets[0]!;
    for (let k = 0; k < SETS * 8; k++) {
      const b = withGroup(buckets[k]!, p);
      const c = acceptance(b) - accepted[k]!;
      if (c < bestCost) {
        best = k;
        bestCost = c;
        bestBucket = b;
      }
    }
    buckets[best] = bestBucket;
    accepted[best] = acceptance(bestBucket);
  }
  return tablesOfBuckets(buckets);
}

/** The nibble tables of SETS * 8 buckets (bucket k: bit k & 7 of set k >> 3). */
export function tablesOfBuckets(buckets: readonly Bucket[]): Uint8Array {
  const tables = new Uint8Array(COMPRESS);
  buckets.forEach((b, k) => {
    const set = k >> 3;
    const bit = 1 << (k & 7);
    for (let pos = 0; pos < POSITIONS; pos++) {
      for (let n = 0; n < 16; n++) {
        if ((b.lo[pos]! >> n) & 1) tables[tableOffset(set, pos, 0) + n]! |= bit;
        if ((b.hi[pos]! >> n) & 1) tables[tableOffset(set, pos, 1) + n]! |= bit;
      }
    }
  });
  return tables;
}
