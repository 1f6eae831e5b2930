// Findings kept after the text they were found in is gone (Scan Workspace holds the findings of every
// file not open in an editor): a copy that shares no memory with that text. A JavaScript engine may
// make a substring a view into its parent string (V8 does for 13 characters or more), so a finding's
// secret, a slice of the file, kept the whole file's text alive: 10 KB per file with a token, about
// 250 MB for a 100,000-file monorepo.
import { withHiddenOf, type Finding } from '../engine';

/**
 * `s` in memory of its own. V8 makes a substring of 13 characters or more a view into its parent (a
 * shorter one is a copy, and so is a concatenation shorter than 13), and flattens a concatenation into
 * a new string when it is sliced: the slice of `' ' + s` is a view into that new string only. (The
 * CLI's kept findings use it too; a copy through JSON cost 3-4× the CPU.)
 */
export function ownText(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
const ownCopy = ownText;

/**
 * Fields whose text many findings repeat (the rule's names and levels, the validation's status and
 * text): every copy shares one own copy of each distinct text, instead of a copy per finding (30,500
 * findings of a 1 GB workspace held about nine such strings each).
 */
const SHARED_FIELDS = new Set(['ruleId', 'issuer', 'name', 'confidence', 'severity', 'kind', 'revocation']);
const SHARED_VALIDATION_FIELDS = new Set(['status', 'detail']);
/** Distinct shared texts kept (a bound: past it, texts are copied per finding again). */
const MAX_SHARED = 4096;
const shared = new Map<string, string>();

/** The one own copy of a repeated text (the map holds copies only, never a string from a scanned text). */
function sharedCopy(s: string): string {
  let c = shared.get(s);
  if (c === undefined) {
    c = ownCopy(s);
    if (shared.size < MAX_SHARED) shared.set(c, c);
  }
  return c;
}

/**
 * A deep copy of a JSON-like value (what JSON.parse(JSON.stringify(v)) gives), every string in its own
 * memory; the texts of an object's `share` fields are shared copies.
 */
function copyOut(v: unknown, share?: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return ownCopy(v);
  if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined || typeof x === 'function' ? null : copyOut(x)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    out[k] = typeof x === 'string' && share?.has(k) ? sharedCopy(x) : copyOut(x);
  }
  return out;
}

/**
 * The same finding (enumerable fields, secret, legacy fingerprint) holding no reference to the text
 * it was found in. The copy's secret lives as long as the copy (no expiry, like the scan's findings).
 * Field by field (a JSON round trip of the whole finding was 26 µs of the extension host's time per
 * finding), with the repeated texts shared (SHARED_FIELDS).
 */
export function detachFinding(f: Finding): Finding {
  // Measured, not kept: starting the copy from a spread ({...f}, every field then replaced by its
  // copy) for in-object fields instead of a properties array: 200 B per copy either way (30,500
  // copies in Node 20). A 1 GB workspace scan keeps about 170 B per copy (5.2 MB of 137 MB).
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(f)) {
    const x = (f as unknown as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    copy[k] = k === 'validation' ? copyOut(x, SHARED_VALIDATION_FIELDS) : typeof x === 'string' && SHARED_FIELDS.has(k) ? sharedCopy(x) : copyOut(x);
  }
  return withHiddenOf(copy as unknown as Finding, { secret: f.secret === undefined ? undefined : ownCopy(f.secret), legacyFingerprint: f.legacyFingerprint });
}
