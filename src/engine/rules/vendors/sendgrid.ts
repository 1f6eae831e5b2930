// SendGrid: API keys.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: sendgrid.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START, DASHED_TOKEN_END } from '../parts';

export const sendgridRules: RuleSpec[] = [
  {
    id: 'sendgrid-api-key',
    issuer: 'sendgrid',
    name: 'SendGrid API key',
    pattern: String.raw`${DASHED_TOKEN_START}SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}${DASHED_TOKEN_END}`,
    keywords: ['sg.'],
    prefix: 'SG.',
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: '`SG.` + 22-character key id + `.` + 43-character secret.',
  },
];
