// RubyGems.org: API keys (`rubygems_`), what `gem signin` writes to ~/.gem/credentials.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: rubygems.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const rubygemsRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'rubygems-api-key',
    issuer: 'rubygems',
    name: 'RubyGems API key',
    prefix: 'rubygems_',
    body: '[a-f0-9]{48}',
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`rubygems_` followed by 48 hex digits; `gem signin` stores one in ~/.gem/credentials.',
  }),
];
