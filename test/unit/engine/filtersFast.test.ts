// The filters' fast paths against their plain definitions: isPlaceholder's distinct-character count
// (a reused ASCII table instead of `new Set(body)`), isSuppressedInline's case-insensitive
// `custody` pre-check (instead of lower-casing every finding's line) and isDocumentationExample's
// FNV-1a pre-check of AWS's example stems (instead of two SHA-256 per candidate), and
// isInNonSecretContext's lockfile-integrity test on the 7 characters before a match (not its line).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDocumentationExample, isInNonSecretContext, isPlaceholder, isSuppressedInline } from '../../../src/engine/filters';
import { lineEndBounded, lineStartBounded } from '../../../src/engine/textutil';

/** The inline suppression check as written before the pre-check: both lines lower-cased. */
function suppressedReference(text: string, start: number): boolean {
  const lineStart = lineStartBounded(text, start);
  const line = text.slice(lineStart, lineEndBounded(text, start)).toLowerCase();
  if (line.includes('token-custody: ignore') || line.includes('token-custody:ignore')) return true;
  if (lineStart === 0 || text.charCodeAt(lineStart - 1) !== 10) return false;
  const prev = text.slice(lineStartBounded(text, lineStart - 1), lineStart).toLowerCase();
  return prev.includes('token-custody: ignore') || prev.includes('token-custody:ignore');
}

/** Few distinct characters, counted with a Set (the definition isPlaceholder keeps). */
function fewDistinctReference(body: string): boolean {
  const distinct = new Set(body).size;
  return (body.length >= 8 && body.length < 200 && distinct <= Math.max(3, Math.floor(body.length / 12))) || (body.length >= 200 && distinct <= 8);
}

function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}

describe('filter fast paths', () => {
  it('isPlaceholder counts distinct characters as a Set does (ASCII, accents, surrogate pairs, every length)', () => {
    const alphabets = ['ab', 'abc', 'abcd', 'a1-', 'xyz09', 'aé', 'a😀', '😀😁', 'abcdefghij', 'é'];
    const next = lcg(7);
    for (let n = 0; n < 4000; n++) {
      const alphabet = [...alphabets[n % alphabets.length]!];
      const length = Math.floor(next() * 320);
      let body = '';
      for (let i = 0; i < length; i++) body += alphabet[Math.floor(next() * alphabet.length)];
      // Bodies without a placeholder word, so only the distinct-character rule can decide.
      if (/example|sample|dummy|fake|xxxx|abcd|0000|1234/i.test(body)) continue;
      assert.equal(isPlaceholder(body), fewDistinctReference(body), JSON.stringify(body));
    }
  });

  it('isSuppressedInline finds the comment in any case, on the line or the one before, as lower-casing does', () => {
    const comments = ['# token-custody: ignore', '// TOKEN-CUSTODY:IGNORE', '/* Token-Custody: Ignore */', 'to\u212Aen-custody: ignore', 'token-cuſtody: ignore', 'token custody: ignore', 'custody', ''];
    for (const c of comments) {
      for (const layout of [`${c}\nkey = value`, `key = value ${c}`, `${c}\n\nkey = value`, `other\r\n${c}\r\nkey = value`, `key = value\n${c}`]) {
        const start = layout.indexOf('value');
        assert.equal(isSuppressedInline(layout, start), suppressedReference(layout, start), JSON.stringify(layout));
      }
    }
    assert.equal(isSuppressedInline('to\u212Aen-custody: ignore\nkey = value', 18), true, 'the Kelvin sign lower-cases to k');
  });

  it('isInNonSecretContext reads a lockfile integrity prefix as the test on the whole line did, from the 7 characters before the match', () => {
    const INTEGRITY = '(?:sha1|sha256|sha384|sha512|md5)[-:]$';
    // (exec: the calls of `test` below are the filter's)
    const reference = (text: string, start: number): boolean => new RegExp(INTEGRITY, 'i').exec(text.slice(lineStartBounded(text, start, 2048), start)) !== null;
    const prefixes = ['sha512-', 'SHA256:', 'sha1-', 'md5:', 'Md5-', 'sha51-', 'ha512-', 'sha512', 'sha384-', 'xsha1-', 'sha1\n', '\nsha1-', 'sha1 -', '-', ''];
    const fillers = ['', 'a', '"integrity": "', 'x'.repeat(3000), 'line one\n', 'q\r\n'];
    const seen: string[] = [];
    const original = Object.getOwnPropertyDescriptor(RegExp.prototype, 'test')!;
    const test = original.value as (this: RegExp, s: string) => boolean;
    RegExp.prototype.test = function (this: RegExp, s: string) {
      if (this.source === INTEGRITY) seen.push(s);
      return test.call(this, s);
    };
    let integrity = 0;
    try {
      for (const filler of fillers) {
        for (const prefix of prefixes) {
          for (const glue of ['', 'sha', 'md5-x', '\n']) {
            const text = `${filler}${glue}${prefix}Qx7mZ2pL9vK4tR8wY3nB6cF1hJ5sD0gA`;
            const start = text.length - 32;
            const expected = reference(text, start);
            integrity += expected ? 1 : 0;
            assert.equal(isInNonSecretContext(text, start, text.length), expected, JSON.stringify(text.slice(-60)));
          }
        }
      }
    } finally {
      Object.defineProperty(RegExp.prototype, 'test', original);
    }
    assert.ok(integrity > 20, `only ${integrity} texts with an integrity prefix`);
    assert.ok(seen.length > 0 && seen.every((s) => s.length <= 7), 'the integrity regex read more than the 7 characters before the match');
  });

  it('isDocumentationExample still knows AWS\'s example stems (assembled from parts) and nothing close to them', () => {
    const idStem = 'AKIA' + 'IOSFODNN7';
    const secretStem = 'wJalrXUtnFEMI' + '/K7MDENG';
    assert.equal(isDocumentationExample(idStem + 'EXAMPLE'), true);
    assert.equal(isDocumentationExample(secretStem + '/bPxRfiCYSECRETSKEY'), true);
    assert.equal(isDocumentationExample('AKIA' + 'IOSFODNN8EXAMPLE'), false);
    assert.equal(isDocumentationExample(idStem), false, 'the stem alone is not longer than the stem');
  });
});
