// Redaction at the boundary: text that leaves the extension (custody log, notifications, exports)
// goes through here when it may hold a token, e.g. a terminal command line.

/** What redaction needs of a finding: its offsets in the text and its redacted form. */
export interface RedactableFinding {
  range: { start: number; end: number };
  redacted: string;
}

/**
 * `text` with every finding's range (UTF-16 offsets into `text`) replaced by its redacted form.
 * Overlapping or touching ranges are merged (the first finding's redacted form stands for the union).
 * Ranges outside the text are clamped.
 */
export function redactRanges(text: string, findings: readonly RedactableFinding[]): string {
  const spans = findings
    .map((f) => ({ start: Math.max(0, Math.min(f.range.start, text.length)), end: Math.max(0, Math.min(f.range.end, text.length)), redacted: f.redacted }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i];
    if (!first) break;
    let end = first.end;
    i++;
    for (let next = spans[i]; next && next.start <= end; next = spans[i]) {
      end = Math.max(end, next.end);
      i++;
    }
    out += text.slice(pos, first.start) + first.redacted;
    pos = end;
  }
  return out + text.slice(pos);
}

/** Minimum length of a known secret the log guard looks for (shorter strings occur by chance). */
export const MIN_GUARDED_SECRET_LENGTH = 8;

/**
 * Whether `serialised` contains one of `secrets`, verbatim or JSON-escaped (as it would appear inside
 * a JSON string). Secrets shorter than {@link MIN_GUARDED_SECRET_LENGTH} are not looked for.
 */
export function containsSecret(serialised: string, secrets: Iterable<string | undefined>): boolean {
  for (const s of secrets) {
    if (!s || s.length < MIN_GUARDED_SECRET_LENGTH) continue;
    if (serialised.includes(s)) return true;
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && serialised.includes(escaped)) return true;
  }
  return false;
}

/**
 * The known secrets of a session, indexed so that checking a serialised entry costs a few operations
 * per character of the entry instead of one substring search per secret (the guard ran over every
 * known secret for every entry: quadratic when a document holds thousands of tokens). Keyed by a hash of
 * the first {@link MIN_GUARDED_SECRET_LENGTH} characters of each secret and of its JSON-escaped form;
 * it keeps the findings, not copies of their secrets, so a secret a finding dropped is no longer
 * looked for (nor held here beyond that key). A check rolls the hash along the entry (one multiply
 * per character, not one per character of the window) and asks a bit table of the keys before the
 * map (a map lookup per character was most of the 26 µs a 400-character entry took against 30,000
 * secrets).
 */
export class SecretIndex {
  private readonly byPrefix = new Map<number, Set<{ readonly secret?: string }>>();
  private readonly keysOf = new Map<{ readonly secret?: string }, number[]>();
  /** One bit per bucket of key hashes: set when a key may hash there (cleared by rebuilds only). */
  private bits = new Int32Array(MIN_FILTER_BITS >>> 5);
  /** Keys deleted since the bit table was built (their bits are stale, not wrong). */
  private stale = 0;

  add(holder: { readonly secret?: string }): void {
    const s = holder.secret;
    if (!s || s.length < MIN_GUARDED_SECRET_LENGTH || this.keysOf.has(holder)) return;
    const keys = [...new Set([s, JSON.stringify(s).slice(1, -1)].map((form) => prefixHash(form, 0)))];
    for (const key of keys) {
      let set = this.byPrefix.get(key);
      if (!set) {
        this.byPrefix.set(key, (set = new Set()));
        if (this.byPrefix.size > this.bits.length * 32 / FILTER_LOAD) this.rebuild();
        else setBit(this.bits, key);
      }
      set.add(holder);
    }
    this.keysOf.set(holder, keys);
  }

  delete(holder: { readonly secret?: string }): void {
    for (const key of this.keysOf.get(holder) ?? []) {
      const set = this.byPrefix.get(key);
      if (set?.delete(holder) && set.size === 0) {
        this.byPrefix.delete(key);
        if (++this.stale > this.bits.length * 32 / FILTER_LOAD) this.rebuild();
      }
    }
    this.keysOf.delete(holder);
  }

  get size(): number {
    return this.byPrefix.size;
  }

  /** Whether `serialised` contains one of the indexed secrets (verbatim or JSON-escaped). */
  containedIn(serialised: string): boolean {
    if (this.byPrefix.size === 0) return false;
    const last = serialised.length - MIN_GUARDED_SECRET_LENGTH;
    if (last < 0) return false;
    const bits = this.bits;
    const mask = bits.length * 32 - 1;
    let h = prefixHash(serialised, 0);
    for (let i = 0; ; i++) {
      const b = bucket(h) & mask;
      if (bits[b >>> 5]! & (1 << (b & 31)) && this.holdsAt(serialised, i, h)) return true;
      if (i === last) return false;
      // The window moves one character: drop serialised[i], take serialised[i + MIN].
      h = (Math.imul((h - Math.imul(serialised.charCodeAt(i), HASH_TOP)) | 0, HASH_BASE) + serialised.charCodeAt(i + MIN_GUARDED_SECRET_LENGTH)) | 0;
    }
  }

  private holdsAt(serialised: string, i: number, key: number): boolean {
    const set = this.byPrefix.get(key);
    if (!set) return false;
    for (const h of set) {
      const s = h.secret;
      if (!s) continue;
      if (serialised.startsWith(s, i)) return true;
      const escaped = JSON.stringify(s).slice(1, -1);
      if (escaped !== s && serialised.startsWith(escaped, i)) return true;
    }
    return false;
  }

  /** The bit table sized for the keys (a power of two, about FILTER_LOAD bits per key), without stale bits. */
  private rebuild(): void {
    let size = MIN_FILTER_BITS;
    while (size < this.byPrefix.size * FILTER_LOAD) size *= 2;
    this.bits = new Int32Array(size >>> 5);
    for (const key of this.byPrefix.keys()) setBit(this.bits, key);
    this.stale = 0;
  }
}

const HASH_BASE = 31;
/** HASH_BASE ** (MIN_GUARDED_SECRET_LENGTH - 1) modulo 2^32: the weight of the character leaving the window. */
const HASH_TOP = (() => {
  let p = 1;
  for (let k = 1; k < MIN_GUARDED_SECRET_LENGTH; k++) p = Math.imul(p, HASH_BASE);
  return p;
})();
/** Bits of the smallest bit table (1 KB), and bits per key: about 1 bucket in 8 set at most. */
const MIN_FILTER_BITS = 1 << 13;
const FILTER_LOAD = 8;

/** A key's bucket before masking (the high bits mixed in: the hash's low bits depend on the last characters only). */
function bucket(h: number): number {
  return (h ^ (h >>> 15) ^ (h >>> 27)) >>> 0;
}

function setBit(bits: Int32Array, key: number): void {
  const b = bucket(key) & (bits.length * 32 - 1);
  bits[b >>> 5]! |= 1 << (b & 31);
}

/** A hash of the MIN_GUARDED_SECRET_LENGTH characters at `at` (no substring allocated); containedIn rolls it along. */
function prefixHash(s: string, at: number): number {
  let h = 0;
  for (let k = at; k < at + MIN_GUARDED_SECRET_LENGTH; k++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(k)) | 0;
  return h;
}
