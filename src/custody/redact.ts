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
