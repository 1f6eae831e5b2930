import { PLACEHOLDER_INSIDE } from './rules/parts';
import { lineEndBounded, lineStartBounded } from './textutil';

// Known non-secrets: placeholders, documentation examples, references to a vault, hashes, UUIDs,
// integrity strings, data URIs and source maps. Pure functions over the scanned text.

/**
 * Fingerprints (see fingerprint.ts) of keys published in vendor documentation (Stripe's, AWS's and
 * Slack's docs, jwt.io's sample, Google's Maps samples). Only the fingerprints are kept here, so the
 * repository holds no literal a secret scanner would take for a live key.
 */
export const DOCUMENTATION_EXAMPLE_FINGERPRINTS: ReadonlySet<string> = new Set([
  'sha256:057df186e70b1a00fa773ee07369a9f3',
  'sha256:6e7c195e913dad7166e663606731d1b1',
  'sha256:5421cd491dd49570ff81b75004f0cb46',
  'sha256:6ce711d545595318a24144fabd726798',
  'sha256:a3758a0dc2db9e7b1b7e99af02fdf239',
  'sha256:f5e34b88e8417cd828a3749714319f8b',
  'sha256:7719562834f04625d50cf3058e272655',
  // RFC 6749 (OAuth 2.0) example access, refresh and authorization-code values.
  'sha256:54359910672262b1f4cdbb76e3ee4fc9',
  'sha256:0248d0160710fbab8da0727a21ab9ca3',
  'sha256:88213fad1a87aae172398ce83898eeec',
  'sha256:fe8da77937e255fdd755b2a54a579bd1',
  'sha256:e22f3a7b9294c3fdaa1ec71680328924',
]);


/** True when the secret is an obvious placeholder rather than a credential. */
export function isPlaceholder(secret: string, prefix = ''): boolean {
  const body = prefix && secret.startsWith(prefix) ? secret.slice(prefix.length) : secret;
  if (PLACEHOLDER_INSIDE.test(body)) return true;
  // Very few distinct characters (aaaaaaaa, 12121212, ----) is a placeholder or a separator.
  // (Only for short values: long random bodies such as PEM keys naturally reuse their alphabet.)
  const distinct = new Set(body).size;
  if (body.length >= 8 && body.length < 200 && distinct <= Math.max(3, Math.floor(body.length / 12))) return true;
  if (body.length >= 200 && distinct <= 8) return true;
  return false;
}

const REFERENCE_PREFIX =
  /^(?:op:\/\/|keychain:\/\/|vscode-secret:\/\/|vault:|secretsmanager:|ssm:|awssm:|gcpsm:|azurekv:|akv:|doppler:|infisical:|env:|\$\{|\$\(|\$[A-Z_]|%[A-Z_]|\{\{|<%|#\{|arn:aws:|projects\/[^/]+\/secrets\/)/i;

/** References that name where a secret lives, rather than the secret itself. */
export function isReference(secret: string): boolean {
  return REFERENCE_PREFIX.test(secret);
}

const REFERENCE_BEFORE = /(?:op|keychain|vscode-secret):\/\/[^\s"'`]*$|\$\{\{\s*(?:secrets|vars|env)\.[^}]*$|vault:[^\s"'`]*$/i;

/** True when the secret sits inside a reference (e.g. the name part of `keychain://token-custody/NAME`). */
export function isInsideReference(text: string, start: number): boolean {
  const from = Math.max(0, start - 120);
  if (REFERENCE_BEFORE.test(text.slice(from, start))) return true;
  // The word the match starts in (e.g. a match starting inside `vscode-secret://…`).
  let w = start;
  while (w > from && !/[\s"'`=(,;]/.test(text[w - 1]!)) w--;
  return w < start && isReference(text.slice(w, start + 24));
}

const HEX_HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hex digests of common hash sizes, UUIDs, git SHAs. Only applied to generic rules. */
export function isHashOrId(secret: string): boolean {
  if (UUID.test(secret)) return true;
  if (/^[0-9a-f]+$/i.test(secret) && HEX_HASH_LENGTHS.has(secret.length)) return true;
  if (/^[0-9a-f]{7,12}$/i.test(secret)) return true; // abbreviated git SHA
  return false;
}

const INTEGRITY_BEFORE = /(?:sha1|sha256|sha384|sha512|md5)[-:]$/i;

/**
 * Context that makes a match not a secret: lockfile integrity (`sha512-…`), data URIs
 * (`data:…;base64,…`), source maps. Looks only at the line around the match (bounded).
 */
export function isInNonSecretContext(text: string, start: number, end: number): boolean {
  const lineStart = lineStartBounded(text, start, 2048);
  const before = text.slice(lineStart, start);
  if (INTEGRITY_BEFORE.test(before)) return true;
  const dataUri = before.lastIndexOf(';base64,');
  if (dataUri !== -1 && /data:[\w.+-]+\/[\w.+-]+(?:;[\w=.+-]+)*;base64,[A-Za-z0-9+/=]*$/.test(before.slice(Math.max(0, dataUri - 200)))) return true;
  if (before.includes('sourceMappingURL=') || /"mappings"\s*:\s*"[^"]*$/.test(before)) return true;
  // A match glued inside a longer base64 run (a minified blob) is not a standalone token.
  return end < text.length && end - start < 200 && /^[A-Za-z0-9+/]{200}/.test(text.slice(end, end + 200)) && /[A-Za-z0-9+/]{200}$/.test(before);
}

const SUPPRESS = 'token-custody: ignore';
const SUPPRESS_ALT = 'token-custody:ignore';

/** Inline suppression: `token-custody: ignore` on the finding's line or on the line before it. */
export function isSuppressedInline(text: string, start: number): boolean {
  const lineStart = lineStartBounded(text, start);
  const line = text.slice(lineStart, lineEndBounded(text, start)).toLowerCase();
  if (line.includes(SUPPRESS) || line.includes(SUPPRESS_ALT)) return true;
  if (lineStart === 0 || text.charCodeAt(lineStart - 1) !== 10) return false;
  const prevStart = lineStartBounded(text, lineStart - 1);
  const prev = text.slice(prevStart, lineStart).toLowerCase();
  return prev.includes(SUPPRESS) || prev.includes(SUPPRESS_ALT);
}

const CODE_OPERATORS = /\?\?|\?\.|\|\||&&|=>|[()]/;
// Segments without digits: random tokens that contain dots have digits in their long segments.
const MEMBER_CHAIN = /^(?:this|self|[A-Za-z_$][A-Za-z_$]{0,40})(?:\??\.[A-Za-z_$][A-Za-z_$]{0,40})+(?![A-Za-z0-9_$])/;

/**
 * A value that is an expression in code rather than a literal: member chains (`t.tokens.length-1`,
 * `this._firstTokenTime`), optional chaining, `??`, `||`, calls. Common in minified JavaScript next
 * to secret-like property names (`token:e.tokens…`). Only applied to generic rules.
 */
export function looksLikeCode(secret: string): boolean {
  return CODE_OPERATORS.test(secret) || MEMBER_CHAIN.test(secret);
}
