// Kubernetes: bearer tokens and client keys in a kubeconfig, and Secret `data`. These come before
// structured/jwt.ts in rules/index.ts so they win ties on the same range.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: kubernetes.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { IDENT_CHAR, TOKEN_CHARS, NOT_WORD } from '../parts';

/** After `key:` in a Secret's data: the base64 value, on the line or as a `|` / `>` block scalar's first line. */
const SECRET_VALUE = String.raw`[ \t]{1,8}(?:[|>][-+]?[ \t]*\r?\n[ \t]{1,16})?["']?(?<secret>[A-Za-z0-9+/]{8,16384}={0,2})["']?[ \t]*\r?$`;

/** Secret keys that hold public or descriptive values (a Secret's `ca.crt`, a service-account Secret's `namespace`…). */
const PUBLIC_SECRET_KEYS = String.raw`(?:${IDENT_CHAR}{0,60}\.(?:crt|cert|pub|pem)|ca|ca[-_.]?bundle|namespace|user(?:name)?|login|email|host(?:name)?|port|url|uri|endpoint|server|database|db(?:name)?|region|name|type|id|${IDENT_CHAR}{0,60}[-_.](?:id|user(?:name)?|host|url|port|name))`;

/**
 * How both Secret `data` rules read a manifest: multi-line and case-insensitive, near a `kind: Secret`
 * (8 KB either side), the value in group `secret`, decoded from base64 and rescanned.
 */
const SECRET_DATA_OPTIONS = {
  flags: 'im',
  secretGroup: 'secret',
  keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
  window: { before: 8192, after: 8192 },
  decode: 'base64',
} satisfies Partial<RuleSpec>;

export const kubernetesRules: RuleSpec[] = [
  {
    id: 'kubeconfig-token',
    issuer: 'kubernetes',
    name: 'Kubernetes bearer token in a kubeconfig',
    pattern:
      String.raw`(?<![A-Za-z0-9_-])user:[ \t]{0,8}\r?\n[\s\S]{0,300}?(?<![A-Za-z0-9_-])token:[ \t]{1,8}["']?` +
      `(?<secret>${NOT_WORD}[${TOKEN_CHARS}]{16,4096}={0,2})(?![${TOKEN_CHARS}=])`,
    secretGroup: 'secret',
    keywords: ['user:'],
    window: { before: 0, after: 4500 },
    matchPrefix: String.raw`user:[ \t]{0,8}\r?\n`,
    entropy: 3,
    confidence: 'high',
    severity: 'critical',
    kind: 'session-token',
    revocation: 'manual',
    description: '`token:` under a `user:` entry of a kubeconfig (service-account, bootstrap or OIDC bearer token).',
  },
  {
    id: 'kubeconfig-client-key-data',
    issuer: 'kubernetes',
    name: 'Kubernetes client private key in a kubeconfig',
    pattern: String.raw`(?<![A-Za-z0-9_-])client-key-data:[ \t]{0,8}["']?(?<secret>LS0tLS1CRUdJTi(?!BDRVJUSUZJQ0FURS)[A-Za-z0-9+/]{60,16384}={0,2})(?![A-Za-z0-9+/=])`,
    secretGroup: 'secret',
    keywords: ['client-key-data'],
    entropy: 4.5,
    prefix: 'LS0tLS1CRUdJTi',
    skipPlaceholderFilter: true,
    confidence: 'high',
    severity: 'critical',
    kind: 'private-key',
    revocation: 'manual',
    description: '`client-key-data:` holding a base64-encoded PEM private key (a client certificate key for the cluster).',
  },
  {
    id: 'kubernetes-secret-data',
    issuer: 'kubernetes',
    name: 'Kubernetes Secret data value',
    pattern:
      String.raw`^[ \t]{1,8}["']?${IDENT_CHAR}{0,60}?(?:token|passw(?:or)?d|secret|key|auth|credential|pass|pwd|dockerconfigjson|dockercfg|jwt|apikey)${IDENT_CHAR}{0,60}["']?:${SECRET_VALUE}`,
    ...SECRET_DATA_OPTIONS,
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    keepUndecodable: true,
    description: 'A base64 `data:` value with a secret-like key (token, password, key, auth…) in a Kubernetes `kind: Secret` manifest, also as a `|` or `>` block scalar; decoded and checked (binary values, such as keystores, are kept at low confidence).',
  },
  {
    id: 'kubernetes-secret-data-random',
    issuer: 'kubernetes',
    name: 'Kubernetes Secret data value',
    // Any key of a Secret but the ones that hold public or descriptive values (certificates, CA
    // bundles, public keys, user names, hosts, ports…): a random value there is secret whatever its
    // key is called. The decoded value must be random (entropy 4), so `mysql.default.svc` is not.
    pattern:
      String.raw`^[ \t]{1,8}["']?(?!${PUBLIC_SECRET_KEYS}["']?:)${IDENT_CHAR}{1,120}["']?:${SECRET_VALUE}`,
    ...SECRET_DATA_OPTIONS,
    keepUndecodable: true,
    entropy: 4,
    confidence: 'low',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A random base64 `data:` value under any key of a Kubernetes `kind: Secret` manifest but certificates, CA bundles, public keys, user names and endpoints.',
  },
];
