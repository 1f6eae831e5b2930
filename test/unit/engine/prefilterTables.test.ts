// The prefilter's nibble tables for the built-in keywords are computed by scripts/build.mjs
// (__TC_PREFILTER_TABLES__) instead of at each scanner's start: they must be the tuned tables
// (scripts/prefilter-tuned.json) extended to every built-in keyword, and a keyword set they do not
// cover (custom rules) must get tables of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildTimeTables, computedTables, prefilterTables } from '../../../src/engine/prefilter';
import { extendedTables } from '../../../src/engine/prefilterTuned';
import { builtinSearchKeywords } from '../../../src/engine/rules';
import { ALPHABETS, rand } from '../../support/fakes';

const prefixesOf = (keywords: readonly string[]): string[] => [...new Set(keywords.map((k) => k.slice(0, 4)))].sort();

/**
 * Whether some bucket accepts the keyword's first four bytes (the fifth and later do not matter;
 * short keywords any byte after). Tables of one set of 8 buckets: 128 bytes per set.
 */
function accepts(tables: Uint8Array, bytes: readonly number[]): boolean {
  for (let set = 0; set * 128 < tables.length; set++) {
    let m = 0xff;
    for (let pos = 0; pos < 4; pos++) {
      const c = bytes[pos]!;
      m &= tables[((set * 4 + pos) * 2) * 16 + (c & 15)]! & tables[((set * 4 + pos) * 2 + 1) * 16 + (c >> 4)]!;
    }
    if (m !== 0) return true;
  }
  return false;
}

describe('prefilter tables from the build', () => {
  // As the keyword search looks for them: lower case, Twilio's `AC` as written (matched in exact case only).
  const { words: builtin, exactCase } = builtinSearchKeywords();

  const tuned = new Uint8Array(Buffer.from((JSON.parse(readFileSync('scripts/prefilter-tuned.json', 'utf8')) as { tables: string }).tables, 'base64'));

  /** Asserts that the tables accept every prefix of these keywords (both cases; any byte after a short one). */
  const assertAcceptsAll = (tables: Uint8Array, keywords: readonly string[]): void => {
    for (const k of prefixesOf(keywords)) {
      for (const variant of k === 'AC' ? [k] : [k, k.toUpperCase()]) {
        const b = [...variant].map((c) => c.charCodeAt(0));
        const tails = b.length === 4 ? [[]] : Array.from({ length: 256 }, (_, c) => (b.length === 2 ? [c, c ^ 0x55] : [c]));
        for (const tail of tails) assert.ok(accepts(tables, [...b, ...tail]), `tables reject ${JSON.stringify(variant)} + ${JSON.stringify(tail)}`);
      }
    }
  };

  it('are the tuned tables extended to the built-in keywords, byte for byte, and accept every one of them', () => {
    const built = buildTimeTables();
    assert.ok(built, 'the build defines __TC_PREFILTER_TABLES__ with tables of the right size');
    assert.equal(tuned.length, built.length);
    assert.deepEqual(built, extendedTables(tuned, builtin, exactCase));
    assert.deepEqual(prefilterTables(builtin, exactCase), built);
    assertAcceptsAll(built, builtin);
    assert.ok(exactCase.has('AC'), 'Twilio SIDs: the keyword AC in exact case');
  });

  it('extended to keywords the tuning did not see, keep their buckets and accept the new prefixes too', () => {
    // Whether the tables accept a keyword of 4 characters or more in both cases.
    const plain = (t: Uint8Array, k: string): boolean => [k, k.toUpperCase()].every((v) => accepts(t, [...v].map((c) => c.charCodeAt(0))));
    for (let round = 0; round < 10; round++) {
      const extra = Array.from({ length: 1 + (round % 3) }, (_, i) => rand(ALPHABETS.alnum_lower, 3 + ((round + i) % 4)) + '~');
      const all = [...builtin, ...extra];
      const t = extendedTables(tuned, all, exactCase);
      assertAcceptsAll(t, all);
      // Nothing the tuned tables accepted is lost: they only gain bits.
      for (let i = 0; i < t.length; i++) assert.equal(t[i]! & tuned[i]!, tuned[i], `byte ${i} lost bits`);
      if (extra.every((k) => plain(tuned, k))) assert.deepEqual(t, tuned);
    }
    // Tables with no bucket set: the greedy placement of every prefix, as computedTables.
    assert.deepEqual(extendedTables(new Uint8Array(tuned.length), builtin, exactCase), computedTables(builtin, exactCase));
  });

  it('accept few positions of ordinary prose and source (README, CONTRIBUTING, the scanner code): under 14% with one set of 8 buckets (17.1% with the greedy tables, 11.3% with the tuned ones, whose training text holds these files; two sets of 8 took under 8%, their grouping by unigram weights alone 9.5%)', () => {
    const tables = prefilterTables(builtin, exactCase);
    let accepted = 0;
    let total = 0;
    for (const f of ['README.md', 'CONTRIBUTING.md', 'src/engine/scanner.ts', 'src/engine/registry.ts']) {
      const b = readFileSync(f);
      for (let i = 0; i < b.length; i++) {
        total++;
        if (accepts(tables, [b[i]!, b[i + 1] ?? 0, b[i + 2] ?? 0, b[i + 3] ?? 0])) accepted++;
      }
    }
    assert.ok(total > 50_000, `only ${total} bytes read`);
    assert.ok(accepted / total < 0.14, `the tables accept ${((100 * accepted) / total).toFixed(1)}% of the positions`);
  });

  it('a keyword set with prefixes they reject gets tables of its own, which accept every keyword', () => {
    const base = prefilterTables(builtin, exactCase);
    for (let round = 0; round < 20; round++) {
      // Custom keywords of 2 to 6 characters from symbols and digits as well as letters.
      const extra = Array.from({ length: 1 + (round % 4) }, (_, i) => rand(ALPHABETS.alnum_lower, 2 + ((round + i) % 5)) + (round % 3 === 0 ? '_' : ''));
      const all = [...builtin, ...extra];
      const tables = prefilterTables(all, exactCase);
      for (const k of prefixesOf(all)) {
        for (const variant of [k, k.toUpperCase()]) {
          const b = [...variant].map((c) => c.charCodeAt(0));
          // Any byte after a short prefix: try all of them.
          const tails = b.length === 4 ? [[]] : Array.from({ length: 256 }, (_, c) => (b.length === 2 ? [c, c ^ 0x55] : [c]));
          for (const tail of tails) assert.ok(accepts(tables, [...b, ...tail]), `tables reject ${JSON.stringify(variant)} + ${JSON.stringify(tail)}`);
        }
      }
      // The build's tables where they cover the set (checked above), else the set's own.
      assert.ok(Buffer.from(tables).equals(Buffer.from(base)) || Buffer.from(tables).equals(Buffer.from(computedTables(all, exactCase))));
      if (extra.some((k) => k.length >= 2 && !accepts(base, [...k.padEnd(4, '\u00ff')].map((c) => c.charCodeAt(0) & 0xff)))) assert.deepEqual(tables, computedTables(all, exactCase));
    }
  });
});
