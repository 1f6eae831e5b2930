// The one seeded source of every random draw the tests make (fake tokens, fixtures, fuzz inputs).
//
// Seed: `TC_TEST_SEED` when set (any string), else a fresh one per process, so fixtures stay fresh on
// every run. `npm run test:unit` picks one seed for the whole run (scripts/test-seed.cjs), prints it
// first and again after a failure; a process that picks its own (a test file run directly, a host
// run) prints it once on stderr, and again when it exits with a failure. To replay a failure:
// `TC_TEST_SEED=<seed> node --test out/test/unit/<file>.test.js` (see CONTRIBUTING.md).
//
// The stream is AES-256-CTR keyed by SHA-256 of the seed and the test file's bundle: fast, uniform,
// and the same bytes for the same seed and file on every machine. Draws are taken in the order the tests make them, so a replay of one
// file gives that file's draws only when its tests run in the same order (node --test runs a file's
// tests one after the other).

import { createCipheriv, createHash, randomBytes as cryptoRandomBytes } from 'node:crypto';
import { basename } from 'node:path';

const fromEnv = process.env.TC_TEST_SEED?.trim();
/** This process's seed (printed; `TC_TEST_SEED=<it>` replays the draws). */
export const TEST_SEED: string = fromEnv || cryptoRandomBytes(6).toString('hex');

if (!fromEnv) {
  const where = basename(process.argv[1] ?? process.argv0);
  console.error(`TC_TEST_SEED=${TEST_SEED} (random fixtures of ${where}; set it to replay them)`);
  process.on('exit', (code) => {
    if (code !== 0) console.error(`${where} failed with TC_TEST_SEED=${TEST_SEED}: rerun with that variable set to replay its random fixtures`);
  });
}

/** The file this module was bundled into (`scanner.test.js`); the entry script when not bundled. */
function bundleName(): string {
  return basename(typeof __filename === 'string' ? __filename : (process.argv[1] ?? ''));
}

// One stream per bundle: the host suites (one bundle per test file, all in one extension host) and the
// unit test files share a seed, and equal draws in two files would be the same token in two tests
// (one test's state, such as a token ignored or revoked, then shows in the other's). The bundle's
// name keeps each file's draws its own, and the same on a replay.
const stream = createCipheriv('aes-256-ctr', createHash('sha256').update(`token-custody test seed\0${TEST_SEED}\0${bundleName()}`).digest(), Buffer.alloc(16));
const ZEROS = Buffer.alloc(4096);

let pool = Buffer.alloc(0);
let at = 0;

/** `n` bytes of the seeded stream (drop-in for crypto.randomBytes in tests). */
export function randomBytes(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  let filled = 0;
  while (filled < n) {
    if (at === pool.length) {
      pool = stream.update(n - filled > ZEROS.length ? Buffer.alloc(n - filled) : ZEROS);
      at = 0;
    }
    const take = Math.min(n - filled, pool.length - at);
    pool.copy(out, filled, at, at + take);
    filled += take;
    at += take;
  }
  return out;
}

/** A uniform float in [0, 1) with 53 random bits (drop-in for Math.random in tests). */
export function random(): number {
  const b = randomBytes(7);
  return ((b.readUIntBE(0, 6) * 32) + (b[6]! & 31)) / 2 ** 53;
}

/** A uniform integer in [min, max) — or [0, min) with one argument — as crypto.randomInt (range < 2^48). */
export function randomInt(min: number, max?: number): number {
  const [lo, hi] = max === undefined ? [0, min] : [min, max];
  const range = hi - lo;
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || range <= 0 || range > 2 ** 48) throw new RangeError(`randomInt(${min}, ${max}): bad range`);
  const limit = 2 ** 48 - (2 ** 48 % range); // reject the top partial block: no modulo bias
  for (;;) {
    const v = randomBytes(6).readUIntBE(0, 6);
    if (v < limit) return lo + (v % range);
  }
}

/** A version 4 UUID from the seeded stream (drop-in for crypto.randomUUID in tests). */
export function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A uniformly chosen element of a non-empty list. */
export function pick<T>(xs: readonly T[]): T {
  return xs[randomInt(xs.length)]!;
}
