// shannonEntropy decides entropy thresholds and keyed fingerprints: a faster sum must give the same
// number to the last bit as the sum it replaced (the distinct characters in the order they first occur).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shannonEntropy } from '../../../src/engine/entropy';
import { random } from '../../support/seed';

/** The earlier implementation: count, then a second pass over the string adds each character once, where it first occurs. */
function reference(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
  let h = 0;
  const ascii = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || ascii.has(c)) continue;
    ascii.add(c);
    const p = counts.get(c)! / n;
    h -= p * Math.log2(p);
  }
  for (const [c, k] of counts) {
    if (c < 128) continue;
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

describe('shannonEntropy', () => {
  it('equals the two-pass sum bit for bit on random strings of every length, ASCII and not, and on repeated calls', () => {
    const alphabets = ['ab', '0123456789abcdef', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\n', ' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0000', 'aé✓€\u{1F511}'];
    for (let round = 0; round < 400; round++) {
      const alphabet = [...alphabets[round % alphabets.length]!];
      const length = round % 50 === 0 ? 2000 + Math.floor(random() * 2000) : Math.floor(random() * 120);
      const s = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      assert.equal(shannonEntropy(s), reference(s), JSON.stringify(s.slice(0, 60)));
      assert.equal(shannonEntropy(s), reference(s), 'a second call (no count left over)');
    }
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('abcdefgh'), 3);
  });

  it('measures long ASCII strings from their bytes, with the same result, and zeroes the bytes it read', () => {
    const proto = TextEncoder.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'encodeInto')!;
    const encodeInto = original.value as (this: unknown, src: string, dest: Uint8Array) => { read: number; written: number };
    const buffers: Uint8Array[] = [];
    let calls = 0;
    proto.encodeInto = function (this: unknown, src: string, dest: Uint8Array) {
      calls++;
      buffers.push(dest);
      return encodeInto.call(this, src, dest);
    };
    try {
      const b64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\n'];
      for (let round = 0; round < 60; round++) {
        const length = [255, 256, 257, 1700, 5000][round % 5]!;
        const body = Array.from({ length }, () => b64[Math.floor(random() * b64.length)]!).join('');
        // As the scanner's secrets are: slices of a larger text; some hold one character that is not ASCII.
        const text = `x = "${body}"`;
        let s = text.slice(5, 5 + length);
        if (round % 3 === 2) s = s.slice(0, length >> 1) + ['é', '\u{1F511}', '\ud800'][round % 9 < 3 ? 0 : round % 9 < 6 ? 1 : 2] + s.slice(length >> 1);
        assert.equal(shannonEntropy(s), reference(s), `length ${s.length}, round ${round}`);
      }
    } finally {
      Object.defineProperty(proto, 'encodeInto', original);
    }
    assert.ok(calls >= 40, `the byte path ran ${calls} times`);
    for (const b of buffers) assert.ok(b.every((x) => x === 0), 'no byte of a measured string is left in the buffer');
  });
});
