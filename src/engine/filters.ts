import { base64Bytes, latin1Text } from './bytes';
import { fingerprint } from './fingerprint';
import { PLACEHOLDER_INSIDE, PLACEHOLDER_WORD_INSIDE } from './rules/parts';
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
  // Sample web API keys in the Firebase SDKs' tests and docs (gitleaks allowlists the same keys).
  'sha256:8214303b2b0e45727a3c518d33f98ff9',
  'sha256:7b5b2865184ec69b87a19cc853055cf0',
  'sha256:f54a60d5ee0ed703c41ac9a6d414c5ad',
  'sha256:703553e46633bc8ee741d4aa62cdbbec',
  'sha256:ac6314d5a8414637f49a331f119af8ac',
  'sha256:4aaaafc5fe1fbafe9930a7b5aae62ceb',
  'sha256:ff52cd85920879435cf8dc9fbdd53603',
  'sha256:30dfbba51d755095e9546cd88cb77c5d',
  'sha256:d273345bf1f4da5f4961ecd72def7a9b',
  'sha256:3391cd44361d37bd88dbf6efd88c1543',
  'sha256:46971b19a8ea11e9065262cef07451b5',
  'sha256:38e6fab44d7e5b9cb4fc7a8bef0d6c77',
  'sha256:06ee15618a06fd9c0a0109c85241ca27',
  'sha256:7a99b1212ba38841c16d2828b46b18d4',
  'sha256:b0d81ad9cfb532c7db970137c097d237',
  'sha256:9803be7cbcd1fc7b200825c0c0fd8ee9',
  // RFC 5849 (OAuth 1.0) example consumer keys, tokens and secrets.
  'sha256:c4d6962100ce3603e6e7cde8b6492aad',
  'sha256:29894f8638df8741258a5e1000f7d857',
  'sha256:5f928f9755f8a3a28e26351f85ea3c77',
  'sha256:29f1b9b705a20a47bdc5ca0dd88d0235',
  'sha256:eae3e6e44393fc5f9ac89fbc8ea1286c',
  'sha256:55c0726e5171d3bfac8bc0b12ac0a5a9',
  'sha256:34597de0572c0a196172a72018f1b1e6',
  'sha256:f1b9d69252e9110a53e621a2e51f1617',
  'sha256:212f5e123ffbfa1c692264750c7caaae',
  'sha256:39ed590f00ff1f02c24ada2fe6f99316',
  'sha256:1471eeefa05453d0f4b15740da816457',
  'sha256:f73521ed6eec6cee0f2fedc03ed6e959',
  'sha256:6ab8298cb586727957a5df5c8a4020ab',
  // RFC 7009 (token revocation) example token.
  'sha256:0c72c743ce971554f82cc7efd0edf857',
  // RFC 6749 example client credentials (`Authorization: Basic …` and its decoded password).
  'sha256:4fa02d8e631189ab8acbf856e043f5ea',
  // oauthlib's documented example token and secret.
  'sha256:56adf0296cd39b8abfdb7ec2ff9e131f',
  'sha256:3275d0f951c2c8ce18bcc5acd1404076',
  // 1Password's documented example service-account token parts: its Secret Key and symmetric JWK.
  'sha256:ddc5d33f12bf84f140d22234bac1022d',
  'sha256:547480ae807b77e9bd57a3af8f9a5841',
  // The sample personal access token in azure-devops-node-api's README.
  'sha256:049c9c6a079daedf81c11db0006ed69b',
  // PyJWT's README example (HS256, key `secret`).
  'sha256:fc9a5442a49786bfcc7371a9c906b1d6',
  // dotenvx's documented example DOTENV_KEY password (`dotenv://:key_…@dotenvx.com/vault/…`).
  'sha256:e37e81eb23e2d9fc1fbd6bdb9259025b',
  // The two sample ClearTextPassword values of Microsoft's nuget.config reference (gitleaks allowlists them).
  'sha256:54410a55f77d9cae1100f7d3875765f6',
  'sha256:297ee13fa7cc3651acc2ba589cb0451b',
]);

/**
 * Fingerprints of the first characters of documented example keys, by length: AWS's example key
 * id and secret key stems. Docs and tests vary their ends (`…EXAMPLE`, `…SECRETS`, `…EXAMPLEKEY`),
 * and a key sharing such a stem is one of those variants, not a key AWS issued. `fnv`: the same
 * stems' FNV-1a (32-bit) hashes, compared first so that a candidate costs no SHA-256 of its stems.
 */
const DOCUMENTATION_EXAMPLE_STEMS: readonly { length: number; fnv: number; fingerprint: string }[] = [
  { length: 13, fnv: 0x3076b60e, fingerprint: 'sha256:50aed4d4c5fce5cf69a1e23c7cf2a50c' },
  { length: 21, fnv: 0x26b5f8d9, fingerprint: 'sha256:6bda516241ae0bde11481a9390709ccc' },
];

/** FNV-1a (32-bit) of the first `n` UTF-16 units of `s`. */
function fnv1a(s: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** True when the secret is a key published in documentation (see the two lists above); `unkeyed` is its `fingerprint` when the caller has it. */
export function isDocumentationExample(secret: string, unkeyed = fingerprint(secret)): boolean {
  if (DOCUMENTATION_EXAMPLE_FINGERPRINTS.has(unkeyed)) return true;
  for (const stem of DOCUMENTATION_EXAMPLE_STEMS) {
    if (secret.length > stem.length && fnv1a(secret, stem.length) === stem.fnv && fingerprint(secret.slice(0, stem.length)) === stem.fingerprint) return true;
  }
  return false;
}


/**
 * A word in brackets, or the end of one (`[PASSWORD]`, `{token}`, `password>` of `<user:password>`):
 * how documentation and help texts write a value to fill in.
 */
const BRACKETED_WORD = /^(?:\[[A-Za-z][A-Za-z0-9_ .-]{0,40}\]|\{[A-Za-z][A-Za-z0-9_ .-]{0,40}\}|<?[A-Za-z][A-Za-z_ .-]{0,40}>)$/;

/** True when the secret is an obvious placeholder rather than a credential. */
export function isPlaceholder(secret: string, prefix = ''): boolean {
  const body = prefix && secret.startsWith(prefix) ? secret.slice(prefix.length) : secret;
  if (PLACEHOLDER_INSIDE.test(body) || PLACEHOLDER_WORD_INSIDE.test(body)) return true;
  if (BRACKETED_WORD.test(body)) return true;
  // Very few distinct characters (aaaaaaaa, 12121212, ----) is a placeholder or a separator.
  // (Only for short values: long random bodies such as PEM keys naturally reuse their alphabet.)
  if (body.length >= 8 && body.length < 200 && fewDistinct(body, Math.max(3, Math.floor(body.length / 12)))) return true;
  if (body.length >= 200 && fewDistinct(body, 8)) return true;
  return false;
}

/** Per ASCII character, the `fewDistinct` call that last saw it. */
const seenBy = new Uint32Array(128);
let distinctCall = 0;

/**
 * Whether `s` holds at most `max` distinct characters (code points, as `new Set(s).size` counts them):
 * ASCII is counted in a reused table and the count stops once it passes `max`.
 */
function fewDistinct(s: string, max: number): boolean {
  if (++distinctCall > 0xfffffff0) {
    seenBy.fill(0);
    distinctCall = 1;
  }
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return new Set(s).size <= max;
    if (seenBy[c] !== distinctCall) {
      seenBy[c] = distinctCall;
      if (++n > max) return false;
    }
  }
  return true;
}

const REFERENCE_PREFIX =
  /^(?:(?:\{[A-Za-z_][A-Za-z0-9_.]{0,80}\}|%\([A-Za-z_][A-Za-z0-9_]{0,80}\)[sdr])(?![^\s"'`,;)])|op:\/\/|keychain:\/\/|vscode-secret:\/\/|vault:|secretsmanager:|ssm:|awssm:|gcpsm:|azurekv:|akv:|doppler:|infisical:|env:|\$\{(?![^}\s]{1,80}\}[A-Za-z0-9_+=-]{12})|\$\(|\$[A-Z_]|%[A-Z_]|\{\{|<%|#\{|arn:aws:|projects\/[^/]+\/secrets\/)/i;

/**
 * References that name where a secret lives, rather than the secret itself. A `${…}` is a reference
 * only when it is the whole value: `${PREFIX}` followed by twelve or more value characters
 * (`${DB_PREFIX}q7Rk…`) is a secret with a template in front.
 */
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
/** The longest text INTEGRITY_BEFORE matches (`sha512-`): it is tested on that many characters before the match, not on the line. */
const INTEGRITY_LENGTH = 7;

/**
 * Context that makes a match not a secret: lockfile integrity (`sha512-…`), data URIs
 * (`data:…;base64,…`), source maps. Looks only at the line around the match (bounded).
 */
export function isInNonSecretContext(text: string, start: number, end: number): boolean {
  const lineStart = lineStartBounded(text, start, 2048);
  // The regex tries every position of what it is given (its `$` does not make it start at the end):
  // only the characters it can match are given, not the line before the match (up to 2,048).
  if (INTEGRITY_BEFORE.test(text.slice(Math.max(lineStart, start - INTEGRITY_LENGTH), start))) return true;
  const before = text.slice(lineStart, start);
  const dataUri = before.lastIndexOf(';base64,');
  if (dataUri !== -1 && /data:[\w.+-]+\/[\w.+-]+(?:;[\w=.+-]+)*;base64,[A-Za-z0-9+/=]*$/.test(before.slice(Math.max(0, dataUri - 200)))) return true;
  if (before.includes('sourceMappingURL=') || /"mappings"\s*:\s*"[^"]*$/.test(before)) return true;
  // A match glued inside a longer base64 run (a minified blob) is not a standalone token.
  return end < text.length && end - start < 200 && /^[A-Za-z0-9+/]{200}/.test(text.slice(end, end + 200)) && /[A-Za-z0-9+/]{200}$/.test(before);
}

const SUPPRESS = 'token-custody: ignore';
const SUPPRESS_ALT = 'token-custody:ignore';

/**
 * Any case of `custody`: in every text whose lower-cased form holds the suppression comment (the only
 * characters outside ASCII that lower-case to ASCII letters are `İ` and the Kelvin sign `K`, and
 * `custody` has neither `i` nor `k`), so a line without it needs no lower-cased copy.
 */
const CUSTODY_ANY_CASE = /custody/i;

/** Inline suppression: `token-custody: ignore` on the finding's line or on the line before it. */
export function isSuppressedInline(text: string, start: number): boolean {
  const lineStart = lineStartBounded(text, start);
  const lineEnd = lineEndBounded(text, start);
  const from = lineStart === 0 || text.charCodeAt(lineStart - 1) !== 10 ? lineStart : lineStartBounded(text, lineStart - 1);
  if (!CUSTODY_ANY_CASE.test(text.slice(from, lineEnd))) return false;
  const line = text.slice(lineStart, lineEnd).toLowerCase();
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

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4}){3,40}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A phrase of words that says it stands in for a password (`not my real password`, `fake secret`). */
const PLACEHOLDER_PHRASE = /^[A-Za-z]+(?: [A-Za-z]+){1,8}$/;
const PLACEHOLDER_PHRASE_WORD = /\b(?:password|passwd|secret|fake|dummy|example|sample|placeholder|real)\b/i;

/**
 * A base64 value that decodes to a phrase of words naming a placeholder: npm's documentation writes
 * the base64 `password` of `.npmrc` as the encoding of `not my real password`. (A phrase without such
 * a word, a passphrase, stays a secret.)
 */
function isBase64Placeholder(secret: string): boolean {
  if (!PADDED_BASE64.test(secret)) return false;
  const text = latin1Text(base64Bytes(secret));
  return PLACEHOLDER_PHRASE.test(text) && PLACEHOLDER_PHRASE_WORD.test(text);
}

/**
 * A percent-encoded value whose decoded form has no digit (`secret%3Dpassword` in a query string):
 * words, not a generated secret; or a base64 value that decodes to a placeholder phrase
 * (isBase64Placeholder). Only applied to generic rules, whose values must hold a digit.
 */
export function isEncodedWords(secret: string): boolean {
  if (isBase64Placeholder(secret)) return true;
  if (!PERCENT_ESCAPE.test(secret)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    return false;
  }
  return !/[0-9]/.test(decoded);
}

const PASSWORD_CODE_OPERATORS = /\?\?|\?\.|\|\||&&|=>/;
/**
 * A call or an index on a (dotted) name that closes at the end of the value or before a member or
 * another call, or holds only names and brackets after it (the value was cut at a quote or `=`):
 * `get_password(user2)`, `data[0].pw`, `os.environ.get(`, `self._decrypt(blob[0`; a call or index on
 * a dotted name whatever follows (`base64.b16encode(random_bytes[8:`) — but not
 * `tK27nXHlfgZ(-H75` nor `aB3(&x)5`, passwords with parentheses in them.
 */
const CALL_OR_INDEX = /^[A-Za-z_$][A-Za-z0-9_$]{0,60}(?:\??\.[A-Za-z_$][A-Za-z0-9_$]{0,60}){0,8}\s?(?:\([^()]{0,200}\)|\[[^[\]]{0,200}\])(?:$|[.([\]])|^[A-Za-z_$][A-Za-z0-9_$.]{0,200}[([][A-Za-z0-9_$.()[\]]{0,200}=?$|^[A-Za-z_$][A-Za-z0-9_$]{0,60}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,60}){1,8}[([]/;
/** A whole value that is a member chain (`config.db.pass1`); a password such as `fVAH.VUq-kpvq,6` only starts like one. */
const WHOLE_MEMBER_CHAIN = /^(?:this|self|[A-Za-z_$][A-Za-z0-9_$]{0,40})(?:\??\.[A-Za-z_$][A-Za-z0-9_$]{0,40})+$/;

/**
 * As `looksLikeCode`, for password values, which carry punctuation (`~(N3`, `a)b`): a quoted literal is
 * never code; an unquoted value is when it reads as a call or an index on a name, a member chain, or
 * an operator expression.
 */
export function looksLikeCodePassword(secret: string, quoted: boolean): boolean {
  if (quoted) return false;
  return PASSWORD_CODE_OPERATORS.test(secret) || CALL_OR_INDEX.test(secret) || WHOLE_MEMBER_CHAIN.test(secret);
}
