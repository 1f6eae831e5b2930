// Keyword prefilter: an Aho–Corasick automaton over ASCII with case folding, compiled to a dense
// transition table. One pass over the text finds every occurrence of every rule keyword (overlapping
// ones too); each hit lists the rules whose regex should run there.
// Where WebAssembly SIMD runs, a SIMD prefilter (prefilter.ts) finds the few positions where a
// keyword may start and only those are walked in the keyword trie; the automaton stays as the
// reference (and the path without WebAssembly). Both give the same hits.

import { latin1Text } from './bytes';
import { BLOCK, INPUT, SimdPrefilter, type PrefilterBuild, type TrieTable } from './prefilter';

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
function buildTrie(keywords: ReadonlyMap<string, readonly number[]>, exactCase: ReadonlySet<string>): { goto: Int32Array; states: number; out: Output[][]; edges: number[][] } {
  let goto = new Int32Array(64 * ALPHA).fill(-1);
  let states = 1;
  const out: Output[][] = [[]];
  /** Per state: the characters of its edges, as added. */
  const edges: number[][] = [[]];
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
        edges.push([]);
        edges[s]!.push(c);
        goto[s * ALPHA + c] = n;
      }
      s = n;
    }
    out[s]!.push({ len: kw.length, rules: [...rules], exact: exactCase.has(kw) ? kw : undefined });
  }
  return { goto: goto.subarray(0, states * ALPHA), states, out, edges };
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
  private readonly exactCase: ReadonlySet<string>;
  /** The SIMD prefilter, when it can run (see `scan`). */
  private readonly prefilter: SimdPrefilter | undefined;
  private automaton: Automaton | undefined;

  /**
   * `keywords`: keyword → rule indexes. A keyword is matched in any case (give it in lower case)
   * unless `exactCase` lists it: then only that spelling matches (Twilio's `AC` and not every `each`).
   * `simd: false` uses the automaton; `build` picks a build of the WebAssembly module (tests compare
   * them; by default the best one this runtime validates); `walk: 'js'` walks the prefilter's
   * candidates in the trie here instead of in the module (the reference for the module's walk).
   */
  constructor(
    private readonly keywords: ReadonlyMap<string, readonly number[]>,
    options: { simd?: boolean; build?: PrefilterBuild; exactCase?: ReadonlySet<string>; walk?: 'wasm' | 'js' } = {},
  ) {
    this.exactCase = options.exactCase ?? new Set();
    const { goto, states, out, edges } = buildTrie(keywords, this.exactCase);
    this.size = states;
    // The trie itself (before outputs are inherited along failure links), for the prefiltered scan.
    this.walk = walkTrie(goto, states, out, edges);
    this.prefilter = options.simd === false ? undefined : SimdPrefilter.create(keywords.keys(), options.build, this.exactCase, options.walk === 'js' ? undefined : this.walk);
  }

  /** Where the prefilter's candidates are walked in the trie: in the WebAssembly module, here, or nowhere (the automaton runs). */
  get walker(): 'wasm' | 'js' | undefined {
    return this.prefilter ? (this.prefilter.walks ? 'wasm' : 'js') : undefined;
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
    const p = this.prefilter;
    return p ? (p.walks ? this.scanWalked(p, text, from, to, hits, touched) : this.scanPrefiltered(p, text, from, to, hits, touched)) : this.scanAutomaton(text, from, to, hits, touched);
  }

  /**
   * {@link scan} of the text whose characters are these bytes (latin1: byte i is character i), without
   * making that string: for a file read as bytes that is ASCII (or scanned as latin1), offsets are
   * the same as in its decoded text. The SIMD path copies the bytes straight into the module.
   */
  scanBytes(bytes: Uint8Array, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const p = this.prefilter;
    return p ? (p.walks ? this.scanWalked(p, bytes, from, to, hits, touched) : this.scanPrefiltered(p, bytes, from, to, hits, touched)) : this.scanAutomaton(latin1Text(bytes), from, to, hits, touched);
  }

  /**
   * As {@link scanPrefiltered}, with the trie walked in the module: it returns per block the hits
   * (position, deepest state where keywords end), and the keywords of each are those on the state's
   * path (`walk.chains`, shortest first, as the walk here meets them). A keyword in exact case is
   * checked against the bytes copied in; in a string, a hit is kept only where its characters are
   * ASCII (see scanPrefiltered).
   */
  private scanWalked(prefilter: SimdPrefilter, source: string | Uint8Array, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const text = typeof source === 'string' ? source : undefined;
    const length = source.length;
    const start = from < 0 ? 0 : from;
    const end = Math.min(length, to);
    if (end <= start) return false;
    const limit = Math.min(length, to + 64);
    const chains = this.walk.chains;
    const positions = prefilter.positions;
    const states = prefilter.states;
    const mem = prefilter.memory;
    let any = false;
    for (let b = start; b < end; b += BLOCK) {
      const n = Math.min(BLOCK, end - b);
      const upto = Math.min(limit, b + n + prefilter.tail);
      if (text !== undefined) prefilter.load(text, b, upto);
      else prefilter.loadBytes(source as Uint8Array, b, upto);
      const count = prefilter.run(n);
      for (let k = 0; k < count; k++) {
        const q = positions[k]!;
        const chain = chains[states[k]!]!;
        const p = b + q;
        for (let g = 0; g < chain.length; g++) {
          const out = chain[g]!;
          if (text !== undefined && !asciiAt(text, p, out.len)) break;
          if (out.exact !== undefined && !bytesAre(mem, INPUT + q, out.exact)) continue;
          any = true;
          addHits(hits, touched, out.rules, p);
        }
      }
    }
    return any;
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
    const { next, classes, shift, flag, own: outputs } = this.walk;
    const mask = flag - 1;
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
        let s = ROOT;
        for (let i = INPUT + q; i < stop; i++) {
          const e = next[(s << shift) | classes[mem[i]!]!]!;
          if (e === 0) break;
          s = e & mask;
          if ((e & flag) === 0) continue;
          const group = outputs[s]!;
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
 * The keyword trie as the prefiltered scan walks it (here and in the module, see TrieTable):
 * `next[(state << shift) | classes[byte]]` is the next state, 0 for none (state 0, whose row is all
 * 0; the root is state 1), with `flag` set where keywords end. Bytes fall into classes (case
 * folded; 0 for every byte no keyword has, so the root row's entry 0 is 0), states are numbered
 * breadth first (the few shallow ones, where most walks end, share cache lines) and entries are
 * 16-bit while there are fewer than 32,768 states: 173 KB for the built-in keywords instead of the
 * 694 KB of `goto`.
 */
interface WalkTrie extends TrieTable {
  /** Per state: the keywords ending exactly there. */
  own: Output[][];
  /** Per state: the keywords ending on its path from the root (there or at an ancestor), shortest first. */
  chains: Output[][];
}

/** Below this many states the walk table's entries are 16-bit (scripts/wasm-prefilter.mjs NARROW_STATES). */
const NARROW_STATES = 0x8000;
/** The root's number in the walk table (0 is no state: its row is all 0, so a walk that ended stays there). */
const ROOT = 1;

/**
 * `edges` (buildTrie's): per state, the characters it has an edge for. The loops go over those and
 * not over the states × 128 entries of `goto` (three passes over them cost ~16 ms of CPU at every
 * start of the CLI, in code not yet compiled: most of the scanner's creation).
 */
function walkTrie(goto: Int32Array, states: number, out: readonly Output[][], edges: readonly (readonly number[])[]): WalkTrie {
  const classes = new Uint8Array(256);
  const used = new Uint8Array(ALPHA);
  for (const list of edges) for (const c of list) used[c] = 1;
  let count = 1;
  for (let c = 0; c < ALPHA; c++) {
    if (c >= 65 && c <= 90) continue;
    if (used[c]) classes[c] = count++;
  }
  for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32]!;
  const shift = 32 - Math.clz32(count - 1);
  // Each state's edges in character order (a state's children are numbered in that order).
  const sorted = edges.map((list) => (list.length > 1 ? [...list].sort((a, b) => a - b) : list));
  const id = new Int32Array(states).fill(-1);
  const order = [0];
  id[0] = ROOT;
  for (let k = 0; k < order.length; k++) {
    const s = order[k]!;
    for (const c of sorted[s]!) {
      const t = goto[s * ALPHA + c]!;
      if (t > 0 && id[t] === -1) {
        id[t] = ROOT + order.length;
        order.push(t);
      }
    }
  }
  // Row 0 (no state) stays all 0.
  const narrow = states < NARROW_STATES;
  const next = narrow ? new Uint16Array((states + 1) << shift) : new Uint32Array((states + 1) << shift);
  const flag = narrow ? 0x8000 : 0x80000000;
  const own: Output[][] = new Array<Output[]>(states + 1);
  const chains: Output[][] = new Array<Output[]>(states + 1);
  own[0] = chains[0] = own[ROOT] = chains[ROOT] = [];
  // Breadth first: a state's parent has its chain before the state.
  for (const s of order) {
    for (const c of sorted[s]!) {
      const t = goto[s * ALPHA + c]!;
      if (t <= 0) continue;
      const ends = out[t]!;
      next[(id[s]! << shift) | classes[c]!] = (id[t]! | (ends.length ? flag : 0)) >>> 0;
      own[id[t]!] = ends;
      chains[id[t]!] = ends.length ? [...chains[id[s]!]!, ...ends] : chains[id[s]!]!;
    }
  }
  return { next, classes, shift, flag, own, chains };
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
    // Not `h[h.length - 1]`: on an empty list that reads index -1, a property lookup that turns the
    // load generic for every hit after it (a 90,000-hit replay: 2.3 -> 1.6 ms).
    const n = h.length;
    if (n === 0 || h[n - 1] !== pos) h.push(pos);
  }
}

const HAS_OUTPUT = 1 << 30;
const STATE_MASK = HAS_OUTPUT - 1;
