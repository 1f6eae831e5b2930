// JSON Web Keys: the private members of a JWK or JWKS (`"d"` of an RSA / EC / OKP key, the RSA
// factors `"p"`, `"q"`, `"dp"`, `"dq"`, `"qi"`, and `"k"` of a symmetric `"kty": "oct"` key).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: jwk.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';

export const jwkRules: RuleSpec[] = [
  {
    id: 'jwk-private-key',
    issuer: 'generic',
    name: 'Private or symmetric JSON Web Key',
    pattern: String.raw`["'](?:d|p|q|dp|dq|qi|k)["']\s{0,3}:\s{0,3}["'](?<secret>[A-Za-z0-9_-]{22,4096})["']`,
    secretGroup: 'secret',
    // Only near a `"kty"` member: the regex runs in a window around it (members come in any order,
    // and an RSA key's private members span about 1.5 KB).
    keywords: ['"kty"', "'kty'"],
    window: { before: 4096, after: 4096 },
    entropy: 3.5,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: 'A private member of a JSON Web Key next to its `"kty"`: `"d"` (RSA, EC, OKP), the RSA factors `"p"`, `"q"`, `"dp"`, `"dq"`, `"qi"`, or `"k"` of a symmetric key. Public members (`"n"`, `"e"`, `"x"`, `"y"`) are not reported.',
  },
];
