// Findings kept after the text they were found in is gone (Scan Workspace holds the findings of every
// file not open in an editor): a copy that shares no memory with that text. A JavaScript engine may
// make a substring a view into its parent string (V8 does for 13 characters or more), so a finding's
// secret, a slice of the file, kept the whole file's text alive: 10 KB per file with a token, about
// 250 MB for a 100,000-file monorepo.
import { withHiddenOf, type Finding } from '../engine';

/** A copy of `s` in its own memory (JSON.parse builds new strings). */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * The same finding (enumerable fields, secret, legacy fingerprint) holding no reference to the text
 * it was found in. The copy's secret lives as long as the copy (no expiry, like the scan's findings).
 */
export function detachFinding(f: Finding): Finding {
  const copy = JSON.parse(JSON.stringify(f)) as Finding;
  return withHiddenOf(copy, { secret: f.secret === undefined ? undefined : ownCopy(f.secret), legacyFingerprint: f.legacyFingerprint });
}
