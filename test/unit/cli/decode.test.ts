// decodeText (src/cli/scan/decode.ts): the CLI's binary check and decoding in one step, which must
// give exactly what isProbablyBinary and the decoding it replaced give.
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { describe, it } from 'node:test';
import { isProbablyBinary } from '../../../src/engine';
import { decodeText } from '../../../src/cli/scan/decode';
import { randomBytes } from '../../support/seed';

/** What the CLI did before decodeText: the byte loop, then latin1 for ASCII, UTF-8 otherwise. */
function reference(b: Buffer): string | undefined {
  return isProbablyBinary(b) ? undefined : b.toString(isAscii(b) ? 'latin1' : 'utf8');
}

/** Bytes 0..31 and 127, and a few non-ASCII ones: what the draws sprinkle into printable text. */
const SPECIAL = [...Array.from({ length: 32 }, (_, i) => i), 127, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xff];

describe('decodeText', () => {
  it('equals isProbablyBinary plus latin1/UTF-8 decoding at the edges of the 8 KB head', () => {
    const text = (n: number): Buffer => Buffer.alloc(n, 'printable ascii text\n');
    const cases: Buffer[] = [Buffer.alloc(0), Buffer.from('\t\r\n\u001b[0m plain'), Buffer.from('caf\u00e9\n')];
    for (const at of [0, 8191, 8192, 9000]) {
      for (const byte of [0, 1, 6, 7, 13, 14, 26, 27, 28, 31]) {
        const b = text(10000);
        b[at] = byte;
        cases.push(b);
      }
    }
    // Control bytes at 10 % of the head and just over it (the ratio isProbablyBinary draws the line at).
    for (const count of [819, 820]) {
      const b = text(8192);
      for (let k = 0; k < count; k++) b[k * 10] = 1;
      cases.push(b);
    }
    for (const b of cases) assert.equal(decodeText(b), reference(b), `bytes ${JSON.stringify(b.subarray(0, 40).toString('latin1'))}…`);
  });

  it('equals isProbablyBinary plus UTF-8 decoding for text that is not ASCII (its head searched as bytes)', () => {
    // Non-ASCII bytes before, inside and after the head; control bytes at its edges; the 10 % ratio.
    const utf8 = (n: number, at: number): Buffer => {
      const b = Buffer.alloc(n, 'printable text\n');
      Buffer.from('\u00e9\u20ac').copy(b, Math.min(at, n - 5));
      return b;
    };
    const cases: Buffer[] = [Buffer.from('caf\u00e9\u0000'), Buffer.from('\u00ff'), Buffer.from([0xc3])];
    for (const nonAscii of [0, 4000, 8190, 12000]) {
      cases.push(utf8(16000, nonAscii));
      for (const at of [0, 8191, 8192, 9000]) {
        for (const byte of [0, 1, 6, 7, 13, 14, 26, 27, 28, 31]) {
          const b = utf8(16000, nonAscii);
          if (at < nonAscii || at > nonAscii + 5) b[at] = byte;
          cases.push(b);
        }
      }
      for (const count of [819, 820]) {
        const b = utf8(9000, nonAscii);
        for (let k = 0; k < count; k++) if (k * 10 < nonAscii || k * 10 > nonAscii + 5) b[k * 10] = 2;
        cases.push(b);
      }
    }
    for (const b of cases) {
      assert.equal(isAscii(b), false);
      assert.equal(decodeText(b), reference(b), `bytes ${JSON.stringify(b.subarray(0, 40).toString('latin1'))}…`);
    }
  });

  it('equals isProbablyBinary plus latin1/UTF-8 decoding for random text with control and non-ASCII bytes', () => {
    for (let round = 0; round < 300; round++) {
      const r = randomBytes(8);
      const n = r.readUInt16LE(0) % 20000;
      const b = Buffer.alloc(n, 'let x = 1; // text\n');
      // From none to many special bytes, anywhere (in the head or past it).
      const specials = [0, 1, 3, 50, 1000][r[2]! % 5]!;
      const picks = randomBytes(specials * 3);
      for (let k = 0; k < specials && n > 0; k++) b[picks.readUInt16LE(k * 3) % n] = SPECIAL[picks[k * 3 + 2]! % SPECIAL.length]!;
      assert.equal(decodeText(b), reference(b), `round ${round}: ${n} bytes, ${specials} special`);
    }
  });
});
