// Netlify: personal access tokens (`nfp_`).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: netlify.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const netlifyRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'netlify-personal-token',
    issuer: 'netlify',
    name: 'Netlify personal access token',
    prefix: 'nfp_',
    body: '[A-Za-z0-9]{36}',
    entropy: 3.5,
    severity: 'high',
    kind: 'personal-token',
    description: '`nfp_` followed by 36 alphanumerics.',
  }),
];
