// The ways of shaping randomness into fake tokens for tests, benchmarks and fixtures; every draw comes
// from the one seeded stream of ../seed.ts (TC_TEST_SEED replays it). Every fake token is built at
// run time from these, so the repository never holds a literal that looks like a live credential.

import { randomBytes, randomInt } from '../seed';
import { shannonEntropy } from '../../../src/engine/entropy';
import { PLACEHOLDER_INSIDE, PLACEHOLDER_WORD_INSIDE } from '../../../src/engine/rules/parts';

export const ALPHABETS = {
  b62: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  alnum_lower: '0123456789abcdefghijklmnopqrstuvwxyz',
  upper_num: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  /** RFC 4648 base32, in encoding order. */
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  b32l: 'abcdefghijklmnopqrstuvwxyz234567',
} as const;

/** Random string of `n` characters from `alphabet` (from the seeded stream of ../seed.ts, unbiased enough for fixtures). */
export function rand(alphabet: string, n: number): string {
  // A long random body now and then spells a placeholder word (`fake`, `FAKE`, `xxxx`, `sample`…) that
  // the scanner rightly drops; such a draw is not the fake token a test asked for, so draw again
  // (TC_TEST_SEED=160bdfff4ef6 drew `…02FAKEuHq…` for a kubeconfig token in hitFilter.test).
  for (;;) {
    const bytes = randomBytes(n * 2);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % alphabet.length];
    // …and a draw that happens to repeat a few characters (`62b70f4aed646f4bf46f…`) falls under the
    // entropy floor of the generic rules: such a draw is no longer "random" either.
    if (!PLACEHOLDER_INSIDE.test(out) && !PLACEHOLDER_WORD_INSIDE.test(out) && shannonEntropy(out) >= 0.85 * Math.log2(Math.min(alphabet.length, n))) return out;
  }
}

/** As `rand`, retried until it has no run or word a placeholder filter would take (`aaa`, `test`, `123456`…). */
export function plausible(alphabet: string, n: number): string {
  for (;;) {
    const s = rand(alphabet, n);
    if (!/(.)\1\1|example|sample|dummy|fake|test|xxx|abcdef|123456|redact|insert|your/i.test(s)) return s;
  }
}

/**
 * As `rand`, retried until it holds at least one lower-case letter, one upper-case letter and one
 * digit where the alphabet has them (so rules that require a digit, or a mixed-case value, never
 * fail a fixture by chance).
 */
export function mixed(alphabet: string, n: number): string {
  const needs = [ALPHABETS.lower, ALPHABETS.upper, ALPHABETS.digits].filter((set) => [...set].some((c) => alphabet.includes(c)));
  for (;;) {
    const s = rand(alphabet, n);
    if (needs.every((set) => [...s].some((c) => set.includes(c)))) return s;
  }
}

/** A number of `min`–`max` digits without a leading zero (`plausible`). */
export function digits(min: number, max: number): string {
  return String(randomInt(1, 10)) + plausible(ALPHABETS.digits, randomInt(min, max + 1) - 1);
}

/** Flip the last character of a checksum to a random other character of the same alphabet. */
export function corrupt(token: string, alphabet: string): string {
  const last = token.slice(-1);
  const i = alphabet.indexOf(last);
  return token.slice(0, -1) + (alphabet[(i + 1 + randomInt(alphabet.length - 1)) % alphabet.length] ?? '0');
}

/** Flip the last character of a base62 checksum to the next base62 character (so validation must fail). */
export function breakBase62Checksum(token: string): string {
  const i = ALPHABETS.b62.indexOf(token.slice(-1));
  return token.slice(0, -1) + ALPHABETS.b62[(i + 1) % 62];
}

/** base64url of a string or bytes (JWT parts, routing payloads). */
export function base64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

/** `s` cut into lines of `width` characters (PEM bodies). */
export function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
  return lines;
}

/** A fixture generator: `{{name:arg:arg}}` in a fixture template calls `generators[name](args)`. */
export type Generators = Record<string, (args: string[]) => string>;
