// Postman: API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: postman.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_END, DASHED_TOKEN_START } from '../parts';

export const postmanRules: RuleSpec[] = [
  {
    id: 'postman-api-key',
    issuer: 'postman',
    name: 'Postman API key',
    pattern: `${DASHED_TOKEN_START}PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}${TOKEN_END}`,
    keywords: ['pmak-'],
    entropy: 3,
    prefix: 'PMAK-',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`PMAK-` followed by 24 hex digits, `-` and 34 hex digits.',
  },
];
