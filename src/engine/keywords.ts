// Keyword prefilter: an Aho–Corasick automaton over ASCII with case folding, compiled to a dense
// transition table. One pass over the text finds every occurrence of every rule keyword (overlapping
// ones too); each hit lists the rules whose regex should run there.
// Where WebAssembly SIMD runs, a SIMD prefilter (prefilter.ts) finds the few positions where a
// keyword may start and only those are walked in the keyword trie; the automaton stays as the
// reference (and the path without WebAssembly). Both give the same hits.

import { latin1Text } from './bytes';
import { BLOCK, INPUT, SimdPrefilter, type PrefilterBuild } from './prefilter';

const ALPHA = 128;

/** The dense automaton: built on first use (the SIMD path never needs it; start-up of the CLI). */
interface Automaton {
  table: Int32Array;
  /** Per state: index into `outputs` or -1. */
  outIndex: Int32Array;
  /** Per output group: the keywords (length, rules, exact spelling) ending there. */
  outputs: Output[][];
}

/** A keyword ending at a trie state: its length, its rules, and its spelling when matched in exact case only. */
type Output = { len: number; rules: number[]; exact: string | undefined };

/**
 * The keyword trie, case-folded: `goto[state * 128 + char]` → state or -1 (row 0 is the root), and the
 * keywords ending at each state.
 */
function buildTrie(keywords: ReadonlyMap<string, readonly number[]>, exactCase: ReadonlySet<string>): { goto: Int32Array; states: number; out: Output[][] } {
  let goto = new Int32Array(64 * ALPHA).fill(-1);
  let states = 1;
  const out: Output[][] = [[]];
  for (const [kw, rules] of keywords) {
    let s = 0;
    for (let i = 0; i < kw.length; i++) {
      let c = kw.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      if (c >= ALPHA) throw new Error(`keyword ${JSON.stringify(kw)} is not ASCII`);
      let n = goto[s * ALPHA + c]!;
      if (n < 0) {
        if ((states + 1) * ALPHA > goto.length) {
          const bigger = new Int32Array(goto.length * 2).fill(-1);
          bigger.set(goto);
          goto = bigger;
        }
        n = states++;
        out.push([]);
        goto[s * ALPHA + c] = n;
      }
      s = n;
    }
    out[s]!.push({ len: kw.length, rules: [...rules], exact: exactCase.has(kw) ? kw : undefined });
  }
  return { goto: goto.subarray(0, states * ALPHA), states, out };
}

/** Aho–Corasick over the trie: breadth-first failure links, outputs inherited, a dense case-folded table. */
function buildAutomaton(keywords: ReadonlyMap<string, readonly number[]>, exactCase: ReadonlySet<string>): Automaton {
  const { goto, states: n, out } = buildTrie(keywords, exactCase);
  const fail = new Int32Array(n);
  const table = new Int32Array(n * ALPHA);
  // Breadth-first: a state's failure state (shallower) is complete before the state itself, so the
  // table row of a state is its goto row with the missing entries taken from its failure state's row.
  const queue: number[] = [];
  for (let c = 0; c < ALPHA; c++) {
    const t = goto[c]!;
    table[c] = t < 0 ? 0 : t;
    if (t > 0) queue.push(t);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    if (out[f]!.length) out[s] = [...out[s]!, ...out[f]!];
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[s * ALPHA + c]!;
      if (t < 0) {
        table[s * ALPHA + c] = table[f * ALPHA + c]!;
        continue;
      }
      table[s * ALPHA + c] = t;
      fail[t] = table[f * ALPHA + c]!;
      queue.push(t);
    }
  }
  const outIndex = new Int32Array(n).fill(-1);
  const outputs: Output[][] = [];
  for (let s = 0; s < n; s++) {
    if (out[s]!.length) {
      outIndex[s] = outputs.length;
      outputs.push(out[s]!);
    }
  }
  // Fold case into the table (A–Z behave as a–z) and flag transitions into a state with outputs in
  // bit 30, so the hot loop does one lookup per character.
  for (let s = 0; s < n; s++) {
    for (let c = 65; c <= 90; c++) table[s * ALPHA + c] = table[s * ALPHA + c + 32]!;
  }
  for (let i = 0; i < table.length; i++) if (outIndex[table[i]!] !== -1) table[i] = table[i]! | HAS_OUTPUT;
  return { table, outIndex, outputs };
}

export class KeywordMatcher {
  /** States of the keyword trie. */
  readonly size: number;
  /** The keyword trie for the prefiltered scan, compact (see {@link walkTrie}). */
  private readonly walk: WalkTrie;
  /** Per state of `walk`: the keywords ending exactly there (index into `ownOutputs`), or -1. */
  private readonly own: Int32Array;
  private readonly ownOutputs: Output[][] = [];
  private readonly exactCase: ReadonlySet<string>;
  /** The SIMD prefilter, when it can run (see `scan`). */
  private readonly prefilter: SimdPrefilter | undefined;
  private automaton: Automaton | undefined;

  /**
   * `keywords`: keyword → rule indexes. A keyword is matched in any case (give it in lower case)
   * unless `exactCase` lists it: then only that spelling matches (Twilio's `AC` and not every `each`).
   * `simd: false` uses the automaton; `build` picks a build of the WebAssembly module (tests compare
   * them; by default the best one this runtime validates).
   */
  constructor(
    private readonly keywords: ReadonlyMap<string, readonly number[]>,
    options: { simd?: boolean; build?: PrefilterBuild; exactCase?: ReadonlySet<string> } = {},
  ) {
    this.exactCase = options.exactCase ?? new Set();
    const { goto, states, out } = buildTrie(keywords, this.exactCase);
    this.size = states;
    // The trie itself (before outputs are inherited along failure links), for the prefiltered scan.
    this.walk = walkTrie(goto, states);
    this.own = new Int32Array(states).fill(-1);
    for (let s = 0; s < states; s++) {
      if (out[s]!.length) {
        this.own[this.walk.id[s]!] = this.ownOutputs.length;
        this.ownOutputs.push(out[s]!);
      }
    }
    this.prefilter = options.simd === false ? undefined : SimdPrefilter.create(keywords.keys(), options.build, this.exactCase);
  }

  /** Whether `scan` uses the SIMD prefilter. */
  get simd(): boolean {
    return this.prefilter !== undefined;
  }

  /**
   * Records every keyword occurrence starting in [from, to) (and ending within 64 characters of
   * `to`): for each rule listing the keyword, the start offset is appended to `hits[rule]` (arrays
   * created on demand; `touched` lists the rules that got their first hit, in the order seen).
   * Returns whether anything was found. With the prefilter a rule's offsets come in increasing
   * order; the automaton lists them by end (the scanner sorts the rare list that is out of order).
   */
  scan(text: string, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    return this.prefilter ? this.scanPrefiltered(this.prefilter, text, from, to, hits, touched) : this.scanAutomaton(text, from, to, hits, touched);
  }

  /**
   * {@link scan} of the text whose characters are these bytes (latin1: byte i is character i), without
   * making that string: for a file read as bytes that is ASCII (or scanned as latin1), offsets are
   * the same as in its decoded text. The SIMD path copies the bytes straight into the module.
   */
  scanBytes(bytes: Uint8Array, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    return this.prefilter ? this.scanPrefiltered(this.prefilter, bytes, from, to, hits, touched) : this.scanAutomaton(latin1Text(bytes), from, to, hits, touched);
  }

  /**
   * The SIMD prefilter's candidates, each walked in the trie over the bytes copied into the module.
   * A string is copied as latin1 (each character's low byte): a character above U+00FF can turn
   * into an ASCII byte there, so a hit in a string is kept only where its characters are ASCII.
   */
  private scanPrefiltered(prefilter: SimdPrefilter, source: string | Uint8Array, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const text = typeof source === 'string' ? source : undefined;
    const length = source.length;
    const start = from < 0 ? 0 : from;
    const end = Math.min(length, to);
    if (end <= start) return false;
    const limit = Math.min(length, to + 64);
    const { next, classes, shift } = this.walk;
    const own = this.own;
    const outputs = this.ownOutputs;
    const positions = prefilter.positions;
    const mem = prefilter.memory;
    let any = false;
    for (let b = start; b < end; b += BLOCK) {
      const n = Math.min(BLOCK, end - b);
      const upto = Math.min(limit, b + n + prefilter.tail);
      // The walk stops at `stop` (memory offset): the end of the text or `to + 64`.
      const stop = INPUT + (text !== undefined ? prefilter.load(text, b, upto) : prefilter.loadBytes(source as Uint8Array, b, upto));
      const count = prefilter.run(n);
      for (let k = 0; k < count; k++) {
        const q = positions[k]!;
        if (q >= n) continue;
        let s = 0;
        for (let i = INPUT + q; i < stop; i++) {
          s = next[(s << shift) | classes[mem[i]!]!]!;
          if (s === 0) break;
          const o = own[s]!;
          if (o < 0) continue;
          const group = outputs[o]!;
          const p = b + q;
          if (text !== undefined && !asciiAt(text, p, i + 1 - INPUT - q)) break;
          for (let g = 0; g < group.length; g++) {
            const out = group[g]!;
            if (out.exact !== undefined && !bytesAre(mem, INPUT + q, out.exact)) continue;
            any = true;
            addHits(hits, touched, out.rules, p);
          }
        }
      }
    }
    return any;
  }

  /** The reference: one automaton step per character. */
  scanAutomaton(text: string, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const { table, outIndex, outputs } = (this.automaton ??= buildAutomaton(this.keywords, this.exactCase));
    let any = false;
    let s = 0;
    const end = Math.min(text.length, to + 64);
    for (let i = from < 0 ? 0 : from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHA) {
        s = 0;
        continue;
      }
      const v = table[(s << 7) | c]!;
      s = v & STATE_MASK;
      if ((v & HAS_OUTPUT) === 0) continue;
      const group = outputs[outIndex[s]!]!;
      for (let g = 0; g < group.length; g++) {
        const out = group[g]!;
        const start = i - out.len + 1;
        if (start < from || start >= to) continue;
        if (out.exact !== undefined && !text.startsWith(out.exact, start)) continue;
        any = true;
        addHits(hits, touched, out.rules, start);
      }
    }
    return any;
  }
}

/**
 * The keyword trie as the prefiltered scan walks it: `next[(state << shift) | classes[byte]]` is the
 * next state, 0 for none (the root is no state's child). Bytes fall into classes (case folded; 0 for
 * every byte no keyword has, so the root row's entry 0 is 0), states are numbered breadth first (the
 * few shallow ones, where most walks end, share cache lines) and entries are 16-bit while there are
 * fewer than 65,536 states: 173 KB for the built-in keywords instead of the 694 KB of `goto`.
 */
interface WalkTrie {
  next: Uint16Array | Uint32Array;
  classes: Uint8Array;
  shift: number;
  /** The number of each `goto` state in `next`. */
  id: Int32Array;
}

function walkTrie(goto: Int32Array, states: number): WalkTrie {
  const classes = new Uint8Array(256);
  let count = 1;
  for (let c = 0; c < ALPHA; c++) {
    if (c >= 65 && c <= 90) continue;
    for (let s = 0; s < states; s++) {
      if (goto[s * ALPHA + c]! >= 0) {
        classes[c] = count++;
        break;
      }
    }
  }
  for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32]!;
  const shift = 32 - Math.clz32(count - 1);
  const id = new Int32Array(states).fill(-1);
  const order = [0];
  id[0] = 0;
  for (let k = 0; k < order.length; k++) {
    const s = order[k]!;
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[s * ALPHA + c]!;
      if (t > 0 && id[t] === -1) {
        id[t] = order.length;
        order.push(t);
      }
    }
  }
  const next = states < 65536 ? new Uint16Array(states << shift) : new Uint32Array(states << shift);
  for (let s = 0; s < states; s++) {
    for (let c = 0; c < ALPHA; c++) {
      const t = goto[s * ALPHA + c]!;
      if (t > 0) next[(id[s]! << shift) | classes[c]!] = id[t]!;
    }
  }
  return { next, classes, shift, id };
}

/** Whether the `len` characters of `text` from `at` are ASCII. */
function asciiAt(text: string, at: number, len: number): boolean {
  for (let i = at; i < at + len; i++) if (text.charCodeAt(i) >= ALPHA) return false;
  return true;
}

/** Whether `bytes` from `at` spell `word` (ASCII). */
function bytesAre(bytes: Uint8Array, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Records a keyword hit at `pos` for each of `rules` (once per position), noting rules seen first. */
function addHits(hits: (number[] | undefined)[], touched: number[], rules: readonly number[], pos: number): void {
  for (let r = 0; r < rules.length; r++) {
    const ri = rules[r]!;
    let h = hits[ri];
    if (h === undefined) {
      h = hits[ri] = [];
      touched.push(ri);
    }
    if (h[h.length - 1] !== pos) h.push(pos);
  }
}

const HAS_OUTPUT = 1 << 30;
const STATE_MASK = HAS_OUTPUT - 1;
