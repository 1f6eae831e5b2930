// The keyword prefilter of src/engine/prefilter.ts as WebAssembly, assembled here from the instructions
// below (no toolchain: the bytes are written by this small assembler). scripts/build.mjs embeds the
// result (base64) in the bundles through the `__TC_PREFILTER_WASM__` define.
//
// The module has two builds: one with `i8x16.relaxed_swizzle` (relaxed SIMD: one `pshufb` on x64; VS
// Code's Electron, Node 21+, the CLI on Node 20 with V8's flag: src/cli/wasmFeatures.ts), one with the
// plain `i8x16.swizzle` (V8 adds a saturating add with a loaded constant per lookup). Only the plain
// build is embedded; the relaxed one is the same bytes with each swizzle's opcode replaced (encoded at
// the same length, see `op.swizzle`), made where it is needed. The caller takes the first build its
// runtime validates. The lookups only ever index 0..15, where both give the same result.
//
// Two exported functions. `f(input, length, output) -> count`, in two passes over the block:
//  1. A "Teddy"-style SIMD filter (the technique of Hyperscan): it loads each 16 bytes once, looks up
//     their low and high nibbles in the 16-byte tables of each of the positions 0..3 (one set of 8
//     buckets; memory at `tableOffset`, written by the caller) and ANDs position j's result with
//     position j-1's moved one lane up (lane 0 from the 16 bytes before): a lane that is not zero is
//     where the last of four bytes that some bucket of keyword prefixes accepts may be, three bytes
//     after a candidate (nibble tables over-approximate). It loaded the bytes at each offset 0..3 and
//     took their nibbles four times until 16 bytes per load and a `palignr` per position measured
//     fewer instructions (pass 1 alone 20.7 -> 18.8 million per 4 MB of the bench corpus, callgrind). The eight tables stay in registers (sixteen, two sets of 8 buckets, did not
//     fit: TurboFan reloaded them every iteration). The lanes' 16-bit mask is turned into positions
//     without a branch: each 8-bit half indexes a table of its set bits' lane numbers (memory at
//     COMPRESS, 8 bytes per entry, written by the caller), which are widened to 16 bits, offset and
//     stored at CANDIDATES; the count moves on by the half's popcount. No branch depends on the text,
//     so the many blocks with one or two lanes cost no mispredicted jump.
//  2. Each candidate is checked in a table of prefix hashes (memory at HASHES, 2^HASH_BITS bytes,
//     written by the caller): bit 0 at the hash of its first 4 bytes (keywords of 4 characters or
//     more) or bit 1 at the hash of its first 3 (shorter keywords) must be set. The 4 bytes are case
//     folded (ORed with 0x20) before hashing, so one entry covers every case variant of a prefix; the
//     3 bytes are not (the caller enters each case variant of a short prefix, so an exact-case `AC`
//     lets no `ac` through). Then its position is written to `output` as an i32 (branch-free too: the
//     slot is written and the count moves on by the bit), two candidates per iteration.
// Both stages can only over-approximate: every position reported is checked against the keywords,
// and no position that starts a keyword is ever missed. The caller pads the input with 32 bytes of
// 0xff (no keyword starts with a byte over 0x7f, so the padding never reports).
// `w(...)` (pass 3, see walkBody) then walks the candidates in the keyword trie and keeps the hits,
// each with the deepest state reached where keywords end: the caller only lists that state's keywords.
//
// Measured on the 50 MB bench corpus (CPU time, Node 20): one set of 8 buckets lets about three times
// as many positions through pass 1 as two sets did (13.7% against 4.3%) but costs 8 nibble lookups
// less per 16 bytes, and pass 2 throws the extra ones out at about 2 ns each: 45 ms for the module
// against 55. A byte per hash value costs three instructions a lookup where a bit set took eight; a
// 64 KB table lets through 271,000 of the 7.2 million pass-1 candidates, 16 KB 497,000 (each costs
// the caller's trie walk), and a third, 2-byte lookup for two-character keywords in 16 KB 313,000 but
// cost more time than it saved.
//
// The walk in the module (bench corpus, CPU per 50 MB, alternated 4 rounds with the walk in script,
// load 10-12): 271,000 candidates walked, 90,000 hits; the module 51-56 -> 57-62 ms, the whole
// keyword search 66-71 -> 64-67 ms (medians; the script's walk with its per-hit work cost 15-18 ms).
// Measured on the way: the walk inside f cost pass 1 3 ms (registers); one walk at a time with a
// branch per step 8-10 ms (a mispredicted exit per candidate, 4.3 steps on average); eight steps
// without a branch 7-8 ms; two candidates interleaved about 5.5 ms.
//
// Usage: `node scripts/wasm-prefilter.mjs` prints the modules' sizes and whether this runtime validates them.

/** Unsigned LEB128. */
function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128. */
function s32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id, bytes) {
  return [id, ...u32(bytes.length), ...bytes];
}

function name(s) {
  return [...u32(s.length), ...Buffer.from(s, 'utf8')];
}

// Value types, and the opcodes used (WebAssembly 2.0 core, fixed-width SIMD and relaxed SIMD, prefix 0xfd).
const I32 = 0x7f;
const V128 = 0x7b;
const simd = (code) => [0xfd, ...u32(code)];
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b], br: (depth) => [0x0c, depth], brIf: (depth) => [0x0d, depth],
  i32: (n) => [0x41, ...s32(n | 0)],
  geU: [0x4f], add: [0x6a], sub: [0x6b], mul: [0x6c], and: [0x71], or: [0x72], shl: [0x74], shrU: [0x76], popcnt: [0x69],
  eqz: [0x45], ne: [0x47], select: [0x1b], if: [0x04, 0x40], else: [0x05],
  // memarg: alignment exponent, then offset
  load: (offset) => [0x28, 0, ...u32(offset)], load8: (offset) => [0x2d, 0, ...u32(offset)], load16: (offset) => [0x2f, 0, ...u32(offset)],
  store: (offset) => [0x36, 0, ...u32(offset)],
  vload: (offset) => [...simd(0x00), 0, ...u32(offset)],
  vload8x8: (offset) => [...simd(0x02), 0, ...u32(offset)], // 8 bytes, zero-extended to 8 x u16
  vstore: (offset) => [...simd(0x0b), 0, ...u32(offset)],
  vconst0: [...simd(0x0c), ...new Array(16).fill(0)], vconst: (bytes) => [...simd(0x0c), ...bytes],
  // i8x16.swizzle (0x0e) in a two-byte LEB128 (0x8e 0x00, valid: a u32 may take up to five bytes), the
  // length of relaxed_swizzle's 0x100 (0x80 0x02): the relaxed build is the plain one with each of these
  // three-byte sequences replaced (see prefilterWasm), so the bundles carry one build instead of two.
  swizzle: [0xfd, 0x8e, 0x00], relaxedSwizzle: simd(0x100),
  splat8: simd(0x0f), splat16: simd(0x10), shuffle: (lanes) => [...simd(0x0d), ...lanes],
  eq8: simd(0x23), bitmask8: simd(0x64),
  shrU16: simd(0x8d), add16: simd(0x8e),
};
// v128 bitwise and (`op.and` is the i32 one)
const vand = simd(0x4e);
/** i8x16.shuffle lanes of (a, b) giving a's lane 15, then b's lanes 0..14 (V8: one `palignr`). */
const LANE_UP = Array.from({ length: 16 }, (_, k) => 15 + k);

/** A function body with named locals: `get(name)`, `set(name)`, `tee(name)`. */
class Fn {
  constructor(params, locals) {
    this.params = params;
    this.locals = locals;
    this.index = new Map([...params, ...locals].map(([n], i) => [n, i]));
    if (this.index.size !== params.length + locals.length) throw new Error('two locals of one name');
  }
  at(n) {
    const i = this.index.get(n);
    if (i === undefined) throw new Error(`no local ${n}`);
    return i;
  }
  get(n) {
    return [0x20, this.at(n)];
  }
  set(n) {
    return [0x21, this.at(n)];
  }
  tee(n) {
    return [0x22, this.at(n)];
  }
  /** The code section entry: locals (runs of one type), then the body. */
  encode(body) {
    const runs = [];
    for (const [, t] of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const fn = [...u32(runs.length), ...runs.flatMap(([n, t]) => [...u32(n), t]), ...body.flat(Infinity), ...op.end];
    return [...u32(fn.length), ...fn];
  }
}

/** Positions looked up (bytes 0..3 of a keyword) and sets of 8 buckets (one: see pass 1). */
export const POSITIONS = 4;
export const SETS = 1;
/** Memory offset of the table of a set, position and nibble (0 low, 1 high). */
export const tableOffset = (set, pos, nib) => ((set * POSITIONS + pos) * 2 + nib) * 16;
const TABLE_BYTES = SETS * POSITIONS * 2 * 16;
/** The lane numbers of the set bits of each byte value (8 bytes per entry, unused ones 0), then the same + 8 (for the high half of a mask). */
export const COMPRESS = TABLE_BYTES;
/** The table of prefix hashes (a byte per hash: bit 0 for 4-byte prefixes, bit 1 for 3-byte ones), and the hash. */
export const HASHES = COMPRESS + 2 * 256 * 8;
export const HASH_BITS = 16;
export const HASH_MUL = 0x9e3779b1;
/** Multiplier of the 4-byte hash (keywords of 4 characters or more; the 3-byte hash is for shorter ones). */
export const HASH_MUL4 = 0x85ebca77;
/** Candidates of pass 1, as u16 offsets in the block (the block is at most 32,768 bytes). */
export const CANDIDATES = HASHES + (1 << HASH_BITS);
/**
 * Candidates checked per round of pass 2 (2 took 2 more instructions per candidate: a check of the
 * second slot against `count`, and the loop's own per round).
 */
export const UNROLL = 4;
/** The candidate in pass 2's slots past `count`: past any block, the caller skips it (its bytes, read in the module's memory, may pass). */
export const SENTINEL = 0xffff;

/**
 * The walk table's entries: 16-bit below this many states (bit 15 flags a state where keywords end),
 * else 32-bit (bit 31). State 0 is no state (its row is all 0), the root is state 1.
 */
export const NARROW_STATES = 0x8000;
export const ROOT = 1;

function body(relaxed) {
  const tableLocals = Array.from({ length: TABLE_BYTES / 16 }, (_, t) => [`t${t}`, V128]);
  const f = new Fn(
    [['input', I32], ['length', I32], ['output', I32]],
    [['i', I32], ['count', I32], ['bits', I32], ['half', I32], ['p', I32], ['w', I32], ['h', I32], ['n', I32], ['end', I32],
      ['m', V128], ['v', V128], ['lo', V128], ['hi', V128], ['nib', V128], ['zero', V128], ['prev0', V128], ['prev1', V128], ['prev2', V128], ...tableLocals],
  );
  const swizzle = relaxed ? op.relaxedSwizzle : op.swizzle;
  const table = (set, pos, nib) => f.get(`t${tableOffset(set, pos, nib) / 16}`);
  const code = [];
  for (let t = 0; t < TABLE_BYTES / 16; t++) code.push(op.i32(0), op.vload(16 * t), f.set(`t${t}`));
  code.push(op.i32(0x0f), op.splat8, f.set('nib'), op.vconst0, f.set('zero'));

  // Pass 1: for (i = 0; i < length + 3; i += 16), by where the four bytes end (Hyperscan's Teddy):
  // one load of the 16 bytes at input + i, their nibbles looked up in each position's tables (r_j,
  // lane k: some bucket's j-th byte can be the byte at i + k), and c_j = r_j AND c_(j-1) moved one
  // lane up, its lane 0 from lane 15 of the c_(j-1) of the 16 bytes before (prev_(j-1); zero before
  // the block). Lane k of c_3: some bucket accepts the bytes i + k - 3 .. i + k, a candidate at
  // i + k - 3 (none below 0: lanes 0-2 of the first c_3 take the zero prevs). The loop runs 3 bytes
  // past `length` for the candidates that start before it; it reads no further than before (18
  // bytes past the block).
  // (Newlines per block for the scanner's line numbers were measured here and not kept: an i8x16.eq
  // with '\n', bitmask and popcnt per 16 bytes cost 1-2 ms per 50 MB over all text, against about
  // 7 ms of positionsAt in src/engine/lines.ts spent only in files with findings, most of which a
  // count per 32 KB block would not save (the scan from the block start to the offset and the
  // column remain); and a string's characters above U+00FF whose low byte is 0x0a would count.)
  code.push(f.get('length'), op.i32(3), op.add, f.set('end'));
  code.push(op.block, op.loop, f.get('i'), f.get('end'), op.geU, op.brIf(1));
  // lo / hi = the nibbles of the 16 bytes (a 16-bit shift and a mask: V8 lowers the 8-bit shift to
  // the same plus a constant it builds each time)
  code.push(
    f.get('input'), f.get('i'), op.add, op.vload(0), f.tee('v'), f.get('nib'), vand, f.set('lo'),
    f.get('v'), op.i32(4), op.shrU16, f.get('nib'), vand, f.set('hi'),
  );
  const lookup = (pos) => [table(0, pos, 0), f.get('lo'), swizzle, table(0, pos, 1), f.get('hi'), swizzle, vand];
  code.push(lookup(0), f.set('m'));
  for (let pos = 1; pos < POSITIONS; pos++) {
    // m = r_pos & (prev_(pos-1) lane 15, m lanes 0..14); prev_(pos-1) = the m before
    code.push(lookup(pos), f.get(`prev${pos - 1}`), f.get('m'), op.shuffle(LANE_UP), vand, f.get('m'), f.set(`prev${pos - 1}`), f.set('m'));
  }
  // bits = the lanes where some bucket accepts (eq gives the zero lanes; flipped in i32)
  code.push(f.get('m'), f.get('zero'), op.eq8, op.bitmask8, op.i32(0xffff), [0x73] /* i32.xor */, f.set('bits'));
  // candidates[count..] = i - 3 + the lane numbers of each half's set bits (the high half's table
  // holds them + 8: one splat per 16 bytes); count += popcnt
  code.push(f.get('i'), op.i32(POSITIONS - 1), op.sub, op.splat16, f.set('lo'));
  for (const high of [0, 1]) {
    code.push(
      f.get('count'), op.i32(1), op.shl,
      f.get('bits'), ...(high ? [op.i32(8), op.shrU] : [op.i32(0xff), op.and]), f.tee('half'), op.i32(3), op.shl, op.vload8x8(COMPRESS + high * 256 * 8),
      f.get('lo'), op.add16,
      op.vstore(CANDIDATES),
      f.get('count'), f.get('half'), op.popcnt, op.add, f.set('count'),
    );
  }
  code.push(f.get('i'), op.i32(16), op.add, f.set('i'), op.br(0), op.end, op.end);

  // Pass 2: for (i = 0; i < count; i += UNROLL): per candidate j, p = candidates[i + j]; w = the four
  // bytes at p; h = bit 0 of the table at the hash of w case folded (ORed with 0x20 each) | bit 1 at
  // the hash of w's first three bytes; output[n] = p; n += h. The last round's slots past `count` hold
  // SENTINEL (stored after pass 1): a position past any block, which the caller leaves out wherever it
  // counts (after every candidate below it), so no slot needs a check of its own.
  code.push(f.get('count'), op.i32(1), op.shl, op.vconst(Array.from({ length: 16 }, (_, b) => (SENTINEL >> (8 * (b & 1))) & 0xff)), op.vstore(CANDIDATES));
  code.push(op.i32(0), f.set('i'), op.block, op.loop, f.get('i'), f.get('count'), op.geU, op.brIf(1));
  for (let j = 0; j < UNROLL; j++) {
    code.push(
      f.get('i'), op.i32(1), op.shl, op.load16(CANDIDATES + 2 * j), f.set('p'),
      f.get('input'), f.get('p'), op.add, op.load(0), f.tee('w'),
      op.i32(0x20202020), op.or, op.i32(HASH_MUL4), op.mul, op.i32(32 - HASH_BITS), op.shrU, op.load8(HASHES), op.i32(1), op.and,
      f.get('w'), op.i32(0xffffff), op.and, op.i32(HASH_MUL), op.mul, op.i32(32 - HASH_BITS), op.shrU, op.load8(HASHES), op.i32(1), op.shrU,
      op.or, f.set('h'),
      f.get('output'), f.get('n'), op.i32(2), op.shl, op.add, f.get('p'), op.store(0),
      f.get('n'), f.get('h'), op.add, f.set('n'),
    );
  }
  code.push(f.get('i'), op.i32(UNROLL), op.add, f.set('i'), op.br(0), op.end, op.end, f.get('n'));
  return f.encode(code);
}

/**
 * The second export, `w(input, length, output, count, states, trie, shift, wide) -> hits` (pass 3,
 * a function of its own so that pass 1 keeps its registers: in one function with it, pass 1 took
 * 3 ms more per 50 MB): each of the `count` candidates at `output` (those of `f`) below `length` is
 * walked in the keyword trie (memory at `trie`: the class of each byte, 256 bytes, then the table of
 * next states, see walkTrie in src/engine/keywords.ts); a walk ends at a byte no keyword has from
 * its state on (the caller pads the text with a byte of class 0). The deepest state reached where
 * keywords end (flag bit of the entry) is the hit: output[k] = its position, states[k] = that
 * state, in place (k ≤ the candidate's index). The caller lists the keywords ending on its path.
 */
function walkBody() {
  const f = new Fn(
    [['input', I32], ['length', I32], ['output', I32], ['count', I32], ['states', I32], ['trie', I32], ['shift', I32], ['wide', I32]],
    [['i', I32], ['n', I32], ['shift1', I32], ...['a', 'b'].flatMap((x) => [[`p${x}`, I32], [`a${x}`, I32], [`s${x}`, I32], [`e${x}`, I32], [`last${x}`, I32]])],
  );
  return f.encode([f.get('wide'), op.if, walk(f, true), op.else, walk(f, false), op.end, f.get('n')]);
}

/**
 * Steps of the walk taken without a branch (the walk of 99% of the candidates ends sooner on the
 * bench corpus). 5 or 6 steps measured the same as 8 within the noise (module 57-60 ms per 50 MB each).
 */
export const UNROLLED_STEPS = 8;

/**
 * Pass 3 over the `count` candidates at `output`, for 16- or 32-bit table entries: two candidates at
 * a time (two walks whose steps interleave: each step waits on the load of the one before), each
 * UNROLLED_STEPS steps without a branch, then on while the walk has a state.
 */
function walk(f, wide) {
  const flag = wide ? 0x80000000 : 0x8000;
  const size = wide ? 2 : 1;
  // e = next[s << shift | class[byte at a + k]] (the address as (s << shift + size) + (class << size) + trie);
  // s = e without its flag (0: no state); last = s where flagged
  const step = (x, k) => [
    f.get(`s${x}`), f.get('shift1'), op.shl,
    f.get('trie'), f.get(`a${x}`), op.load8(k), op.add, op.load8(0), op.i32(size), op.shl, f.get('trie'), op.add,
    op.add, wide ? op.load(256) : op.load16(256), f.tee(`e${x}`),
    op.i32(flag - 1), op.and, f.tee(`s${x}`), f.get(`last${x}`), f.get(`e${x}`), op.i32(flag), op.and, op.select, f.set(`last${x}`),
  ];
  const rest = (x) => [
    f.get(`s${x}`), op.if, f.get(`a${x}`), op.i32(UNROLLED_STEPS), op.add, f.set(`a${x}`),
    op.loop, step(x, 0), f.get(`a${x}`), op.i32(1), op.add, f.set(`a${x}`), f.get(`s${x}`), op.brIf(0), op.end,
    op.end,
  ];
  const emit = (x, valid) => [
    f.get('output'), f.get('n'), op.i32(2), op.shl, op.add, f.get(`p${x}`), op.store(0),
    f.get('states'), f.get('n'), op.i32(2), op.shl, op.add, f.get(`last${x}`), op.store(0),
    f.get('n'), f.get(`last${x}`), op.i32(0), op.ne, ...valid, op.add, f.set('n'),
  ];
  return [
    f.get('shift'), op.i32(size), op.add, f.set('shift1'),
    // Candidates at or past `length` come last: leave them out.
    op.block, op.loop, f.get('count'), op.eqz, op.brIf(1),
    f.get('output'), f.get('count'), op.i32(1), op.sub, f.tee('pa'), op.i32(2), op.shl, op.add, op.load(0), f.get('length'), [0x49] /* i32.lt_u */, op.brIf(1),
    f.get('pa'), f.set('count'), op.br(0),
    op.end, op.end,
    op.block, op.loop, f.get('i'), f.get('count'), op.geU, op.brIf(1),
    f.get('output'), f.get('i'), op.i32(2), op.shl, op.add, f.tee('pa'), op.load(4), f.set('pb'), f.get('pa'), op.load(0), f.set('pa'),
    f.get('input'), f.get('pa'), op.add, f.set('aa'), f.get('input'), f.get('pb'), op.add, f.set('ab'),
    op.i32(ROOT), f.tee('sa'), f.set('sb'), op.i32(0), f.tee('lasta'), f.set('lastb'),
    Array.from({ length: UNROLLED_STEPS }, (_, k) => [step('a', k), step('b', k)]),
    rest('a'), rest('b'),
    emit('a', []), emit('b', [f.get('i'), op.i32(1), op.add, f.get('count'), [0x49] /* i32.lt_u */, op.and]),
    f.get('i'), op.i32(2), op.add, f.set('i'),
    op.br(0), op.end, op.end,
  ];
}

/** One build of the module. */
function build(relaxed) {
  const type = section(1, [2, 0x60, 3, I32, I32, I32, 1, I32, 0x60, 8, I32, I32, I32, I32, I32, I32, I32, I32, 1, I32]);
  // Memory imported from the caller (it sizes it to its largest block): "e"."m", min 1 page.
  const imports = section(2, [1, ...name('e'), ...name('m'), 0x02, 0x00, 0x01]);
  const funcs = section(3, [2, 0, 1]);
  const exports = section(7, [2, ...name('f'), 0x00, 0, ...name('w'), 0x00, 1]);
  const code = section(10, [2, ...body(relaxed), ...walkBody()]);
  return [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...imports, ...funcs, ...exports, ...code];
}

/** The plain-SIMD swizzle as this file encodes it, and relaxed_swizzle: the same length. */
const SWIZZLE = [0xfd, 0x8e, 0x00];
const RELAXED_SWIZZLE = [0xfd, 0x80, 0x02];

/** `bytes` with every SWIZZLE sequence replaced by RELAXED_SWIZZLE (relaxedBuildOf in src/engine/prefilter.ts does the same). */
function relaxedOf(bytes) {
  const out = bytes.slice();
  for (let i = 0; i + 2 < out.length; i++) if (out[i] === SWIZZLE[0] && out[i + 1] === SWIZZLE[1] && out[i + 2] === SWIZZLE[2]) out.splice(i, 3, ...RELAXED_SWIZZLE);
  return out;
}

/**
 * The plain-SIMD build; the relaxed one is derived from it where it runs (src/engine/prefilter.ts).
 * Checked here: the derivation gives exactly the relaxed build (no other byte run of the module looks
 * like a swizzle), and the plain build holds one swizzle per nibble table.
 */
export function prefilterWasm() {
  const plain = build(false);
  const relaxed = build(true);
  const derived = relaxedOf(plain);
  if (derived.length !== relaxed.length || derived.some((b, i) => b !== relaxed[i])) throw new Error('wasm-prefilter: the relaxed build is not the plain one with its swizzles replaced');
  let swizzles = 0;
  for (let i = 0; i + 2 < plain.length; i++) if (plain[i] === SWIZZLE[0] && plain[i + 1] === SWIZZLE[1] && plain[i + 2] === SWIZZLE[2]) swizzles++;
  if (swizzles !== TABLE_BYTES / 16) throw new Error(`wasm-prefilter: ${swizzles} swizzles in the plain build, expected ${TABLE_BYTES / 16}`);
  return new Uint8Array(plain);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const relaxed of [true, false]) {
    const bytes = new Uint8Array(build(relaxed));
    console.log(`prefilter.wasm (${relaxed ? 'relaxed SIMD' : 'SIMD'}): ${bytes.length} bytes, valid here: ${WebAssembly.validate(bytes)}`);
  }
}
