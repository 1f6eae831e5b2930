// Chat and tracker exports (Slack/Teams JSON, Jira/GitHub issue exports, HAR files) keep message
// text in JSON strings, where a token can be cut by escapes: `https:\/\/x-token:…`, `\u002F`,
// `\n` between a header name and its value. Such text is scanned twice: as written, and with the
// escapes of its JSON strings decoded; findings of the decoded view are mapped back to the line and
// column (UTF-16 units) of the original file.

import { withHiddenOf, type Finding, type Scanner } from '../../engine';
import { LineIndex } from '../../engine/lines';

/** JSON, JSON Lines, HAR: the first non-blank character opens an object or an array. */
export function looksLikeJson(text: string): boolean {
  const m = /^\uFEFF?\s*([{[])/.exec(text.slice(0, 4096));
  return m !== null;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * The text with the escapes inside JSON strings decoded, and `origin`: for each offset of the
 * decoded text (and its end), the offset in `text` where that character's source starts.
 * Returns undefined when no string holds an escape (nothing to decode).
 */
export function decodeJsonStrings(text: string): { decoded: string; origin: Uint32Array } | undefined {
  if (!text.includes('\\')) return undefined;
  const parts: string[] = [];
  const origin = new Uint32Array(text.length + 1);
  let n = 0; // decoded length so far
  let copyFrom = 0; // start of the pending verbatim run in `text`
  let decodedAny = false;
  const flush = (to: number): void => {
    if (to > copyFrom) {
      parts.push(text.slice(copyFrom, to));
      for (let k = copyFrom; k < to; k++) origin[n++] = k;
    }
  };
  // From quote to quote with indexOf (native), stopping only at the backslashes inside strings.
  let quote = -1; // next '"' at or after i (or text.length when none)
  let slash = -1; // next '\\' at or after i (or text.length when none)
  const next = (c: string, from: number): number => {
    const k = text.indexOf(c, from);
    return k < 0 ? text.length : k;
  };
  let i = 0;
  outer: for (;;) {
    if (quote < i) quote = next('"', i);
    if (quote >= text.length) break;
    i = quote + 1; // inside a string
    for (;;) {
      if (quote < i) quote = next('"', i);
      if (slash < i) slash = next('\\', i);
      if (quote < slash) {
        i = quote + 1; // the string ends
        continue outer;
      }
      if (slash >= text.length) break outer; // an unterminated string
      const at = slash;
      const e = text[at + 1];
      if (e === undefined) break outer;
      let out: string | undefined;
      let len = 2;
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out = String.fromCharCode(parseInt(hex, 16));
          len = 6;
        }
      } else {
        out = SIMPLE[e];
      }
      if (out === undefined) {
        i = at + 2; // not a JSON escape: keep both characters as they are
        continue;
      }
      flush(at);
      parts.push(out);
      origin[n++] = at;
      decodedAny = true;
      copyFrom = at + len;
      i = at + len;
    }
  }
  if (!decodedAny) return undefined;
  flush(text.length);
  origin[n] = text.length;
  return { decoded: parts.join(''), origin: origin.subarray(0, n + 1) };
}

/** Findings of `text` as written plus those only its decoded JSON strings show, in file order. */
export function scanJsonText(scanner: Scanner, text: string, inlineIgnore: boolean): Finding[] {
  const raw = scanner.scan(text, { inlineIgnore });
  const view = decodeJsonStrings(text);
  if (!view) return raw;
  const seen = new Set(raw.map((f) => `${f.fingerprint}@${f.range.start}`));
  const idx = new LineIndex(text);
  const out = [...raw];
  for (const f of scanner.scan(view.decoded, { inlineIgnore })) {
    const start = view.origin[f.range.start]!;
    const end = view.origin[f.range.end]!;
    if (seen.has(`${f.fingerprint}@${start}`)) continue;
    seen.add(`${f.fingerprint}@${start}`);
    out.push(withHiddenOf({ ...f, range: idx.range(start, end) }, f));
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
