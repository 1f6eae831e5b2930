// RubyGems.org: API keys (`rubygems_`), what `gem signin` writes to ~/.gem/credentials.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: rubygems.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const rubygemsRules: RuleSpec[] = [
  {
    id: 'rubygems-api-key',
    issuer: 'rubygems',
    name: 'RubyGems API key',
    pattern: String.raw`${DASHED_TOKEN_START}rubygems_[a-f0-9]{48}${TOKEN_END}`,
    keywords: ['rubygems_'],
    entropy: 3,
    prefix: 'rubygems_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: '`rubygems_` followed by 48 hex digits; `gem signin` stores one in ~/.gem/credentials.',
  },
];
