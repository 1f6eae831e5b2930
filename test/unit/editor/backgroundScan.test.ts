// Issue 11 item 5b: the editor's background scan of a large document works in bounded slices.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_REGION, mapInSlices, scanInSlices } from '../../../src/editor/backgroundScan';
import { createScanner } from '../../../src/engine';
import { githubToken } from '../../support/tokens/github';

const { scanner } = createScanner();

describe('background scan in slices (issue 11 item 5b)', () => {
  const text = Array.from({ length: 20000 }, () => `GITHUB_TOKEN=${githubToken('ghp')}\n`).join('');

  it('finds what a full scan finds, once each', async () => {
    const stats = { sliceMs: [] as number[], sliceChars: [] as number[], calls: 0 };
    const found = await scanInSlices(scanner, text, { yieldNow: () => Promise.resolve(), stats });
    assert.ok(found);
    assert.equal(found.length, 20000);
    assert.equal(new Set(found.map((f) => f.range.start)).size, 20000);
    assert.deepEqual(found.map((f) => f.range.start), [...found.map((f) => f.range.start)].sort((a, b) => a - b));
  });

  it('a slice stops at its budget: with a clock that advances per call, each slice makes a bounded number of scan calls over bounded text', async () => {
    // A fake clock: every reading advances 3 ms, so the slice budget (20 ms) is reached after a few calls
    // whatever the machine's speed; the old loop scanned 512 KB and deduplicated against every earlier finding per slice.
    let t = 0;
    const stats = { sliceMs: [] as number[], sliceChars: [] as number[], calls: 0 };
    const found = await scanInSlices(scanner, text, { yieldNow: () => Promise.resolve(), now: () => (t += 3), stats });
    assert.equal(found?.length, 20000);
    assert.ok(stats.sliceChars.length > 1, 'more than one slice');
    for (const c of stats.sliceChars) assert.ok(c <= 2 * MAX_REGION, `slice over ${c} characters`);
    assert.ok(stats.calls / stats.sliceChars.length <= 3, `calls per slice: ${stats.calls / stats.sliceChars.length}`);
  });

  it('can be cancelled between slices', async () => {
    let n = 0;
    const found = await scanInSlices(scanner, text, { yieldNow: () => Promise.resolve(), cancelled: () => ++n > 1 });
    assert.equal(found, undefined);
  });

  it('mapInSlices maps everything in budgeted batches', async () => {
    let t = 0;
    const stats = { sliceMs: [] as number[], sliceChars: [] as number[], calls: 0 };
    const out = await mapInSlices(Array.from({ length: 5000 }, (_, i) => i), (i) => i * 2, { yieldNow: () => Promise.resolve(), now: () => (t += 7), stats });
    assert.equal(out?.length, 5000);
    assert.equal(out?.[4999], 9998);
    assert.ok(stats.sliceMs.length >= 5000 / 256 / 3, `batches: ${stats.sliceMs.length}`);
  });
});
