// `node:crypto` of the shared bundle (scripts/build.mjs aliases it here for dist/shared.js, which is
// the browser build and is also loaded in Node by the desktop extension and the CLI): Node's own
// module where there is one (process.getBuiltinModule), else the part the engine uses — synchronous
// SHA-256 and HMAC-SHA-256 — in pure JavaScript (@noble/hashes), because Web Crypto's digest is
// asynchronous and the scanner is not. Digests are Uint8Array (Node returns a Buffer, a Uint8Array
// too); `digest('hex')` is supported.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

type Input = string | Uint8Array;

interface Incremental {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

const encoder = new TextEncoder();

function bytesOf(data: Input, encoding?: string): Uint8Array {
  if (typeof data !== 'string') return data;
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8') throw new Error(`node:crypto (browser build): string encoding ${encoding} is not supported`);
  return encoder.encode(data);
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export interface Hash {
  update(data: Input, encoding?: string): Hash;
  digest(): Uint8Array;
  digest(encoding: 'hex'): string;
}

function wrap(inner: Incremental, algorithm: string): Hash {
  let done = false;
  function digest(): Uint8Array;
  function digest(encoding: 'hex'): string;
  function digest(encoding?: 'hex'): Uint8Array | string {
    if (done) throw new Error(`${algorithm}: digest already called`);
    done = true;
    const out = inner.digest();
    if (encoding === undefined) return out;
    if (encoding === 'hex') return hex(out);
    throw new Error(`node:crypto (browser build): digest encoding ${String(encoding)} is not supported`);
  }
  const h: Hash = {
    update(data: Input, encoding?: string): Hash {
      if (done) throw new Error(`${algorithm}: update after digest`);
      inner.update(bytesOf(data, encoding));
      return h;
    },
    digest,
  };
  return h;
}

function checkAlgorithm(algorithm: string): void {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`node:crypto (browser build): only sha256 is available, not ${algorithm}`);
}

/** SHA-256 in pure JavaScript (what a web worker uses). */
export function jsCreateHash(algorithm: string): Hash {
  checkAlgorithm(algorithm);
  return wrap(sha256.create(), 'sha256');
}

/** HMAC-SHA-256 in pure JavaScript (what a web worker uses). */
export function jsCreateHmac(algorithm: string, key: Input): Hash {
  checkAlgorithm(algorithm);
  return wrap(hmac.create(sha256, bytesOf(key)), 'hmac-sha256');
}

/** Node's node:crypto when this bundle runs in Node (desktop extension host, CLI); undefined in a web worker. */
const native = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | { createHash: (algorithm: string) => Hash; createHmac: (algorithm: string, key: Input) => Hash; hash?: (algorithm: string, data: string, encoding: 'hex') => string }
  | undefined;

export const createHash: (algorithm: string) => Hash = native ? native.createHash : jsCreateHash;
export const createHmac: (algorithm: string, key: Input) => Hash = native ? native.createHmac : jsCreateHmac;
/**
 * Node's one-shot `crypto.hash` (Node ≥ 20.12) when this bundle runs in Node: src/engine/hash.ts uses
 * it for fingerprints (no Hash object per call). Undefined in a web worker, where `createHash` is used.
 */
export const hash: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined = typeof native?.hash === 'function' ? native.hash : undefined;
