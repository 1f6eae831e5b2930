// Fingerprints: a stable name for a token that is published (SARIF, JSON Lines, the custody log, the
// shared `.tokencustodyignore`) and must never lead back to the token.
//
// Two kinds, one format (`sha256:` + 32 hex, DESIGN §8):
// - High-entropy tokens (vendor formats, long random values): SHA-256 with a public, product-wide
//   salt, so the editor, the CLI and CI agree without any setup. A 128-bit random value cannot be
//   found by hashing guesses.
// - Low-entropy secrets (passwords, passwords in URLs, generic values that measure under
//   LOW_ENTROPY_BITS): HMAC-SHA-256 under a key that only the user (per install) or the team
//   (`tokenCustody.fingerprintKey` / `TOKEN_CUSTODY_FINGERPRINT_KEY`) holds. With the public salt a
//   dictionary of likely passwords reverses such a fingerprint in milliseconds; without the key it
//   cannot even be started (issue 11 item 4).
// The engine stays pure: the key is a parameter (see createScanner), never read from a file here.

import { shannonEntropy } from './entropy';
import { randomKey, sha256, sha256Bytes, sha256Hex, toHex } from './hash';
import type { CredentialKind } from './types';

/**
 * Public, product-wide salt of the unkeyed fingerprints: stable across machines so that a team can
 * share a `.tokencustodyignore` file and match custody logs; it keeps our fingerprints from matching
 * plain SHA-256 tables of leaked tokens.
 */
const SALT = 'token-custody/fingerprint/v1\u0000';
/** Domain of the keyed fingerprints (the HMAC message is this plus the secret). */
const KEYED_DOMAIN = 'token-custody/fingerprint/keyed/v1\u0000';

/** `sha256:` + 32 hex chars (128 bits) of SHA-256(salt + secret): the unkeyed fingerprint, for high-entropy tokens. */
export function fingerprint(secret: string): string {
  return 'sha256:' + sha256Hex(SALT + secret).slice(0, 32);
}

export const FINGERPRINT_RE = /^sha256:[0-9a-f]{32}$/;

/** Shortest team key accepted (`tokenCustody.fingerprintKey`, `TOKEN_CUSTODY_FINGERPRINT_KEY`). */
export const MIN_FINGERPRINT_KEY_LENGTH = 16;

const BLOCK = 64;
const encoder = new TextEncoder();

/** HMAC-SHA-256 (RFC 2104) built on `sha256`, so a browser build needs no HMAC of its own. */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  let k = typeof key === 'string' ? encoder.encode(key) : key;
  if (k.length > BLOCK) k = sha256(k);
  const ipad = new Uint8Array(BLOCK);
  const opad = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    const b = k[i] ?? 0;
    ipad[i] = b ^ 0x36;
    opad[i] = b ^ 0x5c;
  }
  return sha256(opad, sha256(ipad, message));
}

/**
 * HMAC-SHA-256 under one key, the same as `hmacSha256`: the key is encoded and padded once, and each
 * message is hashed as two single byte arrays (ipad + message, opad + inner digest), which Node's
 * one-shot hash takes without a Hash object.
 */
export class HmacSha256 {
  private readonly ipad = new Uint8Array(BLOCK);
  /** opad, then room for the inner digest. */
  private readonly outer = new Uint8Array(BLOCK + 32);

  constructor(key: string | Uint8Array) {
    let k = typeof key === 'string' ? encoder.encode(key) : key;
    if (k.length > BLOCK) k = sha256(k);
    for (let i = 0; i < BLOCK; i++) {
      const b = k[i] ?? 0;
      this.ipad[i] = b ^ 0x36;
      this.outer[i] = b ^ 0x5c;
    }
  }

  mac(message: string | Uint8Array): Uint8Array {
    let inner: Uint8Array;
    if (typeof message === 'string') {
      inner = new Uint8Array(BLOCK + message.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 unit
      inner.set(this.ipad);
      inner = inner.subarray(0, BLOCK + encoder.encodeInto(message, inner.subarray(BLOCK)).written);
    } else {
      inner = new Uint8Array(BLOCK + message.length);
      inner.set(this.ipad);
      inner.set(message, BLOCK);
    }
    this.outer.set(sha256Bytes(inner), BLOCK);
    return sha256Bytes(this.outer);
  }
}

let lastKey: string | undefined;
let lastMac: HmacSha256 | undefined;

/** `sha256:` + 32 hex chars of HMAC-SHA-256(key, domain + secret): the keyed fingerprint, for low-entropy secrets. */
export function keyedFingerprint(secret: string, key: string): string {
  if (!key) throw new Error('a keyed fingerprint needs a key');
  if (lastMac === undefined || key !== lastKey) {
    lastMac = new HmacSha256(key);
    lastKey = key;
  }
  return 'sha256:' + toHex(lastMac.mac(KEYED_DOMAIN + secret)).slice(0, 32);
}

/**
 * Below this estimate (length × Shannon bits per character) a value is treated as guessable:
 * "Summer2024!Company" measures 68, "correct-horse-battery-staple" 98; a passphrase that reaches 128
 * has five or more words (over 10^23 guesses from a 41,000-word list). Random values: 40 hex
 * characters measure 143–150, 32 base64url 143–154, but 32 hex (a 128-bit key) only 112–116, so
 * those are keyed too — on the safe side: keying costs nothing but the team key in CI.
 */
export const LOW_ENTROPY_BITS = 128;

/** What decides the fingerprint kind: the rule that found the secret. */
export interface FingerprintSubject {
  kind: CredentialKind;
  issuer: string;
  /** A built-in rule (custom rules are measured like generic ones). */
  builtin: boolean;
}

/**
 * Whether a secret gets the keyed fingerprint:
 * - rule kind `password` (human-chosen): always;
 * - a built-in vendor format (issuer other than `generic`/`url`, kind not `generic-secret`): never —
 *   the issuer generated it at random (including Azure keys in connection strings);
 * - anything else (passwords in URLs, generic assignments, command-line flags, custom rules, values
 *   with no rule): when it measures under LOW_ENTROPY_BITS.
 * `entropy`: `shannonEntropy(secret)`, when the caller measured it already.
 */
export function isLowEntropySecret(secret: string, subject?: FingerprintSubject, entropy?: number): boolean {
  if (subject?.kind === 'password') return true;
  if (subject && subject.builtin && subject.issuer !== 'generic' && subject.issuer !== 'url' && subject.kind !== 'generic-secret') return false;
  return secret.length * (entropy ?? shannonEntropy(secret)) < LOW_ENTROPY_BITS;
}

/** A key, or a function that yields it on first need (so a key file is created only when a keyed fingerprint is wanted). */
export type FingerprintKeySource = string | (() => string);

let processKey: string | undefined;

/**
 * Computes fingerprints with one key. Without a key, low-entropy secrets are keyed by a random key
 * that lives as long as the process: still irreversible, stable within the run, not across runs.
 */
export class Fingerprinter {
  private key: string | undefined;
  constructor(private readonly source?: FingerprintKeySource) {}

  private keyNow(): string {
    if (this.key === undefined) {
      const s = this.source;
      const k = typeof s === 'function' ? s() : s;
      this.key = k || (processKey ??= randomKey());
    }
    return this.key;
  }

  /**
   * The fingerprint to publish, and, for a keyed one, the unkeyed fingerprint older versions published
   * (never to be published again). `unkeyed`: `fingerprint(secret)`, and `entropy`: `shannonEntropy(secret)`,
   * when the caller computed them already.
   */
  of(secret: string, subject?: FingerprintSubject, unkeyed?: string, entropy?: number): { fingerprint: string; legacy?: string } {
    if (!isLowEntropySecret(secret, subject, entropy)) return { fingerprint: unkeyed ?? fingerprint(secret) };
    return { fingerprint: keyedFingerprint(secret, this.keyNow()), legacy: unkeyed ?? fingerprint(secret) };
  }
}

const MASK = '••••';

/**
 * Redacted form: the rule's literal prefix, a fixed mask (the length is not revealed), and the last
 * four characters when the secret is long enough that four characters reveal little
 * (at least 16 characters after the prefix). Never more than prefix + 4 characters.
 */
export function redact(secret: string, prefix = ''): string {
  const p = prefix && secret.startsWith(prefix) && secret.length - prefix.length >= 8 ? prefix : '';
  const rest = secret.length - p.length;
  const tail = rest >= 16 ? secret.slice(-4) : '';
  return p + MASK + tail;
}
