// Keyword prefilter: an Aho–Corasick automaton over ASCII with case folding, compiled to a dense
// transition table. One pass over the text finds every occurrence of every rule keyword (overlapping
// ones too); each hit lists the rules whose regex should run there.
// Where WebAssembly SIMD runs, a SIMD prefilter (prefilter.ts) finds the few positions where a
// keyword may start and only those are walked in the keyword trie; the automaton stays as the
// reference (and the path without WebAssembly). Both give the same hits.

import { SimdPrefilter } from './prefilter';

const ALPHA = 128;

export class KeywordMatcher {
  private readonly table: Int32Array;
  /** Per state: index into `outputs` or -1. */
  private readonly outIndex: Int32Array;
  /** Per output group: list of [keywordLength, ruleIndexes]. */
  private readonly outputs: { len: number; rules: number[] }[][] = [];
  readonly size: number;
  /** Goto function of the keyword trie (no failure links): state * 128 + char → state, or -1. */
  private readonly trie: Int32Array;
  /** Per state: the keyword ending exactly there (index into `ownOutputs`), or -1. */
  private readonly own: Int32Array;
  private readonly ownOutputs: { len: number; rules: number[] }[] = [];
  /** The SIMD prefilter, when it can run (see `scan`). */
  private readonly prefilter: SimdPrefilter | undefined;

  constructor(keywords: ReadonlyMap<string, readonly number[]>, options: { simd?: boolean } = {}) {
    const next: Map<number, number>[] = [new Map()];
    const fail: number[] = [0];
    const out: { len: number; rules: number[] }[][] = [[]];
    for (const [kw, rules] of keywords) {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        let c = kw.charCodeAt(i);
        if (c >= 65 && c <= 90) c += 32;
        if (c >= ALPHA) throw new Error(`keyword ${JSON.stringify(kw)} is not ASCII`);
        let n = next[s]!.get(c);
        if (n === undefined) {
          n = next.length;
          next.push(new Map());
          fail.push(0);
          out.push([]);
          next[s]!.set(c, n);
        }
        s = n;
      }
      out[s]!.push({ len: kw.length, rules: [...rules] });
    }
    // The trie itself (before outputs are inherited along failure links), for the prefiltered scan.
    this.trie = new Int32Array(next.length * ALPHA).fill(-1);
    this.own = new Int32Array(next.length).fill(-1);
    for (let s = 0; s < next.length; s++) {
      for (const [c, n] of next[s]!) this.trie[s * ALPHA + c] = n;
      if (out[s]!.length) {
        this.own[s] = this.ownOutputs.length;
        this.ownOutputs.push(out[s]![0]!);
      }
    }
    this.prefilter = options.simd === false ? undefined : SimdPrefilter.create(keywords.keys());
    // Breadth-first failure links; outputs inherit those of their failure state.
    const queue: number[] = [...next[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, n] of next[s]!) {
        queue.push(n);
        let f = fail[s]!;
        while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
        const fn = next[f]!.get(c);
        fail[n] = fn !== undefined && fn !== n ? fn : 0;
        if (out[fail[n]]!.length) out[n] = [...out[n]!, ...out[fail[n]]!];
      }
    }
    const n = next.length;
    this.size = n;
    this.table = new Int32Array(n * ALPHA);
    // Dense table in BFS order: a state's failure state is complete before the state itself.
    const order = [0, ...queue];
    for (const s of order) {
      for (let c = 0; c < ALPHA; c++) {
        const direct = next[s]!.get(c);
        this.table[s * ALPHA + c] = direct !== undefined ? direct : s === 0 ? 0 : this.table[fail[s]! * ALPHA + c]!;
      }
    }
    this.outIndex = new Int32Array(n).fill(-1);
    for (let s = 0; s < n; s++) {
      if (out[s]!.length) {
        this.outIndex[s] = this.outputs.length;
        this.outputs.push(out[s]!);
      }
    }
    // Fold case into the table (A–Z behave as a–z) and flag transitions into a state with outputs in
    // bit 30, so the hot loop does one lookup per character.
    for (let s = 0; s < n; s++) {
      for (let c = 65; c <= 90; c++) this.table[s * ALPHA + c] = this.table[s * ALPHA + c + 32]!;
    }
    for (let i = 0; i < this.table.length; i++) if (this.outIndex[this.table[i]!] !== -1) this.table[i] = this.table[i]! | HAS_OUTPUT;
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

  /** The SIMD prefilter's candidates, each walked in the trie. */
  private scanPrefiltered(prefilter: SimdPrefilter, text: string, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const start = from < 0 ? 0 : from;
    const end = Math.min(text.length, to);
    if (end <= start) return false;
    const limit = Math.min(text.length, to + 64);
    const trie = this.trie;
    const own = this.own;
    const outputs = this.ownOutputs;
    let any = false;
    prefilter.candidates(text, start, end, (p) => {
      let s = 0;
      for (let i = p; i < limit; i++) {
        let c = text.charCodeAt(i);
        if (c >= ALPHA) return;
        if (c >= 65 && c <= 90) c += 32;
        s = trie[(s << 7) | c]!;
        if (s < 0) return;
        const o = own[s]!;
        if (o < 0) continue;
        any = true;
        addHits(hits, touched, outputs[o]!.rules, p);
      }
    });
    return any;
  }

  /** The reference: one automaton step per character. */
  scanAutomaton(text: string, from: number, to: number, hits: (number[] | undefined)[], touched: number[]): boolean {
    const table = this.table;
    const outIndex = this.outIndex;
    const outputs = this.outputs;
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
        any = true;
        addHits(hits, touched, out.rules, start);
      }
    }
    return any;
  }
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
