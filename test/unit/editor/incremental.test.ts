// Issue 11 item 5b: an edit made while a large document's background scan runs is replayed on its
// findings (offsets) with work proportional to what changed. The findings before an edit are not
// looked at, those after it are moved in place by the edit's delta (no position conversion, no copy), and the result of shift + rescan of the dirty
// regions + merge equals a full scan of the edited text, for fixed edits and for 300 seeded random
// ones (a fixed seed: the same edits on every run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerBound, mapOffset, maxLength, mergeOverlapping, mergeRegions, shiftSorted, textChange, type TextChange } from '../../../src/editor/incremental';
import { createScanner, type Finding } from '../../../src/engine';
import { githubToken } from '../../support/tokens/github';
import { documentWith, prng } from './documents';
import { rangeOf } from '../custody/fakes';

const { scanner } = createScanner();

/** A change replacing text[start, end) by `insert`, with the positions VS Code reports. */
function change(text: string, start: number, end: number, insert: string): TextChange {
  const r = rangeOf(text, start, end);
  return textChange({ rangeOffset: start, rangeLength: end - start, text: insert, range: { start: { line: r.startLine, character: r.startCol }, end: { line: r.endLine, character: r.endCol } } });
}

function apply(text: string, edits: readonly { start: number; end: number; insert: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

function full(text: string): Finding[] {
  return scanner.scan(text).sort((a, b) => a.range.start - b.range.start);
}

/** Offsets only: shiftSorted moves the background scan's findings by offset (lines are placed after; LiveFindings keeps a published document's, liveFindings.test.ts). */
const shape = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.fingerprint} ${f.range.start}-${f.range.end}`);

/** What the editor does on a keystroke: shift, rescan each dirty region widened to whole lines (±1 line), merge. */
function incremental(oldText: string, findings: Finding[], edits: readonly { start: number; end: number; insert: string }[]): { result: Finding[]; shift: ReturnType<typeof shiftSorted> } {
  const changes = edits.map((e) => change(oldText, e.start, e.end, e.insert)).sort((a, b) => a.start - b.start);
  const text = apply(oldText, edits);
  const longest = maxLength(findings);
  const shift = shiftSorted(findings, changes, longest);
  const lineStart = (o: number): number => text.lastIndexOf('\n', o - 1) + 1;
  const merged = mergeOverlapping(
    shift.dirty.map(([s, e]) => {
      let rs = lineStart(Math.max(0, s));
      if (rs > 0) rs = lineStart(rs - 1);
      let re = text.indexOf('\n', Math.min(text.length, e));
      re = re < 0 ? text.length : re + 1;
      const next = text.indexOf('\n', re);
      re = next < 0 ? text.length : next + 1;
      return [rs, re] as [number, number];
    }),
  );
  const scanned = merged.map(([rs, re]) => {
    const fresh = scanner.scan(text.slice(rs, re)).sort((a, b) => a.range.start - b.range.start);
    for (const f of fresh) f.range = rangeOf(text, f.range.start + rs, f.range.end + rs);
    return { start: rs, end: re, fresh };
  });
  return { result: mergeRegions(shift.kept, scanned, Math.max(longest, ...scanned.map((s) => maxLength(s.fresh)))), shift };
}



describe('editor incremental: a keystroke shifts only what follows the edit', () => {
  it('an edit near the end looks at the findings around it only; those before are the same objects, unchanged', () => {
    const text = documentWith(2000);
    const findings = full(text);
    assert.equal(findings.length, 2000);
    const before = findings.map((f) => ({ ...f.range }));
    const at = text.length - 3;
    const { shift } = incremental(text, findings, [{ start: at, end: at, insert: 'x' }]);
    // The old handler copied and re-placed all 2,000 (two position conversions each).
    assert.ok(shift.visited <= 2, `visited ${shift.visited} findings`);
    for (let i = 0; i < 1999; i++) {
      assert.equal(shift.kept[i], findings[i], `finding ${i} is the same object`);
      assert.deepEqual(findings[i]!.range, before[i]);
    }
  });

  it('a newline above every finding moves each in place by its offset, with no copy and no position lookup', () => {
    const text = documentWith(500);
    const findings = full(text);
    const { result, shift } = incremental(text, findings, [{ start: 0, end: 0, insert: '\n' }]);
    assert.equal(shift.removed.length, 0);
    assert.equal(shift.firstMoved, 0);
    // The same objects, moved: a copy used to lose the hidden legacy fingerprint and the secret's expiry.
    for (let i = 0; i < findings.length; i++) assert.equal(shift.kept[i], findings[i]);
    assert.deepEqual(shape(result), shape(full('\n' + text)));
  });

  it('fixed edits give the findings of a full scan: inside a token, across lines, on the last changed line, several changes at once', () => {
    const text = documentWith(40, 2);
    const tokenAt = (i: number): number => text.indexOf(`const t${i} = "`) + `const t${i} = "`.length;
    const cases: { name: string; edits: { start: number; end: number; insert: string }[] }[] = [
      { name: 'a character inside a token', edits: [{ start: tokenAt(5) + 10, end: tokenAt(5) + 10, insert: 'Z' }] },
      { name: 'a character right after a token', edits: [{ start: tokenAt(6) + 40, end: tokenAt(6) + 40, insert: 'Z' }] },
      { name: 'text before a token on its line', edits: [{ start: tokenAt(7) - 5, end: tokenAt(7) - 5, insert: 'abc' }] },
      { name: 'three lines pasted before a token on its line', edits: [{ start: tokenAt(8) - 3, end: tokenAt(8) - 3, insert: 'a\nbb\nccc' }] },
      { name: 'lines joined', edits: [{ start: tokenAt(9) - 30, end: tokenAt(12) - 2, insert: '' }] },
      { name: 'a token deleted', edits: [{ start: tokenAt(13), end: tokenAt(13) + 40, insert: '' }] },
      { name: 'a token pasted', edits: [{ start: tokenAt(14) - 16, end: tokenAt(14) - 16, insert: `x = "${githubToken('ghp')}"; ` }] },
      { name: 'CRLF line breaks pasted', edits: [{ start: tokenAt(15) - 3, end: tokenAt(15) - 3, insert: 'a\r\nb\r\nc' }] },
      { name: 'two changes on one line (multi-cursor)', edits: [{ start: tokenAt(16) - 10, end: tokenAt(16) - 10, insert: 'qq' }, { start: tokenAt(16) - 4, end: tokenAt(16) - 4, insert: 'r\ns' }] },
      { name: 'five changes across the document', edits: [0, 9, 18, 27, 36].map((i) => ({ start: tokenAt(i) - 6, end: tokenAt(i) - 5, insert: i % 2 ? '\n\n' : '' })) },
      { name: 'everything replaced', edits: [{ start: 0, end: text.length, insert: documentWith(3) }] },
    ];
    for (const c of cases) {
      const findings = full(text);
      const { result } = incremental(text, findings, c.edits);
      assert.deepEqual(shape(result), shape(full(apply(text, c.edits))), c.name);
    }
  });

  it('300 seeded random edits give the findings of a full scan, one after another', () => {
    const next = prng(0x5b11);
    let text = documentWith(60, 2);
    let findings = full(text);
    const pieces = ['x', '\n', '', 'ab\ncd', `"${githubToken('ghp')}"`, '\r\n', ' = "', '\n\n\n'];
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 3);
      const edits: { start: number; end: number; insert: string }[] = [];
      const points = Array.from({ length: n * 2 }, () => Math.floor(next() * (text.length + 1))).sort((a, b) => a - b);
      for (let j = 0; j < n; j++) {
        const start = points[2 * j]!;
        const end = next() < 0.6 ? start : Math.min(points[2 * j + 1]!, start + 200);
        if (edits.length && edits[edits.length - 1]!.end > start) continue;
        edits.push({ start, end, insert: pieces[Math.floor(next() * pieces.length)]! });
      }
      const newText = apply(text, edits);
      const { result } = incremental(text, findings, edits);
      assert.deepEqual(shape(result), shape(full(newText)), `round ${round}: ${JSON.stringify(edits.map((e) => [e.start, e.end, e.insert.length]))}`);
      text = newText;
      findings = result;
    }
  });

  it('maps offsets through changes and binary-searches starts', () => {
    const changes = [{ start: 10, oldEnd: 12, newLength: 5 }, { start: 20, oldEnd: 20, newLength: 1 }];
    assert.equal(mapOffset(5, changes), 5);
    assert.equal(mapOffset(11, changes), 15);
    assert.equal(mapOffset(12, changes), 15);
    assert.equal(mapOffset(25, changes), 29);
    const fs = [0, 3, 3, 8].map((start) => ({ range: { start } }));
    assert.equal(lowerBound(fs, 3), 1);
    assert.equal(lowerBound(fs, 4), 3);
    assert.equal(lowerBound(fs, 9), 4);
  });
});
