// `.npmrc` auth: `_authToken`, `_auth` (base64 `user:password`) and `_password`.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: npmrc.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_CHARS } from '../parts';

export const npmrcRules: RuleSpec[] = [
  {
    id: 'npmrc-auth-token',
    issuer: 'npm',
    name: 'Registry auth token in .npmrc',
    // A bare `_authToken=<uuid>` must be a random (version 4) UUID, as npm's legacy tokens are: a
    // time-based UUID there may be an id. In the per-registry form `npm login` writes,
    // `//host[:port]/path/:_authToken=`, the value is the token whatever its UUID version.
    pattern: String.raw`(?<![A-Za-z0-9])_authToken\s{0,3}=\s{0,3}["']?(?:(?<=\/\/[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?(?:\/[^\s:'"]{0,200})?\/:_authToken\s{0,3}=\s{0,3}["']?)|(?![0-9a-f]{8}-[0-9a-f]{4}-[0-35-9a-f][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}(?![${TOKEN_CHARS}])))(?<secret>[${TOKEN_CHARS}]{16,2048}={0,2})(?![${TOKEN_CHARS}=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_authtoken'],
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'npm-token-delete',
    description: '`//registry/:_authToken=<token>` in an .npmrc (legacy UUID tokens and other registries\' tokens; `npm_` tokens are reported by the npm rule).',
  },
  {
    id: 'npmrc-auth-basic',
    issuer: 'npm',
    name: 'Registry user:password in .npmrc (`_auth`)',
    pattern: String.raw`(?<![A-Za-z0-9])_auth\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_auth'],
    decode: 'base64',
    validator: 'base64-credential',
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`_auth=<base64 of user:password>` in an .npmrc (global or per registry).',
  },
  {
    id: 'npmrc-password',
    issuer: 'npm',
    name: 'Registry password in .npmrc (`_password`)',
    pattern: String.raw`(?<![A-Za-z0-9])_password\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['_password'],
    decode: 'base64',
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: '`:_password=<base64 password>` in an .npmrc (Azure Artifacts, Nexus, Artifactory); decoded and rescanned.',
  },
];
