// The build's keyword prefilter tables (scripts/prefilter-tables.mjs): the tables tuned on real text
// (scripts/tune-prefilter.mjs, scripts/prefilter-tuned.json) made to accept every built-in keyword,
// and what the tuner and the bench read tables with. Apart from prefilter.ts so that dist/shared.js,
// which holds that module whole, leaves this out: only the build, the tuner, the bench and the tests
// run it.
import { caseVariants, emptyBucket, placed, POSITIONS, prefixesOf, SETS, tableOffset, tablesOfBuckets, withPrefix, type Bucket, type Prefix } from './prefilter';

/**
 * Tuned tables (scripts/tune-prefilter.mjs: buckets regrouped to accept fewer positions of real text)
 * made to accept every prefix of these keywords: each one they reject (a keyword added since the
 * tuning) goes to a bucket as computedTables (prefilter.ts) places prefixes, so the tables only gain bits.
 */
export function extendedTables(tuned: Uint8Array, keywords: Iterable<string>, exactCase: ReadonlySet<string> = new Set()): Uint8Array {
  const buckets = bucketsOf(tuned);
  const rejected = prefixesOf(keywords, exactCase).filter((p) => !buckets.some((b) => bucketAccepts(b, p)));
  return placed(buckets, rejected);
}

/** The SETS * 8 buckets of nibble tables (the inverse of tablesOfBuckets). */
export function bucketsOf(tables: Uint8Array): Bucket[] {
  return Array.from({ length: SETS * 8 }, (_, k): Bucket => {
    const b = emptyBucket();
    const set = k >> 3;
    const bit = 1 << (k & 7);
    for (let pos = 0; pos < POSITIONS; pos++) {
      for (let n = 0; n < 16; n++) {
        if (tables[tableOffset(set, pos, 0) + n]! & bit) b.lo[pos]! |= 1 << n;
        if (tables[tableOffset(set, pos, 1) + n]! & bit) b.hi[pos]! |= 1 << n;
      }
    }
    return b;
  });
}

/** Whether the bucket accepts every byte the prefix's characters can be (any byte past a short prefix's end). */
export function bucketAccepts(b: Bucket, p: Prefix): boolean {
  for (let pos = 0; pos < POSITIONS; pos++) {
    if (pos >= p.text.length) {
      if (b.lo[pos] !== 0xffff || b.hi[pos] !== 0xffff) return false;
      continue;
    }
    for (const c of caseVariants(p.text.charCodeAt(pos), p.exact)) if (((b.lo[pos]! >> (c & 15)) & (b.hi[pos]! >> (c >> 4)) & 1) === 0) return false;
  }
  return true;
}

/** The tables of prefixes placed by hand: prefix i in bucket `at[i]`. */
export function tablesOfAssignment(prefixes: readonly Prefix[], at: readonly number[]): Uint8Array {
  const buckets = Array.from({ length: SETS * 8 }, emptyBucket);
  prefixes.forEach((p, i) => (buckets[at[i]!] = withPrefix(buckets[at[i]!]!, p)));
  return tablesOfBuckets(buckets);
}

/**
 * What the first pass of the module reads from tables of one set: per position 0..3, for each byte
 * value, the bits of the buckets that accept it there. A position is a candidate where the AND of its
 * four bytes' entries is not zero.
 */
export function acceptingBuckets(tables: Uint8Array): Uint8Array[] {
  return Array.from({ length: POSITIONS }, (_, pos) => Uint8Array.from({ length: 256 }, (_, c) => tables[tableOffset(0, pos, 0) + (c & 15)]! & tables[tableOffset(0, pos, 1) + (c >> 4)]!));
}
