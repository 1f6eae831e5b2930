// The one regex vocabulary of the built-in rules (as gitleaks' `utils/generate.go`): token
// boundaries, assignment glue, value classes and the placeholder words. Rule files import these
// pieces by name and never redefine them; a piece used by a single rule family stays in that
// family's file (e.g. the GitLab token body in vendors/gitlab.ts).
//
// Every piece is linear: bounded quantifiers over classes, look-arounds of fixed small width.
//
// And the one builder of the commonest rule shape (a fixed-prefix token: prefixedTokenRule), as
// gitleaks' generate.go builds its unique-token regexes.

import type { CredentialKind, RuleSpec, Severity } from '../types';

// ---------------------------------------------------------------------------------------------
// Token boundaries

/**
 * After the `m` that ends an ANSI colour sequence (`ESC[33m`): a token printed in colour in a saved
 * terminal capture starts there although a letter precedes it.
 */
export const AFTER_ANSI_COLOUR = String.raw`(?<=\x1b\[[0-9;]{0,24}m)`;
/** Not preceded by a word character `[A-Za-z0-9_]` (the token starts here), or right after an ANSI colour sequence. */
export const TOKEN_START = `(?:(?<![A-Za-z0-9_])|${AFTER_ANSI_COLOUR})`;
/** Not followed by a word character `[A-Za-z0-9_]` (the token ends here). */
export const TOKEN_END = '(?![A-Za-z0-9_])';
/** As TOKEN_START, for formats whose alphabet also has `-`: not preceded by `[A-Za-z0-9_-]`. */
export const DASHED_TOKEN_START = `(?:(?<![A-Za-z0-9_-])|${AFTER_ANSI_COLOUR})`;
/** As TOKEN_END, for formats whose alphabet also has `-`: not followed by `[A-Za-z0-9_-]`. */
export const DASHED_TOKEN_END = '(?![A-Za-z0-9_-])';

// ---------------------------------------------------------------------------------------------
// Assignment glue between a context name and its value (`NAME = value`, `NAME: value`,
// `"NAME": "value"`). Three variants exist; each rule keeps the one it was written with.

/**
 * Optional closing quote of the name, up to 4 spaces, `=` / `:` / `=>` / `:=`, up to 4 spaces and an
 * optional opening `"` or `'` of the value.
 */
export const ASSIGN_THEN_QUOTE = String.raw`["']?\s{0,4}(?:=|:|=>|:=)\s{0,4}["']?`;
/**
 * Optional closing quote of the name, up to 3 spaces, `:=` / `:` / `=>` / `=`, up to 3 spaces and an
 * optional opening `"`, `'` or backtick of the value.
 */
export const ASSIGN_THEN_ANY_QUOTE = String.raw`["']?\s{0,3}(?:=|:=|:|=>)\s{0,3}["'\x60]?`;
/**
 * Optional closing quote of the name, up to 3 spaces and `=` / `:=` / `:` / `=>` / `?=`, up to 3
 * spaces; no opening quote (the generic rules match it themselves).
 */
export const ASSIGN_OPERATOR = String.raw`["']?\s{0,3}(?:=|:=|:|=>|\?=)\s{0,3}`;

/**
 * As ASSIGN_THEN_ANY_QUOTE, plus the other shapes users write after a vendor-named key: make's
 * `?=` / `::=` / `:::=`, PHP's `.=`, Ruby's `||=` after `ENV['X']`, Go / Kotlin typed declarations
 * (`var x string = "…"`), a quoted name passed with its value (`setProperty("X", "…")`), an XML
 * element with the value on the same or the next line (`<x>⏎  value⏎</x>`) and the colour reset
 * between a name and its `=` in a terminal capture. Ends before the value (after its opening quote).
 */
export const ASSIGN_ANY_SYNTAX =
  String.raw`(?:["']?\]?\s{0,3}(?::::=|::=|:=|\?\?=|\|\|=|\.=|=>|\?=|=|:)\s{0,3}["'\x60]?` +
  String.raw`|\s{1,3}(?:string|String|str)\s{1,3}=\s{0,3}["'\x60]?|:\s{0,3}(?:String|string|str)\??\s{1,3}=\s{0,3}["'\x60]?` +
  String.raw`|["']\s{0,3},\s{0,3}["'\x60]|>\s{0,80}|\x1b\[[0-9;]{0,12}m=["']?)`;

// ---------------------------------------------------------------------------------------------
// Names and values

/**
 * Case-insensitive words without the `i` flag: `anyCase('key')` → `[Kk][Ee][Yy]`. Letters only.
 * Rules that must keep values case-sensitive (an ALL_CAPS_CONSTANT is code, not a secret) match
 * their names with it.
 */
export function anyCase(words: string): string {
  return words.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`);
}

/** Characters of an identifier (also dotted / dashed: `db.password`, `X-Api-Key`, `--token`). */
export const IDENT_CHAR = '[A-Za-z0-9_.-]';
/** Characters that end an unquoted value (for use inside a character class). */
export const VALUE_END_CHARS = String.raw`\s"'\x60,;&>)}\]|`;
/** Opaque token characters, RFC 6750 b64token plus base64's `+/` (for use inside a character class). */
export const TOKEN_CHARS = String.raw`A-Za-z0-9\-._~+/`;
/**
 * A token value that is not a lone word or `auth_param=` name, an ALL_CAPS_NAME, or a dotted
 * code reference (`parsedBody.refresh_token`, `this.getToken(…)`).
 */
export const NOT_WORD =
  String.raw`(?![A-Za-z_-]{1,60}(?![A-Za-z0-9._~+/-]))` +
  String.raw`(?![A-Z][A-Z0-9_]{1,80}(?![${TOKEN_CHARS}=]))` +
  String.raw`(?![a-z_$][A-Za-z_$]{0,60}(?:\.[A-Za-z_$][A-Za-z_$]{0,60}){1,8}(?![${TOKEN_CHARS}=]))`;

// ---------------------------------------------------------------------------------------------
// Rule shapes

/** The fields of a {@link prefixedTokenRule}: what differs between tokens of that shape. */
export interface PrefixedTokenFields {
  id: string;
  issuer: string;
  name: string;
  /** The literal every token starts with, case included: the rule's `prefix` and, lower-cased, its one keyword. */
  prefix: string;
  /** The pattern of the rest of the token, after the prefix. */
  body: string;
  /** The token's alphabet has `-`, so it ends at DASHED_TOKEN_END (default: TOKEN_END). */
  dashedEnd?: boolean;
  entropy?: number;
  severity: Severity;
  kind: CredentialKind;
  cliIssued?: true;
  machineIdentity?: true;
  description: string;
}

/**
 * The commonest vendor rule: a token that starts with a fixed prefix (`bkua_`, `rubygems_`, `nfp_`…)
 * after DASHED_TOKEN_START, found at high confidence through that one keyword, revoked by hand in the
 * issuer's console. The spec has the same fields, in the same order, as one written out in full.
 */
export function prefixedTokenRule(f: PrefixedTokenFields): RuleSpec {
  return {
    id: f.id,
    issuer: f.issuer,
    name: f.name,
    pattern: DASHED_TOKEN_START + f.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + f.body + (f.dashedEnd ? DASHED_TOKEN_END : TOKEN_END),
    keywords: [f.prefix.toLowerCase()],
    ...(f.entropy === undefined ? {} : { entropy: f.entropy }),
    prefix: f.prefix,
    confidence: 'high',
    severity: f.severity,
    kind: f.kind,
    ...(f.cliIssued ? { cliIssued: true } : {}),
    ...(f.machineIdentity ? { machineIdentity: true } : {}),
    revocation: 'manual',
    description: f.description,
  };
}

// ---------------------------------------------------------------------------------------------
// Placeholders: values that stand in for a secret (`changeme`, `your_api_key`, `xxxx`, `<password>`).
// All placeholder vocabulary lives here. It is applied in three ways, each exactly as before the
// rules were split (merging them into one word set would change findings, e.g. `root` as a URL
// password or `example` as a `curl -u` password):
// - a whole password value: the `curl -u` and `.netrc` rules (NOT_PLACEHOLDER_PASSWORD) and the
//   `user:password` / URL validators (PLACEHOLDER_PASSWORD_VALUE);
// - the start of a generic assigned value (PLACEHOLDER_VALUE_START, generic rules);
// - anywhere inside a candidate token (PLACEHOLDER_INSIDE, the scanner's placeholder filter).

/** Stock passwords that every whole-value check treats as placeholders. */
const STOCK_PASSWORDS = [
  'password', 'passwd', 'pass', 'secret', 'changeme', 'token', 'pa\\$\\$word',
  // Well-known example passwords of documentation and tutorials.
  'my[-_]?(?:password|pass|secret|pwd)', 'qwerty', 'letmein', 'hunter2', 'passw0rd', 'p@ssw0rd', 'p4ssw0rd', 's3cr3t',
];

/**
 * Negative look-ahead: the value is not, as a whole, a stock placeholder password (`password`,
 * `secret`, `changeme`, `admin`, `xxxx`, `***`, `...`). Case-insensitive without the `i` flag.
 */
export const NOT_PLACEHOLDER_PASSWORD =
  '(?!(?:' + anyCase([...STOCK_PASSWORDS, 'admin', 'root', 'test'].join('|')) + String.raw`|x{3,64}|X{3,64}|\*{3,64}|\.{3})(?![^\s"'\x60]))`;

/** A whole password value (decoded `user:password`, URL password) that is a placeholder or a variable. */
export const PLACEHOLDER_PASSWORD_VALUE = new RegExp(
  '^(?:' +
    [
      ...STOCK_PASSWORDS,
      'pwd', 'change[-_]?me', 'example', 'test', 'dummy', 'redacted', 'your[-_]?password', 'your[-_]?token', '<password>',
      'my[-_]?(?:password|pass|pwd|secret)', '(?:replace|insert)[-_]with[-_][A-Za-z_]{0,40}',
      String.raw`\*+`, 'x+', 'X+', String.raw`\.{3}`, '•+',
      '<[^>]*>', String.raw`\[[^\]]*\]`, String.raw`\{[^}]*\}`,
      '%[A-Za-z_]+%', String.raw`\$[A-Za-z_][A-Za-z0-9_]*`, String.raw`\$\{[^}]*\}`, String.raw`\$\([^)]*\)`,
    ].join('|') +
    ')$',
  'i',
);

/**
 * Placeholder words at the start of an assigned value, alone, with a number, or as the first part
 * of a name: `changeme123`, `your_api_key`, `test-token`.
 */
export const PLACEHOLDER_VALUE_START =
  '(?:' +
  anyCase('your|my|test|fake|dummy|mock|example|sample|placeholder|changeme|replace|insert|enter|xxx|todo|tbd|none|null|undefined|secret|password|token') +
  String.raw`)(?:[_.-]|[0-9]{0,8}(?![^${VALUE_END_CHARS}]))`;

/**
 * Placeholder text anywhere inside a candidate token (case-insensitive). A `${…}` is one unless twelve
 * or more value characters follow it (`${PREFIX}q7Rk…`: a literal secret behind a template).
 */
export const PLACEHOLDER_INSIDE =
  /example|sample|dummy|placeholder|changeme|change_me|replace_?me|your[_-]?(?:api[_-]?)?(?:token|key|secret|password)|<[^>]*>|\{\{|\$\{(?![^}\s]{1,80}\}[A-Za-z0-9_+=-]{12})|redacted|insert[_-]?|\*\*\*\*|••|\.\.\.|truncated|0000000000|1234567890|abcdefghij|abcd1234|a1b2c3d4|12345678|test[_-]?token|not[_-]?a[_-]?(?:real|secret)/i;
/**
 * The short placeholder words `fake` and `xxxx` inside a token, cased as a person writes them (`fake`,
 * `FAKE`, `Fake`, `xxxx`, `XXXX`): random base64 holds four letters of them in mixed case about once in
 * 20,000 values (`%2FAkeF`, `fAKE`, `xXXx`), which are not placeholders. Nor is a `F`/`f` that ends a
 * percent-escape: URL-encoded base64 (an Azure SAS `sig=`) writes `/ake…` as `%2Fake…`.
 */
export const PLACEHOLDER_WORD_INSIDE = /(?<!%[0-9A-Fa-f])(?:fake|FAKE|Fake)|xxxx|XXXX/;
