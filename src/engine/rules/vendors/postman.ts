// Postman: API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: postman.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { prefixedTokenRule } from '../parts';

export const postmanRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'postman-api-key',
    issuer: 'postman',
    name: 'Postman API key',
    prefix: 'PMAK-',
    body: '[a-fA-F0-9]{24}-[a-fA-F0-9]{34}',
    entropy: 3,
    severity: 'high',
    kind: 'api-key',
    description: '`PMAK-` followed by 24 hex digits, `-` and 34 hex digits.',
  }),
];
