// Issue 11 item 5b: a keystroke in a document with a token on every line (337,022 in a 19.5 MB file)
// costs work proportional to what changed. The findings after an edit are moved by one pending shift
// instead of each being rewritten; every position read between edits (exact objects, copies, the
// finding at an offset, the findings in a window of lines) equals a full scan of the edited text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeOverlapping, textChange, type TextChange } from '../../../src/editor/incremental';
import { LiveFindings, type ScannedRegion } from '../../../src/findings/liveFindings';
import { createScanner, type Finding, type TextRange } from '../../../src/engine';
import { githubToken } from '../../support/tokens/github';
import { documentWith, prng } from './documents';

const { scanner } = createScanner();

/** Line starts of `text`, for positions in O(log lines). */
function positions(text: string): (o: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (o) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: o - starts[lo]! };
  };
}

function full(text: string): Finding[] {
  return scanner.scan(text).sort((a, b) => a.range.start - b.range.start);
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

function apply(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

/** The changes VS Code reports for `edits` of `text`, sorted by start. */
function changesOf(text: string, edits: readonly Edit[]): TextChange[] {
  const at = positions(text);
  return edits
    .map((e) => {
      const s = at(e.start);
      const en = at(e.end);
      return textChange({ rangeOffset: e.start, rangeLength: e.end - e.start, text: e.insert, range: { start: { line: s.line, character: s.col }, end: { line: en.line, character: en.col } } });
    })
    .sort((a, b) => a.start - b.start);
}

/** What the editor's handler does with dirty regions: whole lines ±1, merged, scanned. */
function rescanIn(text: string): (dirty: [number, number][]) => ScannedRegion[] {
  const at = positions(text);
  const lineStart = (o: number): number => text.lastIndexOf('\n', o - 1) + 1;
  return (dirty) =>
    mergeOverlapping(
      dirty.map(([s, e]) => {
        let rs = lineStart(Math.max(0, s));
        if (rs > 0) rs = lineStart(rs - 1);
        let re = text.indexOf('\n', Math.min(text.length, e));
        re = re < 0 ? text.length : re + 1;
        const next = text.indexOf('\n', re);
        re = next < 0 ? text.length : next + 1;
        return [rs, re] as [number, number];
      }),
    ).map(([rs, re]) => {
      const fresh = scanner.scan(text.slice(rs, re), { positionAt: (o) => at(rs + o) });
      for (const f of fresh) f.range = { ...f.range, start: f.range.start + rs, end: f.range.end + rs };
      return { start: rs, end: re, fresh: fresh.sort((a, b) => a.range.start - b.range.start) };
    });
}

const plain = (r: TextRange): string => `${r.start}-${r.end} ${r.startLine}:${r.startCol}-${r.endLine}:${r.endCol}`;
const shape = (fs: readonly { fingerprint: string; range: TextRange }[]): string[] => fs.map((f) => `${f.fingerprint} ${plain(f.range)}`);

/** Every finding with its range now, read through the pending shifts (no finding object written). */
const everyOne = (live: LiveFindings): { fingerprint: string; range: TextRange }[] => live.inLines([{ start: 0, end: Number.MAX_SAFE_INTEGER }]).map((x) => ({ fingerprint: x.finding.fingerprint, range: x.range }));



/** Replaces each finding's range by one that records which findings had a position read or written. */
function watched(findings: readonly Finding[]): Set<Finding> {
  const touched = new Set<Finding>();
  for (const f of findings) {
    const r = f.range as unknown as Record<string, number>;
    const o = {};
    for (const k of ['start', 'end', 'startLine', 'startCol', 'endLine', 'endCol']) {
      Object.defineProperty(o, k, {
        enumerable: true,
        get: () => (touched.add(f), r[k]),
        set: (v: number) => {
          touched.add(f);
          r[k] = v;
        },
      });
    }
    f.range = o as TextRange;
  }
  return touched;
}

describe('live findings: a keystroke costs what it changed, positions stay exact when read', () => {
  it('a keystroke near the top of a 100,000-finding document touches a handful of findings, not every one', () => {
    const one = githubToken('ghp');
    const lines = Array.from({ length: 100_000 }, (_, i) => `GITHUB_TOKEN_${i}=${one}\n`);
    let text = lines.join('');
    // The finding of each line: the first line's scanned once, placed on every line (a scan of
    // 100,000 tokens would only make the test slow; the edits below rescan with the real scanner).
    const [model] = full(lines[0]!);
    assert.ok(model);
    const findings: Finding[] = [];
    for (let i = 0, offset = 0; i < lines.length; offset += lines[i]!.length, i++) {
      const col = lines[i]!.indexOf('=') + 1;
      findings.push({ ...model, range: { start: offset + col, end: offset + col + one.length, startLine: i, startCol: col, endLine: i, endCol: col + one.length } });
    }
    assert.equal(findings.length, 100_000);
    const live = new LiveFindings(findings);
    const touched = watched(findings);
    // A newline typed at the top, a character on line 3, a line deleted: each moves ~100,000 findings.
    const edits: Edit[][] = [[{ start: 0, end: 0, insert: '\n' }], [{ start: text.indexOf('\n', 10) + 5, end: text.indexOf('\n', 10) + 5, insert: 'x' }], [{ start: 0, end: 1, insert: '' }]];
    for (const edit of edits) {
      touched.clear();
      const changes = changesOf(text, edit);
      text = apply(text, edit);
      const { added } = live.edit(changes, rescanIn(text));
      assert.ok(added.length >= 1 && added.length <= 4, `${added.length} rescanned`);
      // The handler before this change moved every finding after the edit (100,000 objects written).
      assert.ok(touched.size < 200, `${touched.size} findings read or written`);
    }
    // Reads see the moves: the last finding, through a copy and through the object itself.
    const at = positions(text);
    const lastStart = text.lastIndexOf('=') + 1;
    const lastPos = at(lastStart);
    assert.equal(live.rangeAt(live.length - 1).start, lastStart);
    assert.equal(live.rangeAt(live.length - 1).startLine, lastPos.line);
    touched.clear();
    const last = live.item(live.length - 1);
    assert.equal(last.range.start, lastStart);
    assert.equal(last.range.startLine, lastPos.line);
    assert.equal(live.pendingShifts, 0);
  });

  it('300 seeded random edits, with positions read at random between them, equal a full scan', () => {
    const next = prng(0x5b12);
    let text = documentWith(60, 2);
    const live = new LiveFindings(full(text));
    const pieces = ['x', '\n', '', 'ab\ncd', `"${githubToken('ghp')}"`, '\r\n', ' = "', '\n\n\n', `\nK=${githubToken('ghp')}\n`];
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 3);
      const edits: Edit[] = [];
      const points = Array.from({ length: n * 2 }, () => Math.floor(next() * (text.length + 1))).sort((a, b) => a - b);
      for (let j = 0; j < n; j++) {
        const start = points[2 * j]!;
        const end = next() < 0.6 ? start : Math.min(points[2 * j + 1]!, start + 200);
        if (edits.length && edits[edits.length - 1]!.end > start) continue;
        edits.push({ start, end, insert: pieces[Math.floor(next() * pieces.length)]! });
      }
      const changes = changesOf(text, edits);
      text = apply(text, edits);
      live.edit(changes, rescanIn(text));
      const truth = full(text);
      const label = `round ${round}: ${JSON.stringify(edits.map((e) => [e.start, e.end, e.insert.length]))}`;
      assert.equal(live.length, truth.length, label);
      // Copies, without writing anything into the findings.
      assert.deepEqual(shape(everyOne(live)), shape(truth), label);
      // A few reads of the kinds the editor makes, at random.
      const draws = Math.floor(next() * 4);
      for (let d = 0; d < draws; d++) {
        const what = Math.floor(next() * 5);
        if (what === 0 && truth.length) {
          const i = Math.floor(next() * truth.length);
          assert.deepEqual(shape([live.item(i)]), shape([truth[i]!]), `${label}: item ${i}`);
        } else if (what === 1) {
          const k = Math.floor(next() * (truth.length + 1));
          assert.deepEqual(shape(live.prefix(k).slice(0, k)), shape(truth.slice(0, k)), `${label}: prefix ${k}`);
        } else if (what === 2) {
          const o = Math.floor(next() * (text.length + 1));
          const strict = next() < 0.5;
          const want = truth.findIndex((f) => (strict ? f.range.start < o && o < f.range.end : f.range.start <= o && o <= f.range.end));
          assert.equal(live.indexAt(o, strict), want, `${label}: at ${o} strict ${strict}`);
        } else if (what === 3) {
          const lines = text.split('\n').length;
          const a = Math.floor(next() * lines);
          const b = Math.min(lines - 1, a + Math.floor(next() * 20));
          const want = truth.filter((f) => f.range.startLine <= b && f.range.endLine >= a);
          assert.deepEqual(shape(live.inLines([{ start: a, end: b }]).map((x) => ({ fingerprint: x.finding.fingerprint, range: x.range }))), shape(want), `${label}: lines ${a}-${b}`);
        } else {
          live.materializeSome(1 + Math.floor(next() * 40));
        }
      }
      if (round % 25 === 24) assert.deepEqual(shape(live.all()), shape(truth), `${label}: all`);
    }
  });

  it('an edit below a pending move and one above it, then reads, agree with a full scan', () => {
    let text = documentWith(30, 1);
    const live = new LiveFindings(full(text));
    const lineAt = (n: number): number => {
      let o = 0;
      for (let i = 0; i < n; i++) o = text.indexOf('\n', o) + 1;
      return o;
    };
    for (const edit of [[{ start: lineAt(2), end: lineAt(2), insert: '\n\n' }], [{ start: lineAt(50), end: lineAt(50), insert: 'abc\n' }], [{ start: lineAt(1), end: lineAt(3), insert: '' }], [{ start: lineAt(40) + 3, end: lineAt(40) + 3, insert: 'x' }]]) {
      const changes = changesOf(text, edit);
      text = apply(text, edit);
      live.edit(changes, rescanIn(text));
      const truth = full(text);
      assert.deepEqual(shape(everyOne(live)), shape(truth));
    }
    assert.deepEqual(shape(live.all()), shape(full(text)));
  });
});
