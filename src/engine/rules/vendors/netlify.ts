// Netlify: personal access tokens (`nfp_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: netlify.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, TOKEN_END } from '../parts';

export const netlifyRules: RuleSpec[] = [
  {
    id: 'netlify-personal-token',
    issuer: 'netlify',
    name: 'Netlify personal access token',
    pattern: String.raw`${DASHED_TOKEN_START}nfp_[A-Za-z0-9]{36}${TOKEN_END}`,
    keywords: ['nfp_'],
    entropy: 3.5,
    prefix: 'nfp_',
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    revocation: 'manual',
    description: '`nfp_` followed by 36 alphanumerics.',
  },
];
