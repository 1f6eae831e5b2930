// Before Move to keychain stores anything: is the text at the finding's range still that finding?
// Plain TypeScript: no `vscode` import.
//
// A finding's range can be stale: in a document over the background-scan threshold, edits made while
// the scan runs are replayed only when it ends, so the range may point at other text. Storing that
// text would put the wrong value in the keychain and replace the wrong range with the reference. So
// the text about to be stored is scanned again (the lines around it) and must produce a finding with
// the same range and the same fingerprint.

import type { Finding, Scanner } from '../engine';

/** Characters read on each side of the range (rules with keywords or windows look around the token). */
const CONTEXT = 1024;

export function findingStillAt(scanner: Scanner, text: string, finding: Pick<Finding, 'range' | 'fingerprint'>): boolean {
  const { start, end } = finding.range;
  if (start < 0 || end > text.length || end <= start) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const region = { start: Math.max(0, Math.min(lineStart, start - CONTEXT)), end: Math.min(text.length, Math.max(lineEnd, end + CONTEXT)) };
  const noPos = (): { line: number; col: number } => ({ line: 0, col: 0 });
  return scanner.scan(text, { region, positionAt: noPos }).some((f) => f.range.start === start && f.range.end === end && f.fingerprint === finding.fingerprint);
}
