// Buildkite: user API access tokens (`bkua_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: buildkite.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const buildkiteRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'buildkite-api-token',
    issuer: 'buildkite',
    name: 'Buildkite API access token',
    prefix: 'bkua_',
    body: '[a-f0-9]{40}',
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    description: '`bkua_` followed by 40 hex digits.',
  }),
];
