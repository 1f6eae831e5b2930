// The bounded head of a rule's pattern: the leading atoms that every match starts with, as a sticky
// regex that reads at most `maxLength` characters forward. The streaming scanner uses it to let go of
// a keyword hit that can never start a match, however much text follows (a kubeconfig `user:` that is
// not followed by a line end), instead of evaluating it again on every chunk for 4,500 characters.

import { hasTopLevelAlternation, skipLeadingAssertions } from './registry';

/** A prefix of a pattern (no assertions) and the most characters a match of it reads. */
export interface RegexHead {
  /** Sticky: `lastIndex = p; test(text)` says whether some match of the whole pattern could start at p. */
  readonly re: RegExp;
  readonly maxLength: number;
}

/** Escapes read as one character (a class or a literal): `\d \s \w` and their negations, `\r \n \t`, escaped punctuation. */
const ONE_CHAR_ESCAPE = /^[dDsSwWrnt\-/\\^$.*+?()[\]{}|_:@#=,;'"~!%&<>]$/;
/** Atoms quantified beyond this end the head: they match almost anything and make `maxLength` long. */
const LONG_ATOM = 64;

/** End of the one-character atom at `i` (a literal, a one-character escape or a class), or -1. */
function atomEnd(p: string, i: number): number {
  const c = p[i]!;
  if (c === '\\') {
    const n = p[i + 1];
    if (n !== undefined && ONE_CHAR_ESCAPE.test(n)) return i + 2;
    if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 2, i + 4))) return i + 4;
    return -1;
  }
  if (c === '[') {
    let j = i + 1;
    if (p[j] === '^') j++;
    if (p[j] === ']') return -1; // `[]` / `[^]`: not worth reading
    for (; j < p.length && p[j] !== ']'; j++) {
      if (p[j] === '\\') j++;
      else if (p[j] === '[') return -1; // nested classes (`v` flag)
    }
    return j < p.length ? j + 1 : -1;
  }
  return '^$.|?*+(){}]'.includes(c) ? -1 : i + 1;
}

/**
 * The head of `pattern`: its leading assertions (and groups of alternatives that are only assertions) dropped (which only widens what it accepts), then
 * the one-character atoms with bounded quantifiers up to the first other construct (a group, an
 * alternation inside one, `*` / `+`, an anchor, a back-reference, an atom repeated more than
 * LONG_ATOM times). Every match of the pattern starting at p has a match of the head at p. Without
 * look-arounds or anchors the head reads nothing past `maxLength` characters, so once that many
 * follow p its answer is final. Undefined for a pattern with a top-level `|`, `u`/`v` flags, or no atom.
 */
export function boundedHead(pattern: string, flags: string): RegexHead | undefined {
  if (/[uv]/.test(flags) || hasTopLevelAlternation(pattern)) return undefined;
  let i = skipLeadingAssertions(pattern);
  if (i < 0) return undefined;
  const start = i;
  let max = 0;
  while (i < pattern.length) {
    const end = atomEnd(pattern, i);
    if (end < 0) break;
    let hi = 1;
    let q = end;
    const c = pattern[q];
    if (c === '*' || c === '+') break;
    if (c === '?') {
      q++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(q));
      if (!m) break;
      if (m[2] !== undefined && m[3] === '') break; // {m,}: unbounded
      hi = Number(m[3] ?? m[1]);
      q += m[0].length;
    }
    if (hi > LONG_ATOM) break;
    if (q !== end && pattern[q] === '?') q++; // lazy: the same characters can match
    max += hi;
    i = q;
  }
  if (i === start) return undefined;
  return { re: new RegExp(pattern.slice(start, i), flags.replace(/[gyd]/g, '') + 'y'), maxLength: max };
}
