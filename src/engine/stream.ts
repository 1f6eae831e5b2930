// Streaming scanner for terminal data: feed chunks as they arrive, get each finding once.
// Escape sequences (CSI colours, OSC titles and VS Code's `633` shell-integration marks, DCS…) are
// stripped by a state machine that survives chunk boundaries; offsets are mapped back to the raw
// stream. A token split across chunks is found once the rest of it arrives. Memory is bounded.

import { boundedHead, type RegexHead } from './regexHead';
import type { CompiledRule } from './registry';
import { isVendorBuiltin, type ScanDetail, type Scanner } from './scanner';
import { LINE_CAP, lineStartBounded } from './textutil';
import type { Finding } from './types';

const enum State { Text, Esc, EscIntermediate, Csi, Osc, OscEsc, Str, StrEsc }

/** A run of visible text: visible offset `vis` (in the stripper's output) starts at raw offset `raw`. */
export interface Segment {
  vis: number;
  raw: number;
}

/** Where the stripper appends the segments of the text it keeps (in order). */
export interface SegmentSink {
  add(vis: number, raw: number): void;
}

/** Segments as objects (what `EscapeStripper.feed` returns). */
class SegmentArray implements SegmentSink {
  readonly list: Segment[] = [];
  add(vis: number, raw: number): void {
    this.list.push({ vis, raw });
  }
}

/**
 * The streaming scanner's segments, oldest first, in two arrays of numbers (no object per run of
 * text: a coloured chunk has dozens), dropped from the front by moving `head` and compacted only
 * once most of the arrays are dropped, so a push does not shift what it keeps.
 */
export class SegmentLog implements SegmentSink {
  private vis: number[] = [];
  private raw: number[] = [];
  private head = 0;

  /** Segments kept. */
  get length(): number {
    return this.vis.length - this.head;
  }

  add(vis: number, raw: number): void {
    this.vis.push(vis);
    this.raw.push(raw);
  }

  /** Drops the segments that end at or before visible offset `from` (the one holding it stays). */
  dropBefore(from: number): void {
    const vis = this.vis;
    let h = this.head;
    while (h + 1 < vis.length && vis[h + 1]! <= from) h++;
    if (h >= 256 && h * 2 >= vis.length) {
      this.vis = vis.slice(h);
      this.raw = this.raw.slice(h);
      h = 0;
    }
    this.head = h;
  }

  /** Raw stream offset of a visible stream offset (binary search). */
  toRaw(v: number): number {
    const vis = this.vis;
    let lo = this.head;
    let hi = vis.length - 1;
    if (hi < lo) return v;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (vis[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return this.raw[lo]! + (v - vis[lo]!);
  }
}

/** Control characters the stripper acts on other than ESC and NUL: BEL, DEL and the C1 introducers (rare in terminal output). */
const RARE_CONTROLS = ['\u0007', '\u007f', '\u0090', '\u0098', '\u009b', '\u009d', '\u009e', '\u009f'];

/** A Node Buffer, as far as the NUL search uses one. */
type Latin1Bytes = Uint8Array & { write(s: string, offset: number, length: number, encoding: 'latin1'): number; indexOf(value: number, byteOffset: number): number };

/** Node's `Buffer`, read through globalThis: the browser build has none (its NUL search is `indexOf`). */
const NodeBuffer = (globalThis as { Buffer?: { alloc(size: number): Latin1Bytes } }).Buffer;

/** Longest chunk whose NUL search goes through its bytes (a longer one, rare, is searched as a string). */
const NUL_BYTES_MAX = 1 << 16;
/**
 * Shortest chunk whose NUL search goes through its bytes: below this, reading a two-byte string
 * character by character costs less than the call that copies it (a small push, such as a
 * keystroke's echo, is searched as a string).
 */
const NUL_BYTES_MIN = 256;

/**
 * Where each control character next occurs in one chunk, found with `indexOf` (a memchr for each
 * character: an order of magnitude faster than a character-class regex or a loop over the chunk)
 * and searched again only once passed, so a chunk full of escapes is still read once per character.
 * ESC, the one that is common, is followed on its own; the others are searched as a group.
 * Measured per 4 KB chunk of the bench's mixes (one-byte / two-byte text): all ten searches 0.8 /
 * 0.9 us; one character-class regex 2.9 us on plain text; telling ASCII text (no C1 control
 * possible) by `Buffer.byteLength(chunk, 'utf8') === chunk.length` costs 0.6 / 2.2 us, more than the
 * searches it would spare.
 */
class ControlFinder {
  private chunk = '';
  /** The next ESC (the chunk's length when there is none), -1 before the first search. */
  private esc = -1;
  /** The next of the other control characters (as `esc`). */
  private rare = -1;
  /** Per control character of RARE_CONTROLS, then NUL: its next position (as `esc`). */
  private readonly next = new Int32Array(RARE_CONTROLS.length + 1);
  /** The chunk's characters as latin1 bytes (their low bytes), for the NUL search. */
  private bytes: Latin1Bytes | undefined;
  private written = false;

  reset(chunk: string): void {
    this.chunk = chunk;
    this.esc = -1;
    this.rare = -1;
    this.next.fill(-1);
    this.written = false;
  }

  /**
   * Position of the first control character at or after `from`, or the chunk's length. (Reading the
   * first 16 characters one by one before calling `indexOf`, for the next sequence a few characters on
   * in coloured output, was measured slower: 2.7-3.2 -> 3.2 us per 4 KB chunk of the bench's mix 2.)
   */
  from(from: number): number {
    let esc = this.esc;
    if (esc < from) {
      esc = this.chunk.indexOf('\u001b', from);
      this.esc = esc = esc < 0 ? this.chunk.length : esc;
    }
    let rare = this.rare;
    if (rare < from) this.rare = rare = this.rareFrom(from);
    return esc < rare ? esc : rare;
  }

  private rareFrom(from: number): number {
    const chunk = this.chunk;
    const next = this.next;
    let min = chunk.length;
    for (let k = 0; k < RARE_CONTROLS.length; k++) {
      let at = next[k]!;
      if (at < from) {
        at = chunk.indexOf(RARE_CONTROLS[k]!, from);
        next[k] = at = at < 0 ? chunk.length : at;
      }
      if (at < min) min = at;
    }
    let nul = next[RARE_CONTROLS.length]!;
    if (nul < from) next[RARE_CONTROLS.length] = nul = this.nulFrom(from);
    return nul < min ? nul : min;
  }

  /**
   * The next NUL. In a two-byte string `indexOf('\0')` reads character by character (V8 cannot use
   * memchr there: every ASCII character has a zero byte), ten times the cost of the other searches
   * together; the chunk's low bytes (a latin1 copy) are searched instead, and each zero byte is
   * checked (U+2500, U+3000… have one too).
   */
  private nulFrom(from: number): number {
    const chunk = this.chunk;
    const n = chunk.length;
    if (NodeBuffer === undefined || n > NUL_BYTES_MAX || n < NUL_BYTES_MIN) {
      const at = chunk.indexOf('\0', from);
      return at < 0 ? n : at;
    }
    let bytes = this.bytes;
    if (bytes === undefined || bytes.length <= n) {
      bytes = this.bytes = NodeBuffer.alloc(Math.max(4096, 2 << Math.floor(Math.log2(n))));
      this.written = false;
    }
    if (!this.written) {
      bytes.write(chunk, 0, n, 'latin1');
      bytes[n] = 0; // the search stops at the chunk's end
      this.written = true;
    }
    for (let at = bytes.indexOf(0, from); ; at = bytes.indexOf(0, at + 1)) {
      if (at >= n || chunk.charCodeAt(at) === 0) return at;
    }
  }
}

/**
 * Longest chunk whose plain-text test is one character-class regex (`CONTROL`) rather than the
 * ControlFinder's ten searches, whose calls cost more than the regex's read of a short chunk: per
 * piece of the bench's mix 1 (one-byte) / mix 2, 256 characters 0.48 -> 0.35 / 0.72 -> 0.67 us, 64
 * characters 0.28 -> 0.20 / 0.42 -> 0.29 us; no gain at 512, and at 4 KB the searches win (see ControlFinder).
 */
const PLAIN_TEST_MAX = 256;
/** The control characters the stripper acts on: NUL, ESC and RARE_CONTROLS. */
const CONTROL = new RegExp(`[\\u0000\\u001b${RARE_CONTROLS.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`);

/**
 * Stateful ANSI/OSC stripper. `feed` returns the visible text and the segments that map it back to
 * raw offsets (one segment per run of text between escape sequences). Plain text without escape
 * characters passes through as one slice.
 */
export class EscapeStripper {
  private state = State.Text;
  private rawOffset = 0;
  private visOffset = 0;
  private readonly controls = new ControlFinder();

  feed(chunk: string): { text: string; segments: Segment[] } {
    const segments = new SegmentArray();
    return { text: this.strip(chunk, segments), segments: segments.list };
  }

  /** The visible text of `chunk`; its segments are added to `segments`. */
  strip(chunk: string, segments: SegmentSink): string {
    const n = chunk.length;
    const raw = this.rawOffset;
    this.rawOffset += n;
    const controls = this.controls;
    controls.reset(chunk);
    // Fast path: plain text (no escape, no C0/C1 control we drop) passes through as one slice.
    if (this.state === State.Text && (n <= PLAIN_TEST_MAX ? !CONTROL.test(chunk) : controls.from(0) === n)) {
      if (n > 0) segments.add(this.visOffset, raw);
      this.visOffset += n;
      controls.reset('');
      return chunk;
    }
    let text = '';
    let vis = this.visOffset;
    let state = this.state;
    let i = 0;
    while (i < n) {
      if (state === State.Text) {
        // Visible text up to the next control character.
        const at = controls.from(i);
        if (at > i) {
          // Concatenated, not joined: the scanner flattens the buffer this is appended to anyway,
          // where a join would copy the text once more (widening each one-byte piece when the
          // chunk holds a wide character). Measured on the 30 pieces of a 4 KB chunk of the bench's
          // mix 2, flattened: 2.1 us concatenated, 3.0 joined, 4.6 by a replace of the CSI sequences.
          // This (about half of mix 2's escape stripping) is the cost of a visible text in pieces.
          text += chunk.slice(i, at);
          segments.add(vis, raw + i);
          vis += at - i;
        }
        if (at === n) break;
        const c = chunk.charCodeAt(at);
        i = at + 1;
        if (c === 0x1b) {
          state = State.Esc;
          // A CSI sequence (colours, the common case) is read to its final byte here, as the Csi state would.
          if (i < n && chunk.charCodeAt(i) === 0x5b) {
            state = State.Csi;
            for (i++; i < n; ) {
              const d = chunk.charCodeAt(i++);
              if (d >= 0x40 && d <= 0x7e) {
                state = State.Text;
                break;
              }
              if (d === 0x1b) {
                state = State.Esc;
                break;
              }
            }
          }
        } else if (c === 0x9b) state = State.Csi;
        else if (c === 0x9d) state = State.Osc;
        else if (c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) state = State.Str;
        // BEL, NUL and DEL are invisible: dropped.
        continue;
      }
      const c = chunk.charCodeAt(i++);
      switch (state) {
        case State.Esc:
          if (c === 0x5b) state = State.Csi; // [
          else if (c === 0x5d) state = State.Osc; // ]
          else if (c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) state = State.Str; // P X ^ _
          else if (c >= 0x20 && c <= 0x2f) state = State.EscIntermediate; // ( ) # % …
          else state = State.Text; // single-char escape (ESC = , ESC > , ESC 7 …)
          break;
        case State.EscIntermediate:
          if (c < 0x20 || c > 0x2f) state = State.Text;
          break;
        case State.Csi:
          if (c >= 0x40 && c <= 0x7e) state = State.Text;
          else if (c === 0x1b) state = State.Esc;
          break;
        case State.Osc:
          if (c === 0x07 || c === 0x9c) state = State.Text;
          else if (c === 0x1b) state = State.OscEsc;
          break;
        case State.OscEsc:
          state = c === 0x5c ? State.Text : State.Osc;
          break;
        case State.Str:
          if (c === 0x9c) state = State.Text;
          else if (c === 0x1b) state = State.StrEsc;
          break;
        case State.StrEsc:
          state = c === 0x5c ? State.Text : State.Str;
          break;
        default:
          break;
      }
    }
    this.state = state;
    this.visOffset = vis;
    controls.reset('');
    return text;
  }
}

/** Strips escape sequences from a complete string. */
export function stripEscapes(s: string): string {
  return new EscapeStripper().feed(s).text;
}

export interface StreamFinding extends Finding {
  /** Offsets in the raw stream (everything pushed so far, escapes included). */
  rawStart: number;
  rawEnd: number;
}

export interface StreamScannerOptions {
  /**
   * Most visible text kept before new data (default: what the rules can look back, 8 KiB and a
   * bit). Only a rule that looks far back (a `window.before` over {@link NEAR_BEFORE}) needs all
   * of it, and only when its keyword arrives; otherwise the scanner keeps the lines that new text
   * can read (see `StreamScanner.contextStart`).
   */
  keep?: number;
  /** Hard cap on buffered visible text while a match is still open (default 256 KiB). */
  maxBuffer?: number;
  now?: number;
  /** Honour `token-custody: ignore` comments (default true). */
  inlineIgnore?: boolean;
  /**
   * Findings forget their secret this long after they are reported (default: kept until the
   * finding is dropped). Terminal findings use {@link TERMINAL_SECRET_TTL_MS}.
   */
  secretTtlMs?: number;
  /**
   * Characters (escapes included) that pushes may add before the scanner runs (default
   * {@link DEFER_UP_TO}): a smaller push only strips its escapes and appends its text, and the findings it completes are reported by the push
   * that reaches this much, by `flush` or by `end`. Output in small pieces then costs about what it
   * costs in 4 KB chunks (each run evaluates again the open hits of the line it cuts, a private
   * key's over up to 16 KB). 0 runs the scanner on every push.
   */
  deferUpTo?: number;
}

/**
 * Default of `StreamScannerOptions.deferUpTo`: pushes of fewer characters together wait for more.
 * Measured with the bench's mix 1 pushed 256 characters at a time (see CONTRIBUTING.md).
 */
export const DEFER_UP_TO = 4096;

/**
 * Rules whose window reaches at most this far back before their keyword are served by the short
 * tail the streaming scanner keeps; the others (Kubernetes Secret data, service-account keys, JWKs)
 * get the long tail, joined back only when their keyword arrives.
 */
export const NEAR_BEFORE = 256;
/** Text before a line that the scanner may read for a finding in it (look-behinds, name and reference checks: ≤ 120). */
const CONTEXT_BEFORE = 256;

/** How long a terminal finding keeps its secret in memory (for "Move to keychain" / "Revoke" from the notification). */
export const TERMINAL_SECRET_TTL_MS = 15 * 60 * 1000;

/**
 * The head of a rule whose open keyword hits it can let go of once the head fails there (undefined for
 * the other rules): every match of the rule starts at one of its own keyword hits (the pattern's
 * literal prefix begins with a keyword), and its window does not reach back before the hit. A match
 * at a later hit is that hit's to find, so an open hit matters only for a match starting at it, and
 * none can once the head fails with `maxLength` characters after it.
 */
export function openHitHead(rule: CompiledRule): RegexHead | undefined {
  const lit = rule.prefixLiteral?.toLowerCase();
  if (lit === undefined || (rule.window !== null && rule.window.before > 0) || !rule.keywords.some((k) => lit.startsWith(k))) return undefined;
  return boundedHead(rule.re.source, rule.re.flags);
}

/**
 * `openHitHead` of each of a scanner's rules, computed once per scanner (a few hundred microseconds:
 * a stream is made per terminal, and per test case).
 */
const headsByScanner = new WeakMap<Scanner, (RegexHead | undefined)[]>();

function headsOf(scanner: Scanner): readonly (RegexHead | undefined)[] {
  let heads = headsByScanner.get(scanner);
  if (heads === undefined) headsByScanner.set(scanner, (heads = scanner.rules.map(openHitHead)));
  return heads;
}

/** No match of the head's rule can start at `at` in `text` or in any text that continues it. */
function cannotStartAt(head: RegexHead, text: string, at: number): boolean {
  if (text.length - at < head.maxLength) return false;
  head.re.lastIndex = at;
  return !head.re.test(text);
}

/**
 * The ranges of a stream's reported findings, sorted by start, with the largest end up to each one (so
 * the ranges overlapping a given one are found by a binary search and a short walk back).
 */
class ReportedSpans {
  private starts: number[] = [];
  private ends: number[] = [];
  private maxEnds: number[] = [];
  private vendor: boolean[] = [];
  private rules: number[] = [];
  /** Per range: its finding's secret is the range's text and its validation was not `valid` (see `knows`). */
  private known: boolean[] = [];

  get length(): number {
    return this.starts.length;
  }

  add(start: number, end: number, rule: number, vendor: boolean, known: boolean): void {
    const starts = this.starts;
    let i = starts.length;
    while (i > 0 && starts[i - 1]! > start) i--; // findings come in order, but for a held one reported late
    starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
    this.vendor.splice(i, 0, vendor);
    this.rules.splice(i, 0, rule);
    this.known.splice(i, 0, known);
    this.maxEnds.splice(i, 0, 0);
    for (let k = i; k < starts.length; k++) this.maxEnds[k] = Math.max(k > 0 ? this.maxEnds[k - 1]! : 0, this.ends[k]!);
  }

  /** Whether a candidate of rule `rule` over [start, end) is held: it overlaps a built-in vendor's reported range, or is one reported. */
  holds(rule: number, start: number, end: number): boolean {
    for (let k = this.firstStartingAt(end) - 1; k >= 0 && this.maxEnds[k]! > start; k--) {
      if (this.ends[k]! > start && (this.vendor[k] || (this.rules[k] === rule && this.starts[k] === start && this.ends[k] === end))) return true;
    }
    return false;
  }

  /** Whether a finding of rule `rule` over [start, end) was reported with the text of that range as its secret and a validation other than `valid` (`ScanOptions.known`). */
  knows(rule: number, start: number, end: number): boolean {
    return this.knownAt(rule, start, end) >= 0;
  }

  /** The end of the range of rule `rule` reported from `start` as `knows` tells it (its secret is the range's text), or -1. */
  knownEnd(rule: number, start: number): number {
    const k = this.knownAt(rule, start, -1);
    return k < 0 ? -1 : this.ends[k]!;
  }

  /** The index of the first range `knows` tells of, of rule `rule` from `start` (to `end`; any end when -1), or -1. */
  private knownAt(rule: number, start: number, end: number): number {
    const starts = this.starts;
    for (let k = this.firstStartingAt(start); k < starts.length && starts[k] === start; k++) if (this.rules[k] === rule && this.known[k] && (end < 0 || this.ends[k] === end)) return k;
    return -1;
  }

  /** The index of the first reported span starting at or after `at` (spans are sorted by start). */
  private firstStartingAt(at: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Forgets the ranges that start before `from`. */
  dropBefore(from: number): void {
    let n = 0;
    while (n < this.starts.length && this.starts[n]! < from) n++;
    if (n === 0) return;
    this.starts = this.starts.slice(n);
    this.ends = this.ends.slice(n);
    this.maxEnds = this.maxEnds.slice(n);
    this.vendor = this.vendor.slice(n);
    this.rules = this.rules.slice(n);
    this.known = this.known.slice(n);
  }
}

/**
 * Feed terminal chunks with `push`; each returns findings completed by that chunk, each reported
 * once (by fingerprint and position). Call `end` when the stream closes to flush what is pending.
 */
export class StreamScanner {
  private readonly stripper = new EscapeStripper();
  private buf = '';
  /** Segments mapping visible stream offsets to raw stream offsets, oldest first. */
  private readonly segments = new SegmentLog();
  /** Visible offset (in the whole stream) of buf[0]. */
  private base = 0;
  /** Keyword search resumes here (visible stream offset): each position is searched once. */
  private scanFrom = 0;
  /**
   * The last characters of the buffer whose keyword search waits for the next push (the longest
   * keyword less one, at most 63): a keyword starting there may be cut by the chunk boundary, and
   * searching them now and again later would evaluate a complete keyword twice (the second time
   * without the hits around it, so a generic `auth_token=` finding came back beside the Twilio one
   * that had won its dedupe).
   */
  private readonly deferred: number;
  private readonly reported = new Set<string>();
  /**
   * The ranges of the reported findings (stream offsets): a hit still open finds them again on the
   * next push, and the scanner does not build them again (`ScanOptions.held`); nor a candidate that
   * overlaps a built-in vendor finding, which a scan of the whole text would have dropped in `dedupe`
   * (it keeps no two overlapping candidates): an open hit evaluated again (a `curl -u`'s, a netrc's, a
   * private key's) meets none of the vendor candidates that won its range in an earlier run once their
   * hits have closed (a service-account key's, 9 KB on). (A generic finding reported before a
   * far-looking rule's keyword arrived, such as a Kubernetes Secret's value, does not hold that rule's.)
   */
  private readonly spans = new ReportedSpans();
  /**
   * `ScanOptions.held` of a run: the findings reported before, and the candidates they overlap.
   * (Those that more text may still change, such as one touching the end of the buffer, are left to
   * a later run by `ScanOptions.openEnded`.)
   */
  private readonly held = (ri: number, start: number, end: number): boolean => this.spans.holds(ri, this.base + start, this.base + end);
  /** `ScanOptions.known` of a run: the reported findings whose entropy and example check need not be asked again. */
  private readonly known = (ri: number, start: number, end: number): boolean => this.spans.knows(ri, this.base + start, this.base + end);
  /** `ScanOptions.reportedMatch` of a run: where a reported finding that starts there ends (a private key's open hit finds it again). */
  private readonly reportedMatch = (ri: number, start: number): number => {
    const end = this.spans.knownEnd(ri, this.base + start);
    return end < 0 ? -1 : end - this.base;
  };
  /** Keyword hits whose match may continue in data not seen yet: rule index → stream offsets. */
  private readonly openHits = new Map<number, number[]>();
  /**
   * Visible text before `buf` (oldest first), kept as the pieces trimmed off it, joined back in
   * front of `buf` only when a far-looking rule is hit. `buf` and `older` together hold at least
   * `keep` characters before the end whenever the stream has that many. The pieces before
   * `olderHead` are dropped (small pushes trim a small piece each: the array is compacted only once
   * most of it is dropped, not shifted on every push).
   */
  private older: string[] = [];
  private olderHead = 0;
  private olderLength = 0;
  private readonly keep: number;
  private readonly maxBuffer: number;
  /** Per rule index: true for the rules that look back more than NEAR_BEFORE (they need `older`). */
  private readonly farRules: boolean[];
  /** How far back the other rules' windows reach before their keyword (at most NEAR_BEFORE). */
  private readonly nearBefore: number;
  /** Per rule index: the head of its pattern, for the rules whose open hits it can let go of (see `openHitHead`). */
  private readonly heads: readonly (RegexHead | undefined)[];
  /** Per rule index: whether it is a built-in vendor rule (see `heldSpans`). */
  private readonly vendorRules: boolean[];
  /** Characters pushed since the last run, escapes included (see `StreamScannerOptions.deferUpTo`). */
  private pendingLength = 0;
  private readonly deferUpTo: number;

  constructor(private readonly scanner: Scanner, private readonly opts: StreamScannerOptions = {}) {
    // Enough text before new data for any rule to see its context: a line (LINE_CAP) or a rule's `window.before`.
    this.keep = opts.keep ?? Math.max(LINE_CAP, ...scanner.rules.map((r) => r.window?.before ?? 0)) + 64;
    this.maxBuffer = opts.maxBuffer ?? 256 * 1024;
    this.farRules = scanner.rules.map((r) => (r.window?.before ?? 0) > NEAR_BEFORE);
    this.nearBefore = Math.max(0, ...scanner.rules.map((r) => r.window?.before ?? 0).filter((b) => b <= NEAR_BEFORE));
    this.heads = headsOf(scanner);
    this.vendorRules = scanner.rules.map(isVendorBuiltin);
    this.deferUpTo = opts.deferUpTo ?? DEFER_UP_TO;
    this.deferred = Math.min(64, Math.max(1, ...scanner.rules.flatMap((r) => r.keywords.map((k) => k.length)))) - 1;
  }

  push(chunk: string): StreamFinding[] {
    const text = this.stripper.strip(chunk, this.segments);
    if (!text) return [];
    this.buf += text;
    this.pendingLength += chunk.length;
    // Too little new text to scan yet: the next pushes add to it (a run over the pieces together
    // finds what runs over each would, once each).
    if (this.pendingLength < this.deferUpTo) return [];
    return this.run(false);
  }

  /** Whether pushed text waits for a scan (`flush` or `end` reports what it holds). */
  get pending(): boolean {
    return this.pendingLength > 0;
  }

  /**
   * Scans the text that pushes left waiting (see `StreamScannerOptions.deferUpTo`) and returns the
   * findings it completes, as a push of it would have; the stream goes on.
   */
  flush(): StreamFinding[] {
    return this.pendingLength > 0 ? this.run(false) : [];
  }

  end(): StreamFinding[] {
    return this.run(true);
  }

  private run(final: boolean): StreamFinding[] {
    this.pendingLength = 0;
    if (!this.buf) return [];
    let detail = this.scanBuffer(final);
    // A far-looking rule (a Kubernetes Secret's `data:` before its `kind: Secret`, a service-account
    // key's fields around `service_account`) was hit: scan again with the text kept in `older`
    // in front, as much as the rules can read. Rare in ordinary output, which costs one scan.
    if (this.olderLength > 0 && this.hitsFarRule(detail.hitRules)) {
      this.buf = (this.olderHead > 0 ? this.older.slice(this.olderHead) : this.older).join('') + this.buf;
      this.base -= this.olderLength;
      this.older = [];
      this.olderHead = 0;
      this.olderLength = 0;
      detail = this.scanBuffer(final);
    }
    const out: StreamFinding[] = [];
    for (const f of detail.findings) {
      const key = `${f.fingerprint}@${this.base + f.range.start}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      const rule = this.scanner.rule(f.ruleId);
      if (rule) {
        // Known (`ScanOptions.known`) only when the secret is the range's text (not a value decoded
        // from it) and the entropy floor was measured (a `valid` finding skips it).
        const known = f.validation.status !== 'valid' && f.secret === this.buf.slice(f.range.start, f.range.end);
        this.spans.add(this.base + f.range.start, this.base + f.range.end, rule.index, this.vendorRules[rule.index] === true, known);
      }
      const rawStart = this.toRaw(this.base + f.range.start);
      const rawEnd = this.toRaw(this.base + f.range.end - 1) + 1;
      // The scanner built this finding for this run only (with the stream's secret lifetime): it gets
      // its raw offsets in place, no copy (a copy and its hidden secret cost more than the finding).
      const sf = f as Finding & { rawStart?: number; rawEnd?: number };
      sf.rawStart = rawStart;
      sf.rawEnd = rawEnd;
      out.push(sf as StreamFinding);
    }
    this.scanFrom = this.base + this.regionEnd(final);
    // Open hits carry over, unless they are so old that their match can never close.
    this.openHits.clear();
    // Keep what the next run can read: the context of a keyword arriving next (it may start up to
    // 64 characters back, where the keyword search resumes) and of each hit still open.
    let keepFrom = this.contextStart(this.buf.length - 64, this.nearBefore);
    if (!final) {
      for (const [ri, offsets] of detail.openHits) {
        const head = this.heads[ri];
        let live: number[] | undefined;
        for (const o of offsets) {
          if (this.buf.length - o > this.maxBuffer || (head && cannotStartAt(head, this.buf, o))) continue;
          (live ??= []).push(o + this.base);
        }
        if (!live) continue;
        this.openHits.set(ri, live);
        keepFrom = Math.min(keepFrom, this.contextStart(live[0]! - this.base, this.scanner.rules[ri]?.window?.before ?? 0));
      }
    }
    // Trimmed on every run: the slice shares the old text (no copy), and the next push copies
    // the buffer once anyway (V8 flattens `buf + text` on first read), so a shorter buffer is
    // less to copy and to collect. What is trimmed goes to `older` (for a far-looking rule),
    // which keeps no more than `keep` characters with the buffer.
    if (keepFrom > 0) {
      this.older.push(this.buf.slice(0, keepFrom));
      this.olderLength += keepFrom;
      this.buf = this.buf.slice(keepFrom);
      this.base += keepFrom;
      const older = this.older;
      let head = this.olderHead;
      while (head < older.length && this.olderLength - older[head]!.length + this.buf.length >= this.keep) {
        this.olderLength -= older[head]!.length;
        older[head++] = ''; // its text (and the buffer it is a slice of) can be collected now
      }
      if (head >= 64 && head * 2 >= older.length) {
        this.older = older.slice(head);
        head = 0;
      }
      this.olderHead = head;
      // Segments are kept from where `older` starts (a far-looking rule's finding may lie there).
      this.segments.dropBefore(this.base - this.olderLength);
    }
    if (this.reported.size > 4096 || this.spans.length > 4096) this.pruneReported();
    return out;
  }

  /** Whether one of these rules (by index) looks far back. */
  private hitsFarRule(rules: readonly number[]): boolean {
    for (const ri of rules) if (this.farRules[ri]) return true;
    return false;
  }

  /** Where this run's keyword search ends in the buffer: before the deferred characters, unless the stream ends. */
  private regionEnd(final: boolean): number {
    const start = Math.max(0, this.scanFrom - this.base);
    return final ? this.buf.length : Math.max(start, this.buf.length - this.deferred);
  }

  /**
   * One scan of the buffer: keyword search over the new text, open hits evaluated again.
   * Measured (bench mixes, 4 KB chunks) and not worth changing: the buffer is the kept text plus the
   * new one (~800 + 4,096 characters), and making it one string costs 0.1-0.4 us; only the deferred
   * characters of the last run are searched again (they were not searched then); the keyword
   * search's fixed cost per call is ~0.5 us of its ~7. Telling the scanner that every keyword on the
   * region's first line is a hit (an open one, or one whose head failed), so that line's windows
   * need a passing hit like the others, gave the same findings and no measurable change (22.6-23.8 us
   * both ways). A private key's open hit is evaluated again on each of the four chunks after the key
   * (letting go of it would drop its match from later dedupe); its reported match is taken as it was
   * (`ScanOptions.reportedMatch`: a lazy body up to its END line cannot change), not read again by
   * its pattern (30-110 us each of those chunks before).
   */
  private scanBuffer(final: boolean): ScanDetail {
    // Keyword search covers only new text (from where the last run's search ended, so a keyword cut
    // by a chunk boundary is searched whole); hits left open by the previous run are evaluated
    // again with the longer text.
    const regionStart = Math.max(0, this.scanFrom - this.base);
    let extraHits: Map<number, number[]> | undefined;
    for (const [ri, offsets] of this.openHits) {
      let rel: number[] | undefined;
      for (const o of offsets) if (o >= this.base && o - this.base < regionStart) (rel ??= []).push(o - this.base);
      if (rel) (extraHits ??= new Map()).set(ri, rel);
    }
    return this.scanner.scanDetailed(this.buf, {
      region: { start: regionStart, end: this.regionEnd(final) },
      extraHits,
      now: this.opts.now,
      inlineIgnore: this.opts.inlineIgnore,
      secretTtlMs: this.opts.secretTtlMs,
      held: this.held,
      known: this.known,
      reportedMatch: this.reportedMatch,
      openEnded: !final,
      positionAt: () => ({ line: 0, col: 0 }),
    });
  }

  /**
   * Where the text that a keyword hit at `at` (or later) can read starts, in the buffer: with a
   * window reaching `before` characters back, the line holding the window's start and the line
   * before it (inline ignore comments), and CONTEXT_BEFORE more (the scanner's look-behinds and
   * name/reference checks). Lines longer than LINE_CAP are bounded by the cap, so there it keeps
   * `keep` characters as before.
   */
  private contextStart(at: number, before: number): number {
    const buf = this.buf;
    if (before > NEAR_BEFORE) return Math.max(0, at - this.keep);
    const from = at - before;
    if (from <= 0) return 0;
    const line = lineStartBounded(buf, from);
    if (from - line >= LINE_CAP) return Math.max(0, from - this.keep);
    let start = line;
    if (line > 0 && buf.charCodeAt(line - 1) === 10) {
      start = lineStartBounded(buf, line - 1);
      if (line - 1 - start >= LINE_CAP) return Math.max(0, from - this.keep);
    }
    return Math.max(0, Math.min(start, line - CONTEXT_BEFORE));
  }

  /** Raw stream offset of a visible stream offset. */
  private toRaw(vis: number): number {
    return this.segments.toRaw(vis);
  }

  private pruneReported(): void {
    const from = this.base - this.olderLength;
    for (const key of this.reported) {
      const at = Number(key.slice(key.lastIndexOf('@') + 1));
      if (at < from) this.reported.delete(key);
    }
    this.spans.dropBefore(from);
  }
}
