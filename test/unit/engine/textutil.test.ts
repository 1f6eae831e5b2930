import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineEndBounded, lineStartBounded } from '../../../src/engine/textutil';
import { random } from '../../support/seed';

/** The definitions, one character at a time (what the indexOf-based versions must return). */
function startByLoop(text: string, pos: number, cap: number): number {
  const limit = Math.max(0, pos - cap);
  for (let i = pos - 1; i >= limit; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return limit;
}
function endByLoop(text: string, pos: number, cap: number): number {
  const limit = Math.min(text.length, pos + cap);
  for (let i = pos; i < limit; i++) if (text.charCodeAt(i) === 10) return i;
  return limit;
}

describe('bounded line lookups', () => {
  it('match a character-by-character search on random text, positions and caps (CRLF, wide characters, out-of-range positions)', () => {
    const parts = ['\n', '\r\n', 'a', 'bc', '\u00e9', '\u4e2d', '\ud83d\ude00', ' '];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const n = Math.floor(random() * 60);
      for (let k = 0; k < n; k++) text += parts[Math.floor(random() * parts.length)];
      const pos = Math.floor(random() * (text.length + 6)) - 3;
      const cap = Math.floor(random() * 20);
      assert.equal(lineStartBounded(text, pos, cap), startByLoop(text, pos, cap), `start ${JSON.stringify(text)} ${pos} ${cap}`);
      assert.equal(lineEndBounded(text, pos, cap), endByLoop(text, pos, cap), `end ${JSON.stringify(text)} ${pos} ${cap}`);
    }
  });

  it('stop at the cap on a long line without newlines', () => {
    const text = `a\n${'x'.repeat(10000)}\nb`;
    assert.equal(lineStartBounded(text, 9000), 9000 - 4096);
    assert.equal(lineEndBounded(text, 100), 100 + 4096);
    assert.equal(lineStartBounded(text, 3000), 2);
    assert.equal(lineEndBounded(text, 7000), 10002);
  });
});
