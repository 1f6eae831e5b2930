import { createHash } from 'node:crypto';

/**
 * Public, product-wide salt: fingerprints must be stable across machines so that a team can share a
 * `.tokencustodyignore` file and match custody logs. Tokens are high-entropy, so a salted SHA-256 of
 * one cannot be reversed in practice; the salt keeps our fingerprints from matching plain SHA-256
 * tables of leaked tokens.
 */
const SALT = 'token-custody/fingerprint/v1\u0000';

/** `sha256:` + 32 hex chars (128 bits) of SHA-256(salt + secret). Never reversible to the secret. */
export function fingerprint(secret: string): string {
  return 'sha256:' + createHash('sha256').update(SALT).update(secret, 'utf8').digest('hex').slice(0, 32);
}

export const FINGERPRINT_RE = /^sha256:[0-9a-f]{32}$/;

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
