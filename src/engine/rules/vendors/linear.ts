// Linear: API keys and OAuth tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: linear.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_END, DASHED_TOKEN_START } from '../parts';

export const linearRules: RuleSpec[] = [
  {
    id: 'linear-api-key',
    issuer: 'linear',
    name: 'Linear personal API key',
    pattern: `${DASHED_TOKEN_START}lin_api_[A-Za-z0-9]{40}${TOKEN_END}`,
    keywords: ['lin_api_'],
    entropy: 3.5,
    prefix: 'lin_api_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    revocation: 'manual',
    description: '`lin_api_` followed by 40 alphanumerics.',
  },
  {
    id: 'linear-oauth-token',
    issuer: 'linear',
    name: 'Linear OAuth access token',
    pattern: `${DASHED_TOKEN_START}lin_oauth_[A-Za-z0-9]{64}${TOKEN_END}`,
    keywords: ['lin_oauth_'],
    entropy: 3,
    prefix: 'lin_oauth_',
    confidence: 'high',
    severity: 'high',
    kind: 'oauth-access-token',
    revocation: 'manual',
    description: '`lin_oauth_` followed by 64 hex digits.',
  },
];
