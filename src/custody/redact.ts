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
 * The known secrets of a session, indexed so that checking a serialised entry costs one map lookup
 * per character of the entry instead of one substring search per secret (the guard ran over every
 * known secret for every entry: quadratic when a document holds thousands of tokens). Keyed by a hash of
 * the first {@link MIN_GUARDED_SECRET_LENGTH} characters of each secret and of its JSON-escaped form;
 * it keeps the findings, not copies of their secrets, so a secret a finding dropped is no longer
 * looked for (nor held here beyond that key).
 */
export class SecretIndex {
  private readonly byPrefix = new Map<number, Set<{ readonly secret?: string }>>();
  private readonly keysOf = new Map<{ readonly secret?: string }, number[]>();

  add(holder: { readonly secret?: string }): void {
    const s = holder.secret;
    if (!s || s.length < MIN_GUARDED_SECRET_LENGTH || this.keysOf.has(holder)) return;
    const keys = [...new Set([s, JSON.stringify(s).slice(1, -1)].map((form) => prefixHash(form, 0)))];
    for (const key of keys) {
      let set = this.byPrefix.get(key);
      if (!set) this.byPrefix.set(key, (set = new Set()));
      set.add(holder);
    }
    this.keysOf.set(holder, keys);
  }

  delete(holder: { readonly secret?: string }): void {
    for (const key of this.keysOf.get(holder) ?? []) {
      const set = this.byPrefix.get(key);
      if (set?.delete(holder) && set.size === 0) this.byPrefix.delete(key);
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
    for (let i = 0; i <= last; i++) {
      const set = this.byPrefix.get(prefixHash(serialised, i));
      if (!set) continue;
      for (const h of set) {
        const s = h.secret;
        if (!s) continue;
        if (serialised.startsWith(s, i)) return true;
        const escaped = JSON.stringify(s).slice(1, -1);
        if (escaped !== s && serialised.startsWith(escaped, i)) return true;
      }
    }
    return false;
  }
}

/** A hash of the MIN_GUARDED_SECRET_LENGTH characters at `at` (no substring allocated: it runs per character). */
function prefixHash(s: string, at: number): number {
  let h = 0;
  for (let k = at; k < at + MIN_GUARDED_SECRET_LENGTH; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  return h;
}
