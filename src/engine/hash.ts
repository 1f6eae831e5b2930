// The engine's only use of `node:crypto`: SHA-256 of a few parts. A browser build aliases
// `node:crypto` to a small pure-JS module that needs to provide `createHash('sha256')` and nothing
// else (HMAC is built on it in fingerprint.ts; random bytes come from Web Crypto, see randomKey).

import { createHash } from 'node:crypto';

/** SHA-256 of the concatenated parts (strings as UTF-8). */
export function sha256(...parts: (string | Uint8Array)[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
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

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
