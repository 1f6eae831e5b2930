// The scanner: a keyword prefilter finds where rules can match, each rule's regex runs only in
// merged windows around its keyword hits, then validators, entropy and the non-secret filters decide.
// Work is linear in the text: keyword search is one pass, windows of one rule are merged, lookups of
// line bounds are capped.

import { shannonEntropy } from './entropy';
import { isDocumentationExample, isEncodedWords, isHashOrId, isInNonSecretContext, isInsideReference, isPlaceholder, isReference, isSuppressedInline, looksLikeCode, looksLikeCodePassword } from './filters';
import { fingerprint, Fingerprinter, redact, type FingerprintKeySource } from './fingerprint';
import { withLegacyFingerprint, withSecret } from './secret';
import { scrubText } from './scrub';
import { positionsAt } from './lines';
import { boundedHead } from './regexHead';
import { groupInsideMatch, spanInMatch } from './matchSpan';
import { KeywordMatcher } from './keywords';
import type { PrefilterBuild } from './prefilter';
import type { CompiledRule } from './registry';
import { lineEndBounded, lineStartBounded } from './textutil';
import type { Confidence, Finding, MetadataValue, Validation, ValidatorName } from './types';
import { VALIDATORS } from './validators';
import { base64Bytes, utf8Text } from './bytes';

export interface ScanOptions {
  /** Only keyword hits inside this region are considered (windows may read outside it). */
  region?: { start: number; end: number };
  /** Maps an offset to a 0-based line/column (e.g. `document.positionAt`); default: computed here. */
  positionAt?: (offset: number) => { line: number; col: number };
  /** Honour `token-custody: ignore` comments (default true). */
  inlineIgnore?: boolean;
  /** Clock for JWT expiry (ms since epoch). */
  now?: number;
  /** Keyword hits to evaluate in addition to those found in `region`: rule index → offsets (streaming). */
  extraHits?: ReadonlyMap<number, readonly number[]>;
  /** Findings forget their secret this many milliseconds after the scan (default: when dropped, see `dropSecret`). */
  secretTtlMs?: number;
  /**
   * Findings the caller already holds (streaming: reported by an earlier push), by rule index and
   * range: left out of `findings` (not built). They take part in dedupe and pairing as before.
   */
  held?: (ruleIndex: number, start: number, end: number) => boolean;
  /**
   * Candidates the caller reported before with the same secret (streaming: an open hit evaluated
   * again builds the reported candidate again), by rule index and range: their secret passed the
   * rule's entropy floor and is no documented example (the caller names only findings whose secret
   * is the text of their range and whose validation was not `valid`, so the floor was measured).
   * Both depend on the secret only, so they are not measured again: a private key's open hit is
   * evaluated again on each of the four chunks after it, and its 1,700 characters cost a Shannon
   * entropy and a SHA-256 each time (measured: each of those chunks of the bench's mix 1 29.7-32.6
   * -> 22.4-24.3 us, per-push minima; reading the key again, its pattern, is spared by
   * `reportedMatch`).
   */
  known?: (ruleIndex: number, start: number, end: number) => boolean;
  /**
   * Matches the caller reported before (streaming: a private key whose keyword hit stays open for
   * its 16,600-character window): the end of the reported match of rule `ruleIndex` that starts at
   * `start`, or -1. Asked only for the rules whose match at a start cannot change with more text
   * (`Scanner.settledMatches`: a window, a prefix literal, an inner literal, the whole match as the
   * secret, no validator): the scanner takes that match instead of running the pattern over the key
   * again (reading a 1,700-character key cost each of the four chunks after it ~20-30 us).
   */
  reportedMatch?: (ruleIndex: number, start: number) => number;
  /**
   * The text goes on past its end (streaming, before the last run): a kept candidate that more text
   * may still change is left out of `findings` and its keyword hits are added to `openHits`, so the
   * next run builds it again, beside whatever would win its dedupe. It may change when it reaches the
   * text's end (or, for a line-bound rule, its last line), or overlaps the reach of a hit that may still build a candidate that could outrank
   * it: an open hit of a line-bound rule (its line is not complete, the match may grow), one of a
   * windowed rule that built none yet, or a keyword after `region.end` (searched by the next run).
   */
  openEnded?: boolean;
}

export interface ScannerOptions {
  /**
   * Keys the fingerprints of low-entropy secrets (fingerprint.ts); a function is called on the first
   * such secret. Without one, a random key that lives as long as the process.
   */
  fingerprintKey?: FingerprintKeySource;
  /**
   * Keyword search: `simd` (default) uses the WebAssembly SIMD prefilter where it can run and the
   * automaton elsewhere; `automaton` always uses the automaton (the reference the tests compare with).
   */
  prefilter?: 'simd' | 'automaton';
  /**
   * Which build of the SIMD prefilter's module runs (relaxed SIMD or plain SIMD): default the best
   * this runtime validates (prefilterBuild in prefilter.ts). The bench measures both.
   */
  prefilterBuild?: PrefilterBuild;
  /**
   * Drop keyword hits where no match can start before building windows (`RuleSpec.matchPrefix`) or
   * running an anchored rule's pattern (`RuleSpec.afterIdentifier`), and ask whether a secret is a
   * documented example key only of candidates that can be kept (default true). False runs every
   * window and pattern and asks of every candidate: the reference the tests compare with.
   */
  hitChecks?: boolean;
}

export interface ScanDetail {
  findings: Finding[];
  /**
   * Keyword hits whose window was cut off by the end of the text (the token may continue in data
   * not seen yet): rule index → offsets. The streaming scanner evaluates them again when more
   * text arrives.
   */
  openHits: Map<number, number[]>;
  /**
   * Rules that had a keyword hit in the region (or an extra hit), by index: the streaming scanner
   * keeps a long tail only for the rules that look far back, and only when one of them was hit.
   */
  hitRules: readonly number[];
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
const MAX_DECODE_LENGTH = 16384;
/** Findings one scan call keeps; a region with more is scanned again in halves (see scanHalves). */
const MAX_FINDINGS = 10000;
/** Smallest half a capped region is split into (characters). */
const MIN_SPLIT = 4096;
/** Most text one run of a custom rule's regex sees (bounds what a slow pattern can cost per run). */
const CUSTOM_WINDOW_MAX = 8192;
/** Time a custom rule may use per scan before it is skipped for the rest of that scan. */
export const CUSTOM_RULE_BUDGET_MS = 50;
/** Validators that prove the format (a checksum or a decodable structure bound to the issuer). */
const CHECKSUM_VALIDATORS: ReadonlySet<string> = new Set(['github-crc32', 'npm-crc32', 'gitlab-routable', 'pypi-macaroon', 'aws-key-id']);
/** Metadata a paired finding may take from its partner: descriptive fields, never routing claims (`iss`, `aud`, hosts). */
const PAIR_COPIED_METADATA: readonly string[] = ['account', 'keyType'];
/** Metadata keys that would hold a user name: never reported (the user part can be the token itself). */
const USER_NAME_KEYS: ReadonlySet<string> = new Set(['username', 'user', 'login']);

/** A built-in rule for one vendor's format (not a generic assignment, password or URL rule). */
export function isVendorBuiltin(rule: CompiledRule): boolean {
  const spec = rule.spec;
  return rule.source === 'builtin' && spec.issuer !== 'generic' && spec.issuer !== 'url' && spec.kind !== 'generic-secret' && spec.kind !== 'password';
}

/**
 * Newlines in [lo, hi), counted up to `max + 1` (the caller only asks whether there are more than
 * `max`). Pairing asks only about spans of at most 8 KB, so this reads no more than that: no index of
 * the whole text's lines is built.
 */
function newlinesBetween(text: string, lo: number, hi: number, max: number): number {
  const span = text.slice(lo, hi);
  let n = 0;
  for (let i = span.indexOf('\n'); i >= 0 && n <= max; i = span.indexOf('\n', i + 1)) n++;
  return n;
}

/** One result of decoding an encoded value (the range is the encoded value's). */
type DecodedPart = Pick<Candidate, 'rule' | 'secret' | 'confidence' | 'validation' | 'metadata' | 'container'>;

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  confidence: Confidence;
  validation: Validation;
  metadata: Record<string, MetadataValue>;
  /** Rule whose regex found the (possibly encoded) value, when it differs from `rule`. */
  container?: CompiledRule;
  /** `fingerprint(secret)` as computed by `documented` (a copy with another secret does not use it). */
  salted?: { secret: string; fingerprint: string };
  /**
   * `shannonEntropy(secret)` as computed by `evaluate` (for the rule's entropy floor), so that the
   * fingerprint's low-entropy test does not measure the secret again (a private key's 1,700
   * characters); a copy with another secret does not use it.
   */
  measured?: { secret: string; entropy: number };
  /**
   * Whether the secret is a key published in documentation (isDocumentationExample): such a candidate
   * does not exist for dedupe, pairing or findings. Undefined until asked (`Scanner.documented`): the
   * SHA-256 it takes is spent only on candidates that win their dedupe or may merge into a winner.
   */
  example?: boolean;
  /** The first and last keyword hits of the window that found it (offsets; -1 for a rule without keywords). */
  hitLo: number;
  hitHi: number;
}

/**
 * End of the identifier holding `hit`: the first character after it that is not an identifier
 * character, or `hit + 64`. `from` (at most 64 past `hit`): where to start reading, when the
 * characters before it are known to be identifier characters (see `Scanner.identSkip`).
 */
function identifierEnd(text: string, hit: number, from = hit): number {
  let i = from;
  const idEnd = Math.min(text.length, hit + 64);
  while (i < idEnd && isIdentChar(text.charCodeAt(i))) i++;
  return i;
}

/** `Scanner.identSkip` of a rule searched for these keywords. */
function identSkipOf(words: readonly string[]): Uint8Array {
  const skip = new Uint8Array(128);
  const seen = new Uint8Array(128);
  for (const w of words) {
    let n = 0;
    while (n < w.length && n < 64 && isIdentChar(w.charCodeAt(n))) n++;
    let c = w.charCodeAt(0);
    if (c >= 128) continue;
    if (c >= 65 && c <= 90) c += 32;
    skip[c] = seen[c] ? Math.min(skip[c]!, n) : n;
    seen[c] = 1;
  }
  // Upper case reads as lower case (the search folds case; an exact-case keyword's letter is one of the two).
  for (let c = 65; c <= 90; c++) skip[c] = skip[c + 32]!;
  return skip;
}

/**
 * Cheap check before an anchored rule's regex: the identifier holding the keyword, ending at `i`
 * (see `identifierEnd`), is followed by an assignment (`=`, `:`, `:=`, `=>`, `?=`), possibly after a
 * closing quote and a few spaces.
 */
function assignmentAt(text: string, i: number): boolean {
  let c = text.charCodeAt(i);
  if (c === 62) return true; // <tag>value: the rule's regex checks the `<`
  if (c === 27) return true; // ESC[0m= : a name printed in colour; the rule's regex checks the rest
  const quoted = c === 34 || c === 39;
  if (quoted) c = text.charCodeAt(++i); // closing quote of a JSON/YAML key
  if (quoted && c === 93) c = text.charCodeAt(++i); // Ruby `ENV['X'] ||=`
  let spaces = 0;
  for (; spaces < 3 && (c === 32 || c === 9); spaces++) c = text.charCodeAt(++i);
  if (c === 61 || c === 58 || c === 63) return true; // = : ? (also :=, ::=, ?=, ??=, =>)
  if ((c === 46 || c === 124) && text.charCodeAt(i + 1) === 61) return true; // .= |=
  if (c === 124 && text.charCodeAt(i + 1) === 124) return true; // ||=
  if (quoted && c === 44) return true; // "NAME", value (setProperty, define)
  if (quoted && c === 118) return true; // <add key="NAME" value="…"/>
  if (c === 10 || c === 13) return true; // the value on the next line (`- name: X` / `value: …`); the regex decides
  // A typed declaration: `name string = …` (Go); `name: String =` is caught by `:` above.
  return spaces > 0 && (text.startsWith('string', i) || text.startsWith('String', i) || text.startsWith('str ', i));
}

/**
 * Whether an `afterIdentifier` tail can match at `end` where `assignmentAt` accepted the identifier:
 * false for two shapes it lets through that the tails' glue (GENERIC_ASSIGN, rules/structured/generic.ts)
 * never reads as an assignment. A `|` only starts `||=` there (`token || fallback`, `|=`), and after
 * `==` the value would start at the second `=` and run at least 8 characters without whitespace
 * (`key.length === 0`). On the bench corpus these were 3,400 of the 14,500 tail tests per pass, each a
 * regex run of ~0.2 µs. (The glue's other shapes are left to the tail.)
 */
function glueMayMatch(text: string, end: number): boolean {
  let i = end;
  let c = text.charCodeAt(i);
  const quoted = c === 34 || c === 39;
  if (quoted) c = text.charCodeAt(++i);
  if (quoted && c === 93) c = text.charCodeAt(++i);
  for (let spaces = 0; spaces < 3 && (c === 32 || c === 9); spaces++) c = text.charCodeAt(++i);
  if (c === 124) return text.charCodeAt(i + 1) === 124 && text.charCodeAt(i + 2) === 61;
  if (c === 61 && text.charCodeAt(i + 1) === 61) {
    for (let k = i + 1; k <= i + 8; k++) {
      if (k >= text.length) return false;
      const d = text.charCodeAt(k);
      if (d === 32 || d === 9 || d === 10 || d === 13) return false;
    }
  }
  return true;
}

/** The value between `start` and `end` is a quoted literal (the same quote on both sides). */
function isQuoted(text: string, start: number, end: number): boolean {
  const q = text.charCodeAt(start - 1);
  return (q === 34 || q === 39 || q === 96) && text.charCodeAt(end) === q;
}

/** The rank of a candidate of `rule` whose validation earned `validated` points and of this confidence. */
function rankOf(rule: CompiledRule, validated: number, confidence: Confidence): number {
  return validated + CONFIDENCE_RANK[confidence] * 100 + (rule.spec.issuer === 'generic' ? 0 : 50) + Math.min(40, (rule.spec.prefix ?? '').length * 4);
}

/** The points a valid candidate of `rule` earns: a checksum's more than another validator's. */
function validPoints(rule: CompiledRule): number {
  return rule.spec.validator && CHECKSUM_VALIDATORS.has(rule.spec.validator) ? 1000 : 20;
}

/** A candidate's rank in `dedupe`: of two overlapping candidates, the higher score wins. */
function score(c: Candidate): number {
  return rankOf(c.rule, c.validation.status === 'valid' ? validPoints(c.rule) : 0, c.confidence);
}

/** The highest `score` a candidate of `rule` can have (valid, high confidence). */
function maxScore(rule: CompiledRule): number {
  return rankOf(rule, rule.spec.validator ? validPoints(rule) : 0, 'high');
}

/**
 * An anchored hit whose identifier (ending at `end`) is followed by an assignment that leaves its
 * value to a later line: an XML element's `>` (the value or its closing tag on the next lines), or
 * `=`, `:`, a YAML block scalar's `: |`, a quote, then the line's end (a Kubernetes `- name: X` /
 * `value: …` pair). The glue of GENERIC_ASSIGN (rules/structured/generic.ts) that crosses a line.
 */
function valueOnLaterLine(text: string, end: number): boolean {
  let i = end;
  let c = text.charCodeAt(i);
  while ((c === 34 || c === 39 || c === 93 || c === 32 || c === 9) && i < end + 8) c = text.charCodeAt(++i);
  if (c === 62) return true; // <tag>
  for (let n = 0; n < 12 && (c === 58 || c === 61 || c === 62 || c === 63 || c === 124 || c === 46 || c === 43 || c === 45 || c === 32 || c === 9 || c === 34 || c === 39); n++) c = text.charCodeAt(++i);
  return c === 10 || c === 13;
}

/** Ranges of built-in vendor candidates: start → ends. */
type VendorRanges = Map<number, number[]>;

/**
 * The ranges of the built-in vendor candidates in `cands` (issuer not `generic`: a score of 150 or
 * more in `dedupe`), not those of encoded values (`expandDecoded` replaces them by what they hold, or
 * by nothing).
 */
function vendorRanges(cands: readonly Candidate[]): VendorRanges {
  const m: VendorRanges = new Map();
  for (const c of cands) {
    if (c.rule.source !== 'builtin' || c.rule.spec.issuer === 'generic' || c.rule.spec.decode === 'base64') continue;
    const ends = m.get(c.start);
    if (ends) ends.push(c.end);
    else m.set(c.start, [c.end]);
  }
  return m;
}

/**
 * Sorts a short list of numbers in place (rule indices: a scan touches a few dozen rules). An insertion
 * sort, without the comparator call per comparison of `Array.prototype.sort`: on the bench corpus the
 * sort of each scan's touched rules took ~0.7 ms of ~120 per pass (CPU profile).
 */
function sortSmall(a: number[]): void {
  if (a.length > 64) {
    a.sort((x, y) => x - y);
    return;
  }
  for (let k = 1; k < a.length; k++) {
    const v = a[k]!;
    let j = k;
    for (; j > 0 && a[j - 1]! > v; j--) a[j] = a[j - 1]!;
    a[j] = v;
  }
}

/** Sorts a rule's keyword hits and drops repeats (in place; already sorted is the common case). */
function sortHits(h: number[]): void {
  for (let k = 1; k < h.length; k++) {
    if (h[k]! > h[k - 1]!) continue;
    const sorted = [...new Set(h)].sort((a, b) => a - b);
    h.length = 0;
    h.push(...sorted);
    return;
  }
}

const SECRET_NAME_BEFORE = /(?:secret|credentials?|api[_.-]?key|apikey|private[_.-]?key)[A-Za-z0-9_.-]{0,24}["']?\s{0,3}(?:=|:|=>|:=)\s{0,3}["'`]?$/i;

/** A 40- or 64-hex value right after a name that says secret, credential or API key (not a mere `token`, often a digest). */
function isSecretNamedHex(secret: string, text: string, start: number): boolean {
  if (!/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(secret)) return false;
  return SECRET_NAME_BEFORE.test(text.slice(Math.max(0, start - 96), start));
}

/**
 * The hit check of a line rule without a `matchPrefix` whose every match starts at one of its keywords
 * (its literal prefix begins with one): the bounded head of its pattern (regexHead.ts), e.g.
 * `AC[0-9a-f]{32}` of the Twilio SID rule, whose keyword `ac` is in every "each".
 */
function headCheck(rule: CompiledRule): CompiledRule['hitCheck'] {
  const lit = rule.prefixLiteral;
  if (lit === undefined || rule.window !== null || rule.sticky !== null || !rule.keywords.some((k) => lit.toLowerCase().startsWith(k))) return undefined;
  const head = boundedHead(rule.re.source, rule.re.flags);
  return head && { literal: lit, re: head.re };
}

/** A match can start at this keyword hit: the rule's `matchPrefix` or pattern head (its literal first) matches there. */
function passesHitCheck(check: NonNullable<CompiledRule['hitCheck']>, text: string, hit: number): boolean {
  const lit = check.literal;
  // The first character alone settles most hits (`ac` of "each" against Twilio's `AC`), without a call.
  if (lit !== undefined && (text.charCodeAt(hit) !== lit.charCodeAt(0) || !text.startsWith(lit, hit))) return false;
  check.re.lastIndex = hit;
  return check.re.test(text);
}

/**
 * Whether a match can start somewhere in [lo, hi) of `text` (outside a scan's region, where keyword
 * occurrences are no hits): at an occurrence of the check's literal where the check passes. Every
 * match starts with the literal, so the rest of the range holds none; without a literal, true.
 */
function passesIn(check: NonNullable<CompiledRule['hitCheck']>, text: string, lo: number, hi: number): boolean {
  if (lo < 0) lo = 0;
  if (hi > text.length) hi = text.length;
  if (lo >= hi) return false;
  const lit = check.literal;
  if (lit === undefined) return true;
  // Searched in a slice of the range (no copy): an indexOf on the text would read on to its end.
  const span = text.slice(lo, Math.min(text.length, hi + lit.length - 1));
  for (let at = span.indexOf(lit); at >= 0 && lo + at < hi; at = span.indexOf(lit, at + 1)) if (passesHitCheck(check, text, lo + at)) return true;
  return false;
}

/**
 * Index of the hit that starts the line window (group of merged lines) holding `h[k]` in the loop
 * over all hits, or `floor` (itself the start of one) when it lies there or cannot be told cheaply.
 * Line windows merge when adjacent, so a group runs over consecutive lines that each hold a hit: its
 * first hit follows a line without one. Lines are read back at most LINE_CAP characters each.
 */
function lineGroupStart(text: string, h: readonly number[], k: number, floor: number): number {
  let j = k;
  let ls = lineStartBounded(text, h[k]!);
  for (;;) {
    if (ls > 0 && text.charCodeAt(ls - 1) !== 10) return floor; // a line longer than LINE_CAP
    while (j > floor && h[j - 1]! >= ls) j--;
    if (j === floor || ls === 0) return j;
    const prev = lineStartBounded(text, ls - 1);
    if (prev > 0 && text.charCodeAt(prev - 1) !== 10) return floor;
    if (h[j - 1]! < prev) return j; // the line before holds no hit
    ls = prev;
  }
}

/** Per ASCII code: 1 for the identifier characters of anchored rules (letters, digits, `_`, `.`, `-`). */
const IDENT_CHARS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45 ? 1 : 0;
  return t;
})();

/** `re` without the `d` flag when the range of its capture group `group` can be read from a match (matchSpan.ts), else undefined. */
function withoutIndices(re: RegExp, group: number | string): RegExp | undefined {
  return re.flags.includes('d') && groupInsideMatch(re.source, re.flags, group) ? new RegExp(re.source, re.flags.replace('d', '')) : undefined;
}

/**
 * The range of the secret group (`g`, text `secret`) of match `m` in `str`: its indices, unless `plain`
 * (`m` is a match of the rule's regex without `d`, see `withoutIndices`): then the group's place in
 * the match text when it occurs there once, else the indices of one run of `withIndices`, the same
 * pattern with `d`, at the match's start (the same match: `withIndices` is sticky there, or global from there).
 */
function secretSpan(m: RegExpExecArray, secret: string, g: number | string, plain: boolean, withIndices: RegExp, str: string): [number, number] | undefined {
  let d: RegExpExecArray | null = m;
  if (plain) {
    const span = spanInMatch(m, secret);
    if (span) return span;
    withIndices.lastIndex = m.index;
    d = withIndices.exec(str);
    if (!d) return undefined;
  }
  return typeof g === 'number' ? d.indices?.[g] : d.indices?.groups?.[g];
}

/** Identifier characters for anchored rules: letters, digits, `_`, `.`, `-`. */
function isIdentChar(c: number): boolean {
  return c < 128 && IDENT_CHARS[c] === 1;
}

export class Scanner {
  readonly rules: readonly CompiledRule[];
  private readonly keywords: KeywordMatcher | null;
  private readonly unkeyed: number[] = [];
  private readonly byId = new Map<string, CompiledRule>();
  /**
   * Work counters (tests and the DoS measurements assert linear growth with them; `windows`: windows
   * of keyword hits built; `exampleChecks`: secrets hashed to ask whether they are documented examples).
   */
  readonly stats = { pairChecks: 0, decodes: 0, customRuns: 0, windows: 0, exampleChecks: 0 };
  /** Custom rules that ran out of their time budget in some scan (and were skipped for its rest). */
  readonly slowRules = new Set<string>();
  /** Milliseconds each custom rule used in the current scan. */
  private readonly customSpent: Float64Array;
  /** Per rule index: the sticky twin of its regex for the literal-driven search (see `literalSticky`). */
  private readonly stickyByRule: (RegExp | undefined)[];
  /**
   * Per rule index: its regex (`re`) and its anchored regex (`sticky`) without the `d` flag, where
   * the secret group's range can be read from the match (matchSpan.ts); null elsewhere. Built on the
   * rule's first run (`plainReOf`, `plainStickyOf`), not with the scanner: a small scan runs few rules,
   * and reading a pattern's source and parsing it again cost a fresh CLI process about 10 ms for all
   * of them (interpreted code), most of a scan of one small file's scanner creation.
   */
  private readonly plainRe: (RegExp | null | undefined)[];
  private readonly plainSticky: (RegExp | null | undefined)[];
  /** Literal prefixes of built-in formats with a checksum, and their validator. */
  private readonly checksummed: { prefix: string; validator: ValidatorName }[] = [];

  private readonly fingerprinter: Fingerprinter;
  /**
   * Per rule index: 1 for a built-in generic rule whose candidate always loses `dedupe` to a built-in
   * vendor candidate of the same range, without changing its outcome: no validator (so no metadata to
   * merge and the range as matched), no decoding, low confidence and no prefix (a score of 100, the
   * lowest: it never outranks a candidate it overlaps, and a vendor one scores 150 or more), and no
   * pairing. Such a candidate is not built (`runAnchoredAt`), except in the reference scanner.
   */
  private readonly shadowable: Uint8Array;
  /** `ScannerOptions.hitChecks` turned off. */
  private readonly noHitChecks: boolean;
  /** Per rule index: 1 for an anchored rule whose pattern can cross a line break (its value may follow on a later line). */
  private readonly multiLine: Uint8Array;
  /**
   * Per anchored rule index: per ASCII character (upper case read as lower case), the fewest leading
   * identifier characters among the rule's keywords that start with it. A keyword hit starts with
   * one of those keywords, so that many characters from the hit are identifier characters, which
   * `identifierEnd` need not read: on the bench corpus 66,000 hits of the generic secret rule per
   * pass, most of them not assigned to (`keys`, `token.length`), each one read a character at a time.
   */
  private readonly identSkip: (Uint8Array | undefined)[];
  /**
   * Per rule index: 1 for a rule whose reported matches `ScanOptions.reportedMatch` may give (built-in,
   * with a window, a prefix and an inner literal, the whole match as its secret, no validator and no
   * decoding: the private-key and PuTTY rules, whose lazy bodies end at a literal, so a match at a
   * start ending before the text's end stays that match with more text); 0 in the reference scanner.
   */
  private readonly settledMatch: Uint8Array;
  /** Whether the last `runAnchoredAt` attempt matched the rule's pattern. */
  private anchoredMatched = false;
  /** Set when the current scan call stopped collecting candidates at the cap (see overCap). */
  private capped = false;

  /**
   * `fingerprintKey` keys the fingerprints of low-entropy secrets (fingerprint.ts); a function is
   * called on the first such secret. Without one, a random key that lives as long as the process.
   */
  constructor(rules: readonly CompiledRule[], opts: ScannerOptions = {}) {
    this.fingerprinter = new Fingerprinter(opts.fingerprintKey);
    this.noHitChecks = opts.hitChecks === false;
    this.rules = rules.map((r, index) => ({ ...r, index, hitCheck: r.hitCheck ?? headCheck(r) }));
    this.customSpent = new Float64Array(this.rules.length);
    // One slot per rule from the start: filled lazily, an empty array read past its end (a rule's
    // first run) deoptimized the optimized code of the caller ("out of bounds").
    this.stickyByRule = new Array<RegExp | undefined>(this.rules.length).fill(undefined);
    this.plainRe = new Array<RegExp | null | undefined>(this.rules.length).fill(undefined);
    this.plainSticky = new Array<RegExp | null | undefined>(this.rules.length).fill(undefined);
    this.settledMatch = Uint8Array.from(this.rules, (r) =>
      !this.noHitChecks && r.source === 'builtin' && r.window !== null && r.prefixLiteral !== undefined && r.innerLiteral !== undefined && r.secretGroup === 0 && r.spec.validator === undefined && r.spec.decode === undefined ? 1 : 0,
    );
    this.multiLine = Uint8Array.from(this.rules, (r) => (r.sticky !== null && /\\[snr]/.test(r.sticky.source) ? 1 : 0));
    this.identSkip = this.rules.map((r) => (r.sticky ? identSkipOf(r.searchKeywords.words) : undefined));
    this.shadowable = Uint8Array.from(this.rules, (r) => {
      const spec = r.spec;
      return r.source === 'builtin' && spec.issuer === 'generic' && spec.validator === undefined && spec.decode === undefined && spec.confidence === 'low' && !spec.prefix && spec.pairsWith === undefined ? 1 : 0;
    });
    const byKeyword = new Map<string, number[]>();
    const exactCase = new Set<string>();
    for (const r of this.rules) {
      this.byId.set(r.spec.id, r);
      const v = r.spec.validator;
      if (r.source === 'builtin' && v && v !== 'aws-key-id' && CHECKSUM_VALIDATORS.has(v) && r.spec.prefix && !this.checksummed.some((c) => c.prefix === r.spec.prefix)) {
        this.checksummed.push({ prefix: r.spec.prefix, validator: v });
      }
      if (r.keywords.length === 0) this.unkeyed.push(r.index);
      const search = r.searchKeywords;
      for (const k of search.words) {
        if (search.exact) exactCase.add(k);
        const list = byKeyword.get(k) ?? [];
        list.push(r.index);
        byKeyword.set(k, list);
      }
    }
    this.keywords = byKeyword.size ? new KeywordMatcher(byKeyword, { simd: opts.prefilter !== 'automaton', build: opts.prefilterBuild, exactCase }) : null;
  }

  /** Which keyword search runs: the SIMD prefilter or the automaton (no WebAssembly SIMD here, or asked for). */
  get prefilter(): 'simd' | 'automaton' {
    return this.keywords?.simd ? 'simd' : 'automaton';
  }

  rule(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  /**
   * The fingerprint this scanner gives `secret`: as found by rule `ruleId`, or — for a value with no
   * rule (a stored secret) — keyed unless it measures as high-entropy.
   */
  fingerprintOf(secret: string, ruleId?: string): string {
    const rule = ruleId === undefined ? undefined : this.byId.get(ruleId);
    return this.fingerprinter.of(secret, rule && subjectOf(rule)).fingerprint;
  }

  scan(text: string, opts: ScanOptions = {}): Finding[] {
    return this.scanDetailed(text, opts).findings;
  }

  scanDetailed(text: string, opts: ScanOptions = {}): ScanDetail {
    this.capped = false;
    const { kept, openHits, hitRules } = this.candidates(text, opts, 0);
    if (this.capped || kept.length > MAX_FINDINGS) {
      // More tokens than one call keeps (a dump of keys): the region is scanned again in halves, each
      // complete under the cap, so every token is reported; the cap still bounds one call's work.
      const split = this.scanHalves(text, opts);
      if (split) return split;
    }
    let reported = kept.slice(0, MAX_FINDINGS);
    const held = opts.held;
    if (held) reported = reported.filter((c) => !held(c.rule.index, c.start, c.end));
    let positionAt = opts.positionAt;
    if (!positionAt && reported.length) {
      const offsets: number[] = [];
      for (const c of reported) offsets.push(c.start, c.end);
      const positions = positionsAt(text, offsets);
      positionAt = (o: number) => positions.get(o)!;
    }
    return { findings: reported.map((c) => this.toFinding(c, positionAt!, opts.secretTtlMs)), openHits, hitRules };
  }

  /**
   * The findings of the scanned region as those of its two halves (split at a line start near the
   * middle), deduplicated by range and in order; undefined when the region is too small to split
   * (then the capped result stands: over 10,000 tokens in a few KB is no text people write).
   */
  private scanHalves(text: string, opts: ScanOptions): ScanDetail | undefined {
    const start = Math.max(0, opts.region?.start ?? 0);
    const end = Math.min(text.length, opts.region?.end ?? text.length);
    if (end - start < 2 * MIN_SPLIT) return undefined;
    let mid = start + ((end - start) >> 1);
    const nl = text.indexOf('\n', mid);
    if (nl >= 0 && nl + 1 < end - MIN_SPLIT / 2) mid = nl + 1;
    const a = this.scanDetailed(text, { ...opts, region: { start, end: mid } });
    const b = this.scanDetailed(text, { ...opts, region: { start: mid, end } });
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const f of [...a.findings, ...b.findings]) {
      const k = `${f.range.start}:${f.range.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      findings.push(f);
    }
    findings.sort((x, y) => x.range.start - y.range.start);
    const openHits = new Map(a.openHits);
    for (const [ri, list] of b.openHits) openHits.set(ri, [...new Set([...(openHits.get(ri) ?? []), ...list])].sort((x, y) => x - y));
    return { findings, openHits, hitRules: [...new Set([...a.hitRules, ...b.hitRules])].sort((x, y) => x - y) };
  }

  /** Candidates that survive evaluation, decoding (depth 0 only), dedupe and pairing. */
  private candidates(text: string, opts: ScanOptions, depth: number): { kept: Candidate[]; openHits: Map<number, number[]>; hitRules: readonly number[] } {
    const regionStart = Math.max(0, opts.region?.start ?? 0);
    const regionEnd = Math.min(text.length, opts.region?.end ?? text.length);
    const hits: (number[] | undefined)[] = new Array<number[] | undefined>(this.rules.length);
    const touched: number[] = [];
    let any = this.keywords !== null && regionEnd > regionStart && this.keywords.scan(text, regionStart, regionEnd, hits, touched);
    // The automaton lists a rule's hits by where the keyword ends: a keyword inside a longer keyword
    // of the same rule can come before an earlier start. The windows below want them in order.
    for (const ri of touched) sortHits(hits[ri]!);
    // Nothing to run (the common case for a decoded value): skip the rest.
    if (!any && !opts.extraHits && this.unkeyed.length === 0) return { kept: [], openHits: new Map(), hitRules: touched };
    if (opts.extraHits) {
      for (const [ri, offsets] of opts.extraHits) {
        let h = hits[ri];
        if (h === undefined) {
          h = hits[ri] = [];
          touched.push(ri);
        }
        for (const o of offsets) if (o < text.length) h.push(o);
        h.sort((a, b) => a - b);
        any = true;
      }
    }
    const candidates: Candidate[] = [];
    const openHits = new Map<number, number[]>();
    const markOpen = (ri: number, hit: number): void => {
      const list = openHits.get(ri);
      if (list) {
        if (list[list.length - 1] !== hit) list.push(hit);
      } else openHits.set(ri, [hit]);
    };
    /** A line-bound hit is open while its line is not complete. */
    const lastNewline = text.lastIndexOf('\n');
    if (depth === 0) this.customSpent.fill(0);
    for (const ri of this.unkeyed) {
      // Custom rules without keywords: bounded pieces (ending at a line end where one is near), so
      // that one regex run never sees more than CUSTOM_WINDOW_MAX characters and the budget is checked often.
      const rule = this.rules[ri]!;
      for (let ps = regionStart; ps < regionEnd; ) {
        let pe = Math.min(regionEnd, ps + CUSTOM_WINDOW_MAX);
        if (pe < regionEnd) {
          const nl = text.lastIndexOf('\n', pe);
          if (nl > ps + CUSTOM_WINDOW_MAX / 2) pe = nl + 1;
        }
        this.runRule(rule, text, ps, pe, candidates, opts);
        ps = pe;
      }
    }
    if (any) {
      sortSmall(touched);
      // A partial region: hits on its first and last lines have windows that reach outside it,
      // where a match can start at a keyword that is no hit; those hits pass the hit checks unless
      // no match can start outside the region where their windows reach (`passesIn`).
      const keepBelow = regionStart > 0 ? lineEndBounded(text, regionStart) : -1;
      const keepAbove = regionEnd < text.length ? lineStartBounded(text, regionEnd) : text.length;
      for (const ri of touched) {
        const rule = this.rules[ri]!;
        const h = hits[ri]!;
        if (rule.sticky) {
          // Hits are sorted: the last ones (after the last line end) are open; so are, for a rule whose
          // value may follow on a later line, those of the two lines before whose attempt did not match
          // and whose assignment leaves the value to a later line (see `valueOnLaterLine`).
          let o = h.length;
          while (o > 0 && h[o - 1]! > lastNewline) o--;
          let carryFrom = o;
          if (o > 0 && lastNewline > 0 && this.multiLine[ri] === 1) {
            const ls = lineStartBounded(text, lastNewline);
            const from = ls > 0 && text.charCodeAt(ls - 1) === 10 ? lineStartBounded(text, ls - 1) : ls;
            while (carryFrom > 0 && h[carryFrom - 1]! >= from) carryFrom--;
          }
          // Extra hits (streaming) were keyword hits of an earlier text: not read as keywords here.
          const skip = this.noHitChecks || opts.extraHits?.has(ri) ? undefined : this.identSkip[ri];
          this.runAnchored(rule, this.plainStickyOf(rule) ?? rule.sticky, text, h, candidates, opts, skip, carryFrom === o ? undefined : { from: carryFrom, to: o, ri, markOpen });
          for (; o < h.length; o++) markOpen(ri, h[o]!);
          continue;
        }
        // Hits whose window the end of the text cuts off (the token may continue in data not seen yet).
        const openFrom = rule.window ? text.length - rule.window.after : lastNewline;
        let o = h.length;
        while (o > 0 && h[o - 1]! > openFrom) o--;
        for (; o < h.length; o++) markOpen(ri, h[o]!);
        const check = rule.hitCheck;
        if (check === undefined || this.noHitChecks) {
          this.runWindows(rule, text, h, 0, h.length, candidates, opts);
          continue;
        }
        if (rule.window) {
          // Windows of characters merge as before; one runs only when a hit in it passes the check,
          // or when it reaches outside the region (where a match can start at a keyword that is no hit).
          this.runWindows(rule, text, h, 0, h.length, candidates, opts, { check, regionStart, regionEnd });
          continue;
        }
        // Only the windows holding a hit where a match can start (see RuleSpec.matchPrefix): each is
        // built exactly as the loop over all hits builds it, from the start of its group of merged lines.
        let done = 0;
        /** Whether a match can start outside the region where this rule's line windows reach (computed once, if asked). */
        let outside: boolean | undefined;
        for (let k = 0; k < h.length; k++) {
          const hit = h[k]!;
          if (k < done) continue;
          if (!passesHitCheck(check, text, hit)) {
            if (hit > keepBelow && hit < keepAbove) continue;
            // No window starts before the line of the first hit (or of the region's start), nor ends after the line of the last.
            outside ??=
              passesIn(check, text, lineStartBounded(text, Math.min(h[0]!, regionStart)), regionStart) ||
              passesIn(check, text, regionEnd, lineEndBounded(text, Math.max(h[h.length - 1]!, regionEnd)) + 1);
            if (!outside) continue;
          }
          done = this.runWindows(rule, text, h, lineGroupStart(text, h, k, done), k, candidates, opts);
        }
      }
    }
    const decoded = depth === 0 ? this.expandDecoded(candidates, opts) : candidates;
    let kept = this.dedupe(decoded);
    this.pair(kept, text);
    if (depth === 0 && opts.openEnded && kept.length > 0) kept = this.settled(kept, decoded, text, hits, openHits, regionEnd, lastNewline);
    return { kept, openHits, hitRules: touched };
  }

  /**
   * The kept candidates that more text cannot change (`ScanOptions.openEnded`); the hits of the others
   * are added to `openHits` (kept sorted), so the next run builds them again.
   */
  private settled(kept: Candidate[], all: readonly Candidate[], text: string, hits: readonly (number[] | undefined)[], openHits: Map<number, number[]>, regionEnd: number, lastNewline: number): Candidate[] {
    // Where each hit may still build a candidate, and the best score that one could have.
    const reach: number[] = [];
    const rank: number[] = [];
    const rules: CompiledRule[] = [];
    const threat = (rule: CompiledRule, o: number): void => {
      reach.push(rule.window ? o - rule.window.before : lineStartBounded(text, o));
      rank.push(maxScore(rule));
      rules.push(rule);
    };
    for (const [ri, offsets] of openHits) {
      const rule = this.rules[ri]!;
      for (const o of offsets) {
        // A windowed rule's hit that built a candidate here builds the same one with more text.
        if (!rule.window || !all.some((c) => (c.container ?? c.rule) === rule && c.hitLo <= o && o <= c.hitHi)) threat(rule, o);
      }
    }
    // The keywords after the region, which the next run searches (the last characters, where a keyword may be cut).
    if (this.keywords !== null && regionEnd < text.length) {
      const tail: (number[] | undefined)[] = [];
      const touched: number[] = [];
      if (this.keywords.scan(text, regionEnd, text.length, tail, touched)) for (const ri of touched) for (const o of tail[ri]!) threat(this.rules[ri]!, o);
    }
    const out: Candidate[] = [];
    let carried = false;
    for (const c of kept) {
      // A line-bound rule's match that reaches the last line (not complete) may grow with it.
      let open = c.end >= text.length || (c.end > lastNewline && c.rule.window === null);
      if (!open && c.rule.keywords.length > 0) {
        const s = score(c);
        for (let k = 0; k < reach.length && !open; k++) {
          if (c.end <= reach[k]!) continue;
          const r = rules[k]!;
          // As in `dedupe`: a custom rule never outranks a built-in vendor candidate, nor loses to a custom one's lower score.
          open = r.source === 'custom' && isVendorBuiltin(c.rule) ? false : (c.rule.source === 'custom' && isVendorBuiltin(r)) || rank[k]! >= s;
        }
      }
      if (!open) {
        out.push(c);
        continue;
      }
      if (c.hitLo < 0) continue;
      const ri = (c.container ?? c.rule).index;
      for (const o of hits[ri] ?? []) {
        if (o < c.hitLo || o > c.hitHi) continue;
        const list = openHits.get(ri);
        if (!list) openHits.set(ri, [o]);
        else if (!list.includes(o)) list.push(o);
        carried = true;
      }
    }
    if (carried) for (const list of openHits.values()) list.sort((a, b) => a - b);
    return out;
  }

  /**
   * Runs a rule in the windows of its hits `h[from…]`, merged (overlapping or adjacent windows become
   * one), until the window holding `h[last]` is done; returns the index of the first hit after it
   * (`h.length` when the hits ran out). `from` must start a window of the loop over all hits.
   */
  private runWindows(
    rule: CompiledRule,
    text: string,
    h: readonly number[],
    from: number,
    last: number,
    candidates: Candidate[],
    opts: ScanOptions,
    gate?: { check: NonNullable<CompiledRule['hitCheck']>; regionStart: number; regionEnd: number },
  ): number {
    let ws = -1;
    let we = -1;
    // The first and last hits of the current window (the hits a candidate it finds came from).
    let wlo = -1;
    let whi = -1;
    // Where the text every match starts with occurs next (from the current window on): a
    // window without it cannot match.
    const lit = rule.prefixLiteral;
    let litAt = -1;
    // And where the text every match holds after it occurs next (a private key's `-----END `): a
    // window without it after the prefix cannot match. Not in the reference scanner (`hitChecks: false`).
    const inner = this.noHitChecks ? undefined : rule.innerLiteral;
    let innerAt = -1;
    // With a gate: whether a hit of the current window passes its check. Every hit inside a merged
    // window of characters is one of its hits, and inside the region every keyword occurrence is a
    // hit, so a window where none passes holds no place where a match can start, unless outside the
    // region (`passesIn`: a kubeconfig's window reaches past the end of the stream's region).
    let open = false;
    const flush = (): void => {
      if (ws < 0) return;
      if (gate !== undefined && !open && !passesIn(gate.check, text, ws, gate.regionStart) && !passesIn(gate.check, text, Math.max(ws, gate.regionEnd), we)) return;
      if (lit !== undefined) {
        if (litAt < ws) {
          litAt = text.indexOf(lit, ws);
          // Not found: the text's length (past every window's end), a small integer as every other
          // value here (Infinity, a heap number, deoptimized this function and its callers).
          if (litAt < 0) litAt = text.length;
        }
        if (litAt + lit.length > we) return;
      }
      if (inner !== undefined) {
        // Every match starts at or after `litAt` (or `ws`) and holds `inner` after its prefix; windows come in order, so the search only moves forward.
        const from = lit !== undefined ? litAt + lit.length : ws;
        if (innerAt < from) {
          innerAt = text.indexOf(inner, from);
          if (innerAt < 0) innerAt = text.length;
        }
        if (innerAt + inner.length > we) return;
      }
      this.runRule(rule, text, ws, we, candidates, opts, wlo, whi);
    };
    for (let i = from; i < h.length; i++) {
      const hit = h[i]!;
      let s: number;
      let e: number;
      if (rule.window) {
        s = Math.max(0, hit - rule.window.before);
        e = Math.min(text.length, hit + rule.window.after);
      } else {
        if (hit < we) {
          whi = hit;
          continue; // already inside the current line window
        }
        s = lineStartBounded(text, hit);
        e = lineEndBounded(text, hit);
        if (e < text.length) e += 1; // include the newline so `$` and lookaheads see it
      }
      if (ws >= 0 && s <= we && (rule.source !== 'custom' || e - ws <= CUSTOM_WINDOW_MAX)) {
        we = Math.max(we, e);
      } else {
        flush();
        if (i > last) return i;
        this.stats.windows++;
        ws = s;
        we = e;
        wlo = hit;
        open = false;
      }
      whi = hit;
      if (gate !== undefined && !open) open = passesHitCheck(gate.check, text, hit);
    }
    flush();
    return h.length;
  }

  /**
   * Anchored rules: one sticky attempt at the start of the identifier holding each keyword hit. The
   * hits `carry.from` to `carry.to` (indices) whose attempt did not match and whose value may follow on
   * a later line are marked open.
   */
  private runAnchored(
    rule: CompiledRule,
    re: RegExp,
    text: string,
    hits: readonly number[],
    out: Candidate[],
    opts: ScanOptions,
    skip: Uint8Array | undefined,
    carry?: { from: number; to: number; ri: number; markOpen: (ri: number, hit: number) => void },
  ): void {
    let lastStart = -1;
    const custom = rule.source === 'custom';
    const shadow = this.shadowable[rule.index] === 1 && !this.noHitChecks ? vendorRanges(out) : undefined;
    for (let k = 0; k < hits.length; k++) {
      const hit = hits[k]!;
      if (custom && this.overBudget(rule)) return;
      const t0 = custom ? performance.now() : 0;
      try {
        let from = hit;
        if (skip !== undefined) {
          const c = text.charCodeAt(hit);
          if (c < 128) from += skip[c]!;
        }
        lastStart = this.runAnchoredAt(rule, re, text, hit, from, lastStart, out, opts, shadow);
      } finally {
        if (custom) this.customSpent[rule.index]! += performance.now() - t0;
      }
      if (carry !== undefined && k >= carry.from && k < carry.to && !this.anchoredMatched && valueOnLaterLine(text, identifierEnd(text, hit))) carry.markOpen(carry.ri, hit);
      if (this.overCap(out)) return;
    }
  }

  /**
   * One sticky attempt for one keyword hit; returns the identifier start tried (or `lastStart`).
   * `from`: where `identifierEnd` starts reading (see `identSkip`).
   */
  private runAnchoredAt(rule: CompiledRule, re: RegExp, text: string, hit: number, from: number, lastStart: number, out: Candidate[], opts: ScanOptions, shadow?: VendorRanges): number {
    // The cheap forward check first: most hits (`key` in `keys`, `monkey`) are not assigned to.
    const end = identifierEnd(text, hit, from);
    if (!assignmentAt(text, end)) {
      this.anchoredMatched = false;
      return lastStart;
    }
    let s = hit;
    const limit = Math.max(0, hit - 64);
    while (s > limit && isIdentChar(text.charCodeAt(s - 1))) s--;
    if (s === lastStart) return lastStart; // `anchoredMatched` as the identifier's attempt left it
    this.anchoredMatched = false;
    // The pattern's part after the identifier (`= "…"` and a value of its shape) first, where the
    // identifier ends: `token = await f()` costs no run of the whole pattern. (An identifier cut at
    // 64 characters has no known end: the whole pattern decides.)
    const tail = rule.afterIdentifier;
    if (tail !== undefined && !this.noHitChecks && !isIdentChar(text.charCodeAt(end))) {
      if (!glueMayMatch(text, end)) return s;
      tail.lastIndex = end;
      if (!tail.test(text)) return s;
    }
    re.lastIndex = s;
    const m = re.exec(text);
    if (!m) return s;
    this.anchoredMatched = true;
    const g = rule.secretGroup;
    const secret = typeof g === 'number' ? m[g] : m.groups?.[g];
    if (!secret) return s;
    const span = secretSpan(m, secret, g, re !== rule.sticky, rule.sticky!, text);
    if (!span) return s;
    // A built-in vendor candidate holds the same range: this one would lose to it in `dedupe`, adding
    // nothing (see `shadowable`), so it is not evaluated (its filters and checksum re-checks cost more
    // than the rest of the rule), nor are the exclusions below, which could only drop it.
    if (shadow !== undefined && shadow.get(span[0])?.includes(span[1])) return s;
    // The pattern's leading negative lookaheads, tested once the rest has matched (registry.ts).
    for (const x of rule.stickyExclusions) {
      x.lastIndex = s;
      if (x.test(text)) return s;
    }
    const c = this.evaluate(rule, text, span[0], span[1], secret, opts);
    if (c) {
      c.hitLo = c.hitHi = hit;
      out.push(c);
    }
    return s;
  }


  /**
   * Custom rules run under a time budget per scan: a rule that has used CUSTOM_RULE_BUDGET_MS is
   * skipped for the rest of the scan and named in `slowRules` (callers report it).
   */
  private overBudget(rule: CompiledRule): boolean {
    if (rule.source !== 'custom') return false;
    if (this.customSpent[rule.index]! < CUSTOM_RULE_BUDGET_MS) return false;
    this.slowRules.add(rule.spec.id);
    return true;
  }

  private runRule(rule: CompiledRule, text: string, ws: number, we: number, out: Candidate[], opts: ScanOptions, hitLo = -1, hitHi = -1): void {
    if (rule.source === 'custom') {
      if (this.overBudget(rule)) return;
      const t0 = performance.now();
      this.stats.customRuns++;
      try {
        this.runRuleUnbudgeted(rule, text, ws, we, out, opts, hitLo, hitHi);
      } finally {
        this.customSpent[rule.index]! += performance.now() - t0;
      }
      return;
    }
    this.runRuleUnbudgeted(rule, text, ws, we, out, opts, hitLo, hitHi);
  }

  private runRuleUnbudgeted(rule: CompiledRule, text: string, ws: number, we: number, out: Candidate[], opts: ScanOptions, hitLo: number, hitHi: number): void {
    const slice = ws === 0 && we === text.length ? text : text.slice(ws, we);
    const lit = rule.prefixLiteral;
    // Every match starts with the rule's prefix literal: the regex is tried, sticky, only where it
    // occurs (found by a native `indexOf`), in order, and the search goes on after each match, as
    // the global search would. A pattern that opens with a look-behind gets no fast literal scan
    // from V8 (kubeconfig's `user:` over a 4,500-character window).
    const literal = lit !== undefined && lit.length > 0;
    const plainRe = this.plainReOf(rule);
    const plain = plainRe !== null;
    const re = literal ? this.literalSticky(rule) : (plainRe ?? rule.re);
    let at = literal ? slice.indexOf(lit) : 0;
    const reported = literal && this.settledMatch[rule.index] === 1 ? opts.reportedMatch : undefined;
    re.lastIndex = 0;
    for (;;) {
      let m: RegExpExecArray | null;
      if (literal) {
        if (at < 0) return;
        if (reported !== undefined) {
          // A match reported before at this start: the same match (see ScanOptions.reportedMatch), not read again.
          const end = reported(rule.index, ws + at);
          if (end > ws + at && end <= we) {
            if (this.addCandidate(rule, text, ws + at, end, slice.slice(at, end - ws), opts, out, hitLo, hitHi)) return;
            at = slice.indexOf(lit, end - ws);
            continue;
          }
        }
        re.lastIndex = at;
        m = re.exec(slice);
        if (m === null) {
          at = slice.indexOf(lit, at + 1);
          continue;
        }
        at = slice.indexOf(lit, at + m[0].length);
      } else {
        m = re.exec(slice);
        if (m === null) return;
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
      }
      const g = rule.secretGroup;
      const secret = typeof g === 'number' ? m[g] : m.groups?.[g];
      if (!secret) continue;
      const span = secretSpan(m, secret, g, plain, rule.re, slice);
      if (!span) continue;
      if (this.addCandidate(rule, text, ws + span[0], ws + span[1], secret, opts, out, hitLo, hitHi)) return;
    }
  }

  /** A match of a windowed rule evaluated, kept in `out` with its hits when it passes; whether `out` is now past the cap. */
  private addCandidate(rule: CompiledRule, text: string, start: number, end: number, secret: string, opts: ScanOptions, out: Candidate[], hitLo: number, hitHi: number): boolean {
    const c = this.evaluate(rule, text, start, end, secret, opts);
    if (c) {
      c.hitLo = hitLo;
      c.hitHi = hitHi;
      out.push(c);
    }
    return this.overCap(out);
  }

  /** The rule's regex without the `d` flag where matchSpan.ts can place its secret group, else null (see `plainRe`). */
  private plainReOf(rule: CompiledRule): RegExp | null {
    let re = this.plainRe[rule.index];
    if (re === undefined) re = this.plainRe[rule.index] = withoutIndices(rule.re, rule.secretGroup) ?? null;
    return re;
  }

  /** As {@link plainReOf}, for the rule's anchored regex (null for a rule without one). */
  private plainStickyOf(rule: CompiledRule): RegExp | null {
    let re = this.plainSticky[rule.index];
    if (re === undefined) re = this.plainSticky[rule.index] = (rule.sticky ? withoutIndices(rule.sticky, rule.secretGroup) : undefined) ?? null;
    return re;
  }

  /** The rule's regex made sticky (for `runRuleUnbudgeted`'s literal-driven search), built on first use. */
  private literalSticky(rule: CompiledRule): RegExp {
    let re = this.stickyByRule[rule.index];
    if (re === undefined) {
      const base = this.plainReOf(rule) ?? rule.re;
      re = this.stickyByRule[rule.index] = new RegExp(base.source, base.flags.replace('g', '') + 'y');
    }
    return re;
  }

  /** Validators, entropy and the non-secret filters. */
  private evaluate(rule: CompiledRule, text: string, start: number, end: number, secret: string, opts: ScanOptions): Candidate | undefined {
    const spec = rule.spec;
    let confidence = spec.confidence;
    let validation: Validation = { status: 'unchecked', detail: spec.validator ? 'not validated' : 'format match' };
    let metadata: Record<string, MetadataValue> = {};
    let measured: Candidate['measured'];
    /** Reported before with this secret (`ScanOptions.known`): asked only where it spares a measure. */
    let known: boolean | undefined;
    if (spec.decode !== 'base64') {
      if (spec.validator) {
        const v = VALIDATORS[spec.validator](secret, { text, start, end, now: opts.now });
        validation = { status: v.status, detail: v.detail };
        if (v.metadata) metadata = { ...v.metadata };
        // The credential sits elsewhere in the match (a token in the user-name part of a URL).
        if (v.secretAt && v.secretAt.end > v.secretAt.start && v.secretAt.start >= 0 && v.secretAt.end <= text.length) {
          start = v.secretAt.start;
          end = v.secretAt.end;
          secret = text.slice(start, end);
        }
        if (v.status === 'invalid') {
          if ((spec.onInvalid ?? 'drop') === 'drop') return undefined;
          confidence = 'low';
        } else if (v.confidence) confidence = v.confidence;
      }
      if (spec.entropy !== undefined && validation.status !== 'valid' && !(known = opts.known?.(rule.index, start, end) === true)) {
        measured = { secret, entropy: shannonEntropy(secret) };
        if (measured.entropy < spec.entropy) return undefined;
      }
      // A checksum proves the token; anything else (an AWS key id decodes fine with `EXAMPLE` at the end) can still be a placeholder.
      const proven = validation.status === 'valid' && spec.validator !== undefined && CHECKSUM_VALIDATORS.has(spec.validator) && spec.validator !== 'aws-key-id';
      if (!spec.skipPlaceholderFilter && !proven && isPlaceholder(secret, spec.prefix)) return undefined;
    }
    if (isReference(secret) || isInsideReference(text, start)) return undefined;
    const generic = spec.issuer === 'generic' || spec.kind === 'generic-secret' || spec.kind === 'password';
    // A 32-hex value given to a secret-like name is an API key (Twilio, Linear…), not an MD5: the name
    // says so; so is a 40- or 64-hex value given to a `client_secret`, `credentials` or `api_key`.
    if (generic && !spec.hexOrUuidIsCredential && isHashOrId(secret) && !(spec.anchor === 'identifier' && spec.kind !== 'password' && (/^[0-9a-f]{32}$/.test(secret) || isSecretNamedHex(secret, text, start)))) return undefined;
    // A vendor token whose checksum fails is a typo or a fake: its own rule dropped it, so must the generic ones.
    if (generic && this.failsVendorChecksum(secret, text, start, end, opts)) return undefined;
    // Assignments in code: the right-hand side may be an expression, not a literal.
    if (spec.anchor === 'identifier' && ((spec.kind === 'password' ? looksLikeCodePassword(secret, isQuoted(text, start, end)) : looksLikeCode(secret)) || isEncodedWords(secret))) return undefined;
    if (validation.status !== 'valid' && isInNonSecretContext(text, start, end)) return undefined;
    if (opts.inlineIgnore !== false && isSuppressedInline(text, start)) return undefined;
    // Every field written later is there from the start: candidates keep one shape (one hidden class) in dedupe, pairing and toFinding.
    known ??= opts.known?.(rule.index, start, end) === true;
    const c: Candidate = { rule, start, end, secret, confidence, validation, metadata, container: undefined, salted: undefined, measured, example: known ? false : undefined, hitLo: -1, hitHi: -1 };
    // Keys published in vendor documentation are examples, not credentials: asked in `dedupe`, except
    // for an encoded value, which is decoded and scanned again only when it is not one (and in the
    // reference scanner, `hitChecks: false`, which asks of every candidate here).
    if ((spec.decode === 'base64' || this.noHitChecks) && this.documented(c)) return undefined;
    return c;
  }

  /** Whether the candidate's secret is a documented example key (computed once, see `Candidate.example`). */
  private documented(c: Candidate): boolean {
    if (c.example === undefined) {
      this.stats.exampleChecks++;
      const salted = fingerprint(c.secret);
      c.salted = { secret: c.secret, fingerprint: salted };
      c.example = isDocumentationExample(c.secret, salted);
    }
    return c.example;
  }

  /**
   * Past the cap on candidates of one scan: true when `out` holds more than that many that are no
   * documented examples (those are dropped from it first, as `evaluate` once dropped them).
   */
  private overCap(out: Candidate[]): boolean {
    if (out.length <= MAX_FINDINGS * 4) return false;
    let keep = 0;
    for (const c of out) if (!this.documented(c)) out[keep++] = c;
    out.length = keep;
    if (keep <= MAX_FINDINGS * 4) return false;
    this.capped = true;
    return true;
  }

  /** The secret starts with the prefix of a checksummed vendor format and its checksum is wrong. */
  private failsVendorChecksum(secret: string, text: string, start: number, end: number, opts: ScanOptions): boolean {
    for (const c of this.checksummed) {
      if (secret.startsWith(c.prefix) && VALIDATORS[c.validator](secret, { text, start, end, now: opts.now }).status === 'invalid') return true;
    }
    return false;
  }

  /**
   * Values found by `decode: 'base64'` rules are decoded and scanned again; a token inside is
   * reported under its own rule at the encoded range. A decoded `user:password` is reported
   * under the container rule with the password as the secret.
   */
  private expandDecoded(candidates: Candidate[], opts: ScanOptions): Candidate[] {
    const out: Candidate[] = [];
    // The same encoded value (a header repeated in a log) is decoded and rescanned once per scan.
    const cache = new Map<string, DecodedPart[]>();
    for (const c of candidates) {
      if (c.rule.spec.decode !== 'base64') {
        out.push(c);
        continue;
      }
      const key = c.rule.spec.id + '\u0000' + c.secret;
      let parts = cache.get(key);
      if (!parts) {
        parts = this.decodeOne(c, opts);
        cache.set(key, parts);
      }
      // The parts are final: neither they nor the values inside were documented examples (both were asked).
      for (const p of parts) {
        out.push({ ...c, rule: p.rule, secret: p.secret, confidence: p.confidence, validation: p.validation, metadata: { ...p.metadata }, container: p.container, example: false });
      }
    }
    return out;
  }

  /** What one encoded value holds: tokens under their own rules, or the container's `user:password`. */
  private decodeOne(c: Candidate, opts: ScanOptions): DecodedPart[] {
    this.stats.decodes++;
    const decoded = decodeBase64Text(c.secret);
    const meta: Record<string, MetadataValue> = { encoding: 'base64', container: c.rule.spec.id };
    if (decoded === undefined) return this.keptUndecodable(c, meta, 'base64 value that does not decode to text');
    const inner = this.candidates(decoded, { now: opts.now, inlineIgnore: false }, 1).kept;
    if (inner.length) {
      return inner.map((f) => ({
        rule: f.rule, secret: f.secret, confidence: f.confidence, validation: f.validation, metadata: { ...f.metadata, ...meta }, container: c.rule,
      }));
    }
    const spec = c.rule.spec;
    let secret = decoded;
    let validation: Validation = { status: 'unchecked', detail: 'base64-encoded value' };
    let metadata = meta;
    if (spec.validator) {
      const v = VALIDATORS[spec.validator](decoded, { text: decoded, start: 0, end: decoded.length, now: opts.now });
      if (v.status === 'invalid') {
        // Text without `user:` is kept only when it is itself random (a key encoded alone), never a word.
        if (decoded.includes(':') || isPlaceholder(decoded) || shannonEntropy(decoded) < 3.5) return [];
        // The mixed shape is the decoded text's: base64 of random letters and digits can lack a digit.
        return this.keptUndecodable(c, meta, `base64 value (${v.detail})`, decoded);
      }
      validation = { status: v.status, detail: v.detail };
      metadata = { ...(v.metadata ?? {}), ...meta };
      if (v.secretAt) secret = decoded.slice(v.secretAt.start, v.secretAt.end);
      else if (spec.validator === 'base64-credential') secret = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (secret.length < 6 || isPlaceholder(secret) || isReference(secret)) return [];
    if (spec.entropy !== undefined && shannonEntropy(secret) < spec.entropy) return [];
    return [{ rule: c.rule, secret, confidence: c.confidence, validation, metadata, container: c.container }];
  }

  /**
   * A `keepUndecodable` rule's value that did not decode as expected: the encoded value itself, at
   * low confidence, when it is long, mixed (upper, lower, digit) and random enough not to be a word.
   * `shape` is the text whose mix is checked: the decoded text when the value decoded to text.
   */
  private keptUndecodable(c: Candidate, metadata: Record<string, MetadataValue>, detail: string, shape = c.secret): DecodedPart[] {
    const v = c.secret;
    if (!c.rule.spec.keepUndecodable || v.length < 20 || !/[A-Z]/.test(shape) || !/[a-z]/.test(shape) || !/[0-9]/.test(shape)) return [];
    if (shannonEntropy(v) < 3.5 || isPlaceholder(v)) return [];
    return [{ rule: c.rule, secret: v, confidence: 'low', validation: { status: 'unchecked', detail }, metadata, container: c.container }];
  }

  /**
   * Overlapping candidates: the most specific, most confident one wins. A documented example key is
   * not a candidate (as if `evaluate` had dropped it): it is asked only of a candidate about to be
   * kept or to win, and of a loser whose metadata would merge into the winner, since no other
   * candidate changes the outcome.
   */
  private dedupe(cands: Candidate[]): Candidate[] {
    if (cands.length <= 1) return cands.length === 1 && this.documented(cands[0]!) ? [] : cands;
    const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Candidate[] = [];
    for (const c of sorted) {
      const last = out[out.length - 1];
      if (last && c.start < last.end) {
        if (c.start === last.start && c.end === last.end && c.rule === last.rule) continue;
        // A custom rule never outranks a built-in vendor match on the same text (it would rename the
        // issuer and change where the token is sent); against the generic built-ins the scores decide.
        const vendorFirst = c.rule.source === 'custom' ? isVendorBuiltin(last.rule) : last.rule.source === 'custom' && isVendorBuiltin(c.rule);
        const [win, lose] = vendorFirst ? (c.rule.source === 'custom' ? [last, c] : [c, last]) : score(c) > score(last) ? [c, last] : [last, c];
        if (win === c && this.documented(c)) continue;
        // Same value found by two rules: keep what the other decoded (e.g. JWT claims of a kubeconfig token).
        // (A loser with the winner's secret is no documented example either: that depends on the secret only.)
        if (win.start === lose.start && win.end === lose.end && !(lose === c && c.secret !== win.secret && this.documented(c))) {
          for (const [k, v] of Object.entries(lose.metadata)) if (!(k in win.metadata)) win.metadata[k] = v;
        }
        out[out.length - 1] = win;
        continue;
      }
      if (!this.documented(c)) out.push(c);
    }
    return out;
  }

  /**
   * Multi-part credentials (e.g. an AWS secret key and its key id a few lines apart). Near-linear:
   * the nearest partners come from a binary search in a sorted list, and line distances are counted
   * in the (at most 8 KB) span between the two. Only the partner's identifier and a few descriptive fields
   * (`PAIR_COPIED_METADATA`) are copied: never claims such as a JWT's `iss`, which must come from
   * the secret's own claims (they decide where a token may be sent).
   */
  private pair(cands: Candidate[], text: string): void {
    const wanted = new Set<string>();
    for (const c of cands) if (c.rule.spec.pairsWith) wanted.add(c.rule.spec.pairsWith.ruleId);
    if (!wanted.size) return;
    const partners = new Map<string, Candidate[]>();
    for (const o of cands) {
      if (!wanted.has(o.rule.spec.id)) continue;
      let list = partners.get(o.rule.spec.id);
      if (!list) partners.set(o.rule.spec.id, (list = []));
      list.push(o);
    }
    for (const c of cands) {
      const p = c.rule.spec.pairsWith;
      if (!p) continue;
      const list = partners.get(p.ruleId);
      if (!list) continue;
      // Partners are sorted by start (dedupe's order): the nearest one before and after `c` are the
      // only ones to try, since a farther partner spans more text and more lines.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.start <= c.start) lo = mid + 1;
        else hi = mid;
      }
      let best: Candidate | undefined;
      let bestDist = Infinity;
      for (const o of [list[lo - 1] === c ? list[lo - 2] : list[lo - 1], list[lo]]) {
        if (!o || o === c) continue;
        this.stats.pairChecks++;
        const dist = Math.abs(o.start - c.start);
        if (dist >= bestDist) continue;
        const from = Math.min(o.start, c.start);
        const to = Math.max(o.end, c.end);
        if (to - from > 8192) continue;
        if (newlinesBetween(text, from, to, p.withinLines) > p.withinLines) continue;
        best = o;
        bestDist = dist;
      }
      if (best) {
        c.metadata[p.metadataKey] = best.secret;
        for (const k of PAIR_COPIED_METADATA) {
          const v = best.metadata[k];
          if (v !== undefined && !(k in c.metadata)) c.metadata[k] = v;
        }
        c.metadata.pairedWith = this.fingerprintOfCandidate(best).fingerprint;
        best.metadata.pairedWith = this.fingerprintOfCandidate(c).fingerprint;
      }
    }
  }

  /** The fingerprints of a candidate's secret (`Fingerprinter.of`), its unkeyed one taken from `documented` and its entropy from `evaluate` when those computed them. */
  private fingerprintOfCandidate(c: Candidate): { fingerprint: string; legacy?: string } {
    return this.fingerprinter.of(c.secret, subjectOf(c.rule), c.salted?.secret === c.secret ? c.salted.fingerprint : undefined, c.measured?.secret === c.secret ? c.measured.entropy : undefined);
  }

  private toFinding(c: Candidate, positionAt: (o: number) => { line: number; col: number }, ttlMs: number | undefined): Finding {
    const spec = c.rule.spec;
    const s = positionAt(c.start);
    const e = positionAt(c.end);
    const fp = this.fingerprintOfCandidate(c);
    const metadata: Record<string, MetadataValue> = {};
    for (const [k, v] of Object.entries(c.metadata)) {
      if (typeof v === 'string' && v.length >= 8 && (v.includes(c.secret) || (c.secret.length >= 8 && c.secret.includes(v) && k !== c.rule.spec.pairsWith?.metadataKey))) continue;
      if (USER_NAME_KEYS.has(k)) continue;
      metadata[k] = v;
    }
    const finding: Finding = {
      ruleId: spec.id,
      issuer: spec.issuer,
      name: spec.name,
      range: { start: c.start, end: c.end, startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col },
      confidence: c.confidence,
      severity: spec.severity,
      kind: spec.kind,
      cliIssued: spec.cliIssued ?? false,
      machineIdentity: spec.machineIdentity ?? false,
      revocation: spec.revocation,
      fingerprint: fp.fingerprint,
      redacted: redact(c.secret, spec.prefix),
      // Last line of defence: no human-facing text carries the secret or anything token-shaped.
      validation: { status: c.validation.status, detail: scrubText(c.validation.detail, [c.secret]) },
      metadata,
    };
    return withLegacyFingerprint(withSecret(finding, c.secret, ttlMs === undefined ? {} : { ttlMs }), fp.legacy);
  }
}

function subjectOf(rule: CompiledRule): { kind: CompiledRule['spec']['kind']; issuer: string; builtin: boolean } {
  return { kind: rule.spec.kind, issuer: rule.spec.issuer, builtin: rule.source === 'builtin' };
}

/** Decodes standard or URL-safe base64 to text; undefined unless it decodes to printable UTF-8. */
export function decodeBase64Text(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 8 || v.length > MAX_DECODE_LENGTH || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return undefined;
  const s = utf8Text(base64Bytes(v));
  if (s.includes('\uFFFD')) return undefined;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 || c === 9 || c === 10 || c === 13) printable++;
  }
  return printable / Math.max(1, s.length) > 0.97 ? s : undefined;
}

/** The secret of a finding, for the few places that must act on it (store, revoke). */
export function secretOf(f: Finding): string {
  const s = f.secret;
  if (typeof s !== 'string') throw new Error(`finding ${f.fingerprint} carries no secret`);
  return s;
}
