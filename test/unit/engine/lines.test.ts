// positionsAt (the scanner's line/column of its findings' offsets, one pass without a line index)
// must give exactly what LineIndex gives, for any text and offsets.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../src/engine';
import { positionsAt } from '../../../src/engine/lines';

describe('positionsAt', () => {
  it('gives the positions LineIndex gives: at line starts and ends, on newlines, CRLF, repeated and unsorted offsets, the end of the text', () => {
    const pieces = ['a', 'bc', '\n', '\r\n', '\n\n', 'token', ' '];
    for (let round = 0; round < 200; round++) {
      let text = '';
      // Deterministic pieces: round decides the text, so every run checks the same 200 texts.
      for (let i = 0, x = round * 7919 + 1; i < 5 + (round % 40); i++, x = (x * 48271) % 2147483647) text += pieces[x % pieces.length];
      const offsets = [text.length, 0, ...Array.from({ length: text.length + 1 }, (_, i) => i).reverse(), 0];
      const got = positionsAt(text, offsets);
      const index = new LineIndex(text);
      for (const o of offsets) assert.deepEqual(got.get(o), index.position(o), `offset ${o} in ${JSON.stringify(text)}`);
      // In order with repeats (the scanner's findings: a start equal to the previous end), walked as given.
      const ordered = [0, 0, ...Array.from({ length: text.length + 1 }, (_, i) => i).flatMap((i) => (i % 3 === 0 ? [i, i] : [i])), text.length];
      const inOrder = positionsAt(text, ordered);
      assert.equal(inOrder.size, text.length + 1);
      for (const o of ordered) assert.deepEqual(inOrder.get(o), index.position(o), `offset ${o} (in order) in ${JSON.stringify(text)}`);
    }
  });

  it('returns one entry per distinct offset, and a position in an empty text', () => {
    const text = 'x\n'.repeat(10) + 'y'.repeat(10);
    assert.deepEqual([...positionsAt(text, [3, 1]).entries()], [[1, { line: 0, col: 1 }], [3, { line: 1, col: 1 }]]);
    assert.deepEqual(positionsAt('', [0]).get(0), { line: 0, col: 0 });
  });
});
