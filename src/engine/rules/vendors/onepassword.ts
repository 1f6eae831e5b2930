// 1Password: service account tokens (`ops_` + base64 of a JSON), used by `op` and the SDKs through
// OP_SERVICE_ACCOUNT_TOKEN.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: onepassword.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_START } from '../parts';

export const onepasswordRules: RuleSpec[] = [
  {
    id: 'onepassword-service-account-token',
    issuer: 'onepassword',
    name: '1Password service account token',
    pattern: String.raw`${DASHED_TOKEN_START}ops_eyJ[A-Za-z0-9+/]{250,4096}={0,3}(?![A-Za-z0-9+/=_-])`,
    keywords: ['ops_eyj'],
    entropy: 4,
    prefix: 'ops_',
    confidence: 'high',
    severity: 'high',
    kind: 'service-account',
    machineIdentity: true,
    revocation: 'manual',
    description: '`ops_eyJ` followed by 250+ base64 characters (a 1Password service account token).',
  },
];
