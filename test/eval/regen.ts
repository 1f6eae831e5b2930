// Random strings from a regular expression (the subset peers use to describe token shapes: literals,
// escapes, classes with ranges, groups, alternation, bounded and unbounded quantifiers, inline flags).
// Used to build fake tokens at run time, so the committed cases hold shapes, never tokens.

import { randomInt } from '../support/seed';

type Node =
  | { t: 'lit'; c: string }
  | { t: 'set'; chars: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = DIGITS + UPPER + LOWER + '_';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** `*` and `+` repeat at most this many extra times. */
const OPEN_MAX = 8;

function escapeSet(c: string): string | undefined {
  switch (c) {
    case 'd': return DIGITS;
    case 'w': return WORD;
    case 's': return ' ';
    case 'D': return UPPER + LOWER + '_-';
    case 'W': return ' -.,:;';
    case 'S': return WORD;
    default: return undefined;
  }
}

function escapeChar(c: string): string {
  return ({ n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' } as Record<string, string>)[c] ?? c;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt();
    if (this.i < this.src.length) throw new Error(`regen: unexpected '${this.src[this.i]}' at ${this.i} in ${this.src}`);
    return n;
  }

  private alt(): Node {
    const options: Node[] = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      let atom = this.atom();
      if (!atom) continue;
      atom = this.quant(atom);
      items.push(atom);
    }
    return { t: 'seq', items };
  }

  private quant(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') { min = 0; max = OPEN_MAX; this.i++; }
    else if (c === '+') { min = 1; max = OPEN_MAX; this.i++; }
    else if (c === '?') { min = 0; max = 1; this.i++; }
    else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.i))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i))!;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : min + OPEN_MAX) : min;
      this.i += m[0].length;
    } else return node;
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++; // lazy / possessive
    return { t: 'rep', node, min, max };
  }

  private atom(): Node | undefined {
    const c = this.src[this.i++]!;
    switch (c) {
      case '(': {
        if (this.src[this.i] === '?') {
          // (?:…), (?i), (?i:…), (?-i:…), (?P<name>…), (?<name>…), look-arounds (dropped)
          const m = /^\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|([a-zA-Z-]*)(:|\))|(<?[=!]))/.exec(this.src.slice(this.i));
          if (!m) throw new Error(`regen: unsupported group in ${this.src}`);
          this.i += m[0].length;
          if (m[3] === ')') return undefined; // inline flags
          const inner = this.alt();
          this.i++; // ')'
          return m[4] ? undefined : inner;
        }
        const inner = this.alt();
        this.i++;
        return inner;
      }
      case '[': return this.set();
      case '.': return { t: 'set', chars: WORD };
      case '^': case '$': return undefined;
      case '\\': {
        const e = this.src[this.i++]!;
        if (e === 'b' || e === 'B' || e === 'A' || e === 'z' || e === 'Z') return undefined;
        if (e === 'x') {
          const hex = this.src.slice(this.i, this.i + 2);
          this.i += 2;
          return { t: 'lit', c: String.fromCharCode(parseInt(hex, 16)) };
        }
        const set = escapeSet(e);
        return set ? { t: 'set', chars: set } : { t: 'lit', c: escapeChar(e) };
      }
      default: return { t: 'lit', c };
    }
  }

  private set(): Node {
    let negate = false;
    if (this.src[this.i] === '^') { negate = true; this.i++; }
    let chars = '';
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i++]!;
      if (c === '[' && this.src[this.i] === ':') {
        const end = this.src.indexOf(':]', this.i);
        const name = this.src.slice(this.i + 1, end);
        this.i = end + 2;
        chars += ({ alnum: DIGITS + UPPER + LOWER, alpha: UPPER + LOWER, digit: DIGITS, lower: LOWER, upper: UPPER, xdigit: DIGITS + 'abcdef' } as Record<string, string>)[name] ?? '';
        continue;
      }
      if (c === '\\') {
        const e = this.src[this.i++]!;
        const set = escapeSet(e);
        if (set) { chars += set; continue; }
        c = e === 'x' ? String.fromCharCode(parseInt(this.src.slice(this.i, (this.i += 2)), 16)) : escapeChar(e);
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi = this.src[this.i++]!;
        if (hi === '\\') hi = escapeChar(this.src[this.i++]!);
        for (let k = c.charCodeAt(0); k <= hi.charCodeAt(0); k++) chars += String.fromCharCode(k);
      } else chars += c;
    }
    this.i++; // ']'
    if (negate) chars = [...PRINTABLE].filter((ch) => !chars.includes(ch) && ch !== ' ').join('');
    return { t: 'set', chars: [...new Set(chars)].join('') };
  }
}

function emit(n: Node, out: string[]): void {
  switch (n.t) {
    case 'lit': out.push(n.c); return;
    case 'set': out.push(n.chars[randomInt(n.chars.length)] ?? ''); return;
    case 'seq': for (const it of n.items) emit(it, out); return;
    case 'alt': emit(n.options[randomInt(n.options.length)]!, out); return;
    case 'rep': {
      const k = n.min + randomInt(n.max - n.min + 1);
      for (let j = 0; j < k; j++) emit(n.node, out);
    }
  }
}

const cache = new Map<string, Node>();
/** Runs of a repeated character or words a placeholder filter would take: regenerate (as peers' generators do not). */
const PLACEHOLDER_LIKE = /(.)\1\1\1|example|sample|dummy|fake|test|xxx|abcdef|123456|redact|insert|your/i;

/** A random string matching `pattern` (a peer's shape regex). */
export function regen(pattern: string): string {
  let node = cache.get(pattern);
  if (!node) {
    node = new Parser(pattern).parse();
    cache.set(pattern, node);
  }
  let s = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const out: string[] = [];
    emit(node, out);
    s = out.join('');
    if (!PLACEHOLDER_LIKE.test(s) || PLACEHOLDER_LIKE.test(pattern)) return s;
  }
  return s;
}
