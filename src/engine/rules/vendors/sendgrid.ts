// SendGrid: API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: sendgrid.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const sendgridRules: RuleSpec[] = [
  {
    id: 'sendgrid-api-key',
    issuer: 'sendgrid',
    name: 'SendGrid API key',
    pattern: String.raw`${DASHED_TOKEN_START}SG\.(?:[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{39,50}${DASHED_TOKEN_END}|(?=[A-Za-z=_.-]{0,65}[0-9])[A-Za-z0-9=_.-]{66}(?![A-Za-z0-9=_.-]))`,
    keywords: ['sg.'],
    prefix: 'SG.',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`SG.` + 22-character key id + `.` + 43-character secret (other lengths of both parts seen in older and subuser keys: 16–32 and 39–50), or `SG.` + 66 key characters in one run.',
  },
];
