// The engine's only use of `node:crypto`: SHA-256 of a few parts. A browser build aliases
// `node:crypto` to a small pure-JS module that needs to provide `createHash('sha256')` and nothing
// else (HMAC is built on it in fingerprint.ts; random bytes come from Web Crypto, see randomKey).

import * as nodeCrypto from 'node:crypto';

type OneShot = ((algorithm: string, data: string, encoding: 'hex') => string) & ((algorithm: string, data: Uint8Array, encoding: 'buffer') => Uint8Array);

/**
 * Node's one-shot `crypto.hash` (Node ≥ 20.12): a fifth of `createHash`'s cost for the short values
 * fingerprints hash (no Hash object per call). The shared bundle's replacement module
 * (src/web/nodeCrypto.mts) passes Node's on; absent in older Node and in a web worker, where
 * `createHash` is used.
 */
const oneShot = Reflect.get(nodeCrypto, 'hash') as OneShot | undefined; // read so, the browser build's module has no `hash` export

/** SHA-256 of the concatenated parts (strings as UTF-8). */
export function sha256(...parts: (string | Uint8Array)[]): Uint8Array {
  const h = nodeCrypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** SHA-256 of some bytes: Node's one-shot where there is one (no Hash object per call). */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  return typeof oneShot === 'function' ? oneShot('sha256', data, 'buffer') : sha256(data);
}

/** SHA-256 of a string (as UTF-8), as 64 lower-case hex characters. */
export function sha256Hex(s: string): string {
  return typeof oneShot === 'function' ? oneShot('sha256', s, 'hex') : toHex(sha256(s));
}

/**
 * 32 random bytes as 64 hex characters, from Web Crypto (`globalThis.crypto`, present in Node 20 and
 * in browsers): no import needed.
 */
export function randomKey(): string {
  const b = new Uint8Array(32);
  globalThis.crypto.getRandomValues(b);
  return toHex(b);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!]!;
  return s;
}
