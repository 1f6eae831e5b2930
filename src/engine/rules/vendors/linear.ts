// Linear: API keys and OAuth tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: linear.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const linearRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'linear-api-key',
    issuer: 'linear',
    name: 'Linear personal API key',
    prefix: 'lin_api_',
    body: '[A-Za-z0-9]{40}',
    entropy: 3.5,
    severity: 'high',
    kind: 'personal-token',
    description: '`lin_api_` followed by 40 alphanumerics.',
  }),
  prefixedTokenRule({
    id: 'linear-oauth-token',
    issuer: 'linear',
    name: 'Linear OAuth access token',
    prefix: 'lin_oauth_',
    body: '[A-Za-z0-9]{64}',
    entropy: 3,
    severity: 'high',
    kind: 'oauth-access-token',
    description: '`lin_oauth_` followed by 64 hex digits.',
  }),
];
