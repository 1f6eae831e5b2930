// Static checks against super-linear backtracking in custom rule patterns (built-in rules are
// reviewed and tested). Besides nested quantifiers (`(a+)+`, see registry.ts), two shapes are
// refused: alternatives that can start with the same character under a repeat (`(a|a)*`,
// `(\w|\d)+`), and two unbounded quantifiers over overlapping characters with only optional items
// between them (`a*a*b`, `\w+\d+x`, `.*.*=`). Custom rules also run under a time budget (scanner.ts),
// since no static check catches every slow pattern.

/** A set of characters: 128 ASCII bits and one bit for "anything else". */
class CharSet {
  readonly w = new Uint32Array(5);
  static any(): CharSet {
    const s = new CharSet();
    s.w.fill(0xffffffff);
    return s;
  }
  add(c: number): void {
    if (c < 128) this.w[c >> 5]! |= 1 << (c & 31);
    else this.w[4] = 1;
  }
  addRange(a: number, b: number): void {
    for (let c = a; c <= Math.min(b, 127); c++) this.add(c);
    if (b >= 128) this.w[4] = 1;
  }
  union(o: CharSet): void {
    for (let i = 0; i < 5; i++) this.w[i]! |= o.w[i]!;
  }
  negate(): void {
    for (let i = 0; i < 4; i++) this.w[i] = ~this.w[i]! >>> 0;
    this.w[4] = 1;
  }
  overlaps(o: CharSet): boolean {
    for (let i = 0; i < 5; i++) if ((this.w[i]! & o.w[i]!) !== 0) return true;
    return false;
  }
  foldCase(): void {
    for (let c = 65; c <= 90; c++) {
      const up = (this.w[c >> 5]! >>> (c & 31)) & 1;
      const lo = (this.w[(c + 32) >> 5]! >>> ((c + 32) & 31)) & 1;
      if (up || lo) {
        this.add(c);
        this.add(c + 32);
      }
    }
  }
}

interface Item {
  /** Characters anywhere in the item. */
  chars: CharSet;
  /** Characters the item can start with. */
  first: CharSet;
  min: number;
  max: number;
  /** Alternatives (groups only). */
  alts?: Item[][];
  /** Zero-width (anchors, lookarounds). */
  zero?: boolean;
  /** Source text, for the message. */
  src: string;
}

const WORD = (): CharSet => {
  const s = new CharSet();
  s.addRange(48, 57);
  s.addRange(65, 90);
  s.addRange(97, 122);
  s.add(95);
  return s;
};
const DIGIT = (): CharSet => {
  const s = new CharSet();
  s.addRange(48, 57);
  return s;
};
const SPACE = (): CharSet => {
  const s = new CharSet();
  for (const c of [9, 10, 11, 12, 13, 32]) s.add(c);
  s.w[4] = 1;
  return s;
};

class Parser {
  i = 0;
  constructor(private readonly p: string, private readonly fold: boolean) {}

  /** Parses alternatives until `)` or the end. */
  alternatives(): Item[][] {
    const alts: Item[][] = [[]];
    while (this.i < this.p.length) {
      const c = this.p[this.i]!;
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const start = this.i;
      const item = this.atom();
      this.quantifier(item);
      item.src = this.p.slice(start, this.i);
      alts[alts.length - 1]!.push(item);
    }
    return alts;
  }

  private quantifier(item: Item): void {
    const c = this.p[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
      if (!m) return;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return;
    this.i++;
    if (this.p[this.i] === '?') this.i++;
    item.min *= min;
    item.max *= max;
  }

  private leaf(set: CharSet): Item {
    if (this.fold) set.foldCase();
    return { chars: set, first: set, min: 1, max: 1, src: '' };
  }

  private atom(): Item {
    const p = this.p;
    const c = p[this.i++]!;
    if (c === '(') {
      let zero = false;
      if (p.startsWith('?:', this.i)) this.i += 2;
      else if (p.startsWith('?=', this.i) || p.startsWith('?!', this.i)) [this.i, zero] = [this.i + 2, true];
      else if (p.startsWith('?<=', this.i) || p.startsWith('?<!', this.i)) [this.i, zero] = [this.i + 3, true];
      else if (p.startsWith('?<', this.i)) this.i = p.indexOf('>', this.i) + 1;
      const alts = this.alternatives();
      this.i++; // ')'
      const chars = new CharSet();
      const first = new CharSet();
      for (const a of alts) {
        for (const it of a) chars.union(it.chars);
        first.union(firstOf(a));
      }
      if (zero) return { chars: new CharSet(), first: new CharSet(), min: 0, max: 0, zero: true, src: '' };
      return { chars, first, min: 1, max: 1, alts, src: '' };
    }
    if (c === '^' || c === '$') return { chars: new CharSet(), first: new CharSet(), min: 0, max: 0, zero: true, src: '' };
    if (c === '.') return this.leaf(CharSet.any());
    if (c === '[') return this.leaf(this.cls());
    if (c === '\\') {
      const e = this.escape();
      if (e === 'zero') return { chars: new CharSet(), first: new CharSet(), min: 0, max: 0, zero: true, src: '' };
      return this.leaf(e);
    }
    const s = new CharSet();
    s.add(c.charCodeAt(0));
    return this.leaf(s);
  }

  /** After a `\`: a class escape, a literal, a back-reference (any) or a zero-width assertion. */
  private escape(inClass = false): CharSet | 'zero' {
    const p = this.p;
    const c = p[this.i++] ?? '';
    const s = new CharSet();
    switch (c) {
      case 'd': return DIGIT();
      case 'w': return WORD();
      case 's': return SPACE();
      case 'D': { const x = DIGIT(); x.negate(); return x; }
      case 'W': { const x = WORD(); x.negate(); return x; }
      case 'S': { const x = SPACE(); x.negate(); x.w[4] = 1; return x; }
      case 'b': if (inClass) { s.add(8); return s; } return 'zero';
      case 'B': return 'zero';
      case 'n': s.add(10); return s;
      case 'r': s.add(13); return s;
      case 't': s.add(9); return s;
      case 'v': s.add(11); return s;
      case 'f': s.add(12); return s;
      case 'x': { s.add(parseInt(p.slice(this.i, this.i + 2), 16) || 0); this.i += 2; return s; }
      case 'u': {
        if (p[this.i] === '{') this.i = p.indexOf('}', this.i) + 1;
        else this.i += 4;
        return CharSet.any();
      }
      case 'p': case 'P': this.i = p.indexOf('}', this.i) + 1; return CharSet.any();
      case 'k': this.i = p.indexOf('>', this.i) + 1; return CharSet.any();
      case 'c': this.i++; return CharSet.any();
      default:
        if (/[1-9]/.test(c)) {
          while (/[0-9]/.test(p[this.i] ?? '')) this.i++;
          return CharSet.any();
        }
        s.add(c.charCodeAt(0));
        return s;
    }
  }

  private cls(): CharSet {
    const p = this.p;
    const set = new CharSet();
    const negated = p[this.i] === '^';
    if (negated) this.i++;
    let first = true;
    while (this.i < p.length && (p[this.i] !== ']' || first)) {
      first = false;
      let lo: number | undefined;
      if (p[this.i] === '\\') {
        this.i++;
        const e = this.escape(true);
        if (e === 'zero') continue;
        const single = [...Array(128).keys()].filter((k) => (e.w[k >> 5]! >>> (k & 31)) & 1);
        if (single.length === 1 && !e.w[4]) lo = single[0];
        else {
          set.union(e);
          continue;
        }
      } else lo = p.charCodeAt(this.i++);
      if (p[this.i] === '-' && p[this.i + 1] !== ']' && this.i + 1 < p.length) {
        this.i++;
        let hi: number;
        if (p[this.i] === '\\') {
          this.i++;
          const e = this.escape(true);
          const single = e === 'zero' ? [] : [...Array(128).keys()].filter((k) => (e.w[k >> 5]! >>> (k & 31)) & 1);
          hi = single[0] ?? 127;
        } else hi = p.charCodeAt(this.i++);
        set.addRange(lo!, hi);
      } else set.add(lo!);
    }
    this.i++; // ']'
    if (negated) set.negate();
    return set;
  }
}

function nullable(seq: readonly Item[]): boolean {
  return seq.every((it) => it.zero || it.min === 0 || (it.alts !== undefined && it.alts.some(nullable)));
}

/** Characters a sequence can start with (through optional leading items). */
function firstOf(seq: readonly Item[]): CharSet {
  const s = new CharSet();
  for (const it of seq) {
    if (it.zero) continue;
    s.union(it.first);
    if (!(it.min === 0 || (it.alts !== undefined && it.alts.some(nullable)))) break;
  }
  return s;
}

/** Whether an item can repeat without bound (itself, or something inside it). */
function unbounded(it: Item): boolean {
  if (it.zero) return false;
  if (it.max === Infinity || it.max > 64) return true;
  return it.alts !== undefined && it.alts.some((a) => a.some(unbounded));
}

function check(seq: readonly Item[]): string | undefined {
  for (let i = 0; i < seq.length; i++) {
    const it = seq[i]!;
    if (it.alts) {
      if ((it.max === Infinity || it.max > 64) && it.alts.length > 1) {
        for (let a = 0; a < it.alts.length; a++) {
          const A = it.alts[a]!;
          if (nullable(A)) return `${it.src}: an alternative can match nothing inside a repeat`;
          for (let b = a + 1; b < it.alts.length; b++) {
            if (firstOf(A).overlaps(firstOf(it.alts[b]!))) return `${it.src}: alternatives that can start with the same character inside a repeat`;
          }
        }
      }
      for (const a of it.alts) {
        const inner = check(a);
        if (inner) return inner;
      }
    }
    if (!unbounded(it)) continue;
    for (let j = i + 1; j < seq.length; j++) {
      const next = seq[j]!;
      if (unbounded(next) && it.chars.overlaps(next.chars)) return `${it.src}${seq.slice(i + 1, j + 1).map((x) => x.src).join('')}: adjacent unbounded quantifiers over the same characters`;
      if (!(next.zero || next.min === 0)) break;
    }
  }
  return undefined;
}

/**
 * A description of the first super-linear backtracking shape in `pattern` (overlapping
 * alternatives under a repeat, or adjacent overlapping unbounded quantifiers), or undefined.
 */
export function findOverlappingRepetition(pattern: string, flags = ''): string | undefined {
  try {
    const parser = new Parser(pattern, flags.includes('i'));
    const alts = parser.alternatives();
    for (const a of alts) {
      const found = check(a);
      if (found) return found;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
