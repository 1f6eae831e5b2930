// PyPI: upload tokens (macaroons whose location and caveats decode offline).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: pypi.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { TOKEN_START } from '../parts';

export const pypiRules: RuleSpec[] = [
  {
    id: 'pypi-upload-token',
    issuer: 'pypi',
    name: 'PyPI API token',
    pattern: `${TOKEN_START}pypi-Ag[A-Za-z0-9_-]{60,4000}={0,2}(?![A-Za-z0-9_=-])`,
    keywords: ['pypi-ag'],
    validator: 'pypi-macaroon',
    skipPlaceholderFilter: true,
    prefix: 'pypi-',
    confidence: 'high',
    severity: 'critical',
    kind: 'personal-token',
    revocation: 'manual',
    description: '`pypi-` + a base64url macaroon whose location is pypi.org or test.pypi.org.',
  },
];
