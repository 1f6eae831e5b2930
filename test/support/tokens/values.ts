// Fake values that are not tied to one vendor: random strings over an alphabet, UUIDs, generic
// secrets and passwords, opaque bearer tokens, and base64 `user:password` blobs (Docker `auths`,
// npm `_auth`, `Authorization: Basic`).

import { randomUUID } from '../seed';
import { ALPHABETS, mixed, plausible, rand, type Generators } from './random';

/**
 * `{{b62:32}}`, `{{hex:40}}`… : `n` random characters of one alphabet (default length per alphabet),
 * holding each kind of character the alphabet has (`mixed`): the scanner takes a value without a digit
 * for a word or an identifier, and a 44-character base64 draw has none about once in 1,750
 * (TC_TEST_SEED=53d2f47ba18d: rules.test kubernetes-secret-data `key: {{b64:44}}`).
 */
const alphabet = (a: string, defaultLength: number) => ([n]: string[]): string => mixed(a, Number(n ?? defaultLength));

export const generators: Generators = {
  b62: alphabet(ALPHABETS.b62, 32),
  hex: alphabet(ALPHABETS.hex, 32),
  HEX: alphabet(ALPHABETS.HEX, 32),
  b64: alphabet(ALPHABETS.b64, 40),
  b64url: alphabet(ALPHABETS.b64url, 40),
  alnum_lower: alphabet(ALPHABETS.alnum_lower, 32),
  upper: alphabet(ALPHABETS.upper, 16),
  lower: alphabet(ALPHABETS.lower, 16),
  alpha: alphabet(ALPHABETS.alpha, 16),
  digits: alphabet(ALPHABETS.digits, 10),
  b32l: alphabet(ALPHABETS.b32l, 52),
  uuid: () => randomUUID(),
  // base64 of `user:password` with a random (or given) password.
  'basic-auth': ([user = 'deploy', password = plausible(ALPHABETS.b62, 20)]) => Buffer.from(`${user}:${password}`).toString('base64'),
  // base64("user:secret") as in Docker `auths`, npm `_auth`, `Authorization: Basic`.
  'b64-cred': ([user = 'deploy', password]) => Buffer.from(`${user}:${password ?? mixed(ALPHABETS.b62, 24)}`).toString('base64'),
  // base64 of an arbitrary text (e.g. a placeholder password, a docker config).
  'b64-text': (parts) => Buffer.from(parts.join(':')).toString('base64'),
  // base64 of a random secret value (Kubernetes Secret `data:`).
  'b64-secret': ([n = '32']) => Buffer.from(mixed(ALPHABETS.b62, Number(n))).toString('base64'),
  // A high-entropy secret value with at least one digit and both letter cases. It starts with a
  // lower-case letter and a digit, so it never reads like a type name (`SomeTypeName12`,
  // `KB9XzfRHPqa7Prs9`) to the generic rules.
  secret: ([n = '32', kind = 'b62']) => {
    const a = kind === 'b64url' ? ALPHABETS.b64url : kind === 'hexmix' ? ALPHABETS.hex + 'GHJK' : ALPHABETS.b62;
    for (;;) {
      const v = rand(kind === 'hexmix' ? 'abcdef' : ALPHABETS.lower, 1) + rand(ALPHABETS.digits, 1) + mixed(a, Number(n)).slice(2);
      if (/[A-Z]/.test(v)) return v;
    }
  },
  // A password-like value: letters, digits and a few URL-safe symbols (never a quote, space, `$`, `;`, `@`, `#`).
  password: ([n = '14']) => {
    const v = mixed(ALPHABETS.b62, Number(n) - 2);
    return v.slice(0, 2) + rand(ALPHABETS.digits, 1) + v.slice(3) + rand('!*-+=', 2);
  },
  // A password with the punctuation people put in them (`(`, `)`, `&`, `,`, `~`, `%`…), never a quote, space, `\` or `<`.
  // `{{punct-password:N:query}}`: one for a URL query (`?user=…&password=…`), where a raw `&` starts the
  // next parameter (a driver reads the password up to it; a real one is percent-encoded there).
  'punct-password': ([n = '16', where]) => {
    const v = mixed(ALPHABETS.b62, Number(n) - 4);
    return rand(ALPHABETS.digits, 1) + v.slice(0, 3) + rand(where === 'query' ? '),~' : ')&,~', 1) + rand('%^*!=', 1) + v.slice(4) + rand('(),~%', 1) + rand(ALPHABETS.digits, 1);
  },
  // A passphrase with spaces and punctuation (valid only inside quotes): three words, one mixing letters and digits.
  passphrase: () => `${rand(ALPHABETS.lower, 6)} ${mixed(ALPHABETS.b62, 4)}! ${rand(ALPHABETS.lower, 5)}-${rand(ALPHABETS.digits, 3)}`,
  // An opaque bearer / refresh token.
  opaque: ([n = '48']) => mixed(ALPHABETS.b62 + '-_.', Number(n)),
};
