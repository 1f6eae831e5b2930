// The keyword prefilter of src/engine/prefilter.ts as a WebAssembly module, assembled here from the
// instructions below (no toolchain: the bytes are written by this small assembler). scripts/build.mjs
// embeds the result (base64) in the bundles through the `__TC_PREFILTER_WASM__` define.
//
// One exported function, `f(input, length, output) -> count`, a "Teddy"-style SIMD filter (the
// technique of Hyperscan): for each 16-byte block it looks up the low and high nibble of the bytes at
// offsets 0..3 in 16-byte tables (two sets of 8 buckets; memory at `tableOffset`, written by the
// caller) with `i8x16.swizzle`, and ANDs the results per set: a lane that is not zero in either set
// is a position where the first four bytes of some bucket of keyword prefixes may start (nibble
// tables over-approximate). Each such position is
// then checked in a bit set of prefix hashes (memory at BITSET, 2^HASH_BITS bits, written by the
// caller): the hash of its first 4 bytes (keywords of 4 characters or more, all case variants) or of
// its first 3 (shorter keywords) must be in it; then the position is written to `output` as an i32
// (without a branch: the slot is written and the count moves on only when the bit is on).
// Both stages can only over-approximate: every position reported is checked against the keywords by
// the caller, and no position that starts a keyword is ever missed. The caller pads the input with
// 32 zero bytes (no keyword starts with a byte whose nibbles are both 0, so the padding never reports).
//
// Usage: `node scripts/wasm-prefilter.mjs` prints the module size and validates it.

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

/** Signed LEB128 (small constants). */
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

// Opcodes (WebAssembly 2.0 core + the fixed-width SIMD proposal, prefix 0xfd).
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Const: 0x41, i32Eqz: 0x45, i32GeU: 0x4f, i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Ctz: 0x68, i32Shl: 0x74,
  i32Store: 0x36, i32Load: 0x28, i32Load8U: 0x2d, i32Mul: 0x6c, i32ShrU: 0x76, i32Or: 0x72,
};
const simd = (code) => [0xfd, ...u32(code)];
const v128Load = (offset) => [...simd(0x00), 0x00, ...u32(offset)]; // align 2^0: unaligned loads
const v128Const0 = [...simd(0x0c), ...new Array(16).fill(0)];
const i8x16Swizzle = simd(0x0e);
const i8x16Splat = simd(0x0f);
const i8x16Ne = simd(0x24);
const v128And = simd(0x4e);
const v128Or = simd(0x50);
const v128AnyTrue = simd(0x53);
const i8x16Bitmask = simd(0x64);
const i8x16ShrU = simd(0x6d);

// Locals: params 0 input, 1 length, 2 output; then i32 i (3), count (4), bits (5), p (6), h (7), w (8);
// v128 m0 (9), m1 (10), v (11), low nibbles (12), high nibbles (13), nibble mask (14), the tables (15..).
const IN = 0, LEN = 1, OUT = 2, I = 3, COUNT = 4, BITS = 5, P = 6, H = 7, W = 8, M0 = 9, M1 = 10, V = 11, VL = 12, VH = 13, NIB = 14, T0 = 15;

/** Positions looked up (bytes 0..3 of a keyword) and sets of 8 buckets. */
export const POSITIONS = 4;
export const SETS = 2;
/** Memory offset of the table of a set, position and nibble (0 low, 1 high). */
export const tableOffset = (set, pos, nib) => ((set * POSITIONS + pos) * 2 + nib) * 16;
const TABLE_BYTES = SETS * POSITIONS * 2 * 16;

/** Where the bit set of prefix hashes starts in memory (after the tables), and the hash. */
export const BITSET = TABLE_BYTES;
export const HASH_BITS = 20;
export const HASH_MUL = 0x9e3779b1;
/** Multiplier of the 4-byte hash (keywords of 4 characters or more; the 3-byte hash is for shorter ones). */
export const HASH_MUL4 = 0x85ebca77;

const tableLocal = (set, pos, nib) => T0 + tableOffset(set, pos, nib) / 16;

/** m0, m1 (&)= the two sets' lookups of the bytes at input + i + pos. */
function lookup(pos) {
  const code = [
    op.localGet, IN, op.localGet, I, op.i32Add, ...v128Load(pos), op.localTee, V,
    op.localGet, NIB, ...v128And, op.localSet, VL,
    op.localGet, V, op.i32Const, 4, ...i8x16ShrU, op.localSet, VH,
  ];
  for (const [set, m] of [[0, M0], [1, M1]]) {
    code.push(
      op.localGet, tableLocal(set, pos, 0), op.localGet, VL, ...i8x16Swizzle,
      op.localGet, tableLocal(set, pos, 1), op.localGet, VH, ...i8x16Swizzle,
      ...v128And,
      ...(pos === 0 ? [] : [op.localGet, m, ...v128And]),
      op.localSet, m,
    );
  }
  return code;
}

function body() {
  const code = [];
  // Load the six tables and the nibble mask.
  for (let t = 0; t < TABLE_BYTES / 16; t++) code.push(op.i32Const, ...s32(0), ...v128Load(16 * t), op.localSet, T0 + t);
  code.push(op.i32Const, 0x0f, ...i8x16Splat, op.localSet, NIB);
  code.push(
    op.block, op.void,
    op.loop, op.void,
    // while (i < length)
    op.localGet, I, op.localGet, LEN, op.i32GeU, op.brIf, 1,
    ...Array.from({ length: POSITIONS }, (_, pos) => lookup(pos)).flat(),
    op.localGet, M0, op.localGet, M1, ...v128Or, op.localTee, M0, ...v128AnyTrue,
    op.if, op.void,
    // bits = bitmask(m != 0); for each set bit: output[count++] = i + ctz(bits)
    op.localGet, M0, ...v128Const0, ...i8x16Ne, ...i8x16Bitmask, op.localSet, BITS,
    op.block, op.void,
    op.loop, op.void,
    op.localGet, BITS, op.i32Eqz, op.brIf, 1,
    // p = i + ctz(bits); w = the four bytes at p; h = bit (hash of w's first three bytes) | bit (hash
    // of all four) of the set; if h: output[count++] = p
    op.localGet, I, op.localGet, BITS, op.i32Ctz, op.i32Add, op.localSet, P,
    op.localGet, IN, op.localGet, P, op.i32Add, op.i32Load, 0x00, 0x00, op.localTee, W,
    op.i32Const, ...s32(0xffffff), op.i32And, op.i32Const, ...s32(HASH_MUL | 0), op.i32Mul,
    op.i32Const, 32 - HASH_BITS, op.i32ShrU, op.localTee, H,
    op.i32Const, 3, op.i32ShrU, op.i32Load8U, 0x00, ...u32(BITSET),
    op.localGet, H, op.i32Const, 7, op.i32And, op.i32ShrU,
    op.localGet, W, op.i32Const, ...s32(HASH_MUL4 | 0), op.i32Mul,
    op.i32Const, 32 - HASH_BITS, op.i32ShrU, op.localTee, H,
    op.i32Const, 3, op.i32ShrU, op.i32Load8U, 0x00, ...u32(BITSET),
    op.localGet, H, op.i32Const, 7, op.i32And, op.i32ShrU,
    op.i32Or, op.i32Const, 1, op.i32And, op.localSet, H,
    // Branch-free: the slot is written either way and kept only when the bit is on.
    op.localGet, OUT, op.localGet, COUNT, op.i32Const, 2, op.i32Shl, op.i32Add,
    op.localGet, P,
    op.i32Store, 0x02, 0x00,
    op.localGet, COUNT, op.localGet, H, op.i32Add, op.localSet, COUNT,
    op.localGet, BITS, op.localGet, BITS, op.i32Const, 1, op.i32Sub, op.i32And, op.localSet, BITS,
    op.br, 0,
    op.end,
    op.end,
    op.end, // if
    op.localGet, I, op.i32Const, 16, op.i32Add, op.localSet, I,
    op.br, 0,
    op.end,
    op.end,
    op.localGet, COUNT,
    op.end,
  );
  const locals = [...u32(2), ...u32(6), I32, ...u32(6 + TABLE_BYTES / 16), V128];
  const fn = [...locals, ...code];
  return [...u32(fn.length), ...fn];
}

/** The module's bytes. */
export function prefilterWasm() {
  const type = section(1, [1, 0x60, 3, I32, I32, I32, 1, I32]);
  // Memory imported from the caller (it sizes it to its largest block): "e"."m", min 1 page.
  const imports = section(2, [1, ...name('e'), ...name('m'), 0x02, 0x00, 0x01]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, ...name('f'), 0x00, 0]);
  const code = section(10, [1, ...body()]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...imports, ...funcs, ...exports, ...code]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bytes = prefilterWasm();
  console.log(`prefilter.wasm: ${bytes.length} bytes, valid: ${WebAssembly.validate(bytes)}`);
}
