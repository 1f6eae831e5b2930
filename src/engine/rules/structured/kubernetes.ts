// Kubernetes: bearer tokens and client keys in a kubeconfig, and Secret `data`. These come before
// structured/jwt.ts in rules/index.ts so they win ties on the same range.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: kubernetes.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { IDENT_CHAR, TOKEN_CHARS, NOT_WORD } from '../parts';

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
      String.raw`^[ \t]{1,8}["']?${IDENT_CHAR}{0,60}?(?:token|passw(?:or)?d|secret|key|auth|credential|pass|pwd|dockerconfigjson|dockercfg|jwt|apikey)${IDENT_CHAR}{0,60}["']?:[ \t]{1,8}["']?` +
      String.raw`(?<secret>[A-Za-z0-9+/]{8,16384}={0,2})["']?[ \t]*\r?$`,
    flags: 'im',
    secretGroup: 'secret',
    keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    window: { before: 8192, after: 8192 },
    decode: 'base64',
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'generic-secret',
    revocation: 'manual',
    description: 'A base64 `data:` value with a secret-like key (token, password, key, auth…) in a Kubernetes `kind: Secret` manifest; decoded and checked.',
  },
];
