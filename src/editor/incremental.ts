// A keystroke in a document with many findings (issue 11 item 5b): the work is proportional to what
// changed, not to the number of findings. Plain Node (no `vscode`), so it is unit-tested.
//
// A document's findings are kept sorted by start offset. An edit is located by binary search; the
// findings before it are left as they are (same objects, same ranges); the findings it touches are
// dropped and their places rescanned; the findings after it are moved in place by the edit's delta —
// offsets, lines and (on the edit's last line) columns are computed from the change itself, so no
// offset is converted to a position and no finding object is copied (a copy also lost the hidden
// legacy fingerprint and the secret's expiry). Before, every finding was copied and placed again with
// two `positionAt` calls, then the whole list was filtered, sorted and republished: one 50–650 ms
// task per keystroke over 2,500 findings.

import type { Finding } from '../engine';
import { changeDeltas, mapOffset, type TextChange } from '../findings/liveFindings';

export { mapOffset, type TextChange };

/** A change from VS Code's content-change fields (`range`, `rangeOffset`, `rangeLength`, `text`). */
export function textChange(c: { rangeOffset: number; rangeLength: number; text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): TextChange {
  let lines = 0;
  let lastBreak = -1;
  const t = c.text;
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 10 || (ch === 13 && t.charCodeAt(i + 1) !== 10)) {
      lines++;
      lastBreak = i;
    }
  }
  return {
    start: c.rangeOffset,
    oldEnd: c.rangeOffset + c.rangeLength,
    newLength: t.length,
    oldEndLine: c.range.end.line,
    oldEndCol: c.range.end.character,
    newEndLine: c.range.start.line + lines,
    newEndCol: lines ? t.length - lastBreak - 1 : c.range.start.character + t.length,
  };
}

/** Index of the first finding whose start is >= `offset` (findings sorted by start). */
export function lowerBound(findings: readonly { range: { start: number } }[], offset: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid]!.range.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The longest finding, in characters (bounds how far before an edit a touched finding can start). */
export function maxLength(findings: readonly { range: { start: number; end: number } }[]): number {
  let m = 0;
  for (const f of findings) m = Math.max(m, f.range.end - f.range.start);
  return m;
}

/** Whether the findings are sorted by start. */
export function isSorted(findings: readonly { range: { start: number } }[]): boolean {
  for (let i = 1; i < findings.length; i++) if (findings[i - 1]!.range.start > findings[i]!.range.start) return false;
  return true;
}

export interface ShiftResult {
  /** The findings no change touched, in order: the same objects (those after a change moved in place). */
  kept: Finding[];
  /** The regions to rescan, in new coordinates: each change's new text and each touched finding's place. */
  dirty: [number, number][];
  /** Findings a change touched (dropped). */
  removed: Finding[];
  /** Index in `kept` of the first finding that moved; `kept.length` when none did. */
  firstMoved: number;
  /** Findings visited (the rest were not looked at). */
  visited: number;
}

/**
 * Applies an edit's changes (sorted by start, not overlapping, old coordinates) to findings sorted by
 * start, by offsets only (the background scan's findings, placed once it completes; a published
 * document's findings are kept by LiveFindings). A finding a change touches or abuts (typing right
 * after a token changes it) is dropped and its place is returned to be rescanned; the others are
 * kept, those after a change moved in place. `longest` bounds the length of any finding (see
 * `maxLength`): only findings starting within it before the first change are looked at on that side.
 */
export function shiftSorted(findings: readonly Finding[], changes: readonly TextChange[], longest: number): ShiftResult {
  const removed: Finding[] = [];
  const { dirty, deltas } = changeDeltas(changes);
  if (!changes.length) return { kept: [...findings], dirty, removed, firstMoved: findings.length, visited: 0 };
  // Everything starting before this index ends before the first change: untouched, not moved.
  const first = lowerBound(findings, changes[0]!.start - longest);
  const kept = findings.slice(0, first);
  let firstMoved = -1;
  let k = 0;
  for (let i = first; i < findings.length; i++) {
    const f = findings[i]!;
    const r = f.range;
    while (k < changes.length && changes[k]!.oldEnd < r.start) k++;
    const c = changes[k];
    if (c && c.start <= r.end) {
      // Touched (or abutting): dropped, its place rescanned.
      const ns = mapOffset(r.start, changes);
      dirty.push([ns, Math.max(ns, mapOffset(r.end, changes))]);
      removed.push(f);
      continue;
    }
    if (k > 0) {
      if (firstMoved < 0) firstMoved = kept.length;
      r.start += deltas[k]!;
      r.end += deltas[k]!;
    }
    kept.push(f);
  }
  return { kept, dirty, removed, firstMoved: firstMoved < 0 ? kept.length : firstMoved, visited: findings.length - first };
}

/** Sorted `[start, end)` regions with overlapping or touching ones joined (input need not be sorted). */
export function mergeOverlapping(regions: readonly (readonly [number, number])[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const r of [...regions].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * Replaces the findings inside each region (new coordinates, sorted, not overlapping) by the
 * region's fresh findings (sorted by start, each inside its region). A finding partly inside a region
 * is dropped (the regions are widened to whole lines and to the reach of multi-line rules, so its
 * fresh match is in the region). Findings outside every region are kept as they are, in order.
 */
export function mergeRegions(kept: readonly Finding[], regions: readonly { start: number; end: number; fresh: readonly Finding[] }[], longest: number): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  for (const { start: rs, end: re, fresh } of regions) {
    const lo = Math.max(i, lowerBound(kept, rs - longest));
    for (; i < lo; i++) out.push(kept[i]!);
    const hi = Math.max(i, lowerBound(kept, re));
    for (; i < hi; i++) {
      const f = kept[i]!;
      if (f.range.end <= rs) out.push(f);
    }
    // Findings starting exactly at the region's end are outside it (kept by the next round).
    out.push(...fresh);
  }
  for (; i < kept.length; i++) out.push(kept[i]!);
  return out;
}
