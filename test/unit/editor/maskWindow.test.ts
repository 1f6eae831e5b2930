// Issue 11 item 5b: a document with many findings gets masking decorations only in and around its
// visible ranges; the selection is plain code, checked here without the editor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { covers, decorationWindow, MIN_MARGIN_LINES } from '../../../src/editor/maskWindow';
import { LiveFindings } from '../../../src/findings/liveFindings';
import type { Finding } from '../../../src/engine';

/** A finding on lines startLine..endLine (offsets follow the lines: 100 characters each). */
const at = (startLine: number, endLine = startLine): Finding => ({ fingerprint: `f${startLine}`, range: { start: startLine * 100, end: endLine * 100 + 40, startLine, startCol: 0, endLine, endCol: 40 } }) as Finding;

describe('masking window (issue 11 item 5b)', () => {
  it('widens the visible lines by three screens (at least MIN_MARGIN_LINES) and clips to the document', () => {
    assert.deepEqual(decorationWindow([{ start: 5000, end: 5049 }], 100_000), [{ start: 5000 - 150, end: 5049 + 150 }]);
    assert.deepEqual(decorationWindow([{ start: 0, end: 9 }], 100_000), [{ start: 0, end: 9 + MIN_MARGIN_LINES }]);
    assert.deepEqual(decorationWindow([{ start: 99_990, end: 99_999 }], 100_000), [{ start: 99_990 - MIN_MARGIN_LINES, end: 99_999 }]);
    // No visible range yet: the top of the document.
    assert.deepEqual(decorationWindow([], 100_000), [{ start: 0, end: MIN_MARGIN_LINES }]);
  });

  it('keeps a long fold out of the window, and merges ranges whose margins meet', () => {
    // Lines 60..89,999 folded: two visible ranges far apart, each with its own margin.
    const folded = decorationWindow([{ start: 0, end: 59 }, { start: 90_000, end: 90_020 }], 100_000);
    assert.equal(folded.length, 2);
    assert.ok(folded[0]!.end < 1000 && folded[1]!.start > 89_000, JSON.stringify(folded));
    // A short fold: the margins overlap, one span.
    assert.deepEqual(decorationWindow([{ start: 100, end: 140 }, { start: 200, end: 240 }], 100_000), [{ start: 0, end: 240 + 246 }]);
  });

  it('selects the findings with a line inside the window by binary search, multi-line ones starting above it included', () => {
    const live = new LiveFindings([at(10), at(4000, 4100), at(4990, 5001), at(5000), at(5100), at(30_000)]);
    assert.deepEqual(live.inLines([{ start: 5000, end: 5100 }]).map((x) => x.range.startLine), [4990, 5000, 5100]);
    assert.deepEqual(live.inLines([]), []);
    // 100,000 tokens, one every 20 lines; the editor shows lines 1,000,000..1,000,049.
    const many = new LiveFindings(Array.from({ length: 100_000 }, (_, i) => at(i * 20)));
    const window = decorationWindow([{ start: 1_000_000, end: 1_000_049 }], 2_000_000);
    const t0 = performance.now();
    const sel = many.inLines(window);
    const ms = performance.now() - t0;
    // 50 shown + 2 × 150 margin lines: lines 999,850..1,000,199 hold 17 tokens (not 100,000).
    assert.equal(sel.length, 17);
    for (const f of sel) assert.ok(f.range.startLine >= 1_000_000 - 150 && f.range.startLine <= 1_000_049 + 150);
    // Measured, never asserted (machines are noisy): the bench reports speed.
    console.log(`      window of 100,000 findings: ${ms.toFixed(2)} ms`);
  });

  it('asks for a redraw once less than a screen of margin is left (the next page is always decorated)', () => {
    // Lines 4,850..5,199 decorated around 5,000..5,049 (50 lines shown).
    const window = decorationWindow([{ start: 5000, end: 5049 }], 100_000);
    assert.equal(covers(window, [{ start: 5000, end: 5049 }], 100_000), true, 'where it was drawn');
    assert.equal(covers(window, [{ start: 5050, end: 5099 }], 100_000), true, 'one screen down: one more screen still decorated');
    assert.equal(covers(window, [{ start: 4900, end: 4949 }], 100_000), true, 'two screens up: one more above still decorated');
    assert.equal(covers(window, [{ start: 5100, end: 5149 }], 100_000), true, 'two screens down: the last screen of margin is left');
    assert.equal(covers(window, [{ start: 5150, end: 5199 }], 100_000), false, 'three screens down: redraw while this screen is still covered');
    assert.equal(covers(window, [{ start: 90_000, end: 90_049 }], 100_000), false, 'a jump');
    // An editor first drawn before it was laid out (no visible range: 100 lines), then shown 45 lines: redraw with full margins.
    assert.equal(covers(decorationWindow([], 100_000), [{ start: 0, end: 44 }], 100_000), true);
    assert.equal(covers(decorationWindow([], 100_000), [{ start: 0, end: 60 }], 100_000), false);
    // At the end of the document the margin is clipped, not required.
    assert.equal(covers(decorationWindow([{ start: 99_950, end: 99_999 }], 100_000), [{ start: 99_950, end: 99_999 }], 100_000), true);
    // Two places shown (a fold): both must be inside.
    assert.equal(covers(window, [{ start: 5000, end: 5010 }, { start: 60_000, end: 60_010 }], 100_000), false);
  });
});
