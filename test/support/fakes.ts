// Fake tokens for tests, benchmarks and the demo workspace. Generated at run time from parts, with
// valid checksums where the format has one, so no live-looking token is ever committed.
// Fixture templates use `{{name:arg:arg}}` placeholders, expanded by `expandFixture`.

import { randomBytes, randomUUID } from 'node:crypto';
import * as zlib from 'node:zlib';
import { generators as generatorsA } from './fakes-a';
import { generators as generatorsB } from './fakes-b';

export const ALPHABETS = {
  b62: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  alnum_lower: '0123456789abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  b32l: 'abcdefghijklmnopqrstuvwxyz234567',
} as const;

/** Random string of `n` characters from `alphabet` (crypto-random, unbiased enough for fixtures). */
export function rand(alphabet: string, n: number): string {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % alphabet.length];
  return out;
}

export function crc32(s: string | Uint8Array): number {
  const z = zlib as unknown as { crc32?: (d: string | Uint8Array) => number };
  if (z.crc32) return z.crc32(s) >>> 0;
  const data = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  while (v > 0) {
    s = ALPHABETS.b62[v % 62] + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/** Flip the checksum so validation must fail (same alphabet and length). */
function breakChecksum(check: string): string {
  const c = check[check.length - 1]!;
  const i = ALPHABETS.b62.indexOf(c);
  return check.slice(0, -1) + ALPHABETS.b62[(i + 1) % 62];
}

/** GitHub `ghp_/gho_/ghu_/ghs_/ghr_`: 30 base62 chars + base62(CRC32 of them), 6 chars. */
export function githubToken(kind: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp', opts: { badChecksum?: boolean } = {}): string {
  const body = rand(ALPHABETS.b62, 30);
  let check = base62(crc32(body), 6);
  if (opts.badChecksum) check = breakChecksum(check);
  return `${kind}_${body}${check}`;
}

/** GitHub fine-grained PAT: `github_pat_` + 22 + `_` + 59 base62/underscore-free chars. */
export function githubFineGrained(): string {
  return 'github' + '_pat_' + rand(ALPHABETS.b62, 22) + '_' + rand(ALPHABETS.b62, 59);
}

/** npm `npm_` + 30 base62 + 6-char base62 CRC32 (same scheme as GitHub). */
export function npmToken(opts: { badChecksum?: boolean } = {}): string {
  const body = rand(ALPHABETS.b62, 30);
  let check = base62(crc32(body), 6);
  if (opts.badChecksum) check = breakChecksum(check);
  return 'np' + 'm_' + body + check;
}

function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

/** A JWT with the given claims (HS256, random signature). Claims from `k=v` args; numbers stay numbers. */
export function jwt(claims: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: 'https://login.example-issuer.test', sub: 'user-' + rand(ALPHABETS.digits, 6), iat: now, exp: now + 3600, ...claims };
  return b64url(JSON.stringify(header)) + '.' + b64url(JSON.stringify(payload)) + '.' + rand(ALPHABETS.b64url, 43);
}

type Generator = (args: string[]) => string;

const BASE: Record<string, Generator> = {
  b62: ([n]) => rand(ALPHABETS.b62, Number(n ?? 32)),
  hex: ([n]) => rand(ALPHABETS.hex, Number(n ?? 32)),
  HEX: ([n]) => rand(ALPHABETS.HEX, Number(n ?? 32)),
  b64: ([n]) => rand(ALPHABETS.b64, Number(n ?? 40)),
  b64url: ([n]) => rand(ALPHABETS.b64url, Number(n ?? 40)),
  alnum_lower: ([n]) => rand(ALPHABETS.alnum_lower, Number(n ?? 32)),
  upper: ([n]) => rand(ALPHABETS.upper, Number(n ?? 16)),
  lower: ([n]) => rand(ALPHABETS.lower, Number(n ?? 16)),
  alpha: ([n]) => rand(ALPHABETS.alpha, Number(n ?? 16)),
  digits: ([n]) => rand(ALPHABETS.digits, Number(n ?? 10)),
  b32l: ([n]) => rand(ALPHABETS.b32l, Number(n ?? 52)),
  uuid: () => randomUUID(),
  github: ([kind, flag]) => {
    if (kind === 'pat') return githubFineGrained();
    return githubToken((kind ?? 'ghp') as 'ghp', { badChecksum: flag === 'badcrc' });
  },
  npm: ([flag]) => npmToken({ badChecksum: flag === 'badcrc' }),
  jwt: ([spec]) => {
    const claims: Record<string, unknown> = {};
    for (const kv of (spec ?? '').split(',').filter(Boolean)) {
      const eq = kv.indexOf('=');
      const k = kv.slice(0, eq);
      const v = kv.slice(eq + 1);
      claims[k] = /^-?\d+$/.test(v) ? Number(v) : v;
    }
    return jwt(claims);
  },
};

export const GENERATORS: Record<string, Generator> = { ...BASE, ...generatorsA, ...generatorsB };

/**
 * Expands `{{name:arg:…}}` placeholders. Returns the text and the generated values in order.
 * Within one template, `{{=1}}` repeats the first generated value (for "same token twice" fixtures).
 * A placeholder arg may contain `:` only inside the last arg of `jwt` (claims like `iss=https://x`).
 */
export function expandFixture(template: string): { text: string; values: string[] } {
  const values: string[] = [];
  const text = template.replace(/\{\{([a-zA-Z0-9_=-]+)((?::[^}]*)?)\}\}/g, (_m, name: string, rest: string) => {
    if (name.startsWith('=')) return values[Number(name.slice(1)) - 1] ?? '';
    const gen = GENERATORS[name];
    if (!gen) throw new Error(`unknown fixture generator {{${name}}}`);
    const raw = rest ? rest.slice(1) : '';
    const args = name === 'jwt' ? [raw] : raw ? raw.split(':') : [];
    const v = gen(args);
    values.push(v);
    return v;
  });
  return { text, values };
}
