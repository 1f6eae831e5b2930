// npm: `npm_` access tokens (base62 CRC32 checksum). `.npmrc` auth lines are in structured/npmrc.ts.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: npm.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_START, TOKEN_END } from '../parts';

export const npmRules: RuleSpec[] = [
  {
    id: 'npm-access-token',
    issuer: 'npm',
    name: 'npm access token',
    pattern: `${TOKEN_START}npm_[A-Za-z0-9]{36}${TOKEN_END}`,
    keywords: ['npm_'],
    validator: 'npm-crc32',
    skipPlaceholderFilter: true,
    prefix: 'npm_',
    confidence: 'high',
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'npm-token-delete',
    description: '`npm_` + 30 base62 characters + a 6-character base62 CRC32 checksum.',
  },
];
