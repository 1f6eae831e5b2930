// Docker `config.json` `auths`: base64 `user:password` and identity tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: dockerConfig.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_CHARS } from '../parts';

export const dockerConfigRules: RuleSpec[] = [
  {
    id: 'docker-config-auth',
    issuer: 'generic',
    name: 'Registry credentials in a Docker config (`auths`)',
    pattern: String.raw`"auth"\s{0,3}:\s{0,3}"(?<secret>[A-Za-z0-9+/]{8,8192}={0,2})"`,
    secretGroup: 'secret',
    // The regex only runs in the 16 KB after an `"auths"` key, so a lone `"auth"` field elsewhere is
    // not read (a gcr.io `_json_key` auth alone is about 3 KB).
    keywords: ['"auths"'],
    window: { before: 0, after: 16384 },
    decode: 'base64',
    validator: 'base64-credential',
    confidence: 'high',
    severity: 'high',
    kind: 'password',
    revocation: 'manual',
    description: 'The base64 `user:password` (or `user:token`) of an `auths` entry in `~/.docker/config.json` or a `.dockerconfigjson`; a gcr.io `_json_key` entry is reported as the service-account key it holds.',
  },
  {
    id: 'docker-config-identity-token',
    issuer: 'generic',
    name: 'Registry identity token in a Docker config',
    pattern: String.raw`"identitytoken"\s{0,3}:\s{0,3}"(?<secret>[${TOKEN_CHARS}]{16,4096}={0,2})"`,
    flags: 'i',
    secretGroup: 'secret',
    keywords: ['"identitytoken"'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'high',
    kind: 'oauth-refresh-token',
    revocation: 'manual',
    description: 'An `identitytoken` (OAuth refresh token for a registry) in a Docker config.',
  },
];
