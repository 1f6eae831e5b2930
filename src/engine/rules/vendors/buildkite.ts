// Buildkite: user API access tokens (`bkua_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: buildkite.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const buildkiteRules: RuleSpec[] = [
  {
    id: 'buildkite-api-token',
    issuer: 'buildkite',
    name: 'Buildkite API access token',
    pattern: String.raw`${DASHED_TOKEN_START}bkua_[a-f0-9]{40}${TOKEN_END}`,
    keywords: ['bkua_'],
    entropy: 3,
    prefix: 'bkua_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    revocation: 'manual',
    description: '`bkua_` followed by 40 hex digits.',
  },
];
