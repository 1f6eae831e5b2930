// Generic assignments: high-entropy values given to secret-like names, passwords, and secrets passed as
// command-line flags. Lowest confidence and last in rules/index.ts: a vendor or structured rule on
// the same range wins.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: generic.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { anyCase, IDENT_CHAR, VALUE_END_CHARS, PLACEHOLDER_VALUE_START } from '../parts';

// These rules run without the `i` flag so that values stay case-sensitive (an ALL_CAPS_CONSTANT is
// code, not a secret); names are matched case-insensitively with `anyCase()`.

/** Start of an identifier: not glued to a longer one, and not a declared type / function name. */
const ID_START = String.raw`(?<!${IDENT_CHAR})(?<!\b(?:type|interface|class|enum|struct|def|function|func|fn)\s{1,4})`;
/** Identifier parts that make a secret-like name a non-secret (`next_page_token`, `tokenUrl`, `secretName`…). */
const NAME_EXCLUDE =
  `(?!${IDENT_CHAR}{0,40}?(?:` +
  anyCase('page|next|cursor|csrf|xsrf|tostore|type|count|size|limit|length|expir|ttl|timeout|url|uri|endpoint|path|file|dir|name|header|field|label|hint|prompt|placeholder|policy|rotation|version|format|prefix|suffix|regex|pattern|hash|digest|checksum|fingerprint|salt|public|publishable|tokeniz|usage|used|required|enabled|strength|algorithm|attribute|binding|provider|cache|manager|factory|handler|validator|generator|builder|helper|util|error|message|status|event|state|mode|kind') +
  String.raw`|${anyCase('ref')}s?(?![a-z])|${anyCase('arn')}(?![a-z])|[_.-]${anyCase('id')}s?(?![a-z])|(?<=[a-z])Ids?(?![a-z])` +
  String.raw`|(?<![A-Za-z])${anyCase('m')}(?:${anyCase('in|ax')})(?![a-z])|(?<=[a-z])M(?:in|ax)(?![a-z])` +
  `))`;
/**
 * The glue between a name and its value in every syntax the generic rules read: `=`, `:`, `:=`,
 * `=>`, `?=`, make's `::=` / `:::=`, `??=`, `||=` (also after a
 * Ruby `ENV['X']`), PHP's `.=`, a colour reset between name and `=` in a terminal capture, Go / Kotlin typed declarations
 * (`var x string = …`, `val x: String = …`), a quoted name passed with its value
 * (`System.setProperty("X", …)`, `define('X', …)`), an XML element (`<apiKey>…` on the same or
 * the next lines), a YAML block scalar (`key: |` then the value), a Kubernetes `- name: X` /
 * `value: …` pair and `<add key="X" value="…" />`. The scanner's anchored pre-check (scanner.ts `assignmentAt`) accepts the same.
 */
const GENERIC_ASSIGN =
  String.raw`(?:["']?\]?\s{0,3}(?::::=|::=|:=|\?\?=|\|\|=|\.=|=>|\?=|=|:(?!:))\s{0,3}` +
  String.raw`|\x1b\[[0-9;]{0,12}m=` + // a name printed in colour in a terminal capture (`env` with colours)
  String.raw`|\s{1,3}(?:string|String|str)\s{1,3}=\s{0,3}` +
  String.raw`|:\s{0,3}(?:String|string|str)\??\s{1,3}=\s{0,3}` +
  // A quoted name then a comma: not when the name is a lone lower-case word, which is a value
  // passed to a function (`argon2d('password', 'salt1234')`), not a key (`define('DB_PASSWORD', …)`).
  String.raw`|(?<!["'][a-z]{1,24})["']\s{0,3},\s{0,3}` +
  String.raw`|:[ \t]{0,3}[|>][-+]?[ \t]{0,3}\r?\n[ \t]{1,40}` + // YAML block scalar: the value on the next line
  String.raw`|["']?[ \t]{0,3}\r?\n[ \t]{0,40}value[ \t]{0,3}:[ \t]{0,3}` + // Kubernetes env: \`- name: X\` then \`value: …\`
  String.raw`|["'][ \t]{1,3}value[ \t]{0,3}=[ \t]{0,3}` + // <add key="X" value="…" /> (web.config, NuGet)
  String.raw`|(?<=<${IDENT_CHAR}{1,80})>(?=\s{0,80}[^<\s]{1,1024}\s{0,80}<\/)\s{0,80})`; // <apiKey>value</apiKey>
/**
 * Values that are references, code, URLs, paths, templates, constants or placeholders rather than
 * secrets. `end` and `endInTag` are look-aheads for the end of a whole value (`endInTag` also before
 * `<` or a backslash): a password's value runs past `,` `;` `&` `)`, so `nuI4&+S2` is not the type name `nuI4`.
 */
const nonSecretValue = (end: string, endInTag: string): string => [
  // $VAR, ${VAR}, $(cmd), $2b$ bcrypt hashes — not `${PREFIX}` before a literal secret (issue 12 item 5).
  String.raw`\$(?!\{[^}\s]{1,80}\}[A-Za-z0-9_+=-]{12})`,
  String.raw`%[A-Za-z_][A-Za-z0-9_]{0,60}%`,
  String.raw`\{\{`,
  String.raw`<%`,
  String.raw`#\{`,
  String.raw`(?:op|keychain|vscode-secret)://`,
  String.raw`(?:vault|secretsmanager|ssm|awssm|gcpsm|azurekv|akv|doppler|infisical|env|file|data):`,
  String.raw`arn:aws:`,
  String.raw`ENC\[[A-Z0-9_]{2,20},`, // SOPS-encrypted values: ENC[AES256_GCM,data:…,type:str]
  String.raw`(?:sha1|sha256|sha384|sha512|md5)-`,
  String.raw`[A-Za-z][A-Za-z0-9+.-]{1,15}://`, // URLs (credentials in URLs have their own rule)
  String.raw`(?:\.{1,2}|~)?/(?:[A-Za-z0-9._-]{1,64}/){1,16}[A-Za-z0-9._-]{0,64}${end}`, // /etc/app/secret.key
  String.raw`[A-Za-z]:[\\/]`, // C:\ paths
  // Unquoted dotted identifiers are code: process.env.X, config.secret, Algorithms.RS256.
  String.raw`(?<!["'\x60])[A-Za-z_][A-Za-z0-9_]{0,60}(?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,8}${end}`,
  // PascalCase / camelCase type and variable names ending in a number: SignUpAttributeV2, Token$1.
  String.raw`[A-Za-z][a-z]{1,20}[A-Z][A-Za-z]{0,40}\$?[0-9]{1,3}${end}`,
  // Type and member names made of capitalised words, with an optional short prefix or version:
  // V1SecretVolumeSource, AWSCredentialsProvider2 (random tokens do not read as words).
  String.raw`(?:[A-Z0-9]{0,3}[A-Z][a-z]{2,15}){2,8}[0-9]{0,3}${endInTag}`,
  // snake_case names of a storage slot or setting: google_oauth2_credentials, api_token_v2.
  String.raw`[a-z]{2,15}[0-9]{0,2}(?:_[a-z]{2,15}[0-9]{0,2}){1,8}${endInTag}`,
  // ALL_CAPS_CONSTANTS (quoted or not): enum values and environment variable names.
  String.raw`[A-Z][A-Z0-9]{0,40}_[A-Z0-9_]{0,80}${end}`,
  // Versioned artifact names: io.jsonwebtoken:jjwt-jackson-0.11.2, left-pad-1.3.0.
  String.raw`[A-Za-z][A-Za-z0-9]{0,40}(?:[-_.][A-Za-z][A-Za-z0-9]{0,40}){0,8}[-_:]v?[0-9]{1,4}\.[0-9]{1,4}(?:\.[0-9]{1,6})?(?:[-+.][A-Za-z0-9.]{1,20})?${end}`,
  // Regular expressions: a character class with a quantifier (`[A-Za-z0-9._~+/-]+=*`), `\d{6}`.
  String.raw`[^\s"'\x60]{0,40}?(?:\[[^\]\s"'\x60]{1,80}\][+*?{]|\\[dwsDWS][+*?{])`,
  PLACEHOLDER_VALUE_START, // placeholder words, alone, with a number, or as the first part of a name
].join('|');
const NON_SECRET_VALUE = nonSecretValue(`(?![^${VALUE_END_CHARS}])`, String.raw`(?![^${VALUE_END_CHARS}<\\])`);
/** A value must hold a digit and a letter within its first 65 characters (so words, identifiers and numbers do not match). */
const HAS_DIGIT_AND_LETTER = String.raw`(?=[^\s"'\x60]{0,64}?[0-9])(?=[^\s"'\x60]{0,64}?[A-Za-z])`;

/**
 * The value of an assignment as one named group `secret`: inside double, single or back quotes
 * (no whitespace or backslash), or unquoted up to a terminator. Each branch is a greedy run over a
 * class that excludes its own terminator, followed by a check of the next character, so a failed
 * branch gives up after one pass.
 */
function value(min: number, max: number): string {
  return (
    `(?<secret>` +
    String.raw`(?<=")[^"\s\\]{${min},${max}}(?=")` +
    String.raw`|(?<=')[^'\s\\]{${min},${max}}(?=')` +
    String.raw`|(?<=\x60)[^\x60\s\\]{${min},${max}}(?=\x60)` +
    String.raw`|(?<!["'\x60])[^${VALUE_END_CHARS}(){}\[\]<\\]{${min},${max}}(?![^${VALUE_END_CHARS}<\\])` +
    `)`
  );
}

/**
 * Characters that may sit inside an unquoted password: punctuation included, but not a `&` that starts
 * the next `name=` of a query string, nor a `,` / `;` that starts the next `name:` / `name=` /
 * `name(` of minified code (`password:!0,range:!0`).
 */
const PASSWORD_CHAR = String.raw`(?:[^\s"'\x60\\<&,;]|&(?![A-Za-z_][A-Za-z0-9_.-]{0,30}=)|[,;](?![A-Za-z_$][A-Za-z0-9_$]{0,30}[:=(]))`;
/** Punctuation that ends a value in code, URLs and shell (`,` `;` `)` `&` `|` `>` `}` `]`) when nothing else follows it. */
const VALUE_END_PUNCT = String.raw`[&,;)|>}\]]`;
/** Look-ahead: a password value ends here (closing punctuation, then nothing a password holds). */
const PASSWORD_VALUE_END = `(?=${VALUE_END_PUNCT}{0,4}(?!${PASSWORD_CHAR}))`;

/**
 * The value of a password assignment as one named group `secret`. Passwords carry punctuation
 * (`~(N3`, `a&b)c`, `x,y`), so unlike `value()` an unquoted password runs to whitespace, a quote, a
 * backslash (`\n` inside an escaped string) or `<` (the end of an XML element), and only gives back
 * trailing punctuation that closes the surrounding code (`f(password=abc1, …)`); an HTML-escaped
 * `<` (`&lt;string>`) starts a placeholder, not a password. A quoted password
 * may hold single spaces (`"correct horse 4! staple"`) when it is not prose: 2–6 words, one of which
 * mixes letters and digits. Each branch requires a digit and a letter within its first 65 characters.
 */
function passwordValue(min: number, max: number): string {
  const quoted = (q: string): string =>
    String.raw`(?<=${q})(?=[^${q}\s\\]{0,64}?[0-9])(?=[^${q}\s\\]{0,64}?[A-Za-z])[^${q}\s\\]{${min},${max}}(?=${q})` +
    // A passphrase: words separated by single spaces, one word mixing letters and digits.
    String.raw`|(?<=${q})(?=(?:[^${q}\s\\]{1,60} ){1,5}[^${q}\s\\]{1,60}${q})(?=[^${q}\r\n]{0,200}?(?:[A-Za-z][^${q}\s]{0,40}?[0-9]|[0-9][^${q}\s]{0,40}?[A-Za-z]))[^${q}\r\n\\]{${min},${max}}(?=${q})`;
  return (
    `(?<secret>` +
    [quoted('"'), quoted("'"), quoted(String.raw`\x60`)].join('|') +
    String.raw`|(?<!["'\x60])(?!&(?:lt|#[xX]3[cC]|#0?60);)(?=${PASSWORD_CHAR}{0,64}?[0-9])(?=${PASSWORD_CHAR}{0,64}?[A-Za-z])${PASSWORD_CHAR}{${min - 1},${max - 1}}(?!${VALUE_END_PUNCT})${PASSWORD_CHAR}${PASSWORD_VALUE_END}` +
    `)`
  );
}

/** Secret-like names for the generic secret rule (passwords have their own rule). */
const SECRET_NAME =
  '(?:' +
  anyCase('secret|token|credentials?|auth[_.-]?code|api[_.-]?key|apikey|(?:access|auth|private|signing|encryption|master|client|app|admin|license|webhook|deploy|account|session|consumer|integration)[_.-]?key') +
  ')';
const PASSWORD_NAME = `(?:${anyCase('passwd|password|passphrase|pwd')}|(?<![A-Za-z])${anyCase('pass')}(?![a-z]))`;
/**
 * What follows the name in the two anchored rules: the assignment, then a value that is not one of
 * the non-secret shapes. Their `afterIdentifier` is the same without that look-ahead, whose many
 * branches read far on every assignment (`token = await f()`): the value's own shape rejects most first.
 */
const assignedValue = (nonSecret: string, valuePattern: string): { pattern: string; check: string } => ({
  pattern: `${GENERIC_ASSIGN}["'\\x60]?(?!${nonSecret})${valuePattern}`,
  check: `${GENERIC_ASSIGN}["'\\x60]?${valuePattern}`,
});
const SECRET_ASSIGNED_VALUE = assignedValue(NON_SECRET_VALUE, `${HAS_DIGIT_AND_LETTER}${value(16, 1024)}`);
const PASSWORD_ASSIGNED_VALUE = assignedValue(nonSecretValue(PASSWORD_VALUE_END, PASSWORD_VALUE_END), passwordValue(8, 200));

export const genericRules: RuleSpec[] = [
  {
    id: 'generic-cli-secret-flag',
    issuer: 'generic',
    name: 'Secret passed as a command-line flag',
    pattern: `(?<![A-Za-z0-9_-])--?(?:[A-Za-z0-9]{1,20}-){0,3}${anyCase('(?:token|password|passwd|secret|api-key|apikey|access-key|secret-key|auth-token|client-secret)')}(?:[ \\t]{1,3}|=)["']?(?!${NON_SECRET_VALUE})${HAS_DIGIT_AND_LETTER}${value(12, 1024)}`,
    secretGroup: 'secret',
    keywords: ['-token', '-password', '-passwd', '-secret', '-api-key', '-apikey', '-access-key', '-auth-token'],
    entropy: 2.7,
    confidence: 'low',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A high-entropy value after a `--token`, `--password`, `--api-key`, `--client-secret`… command-line flag.',
  },
  {
    id: 'generic-password-assignment',
    issuer: 'generic',
    name: 'Password assigned in code or configuration',
    pattern: `${ID_START}${NAME_EXCLUDE}${IDENT_CHAR}{0,40}?${PASSWORD_NAME}${IDENT_CHAR}{0,40}${PASSWORD_ASSIGNED_VALUE.pattern}`,
    secretGroup: 'secret',
    anchor: 'identifier',
    afterIdentifier: PASSWORD_ASSIGNED_VALUE.check,
    keywords: ['passw', 'passphrase', 'pwd', 'pass'],
    entropy: 2.5,
    confidence: 'low',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'A password-like value (8+ characters with letters and digits, not a reference or placeholder) assigned to a password-like name.',
  },
  {
    id: 'generic-secret-assignment',
    issuer: 'generic',
    name: 'Secret assigned in code or configuration',
    pattern: `${ID_START}${NAME_EXCLUDE}${IDENT_CHAR}{0,40}?${SECRET_NAME}${IDENT_CHAR}{0,40}${SECRET_ASSIGNED_VALUE.pattern}`,
    secretGroup: 'secret',
    anchor: 'identifier',
    afterIdentifier: SECRET_ASSIGNED_VALUE.check,
    keywords: ['secret', 'token', 'key', 'credential', 'auth_code', 'authcode'],
    entropy: 3.2,
    confidence: 'low',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A high-entropy value (16+ characters, ≥3.2 bits/char, letters and digits) assigned to a secret-like name (`API_KEY`, `client_secret`, `token`…).',
  },
];
