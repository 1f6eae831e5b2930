// The prefilter's nibble tables for the built-in keywords are computed by scripts/build.mjs
// (__TC_PREFILTER_TABLES__) instead of at each scanner's start: they must be the tables the engine
// would compute, and a keyword set they do not cover (custom rules) must get tables of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildTimeTables, computedTables, prefilterTables } from '../../../src/engine/prefilter';
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

  it('are the tables computed from the built-in keywords, byte for byte', () => {
    const built = buildTimeTables();
    assert.ok(built, 'the build defines __TC_PREFILTER_TABLES__ with tables of the right size');
    assert.deepEqual(built, computedTables(builtin, exactCase));
    assert.deepEqual(prefilterTables(builtin, exactCase), built);
    assert.ok(exactCase.has('AC'), 'Twilio SIDs: the keyword AC in exact case');
  });

  it('accept few positions of ordinary prose and source (README, CONTRIBUTING, the scanner code): under 19% with one set of 8 buckets (17.1% when it was made; two sets of 8 took under 8%, their grouping by unigram weights alone 9.5%)', () => {
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
    assert.ok(accepted / total < 0.19, `the tables accept ${((100 * accepted) / total).toFixed(1)}% of the positions`);
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
